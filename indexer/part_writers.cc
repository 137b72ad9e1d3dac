#include "indexer/part_writers.h"

#include <algorithm>
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

// Thrown in a writer when the build is abandoned: the part is left
// uncommitted past its last whole batch, and is discarded anyway.
struct Abandoned {};

}  // namespace

PartWriters::PartWriters(std::string dir, unsigned jobs, size_t read_ahead_bytes, PartProgress progress)
    : dir_(std::move(dir)), read_ahead_bytes_(read_ahead_bytes), progress_(std::move(progress)) {
    std::filesystem::create_directories(dir_);
    for (unsigned i = 0; i < std::max(1u, jobs); ++i) threads_.emplace_back([this] { work(); });
}

PartWriters::~PartWriters() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        closing_ = true;
        abandoned_ = true;
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
    // One batch always fits, however large, so reading never waits forever.
    changed_.wait(lock, [&] {
        return failure_ || queued_bytes_ == 0 || queued_bytes_ + batch.text_bytes <= read_ahead_bytes_;
    });
    rethrow_failure();
    Part& part = parts_[reading_part_];
    queued_bytes_ += batch.text_bytes;
    if (batch.ends_part) {
        part.complete = true;
        ++reading_part_;
    }
    part.batches.push_back(std::move(batch));
    changed_.notify_all();
}

// Each writer takes the lowest-numbered part not yet taken, so the parts
// finished early are the ones whose batches were read first, and writes it
// batch by batch as the reader submits them.
void PartWriters::work() {
    DocumentBuilder builder;
    SpellingCollector spelling;
    for (;;) {
        size_t number = 0;
        Part* part = nullptr;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            const auto unclaimed = [&] {
                return std::find_if(parts_.begin(), parts_.end(), [](const auto& p) { return !p.second.claimed; });
            };
            changed_.wait(lock, [&] { return closing_ || failure_ || unclaimed() != parts_.end(); });
            const auto it = unclaimed();
            if (abandoned_ || failure_ || it == parts_.end()) {
                spelling_.absorb(std::move(spelling));
                return;
            }
            it->second.claimed = true;
            number = it->first;
            part = &it->second;  // std::map: stays valid until this writer erases it
        }
        try {
            write_part(number, *part, builder, spelling);
        } catch (const Abandoned&) {
            return;
        } catch (...) {
            std::lock_guard<std::mutex> lock(mutex_);
            if (!failure_) failure_ = std::current_exception();
            changed_.notify_all();
            return;
        }
        size_t done = 0;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            parts_.erase(number);
            done = ++parts_done_;
        }
        changed_.notify_all();
        if (progress_.on_part_written) progress_.on_part_written(done);
    }
}

// Commits after each batch: a part's memory is its open batch's. The part's
// spelling counts go to `spelling`, the writer thread's, which the build
// writes once into the merged database (indexer/spelling_collector.h),
// unless it grows full: then into this part.
void PartWriters::write_part(size_t number, Part& part, DocumentBuilder& builder, SpellingCollector& spelling) {
    Xapian::WritableDatabase db(part_path(dir_, number), Xapian::DB_CREATE_OR_OVERWRITE);
    db.set_metadata(std::string(schema::metadata::kSchemaVersion), std::to_string(schema::kVersion));
    for (;;) {
        PartBatch batch;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            changed_.wait(lock, [&] { return abandoned_ || !part.batches.empty() || part.complete || closing_; });
            if (abandoned_) throw Abandoned();
            if (part.batches.empty()) break;  // complete (or the last part, at finish())
            batch = std::move(part.batches.front());
            part.batches.pop_front();
            queued_bytes_ -= batch.text_bytes;
        }
        changed_.notify_all();  // room to read ahead
        Xapian::docid docid = batch.first_docid;
        for (const Article& article : batch.articles) {
            const Xapian::Document doc = builder.build(article).document;
            spelling.add(doc);
            db.replace_document(docid++, doc);  // the id the reader chose: the merge keeps it
        }
        for (const auto& [key, value] : batch.metadata) db.set_metadata(key, value);
        if (spelling.full()) spelling.write(db);
        db.commit();
        size_t done = 0;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            done = ++batches_done_;
        }
        if (progress_.on_batch_committed) progress_.on_batch_committed(done);
    }
    db.close();
}

std::vector<std::string> PartWriters::finish() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (auto it = parts_.find(reading_part_); it != parts_.end()) {
            it->second.complete = true;
            ++reading_part_;
        }
        closing_ = true;
    }
    changed_.notify_all();
    for (auto& t : threads_) t.join();
    rethrow_failure();
    std::vector<std::string> paths;
    for (size_t part = 0; part < reading_part_; ++part) paths.push_back(part_path(dir_, part));
    return paths;
}

SpellingCollector PartWriters::take_spelling() {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::move(spelling_);
}

}  // namespace news
