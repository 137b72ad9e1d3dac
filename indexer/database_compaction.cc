#include "indexer/database_compaction.h"

#include <stdio.h>  // renameat2
#include <fcntl.h>  // AT_FDCWD

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>

#include "common/database.h"
#include "common/error.h"
#include "common/xapian_error.h"

namespace fs = std::filesystem;

namespace news {
namespace {

std::string staging_path(const std::string& db_path) { return db_path + ".compacting"; }

// Swaps the two directories in one step (Linux renameat2); where the file
// system cannot, falls back to two renames with a moment in between in
// which the path does not exist (a reader then fails to open and retries).
void exchange(const std::string& a, const std::string& b) {
    if (renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) return;
    if (errno != EINVAL && errno != ENOSYS)
        throw Error(ErrorKind::kDatabase, "cannot swap " + a + " and " + b + ": " + std::strerror(errno));
    const std::string aside = b + ".old";
    fs::rename(b, aside);
    fs::rename(a, b);
    fs::rename(aside, a);
}

}  // namespace

uintmax_t database_bytes(const std::string& path) {
    uintmax_t total = 0;
    std::error_code ec;
    for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file(ec)) total += it->file_size(ec);
    return total;
}

std::string parts_directory(const std::string& db_path) { return db_path + ".parts"; }

void remove_compaction_leftovers(const std::string& db_path) {
    std::error_code ec;
    fs::remove_all(staging_path(db_path), ec);
    fs::remove_all(parts_directory(db_path), ec);
}

CompactionReport compact_in_place(const std::string& db_path, Xapian::WritableDatabase& writer,
                                  const std::vector<std::string>& parts) {
    const auto start = std::chrono::steady_clock::now();
    CompactionReport report;
    const std::string staging = staging_path(db_path);
    std::error_code ec;
    fs::remove_all(staging, ec);
    try {
        // Nothing may be left to write: closing the old writer after the swap must not touch the new files.
        writer.commit();
        Xapian::Database sources(db_path);
        report.bytes_before = database_bytes(db_path);
        for (const auto& part : parts) {
            sources.add_database(Xapian::Database(part));
            report.bytes_before += database_bytes(part);
        }
        // Document ids are kept: records of articles awaiting grouping name them.
        sources.compact(staging, Xapian::DBCOMPACT_NO_RENUMBER | Xapian::Compactor::FULL);
        sources.close();
        exchange(staging, db_path);
        // Lock the new database before letting go of the old one's lock.
        Xapian::WritableDatabase reopened = open_for_writing(db_path);
        writer.close();
        writer = reopened;
    } catch (const Xapian::Error& e) {
        throw from_xapian(e, "compacting " + db_path);
    } catch (const fs::filesystem_error& e) {
        throw Error(ErrorKind::kDatabase, "compacting " + db_path + ": " + e.what());
    }
    fs::remove_all(staging, ec);  // now the old database
    report.bytes_after = database_bytes(db_path);
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report;
}

}  // namespace news
