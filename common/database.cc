#include "common/database.h"

#include <chrono>
#include <cstdlib>
#include <thread>
#include <filesystem>

#include "common/error.h"
#include "common/keys.h"
#include "common/schema.h"

namespace news {
namespace {

Error not_a_database(const std::string& path, const std::string& what) {
    return Error(ErrorKind::kDatabase, path + " is not a news-search database (" + what + ")");
}

void check_schema_version(const Xapian::Database& db, const std::string& path) {
    const std::string stored = db.get_metadata(std::string(schema::metadata::kSchemaVersion));
    if (stored.empty() && db.get_doccount() == 0) return;
    if (stored.empty()) throw not_a_database(path, "a Xapian database news-search did not write");
    if (stored != std::to_string(schema::kVersion))
        throw Error(ErrorKind::kDatabase,
                    "database " + path + " has schema version " +
                        (stored.empty() ? "(none)" : stored) + ", this program needs " +
                        std::to_string(schema::kVersion) + "; rebuild it with `news-index build`");
}

}  // namespace

std::string resolve_database_path(const std::string& option) {
    if (!option.empty()) return option;
    if (const char* env = std::getenv("NEWS_DB"); env && *env) return env;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return std::string(xdg) + "/news-search/db";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::string(home) + "/.local/share/news-search/db";
    return "news-search.db";
}

DatabasePathKind database_path_kind(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) return DatabasePathKind::kMissing;
    if (!fs::is_directory(status)) return DatabasePathKind::kFile;
    // Each Xapian backend marks its databases with one of these files.
    for (const char* marker : {"iamglass", "iamhoney", "iamchert"})
        if (fs::exists(fs::path(path) / marker, ec)) return DatabasePathKind::kDatabase;
    return fs::is_empty(path, ec) && !ec ? DatabasePathKind::kEmptyFolder : DatabasePathKind::kOtherFolder;
}

Xapian::Database open_for_reading(const std::string& path) {
    const DatabasePathKind kind = database_path_kind(path);
    if (kind == DatabasePathKind::kMissing)
        throw Error(ErrorKind::kDatabase,
                    "no database at " + path +
                        " (build one with `news-index build`, or point --db or NEWS_DB at one)");
    if (kind == DatabasePathKind::kEmptyFolder) throw not_a_database(path, "an empty folder");
    if (kind == DatabasePathKind::kOtherFolder) throw not_a_database(path, "a folder of other files");
    // A compaction (news-index compact, or the end of a large build) swaps a
    // new database into place with one rename; an open that straddles the
    // rename reads the old version file and new tables, and fails. Opening
    // again then finds the new database whole.
    for (int attempt = 0;; ++attempt) {
        try {
            Xapian::Database db(path);
            check_schema_version(db, path);
            return db;
        } catch (const Xapian::DatabaseOpeningError& e) {
            // Xapian reads any file as a stub file listing databases: "Bad line" is its verdict on the rest.
            if (kind == DatabasePathKind::kFile) throw not_a_database(path, "a file, and not a Xapian stub file");
            if (attempt < 3) {
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
                continue;
            }
            throw Error(ErrorKind::kDatabase, "cannot open database " + path + ": " + e.get_description());
        } catch (const Xapian::DatabaseError& e) {
            if (attempt < 3) {
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
                continue;
            }
            throw Error(ErrorKind::kDatabase, "cannot open database " + path + ": " + e.get_description());
        } catch (const Xapian::Error& e) {
            throw Error(ErrorKind::kDatabase, "cannot open database " + path + ": " + e.get_description());
        }
    }
}

Xapian::WritableDatabase open_for_writing(const std::string& path, WriteMode mode) {
    switch (database_path_kind(path)) {
    case DatabasePathKind::kFile:
        throw not_a_database(path, "a file; a database is a folder");
    case DatabasePathKind::kOtherFolder:
        throw not_a_database(path, "a folder of other files; give a new or empty folder");
    case DatabasePathKind::kMissing:
    case DatabasePathKind::kEmptyFolder:
        if (mode == WriteMode::kOpenExisting)
            throw Error(ErrorKind::kDatabase, "no database at " + path +
                                                  " (build one with `news-index build`, or point --db or NEWS_DB at one)");
        break;
    case DatabasePathKind::kDatabase:
        break;
    }
    try {
        std::error_code ec;
        const auto parent = std::filesystem::path(path).parent_path();
        if (!parent.empty()) std::filesystem::create_directories(parent, ec);
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
        check_schema_version(db, path);
        db.set_metadata(std::string(schema::metadata::kSchemaVersion), std::to_string(schema::kVersion));
        return db;
    } catch (const Xapian::DatabaseLockError&) {
        throw DatabaseLockedError(path);
    } catch (const Xapian::Error& e) {
        throw Error(ErrorKind::kDatabase, "cannot open database " + path + " for writing: " +
                                              e.get_description());
    }
}

std::string article_id(const Xapian::Database& db, Xapian::docid doc) {
    const std::string prefix(schema::prefix::kId);
    auto t = db.termlist_begin(doc);
    t.skip_to(prefix);
    if (t != db.termlist_end(doc) && (*t).compare(0, prefix.size(), prefix) == 0) return (*t).substr(prefix.size());
    return {};
}

std::optional<Xapian::docid> find_article(const Xapian::Database& db, const std::string& id) {
    auto only_document = [&](const std::string& term) -> std::optional<Xapian::docid> {
        if (db.get_termfreq(term) != 1) return std::nullopt;
        return *db.postlist_begin(term);
    };
    if (auto found = only_document(id_term(id))) return found;
    // A path, relative or not, to the file of a whole-file article: its id
    // (a .txt's absolute path), or its stored path (a page whose id is its URL).
    std::error_code ec;
    const std::string canonical = std::filesystem::weakly_canonical(id, ec).string();
    if (ec) return std::nullopt;
    if (auto found = only_document(id_term(canonical))) return found;
    return only_document(schema::term(schema::prefix::kPath, bounded_term_value(canonical)));
}

}  // namespace news
