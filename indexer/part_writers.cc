#include "indexer/part_writers.h"

#include <cstdio>
#include <filesystem>

#include "common/error.h"
#include "common/schema.h"
#include "indexer/document_builder.h"
#include "indexer/spelling_collector.h"

namespace news {
namespace {

std::string part_path(const std::string& dir, size_t part) {
    char name[32];
    std::snprintf(name, sizeof name, "part-%06zu", part);
    return dir + "/" + name;
}

// The part's spelling counts go to `spelling`, the writer thread's, which
// the build writes once into the merged database (indexer/spelling_collector.h),
// unless it grows full: then into this part.
void write_part(const std::string& path, const PartBatch& batch, DocumentBuilder& builder,
                SpellingCollector& spelling) {
    Xapian::WritableDatabase part(path, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::docid docid = batch.first_docid;
    for (const Article& article : batch.articles) {
        const Xapian::Document doc = builder.build(article).document;
        spelling.add(doc);
        part.replace_document(docid++, doc);  // the id the reader chose: the merge keeps it
    }
    for (const auto& [key, value] : batch.metadata) part.set_metadata(key, value);
    part.set_metadata(std::string(schema::metadata::kSchemaVersion), std::to_string(schema::kVersion));
    if (spelling.full()) spelling.write(part);
    part.commit();
    part.close();
}

}  // namespace

PartWriters::PartWriters(std::string dir, unsigned jobs, std::function<void(size_t)> on_part_written)
    : dir_(std::move(dir)), max_queued_(std::max(1u, jobs)), on_part_written_(std::move(on_part_written)) {
    std::filesystem::create_directories(dir_);
    for (unsigned i = 0; i < std::max(1u, jobs); ++i) threads_.emplace_back([this] { work(); });
}

PartWriters::~PartWriters() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        closing_ = true;
        queue_.clear();
    }
    changed_.notify_all();
    for (auto& t : threads_)
        if (t.joinable()) t.join();
}

void PartWriters::rethrow_failure() {
    if (!failure_) return;
    try {
        std::rethrow_exception(failure_);
    } catch (const Xapian::Error& e) {
        throw Error(ErrorKind::kDatabase, "writing a part of the build in " + dir_ + ": " + e.get_description());
    }
}

void PartWriters::submit(PartBatch&& batch) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return queue_.size() < max_queued_ || failure_; });
    rethrow_failure();
    queue_.emplace(next_part_++, std::move(batch));
    changed_.notify_all();
}

void PartWriters::work() {
    DocumentBuilder builder;
    SpellingCollector spelling;
    for (;;) {
        PartBatch batch;
        size_t part = 0;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            changed_.wait(lock, [&] { return !queue_.empty() || closing_; });
            if (queue_.empty()) {
                spelling_.absorb(std::move(spelling));
                return;
            }
            part = queue_.begin()->first;
            batch = std::move(queue_.begin()->second);
            queue_.erase(queue_.begin());
        }
        changed_.notify_all();  // room in the queue
        try {
            write_part(part_path(dir_, part), batch, builder, spelling);
        } catch (...) {
            std::lock_guard<std::mutex> lock(mutex_);
            if (!failure_) failure_ = std::current_exception();
            changed_.notify_all();
            return;
        }
        size_t done = 0;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            done = ++parts_done_;
        }
        changed_.notify_all();
        if (on_part_written_) on_part_written_(done);
    }
}

std::vector<std::string> PartWriters::finish() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        closing_ = true;
    }
    changed_.notify_all();
    for (auto& t : threads_) t.join();
    rethrow_failure();
    std::vector<std::string> paths;
    for (size_t part = 0; part < next_part_; ++part) paths.push_back(part_path(dir_, part));
    return paths;
}

SpellingCollector PartWriters::take_spelling() {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::move(spelling_);
}

}  // namespace news
