// `news-index build`: reads inputs into the database in batched commits,
// replacing changed articles and skipping unchanged ones, then groups the
// new and changed articles into stories (indexer/story_grouper.h).
//
// Into an empty database with more than one job, the articles are written
// in parallel, in parts merged at the end (indexer/part_writers.h); updates
// of a database that has articles are written by one writer in place. A
// build whose new and changed articles number at least half the articles of
// the database afterwards ends by compacting it (indexer/database_compaction.h).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "indexer/database_compaction.h"
#include "indexer/input_walker.h"
#include "indexer/story_grouper.h"
#include "searcher/saved_searches.h"

namespace news {

struct BuildOptions {
    std::vector<std::string> inputs;
    size_t batch_size = 10000;  // articles per commit
    // A batch also ends once its articles' text reaches this many bytes:
    // Xapian holds a batch's postings in memory until it is committed, so
    // memory follows the text of a batch, not its count (long web pages).
    size_t batch_bytes = size_t{4} << 20;
    bool group = true;          // run duplicate detection afterwards
    unsigned jobs = 0;          // threads writing a new database and detecting duplicates; 0: one per core
    bool compact = true;        // compact after writing a large share (see above)
    // Stop reading at the first bad input (the problem is still reported):
    // what was read before it is indexed and grouped as usual, nothing
    // after it is read, and the report says `stopped_early`.
    bool strict = false;
    // Progress hooks (indexer/progress.h): each article read, and the start
    // of duplicate detection with the number of articles it will check.
    std::function<void(const Article&)> on_article;
    std::function<void(size_t)> on_grouping;
    InputOptions input;         // how inputs are read (JSON Lines field names)
};

struct BuildReport {
    size_t added = 0;
    size_t updated = 0;
    size_t unchanged = 0;
    size_t problems = 0;  // files or lines that could not be indexed
    size_t warnings = 0;  // articles indexed with a field lost (InputProblem::warning)
    size_t total = 0;     // articles in the database afterwards
    size_t stories = 0;   // story groups with more than one version, database-wide
    size_t waiting_for_grouping = 0;  // with --no-group: articles the next build will group
    bool stopped_early = false;       // --strict stopped at a bad input
    double seconds = 0;           // whole build
    double grouping_seconds = 0;  // of which duplicate detection
    size_t parts = 0;             // parts written in parallel and merged (0: written in place)
    double merge_seconds = 0;     // of which merging the parts (a compaction, one thread)
    bool compacted = false;       // the build ended by compacting the database
    CompactionReport compaction;  // if compacted
    GroupingStats grouping;
    std::vector<AlertReport> alerts;  // per saved search: what the added articles brought
    // Keys of pending-grouping records that cannot be read: left in place,
    // never deleted; the articles they name may stay ungrouped.
    std::vector<std::string> damaged_records;
};

// Throws news::Error: kDatabaseLocked if another build holds the lock,
// kDatabase if the database cannot be opened or written (Xapian's errors,
// with the path or article concerned); batches committed before the
// failure stay in the database, and the open batch is cancelled.
//
// Crash safety: every batch is one Xapian transaction holding its articles
// and the record of them awaiting grouping, so a build killed at any point
// leaves whole batches, all of which the next build groups; grouping is one
// transaction too (its group keys and the removal of those records). Each
// transaction has an owner in index_build.cc (begun by its constructor,
// cancelled if it is left open by an exception). A
// parallel build's parts (each several batches, committed one by one) carry their
// records with them into the merge; killed
// before the merge, it leaves the database as it was (the parts are
// discarded by the next build, which writes them again). A parallel build's
// spelling data reaches the database with its final compaction: killed
// before that, its words are left out of "Did you mean" until they are
// indexed again, as a one-writer build's are when killed before its last commit.
BuildReport build_index(const std::string& db_path, const BuildOptions& options,
                        const ProblemHandler& on_problem);

}  // namespace news
