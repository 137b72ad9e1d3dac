// Finding, opening and version-checking the news-search database.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>

namespace news {

// The database path: `option` if given, else $NEWS_DB, else
// $XDG_DATA_HOME/news-search/db (~/.local/share/news-search/db).
std::string resolve_database_path(const std::string& option);

// Opens for searching. `path` may also be a Xapian stub file listing shards
// or remote (xapian-tcpsrv) databases. Throws news::Error(kDatabase) if it is
// missing, unreadable or written by an incompatible schema version.
Xapian::Database open_for_reading(const std::string& path);

// Opens (creating if needed) for indexing; throws news::DatabaseLockedError
// if another writer holds the lock, news::Error(kDatabase) if the schema
// version differs.
Xapian::WritableDatabase open_for_writing(const std::string& path);

// The document of the article with this id, also accepting a relative or
// non-canonical path for text articles (whose id is their absolute path).
std::optional<Xapian::docid> find_article(const Xapian::Database& db, const std::string& id);

}  // namespace news
