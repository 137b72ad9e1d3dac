// Compacting the database in place: Xapian::Database::compact writes a
// compact copy next to the database, which then takes the database's place
// in one atomic rename, so a reader opening the path sees the old database
// or the new one, never a mixture. Also merges the parts a parallel build
// writes (indexer/part_writers.h) into the database the same way.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <vector>

namespace news {

struct CompactionReport {
    uintmax_t bytes_before = 0;  // the database (and parts) before
    uintmax_t bytes_after = 0;
    double seconds = 0;
};

// Replaces the database at `db_path` with a compacted merge of itself and
// `parts` (databases whose document ids lie above its own and do not
// overlap; ids are kept as they are). `writer` must be the caller's open,
// committed writer on `db_path`: it holds the lock while the copy is made,
// so nothing is written meanwhile, and is reopened on the new database.
//
// Crash safety: killed while copying, the database is untouched and the
// copy is left as `<db_path>.compacting`, which the next call removes
// (remove_compaction_leftovers); killed after the swap, the old database is
// left there instead. Readers that had the old database open keep reading
// it (their open files outlive its removal).
CompactionReport compact_in_place(const std::string& db_path, Xapian::WritableDatabase& writer,
                                  const std::vector<std::string>& parts = {});

// Where a parallel build writes its parts: `<db_path>.parts`.
std::string parts_directory(const std::string& db_path);

// Removes what an interrupted compaction or parallel build left next to
// `db_path`. Call with the writer open (the lock held).
void remove_compaction_leftovers(const std::string& db_path);

// Bytes in the files of a database directory (0 if absent).
uintmax_t database_bytes(const std::string& path);

}  // namespace news
