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

void check_schema_version(const Xapian::Database& db, const std::string& path) {
    const std::string stored = db.get_metadata(std::string(schema::metadata::kSchemaVersion));
    if (stored.empty() && db.get_doccount() == 0) return;
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

Xapian::Database open_for_reading(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw Error(ErrorKind::kDatabase,
                    "no database at " + path +
                        " (build one with `news-index build`, or point --db or NEWS_DB at one)");
    // A compaction (news-index compact, or the end of a large build) swaps a
    // new database into place with one rename; an open that straddles the
    // rename reads the old version file and new tables, and fails. Opening
    // again then finds the new database whole.
    for (int attempt = 0;; ++attempt) {
        try {
            Xapian::Database db(path);
            check_schema_version(db, path);
            return db;
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

Xapian::WritableDatabase open_for_writing(const std::string& path) {
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

std::optional<Xapian::docid> find_article(const Xapian::Database& db, const std::string& id) {
    std::string term = id_term(id);
    if (db.get_termfreq(term) == 0) {
        std::error_code ec;
        const auto canonical = std::filesystem::weakly_canonical(id, ec);
        if (ec) return std::nullopt;
        term = id_term(canonical.string());
    }
    auto p = db.postlist_begin(term);
    if (p == db.postlist_end(term)) return std::nullopt;
    return *p;
}

}  // namespace news
