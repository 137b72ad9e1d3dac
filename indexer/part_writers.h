// The writers of a parallel build: batches of new articles, each with the
// document ids the reading thread gave them, are turned into documents and
// written by `jobs` threads, each batch into its own part database. Parts
// hold disjoint, ascending id ranges, so merging them with compaction
// (indexer/database_compaction.h) gives the database a one-writer build
// gives: the same documents under the same ids. Document building and
// Xapian's add (most of a build's time, see README: Speed) run in parallel;
// only reading the input stays in one thread.
#pragma once

#include <xapian.h>

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "common/article.h"
#include "indexer/spelling_collector.h"

namespace news {

struct PartBatch {
    Xapian::docid first_docid = 0;  // the articles get first_docid, first_docid + 1, ...
    std::vector<Article> articles;
    // Written into the part with its documents (a record of them awaiting grouping).
    std::vector<std::pair<std::string, std::string>> metadata;
};

class PartWriters {
  public:
    // Parts go into `dir` (created; the caller removes it). At most `jobs`
    // batches wait beyond the `jobs` being written, bounding memory.
    // `on_part_written` runs in a writer thread after each part's commit.
    PartWriters(std::string dir, unsigned jobs, std::function<void(size_t parts_done)> on_part_written = {});
    ~PartWriters();
    PartWriters(const PartWriters&) = delete;
    PartWriters& operator=(const PartWriters&) = delete;

    // Queues a batch, waiting while the queue is full. Throws a writer's error.
    void submit(PartBatch&& batch);
    // Waits for every part; returns their paths in id order. Throws
    // news::Error(kDatabase) if a part could not be written.
    std::vector<std::string> finish();
    // After finish(): the words of the parts' articles not yet written into a
    // part's spelling data, for the build to write once.
    SpellingCollector take_spelling();

  private:
    void work();
    void rethrow_failure();

    std::string dir_;
    size_t max_queued_;
    std::function<void(size_t)> on_part_written_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::map<size_t, PartBatch> queue_;  // by part number
    size_t next_part_ = 0, parts_done_ = 0;
    bool closing_ = false;
    std::exception_ptr failure_;
    std::vector<std::thread> threads_;
    SpellingCollector spelling_;  // the writer threads' counts, as each ends
};

}  // namespace news
