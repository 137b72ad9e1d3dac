// Finding, opening and version-checking the news-search database.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>

namespace news {

// The database path: `option` if given, else $NEWS_DB, else
// $XDG_DATA_HOME/news-search/db (~/.local/share/news-search/db).
std::string resolve_database_path(const std::string& option);

// What is at a database path before it is opened.
enum class DatabasePathKind {
    kMissing,      // nothing: a build creates the database there
    kEmptyFolder,  // a build creates the database there
    kDatabase,     // a folder holding a Xapian database
    kOtherFolder,  // a folder of other files: never written into
    kFile,         // a file: a Xapian stub file (shards, remote) or anything else
};
DatabasePathKind database_path_kind(const std::string& path);

// Opens for searching. `path` may also be a Xapian stub file listing shards
// or remote (xapian-tcpsrv) databases. Throws news::Error(kDatabase) if it is
// missing, unreadable, "not a news-search database" (a folder of other files,
// a file that is no stub file, a Xapian database news-search did not write)
// or written by an incompatible schema version.
Xapian::Database open_for_reading(const std::string& path);

// Whether open_for_writing may make a new database.
enum class WriteMode { kCreateOrOpen, kOpenExisting };

// Opens for indexing (creating it if needed and allowed); throws
// news::DatabaseLockedError if another writer holds the lock,
// news::Error(kDatabase) if the schema version differs, or if `path` is a
// file or a non-empty folder that is "not a news-search database": a build
// never writes among other files.
Xapian::WritableDatabase open_for_writing(const std::string& path, WriteMode mode = WriteMode::kCreateOrOpen);

// The document of the article with this id, also accepting a path (relative
// or not) to the file of a whole-file article, whatever its id (a .txt's is
// its absolute path, a page's its URL), or of a web archive holding one article.
std::optional<Xapian::docid> find_article(const Xapian::Database& db, const std::string& id);

// The article id of document `doc` (its id term without the prefix), read
// from its termlist; empty if it has none. Works through a stub of shards.
std::string article_id(const Xapian::Database& db, Xapian::docid doc);

}  // namespace news
