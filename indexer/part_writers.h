// The writers of a parallel build: batches of new articles, each with the
// document ids the reading thread gave them, are turned into documents and
// written by `jobs` threads into part databases. A part is a run of
// consecutive batches written by one writer, which commits after each batch
// (Xapian holds a batch's postings in memory until then). Parts hold
// disjoint, ascending id ranges, so merging them with compaction
// (indexer/database_compaction.h) gives the database a one-writer build
// gives: the same documents under the same ids. Few, large parts keep the
// merged database small (compaction leaves each term's posting chunks of
// different parts split) and the merge fast. Document building and Xapian's
// add (most of a build's time, see README: Speed) run in parallel; only
// reading the input stays in one thread.
#pragma once

#include <xapian.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
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

class DocumentBuilder;

struct PartBatch {
    Xapian::docid first_docid = 0;  // the articles get first_docid, first_docid + 1, ...
    std::vector<Article> articles;
    // Written into the part with its documents (a record of them awaiting grouping).
    std::vector<std::pair<std::string, std::string>> metadata;
    size_t text_bytes = 0;   // of its articles: what bounds the batches read ahead
    bool ends_part = false;  // the next batch starts a new part
};

// Progress of the writers, for the build's crash-test hooks: a batch
// committed into a part (with the count of such commits so far), a part
// finished (with the count of parts finished).
struct PartProgress {
    std::function<void(size_t batches_done)> on_batch_committed;
    std::function<void(size_t parts_done)> on_part_written;
};

class PartWriters {
  public:
    // Parts go into `dir` (created; the caller removes it). The batches
    // submitted but not yet taken by a writer hold at most
    // `read_ahead_bytes` of text (or one batch), bounding memory: more than
    // a part's worth lets the next part's writer start while the last is still written.
    PartWriters(std::string dir, unsigned jobs, size_t read_ahead_bytes, PartProgress progress = {});
    ~PartWriters();
    PartWriters(const PartWriters&) = delete;
    PartWriters& operator=(const PartWriters&) = delete;

    // Queues a batch of the part being read, waiting while the read-ahead
    // is full. Throws a writer's error.
    void submit(PartBatch&& batch);
    // Waits for every part; returns their paths in id order. Throws
    // news::Error(kDatabase) if a part could not be written.
    std::vector<std::string> finish();
    // After finish(): the words of the parts' articles not yet written into a
    // part's spelling data, for the build to write once.
    SpellingCollector take_spelling();

  private:
    struct Part {
        std::deque<PartBatch> batches;  // submitted, not yet taken by its writer
        bool claimed = false;           // a writer has it
        bool complete = false;          // no more batches will come
    };
    void work();
    void write_part(size_t number, Part& part, DocumentBuilder& builder, SpellingCollector& spelling);
    void rethrow_failure();

    std::string dir_;
    size_t read_ahead_bytes_;
    PartProgress progress_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::map<size_t, Part> parts_;  // by number, until written
    size_t reading_part_ = 0;       // the part the next batch goes into
    size_t queued_bytes_ = 0;       // text of the batches in parts_
    size_t batches_done_ = 0, parts_done_ = 0;
    bool closing_ = false;    // finish(): no more batches
    bool abandoned_ = false;  // destroyed before finish(): write nothing more
    std::exception_ptr failure_;
    std::vector<std::thread> threads_;
    SpellingCollector spelling_;  // the writer threads' counts, as each ends
};

}  // namespace news
