// `news-index build`: reads inputs into the database in batched commits,
// replacing changed articles and skipping unchanged ones, then groups the
// new and changed articles into stories (indexer/story_grouper.h).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "indexer/input_walker.h"
#include "indexer/story_grouper.h"
#include "searcher/saved_searches.h"

namespace news {

struct BuildOptions {
    std::vector<std::string> inputs;
    size_t batch_size = 10000;  // articles per commit
    bool group = true;          // run duplicate detection afterwards
    unsigned jobs = 0;          // threads for duplicate detection; 0: one per core
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
    size_t total = 0;     // articles in the database afterwards
    size_t stories = 0;   // story groups with more than one version, database-wide
    size_t waiting_for_grouping = 0;  // with --no-group: articles the next build will group
    bool stopped_early = false;       // --strict stopped at a bad input
    double seconds = 0;           // whole build
    double grouping_seconds = 0;  // of which duplicate detection
    GroupingStats grouping;
    std::vector<AlertReport> alerts;  // per saved search: what the added articles brought
};

// Throws news::Error(kDatabase) if the database cannot be opened or written;
// batches committed before the failure stay in the database.
//
// Crash safety: every batch is one Xapian transaction holding its articles
// and the record of them awaiting grouping, so a build killed at any point
// leaves whole batches, all of which the next build groups; grouping is one
// transaction too (its group keys and the removal of those records).
BuildReport build_index(const std::string& db_path, const BuildOptions& options,
                        const ProblemHandler& on_problem);

}  // namespace news
