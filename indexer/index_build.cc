#include "indexer/index_build.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <memory>
#include <unistd.h>
#include <optional>
#include <thread>
#include <unordered_map>
#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "common/database.h"
#include "common/error.h"
#include "common/keys.h"
#include "common/schema.h"
#include "common/xapian_error.h"
#include "indexer/document_builder.h"
#include "indexer/part_writers.h"
#include "indexer/pending_grouping.h"
#include "indexer/spelling_collector.h"

namespace news {
namespace {

struct Existing {
    Xapian::docid id;
    std::string content_hash;
    std::string story;  // group keys before this build
    std::string event;
};

// Looks articles up in the committed database as it was before this build,
// so that lookups never force the writer to flush its batch.
class CommittedIndex {
  public:
    explicit CommittedIndex(const std::string& path) : db_(path) {}
    std::optional<Existing> find(const std::string& id_term) {
        for (int attempt = 0;; ++attempt) {
            try {
                auto p = db_.postlist_begin(id_term);
                if (p == db_.postlist_end(id_term)) return std::nullopt;
                const Xapian::docid id = *p;
                const Xapian::Document doc = db_.get_document(id);
                return Existing{id, doc.get_value(schema::slot::kContentHash),
                                doc.get_value(schema::slot::kStory), doc.get_value(schema::slot::kEvent)};
            } catch (const Xapian::DatabaseModifiedError&) {
                // Our own batch commits moved the revision on; catch up.
                if (attempt > 2) throw;
                db_.reopen();
            }
        }
    }

  private:
    Xapian::Database db_;
};

size_t count_multi_version_stories(const Xapian::Database& db) {
    size_t stories = 0;
    const std::string prefix(schema::prefix::kStory);
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
        if (t.get_termfreq() > 1) ++stories;
    return stories;
}

bool document_exists(const Xapian::Database& db, Xapian::docid id) {
    try {
        db.get_document(id);
        return true;
    } catch (const Xapian::DocNotFoundError&) {
        return false;
    }
}

// Now as "YYYY-MM-DDTHH:MM:SSZ", when the last build finished.
std::string utc_timestamp() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buf;
}

// What a batch's memory grows with (BuildOptions::batch_bytes).
size_t text_bytes(const Article& article) { return article.title.size() + article.body.size(); }

struct Seen {
    Xapian::docid id;
    std::string content_hash;
};

// Hidden test hook for tests/crash_tests.cc: NEWS_INDEX_CRASH_AT names a
// point ("batch:N" after the N-th batch commit, "part-batch:N" after the N-th
// batch committed into a part of a parallel build, "part:N" after the N-th
// part is written, "merged" after the parts are merged in,
// "dissolved" after the commit that splits changed articles' old groups,
// "grouped" with the new group keys written but not committed, "compacted"
// after the final compaction) where the process dies at once, as if killed.
void crash_point(const std::string& point) {
    static const char* at = std::getenv("NEWS_INDEX_CRASH_AT");
    if (at && point == at) _exit(137);
}

// A parallel build writes about this many parts per job (indexer/part_writers.h):
// few, for a small and quickly merged database, but more than one, so
// that a writer that ends early takes another part while the others finish.
constexpr size_t kPartsPerJob = 2;
// Parts hold at most this much article text, so that the read-ahead (a
// part's worth, PartWriters) stays bounded however large the input.
constexpr size_t kMaxPartBytes = size_t{64} << 20;

// The text a part of a parallel build holds before the batch that reaches
// it ends the part: the input's bytes shared among jobs * kPartsPerJob
// parts. Input files hold more bytes than their articles' text (markup,
// JSON), so this tends to give a few parts fewer than that, never more.
size_t part_bytes_for(const std::vector<std::string>& inputs, unsigned jobs) {
    const size_t wanted = std::max<size_t>(1, input_bytes(inputs) / (jobs * kPartsPerJob));
    return std::min(wanted, kMaxPartBytes);
}

// Thrown from the problem handler to end reading under --strict.
struct StopReading {};

// One Xapian transaction on the build's writer, with an owner: begun by the
// constructor, written only by commit(); if its owner goes out of scope
// with it still open (an exception unwinding), it is cancelled, so no half
// of a batch is ever committed. Xapian allows one transaction at a time,
// and the owners' scopes in IndexBuild never overlap.
class Transaction {
  public:
    explicit Transaction(Xapian::WritableDatabase& db) : db_(db) { db_.begin_transaction(); }
    ~Transaction() {
        if (!open_) return;
        try {
            db_.cancel_transaction();
        } catch (const Xapian::Error&) {
            // Already unwinding from the error that left it open: that one is reported.
        }
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit() {
        open_ = false;
        db_.commit_transaction();
    }

  private:
    Xapian::WritableDatabase& db_;
    bool open_ = true;
};

// One run of build_index: its phases (read the inputs in batches, merge a
// parallel build's parts, group, finish) as methods over the state they
// share. Each phase's transactions are owned by a Transaction in its scope.
class IndexBuild {
  public:
    IndexBuild(const std::string& db_path, const BuildOptions& options, const ProblemHandler& on_problem)
        : db_path_(db_path), options_(options), on_problem_(on_problem), db_(open_for_writing(db_path)),
          committed_(db_path) {
        remove_compaction_leftovers(db_path);  // of a build or compaction killed earlier
        jobs_ = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
        earlier_ = read_pending_records(db_);
        report_.damaged_records = earlier_.damaged;
        // A new database is written in parallel parts (see index_build.h). The
        // reading thread gives each new article its document id in reading
        // order, as add_document would, so the merged database is the one a
        // single writer makes.
        if (jobs_ > 1 && db_.get_doccount() == 0) {
            part_bytes_ = part_bytes_for(options.inputs, jobs_);
            PartProgress progress;
            progress.on_batch_committed = [](size_t done) { crash_point("part-batch:" + std::to_string(done)); };
            progress.on_part_written = [](size_t done) { crash_point("part:" + std::to_string(done)); };
            // A part's worth, and a batch per writer beyond it: with only a
            // part's worth, the next part's first batch waits for the last
            // batch of the part before it to be taken, and its writer idles.
            parts_ = std::make_unique<PartWriters>(parts_directory(db_path), jobs_,
                                                   part_bytes_ + jobs_ * options.batch_bytes, progress);
        }
        next_docid_ = db_.get_lastdocid() + 1;
    }

    BuildReport run() {
        read();
        if (options_.group) group();
        else report_.waiting_for_grouping = earlier_.all.docids.size() + pending_.docids.size();
        finish();
        return std::move(report_);
    }

  private:
    // Reads every input, in batches of one transaction each.
    void read() {
        batch_.emplace(db_);
        try {
            read_inputs(
                options_.inputs, [&](Article&& article) { index_article(std::move(article)); },
                [&](const InputProblem& problem) {
                    ++(problem.warning ? report_.warnings : report_.problems);
                    on_problem_(problem);
                    if (options_.strict && !problem.warning) throw StopReading();
                },
                options_.input);
        } catch (const StopReading&) {
            report_.stopped_early = true;
        }
        if (parts_) merge_parts();
        commit_batch(true);
        batch_.reset();
    }

    // Commits the batch, with its record of what awaits grouping, and begins
    // the next. The record is committed in the same transaction as its
    // articles, so no article is ever indexed but forgotten by grouping, and
    // a batch costs O(batch) metadata. The spelling data of the build's
    // words goes into its last batch (or earlier, if the counts grow full:
    // indexer/spelling_collector.h); a build killed before that leaves its
    // committed batches' words out of "Did you mean" until they are indexed again.
    void commit_batch(bool last = false) {
        if (!batch_pending_.docids.empty()) {
            pending_keys_.push_back(record_key(batches_));
            db_.set_metadata(pending_keys_.back(), batch_pending_.serialise());
            pending_.append(batch_pending_);
            batch_pending_ = PendingGrouping();
        }
        if (last || spelling_.full()) spelling_.write(db_);
        batch_->commit();
        crash_point("batch:" + std::to_string(++batches_));
        batch_.emplace(db_);
        since_commit_ = 0;
        since_commit_bytes_ = 0;
    }

    std::string record_key(size_t batch) const {
        return std::string(schema::metadata::kPendingGrouping) + build_stamp_ + "-" + std::to_string(batch);
    }

    void index_article(Article&& article) {
        if (options_.on_article) options_.on_article(article);
        const std::string term = id_term(article.id);
        const std::string hash = content_hash(article);
        translating_xapian_errors("indexing " + article.id + " into " + db_path_, [&] {
            if (auto it = seen_.find(term); it != seen_.end()) {
                // The same id twice in one run: an identical repeat changes
                // nothing; otherwise the later version wins.
                if (it->second.content_hash == hash) {
                    ++report_.unchanged;
                    return;
                }
                it->second.content_hash = hash;
                if (parts_) {
                    later_version(it->second.id, std::move(article));
                    return;
                }
                const auto old = committed_.find(term);
                replace(it->second.id, article, old ? old->story : "", old ? old->event : "");
            } else if (auto old = committed_.find(term)) {
                seen_.emplace(term, Seen{old->id, hash});
                if (old->content_hash == hash) {
                    ++report_.unchanged;
                    return;
                }
                replace(old->id, article, old->story, old->event);
            } else if (parts_) {
                seen_.emplace(term, Seen{next_docid_, hash});
                add_to_part(std::move(article));
                return;
            } else {
                const Xapian::Document doc = builder_.build(article).document;
                spelling_.add(doc);
                const Xapian::docid id = db_.add_document(doc);
                ++report_.added;
                batch_pending_.docids.push_back(id);
                seen_.emplace(term, Seen{id, hash});
            }
            since_commit_bytes_ += text_bytes(article);
            if (++since_commit_ >= options_.batch_size || since_commit_bytes_ >= options_.batch_bytes) commit_batch();
        });
    }

    void replace(Xapian::docid id, const Article& article, const std::string& story, const std::string& event) {
        const Xapian::Document doc = builder_.build(article).document;
        spelling_.add(doc);
        db_.replace_document(id, doc);
        ++report_.updated;
        batch_pending_.docids.push_back(id);
        // Its new text may no longer belong with its old versions.
        batch_pending_.old_stories.push_back(story);
        batch_pending_.old_events.push_back(event);
    }

    // A new article of a parallel build: into the part being filled.
    void add_to_part(Article&& article) {
        if (part_batch_.articles.empty()) part_batch_.first_docid = next_docid_;
        batch_pending_.docids.push_back(next_docid_++);
        since_commit_bytes_ += text_bytes(article);
        part_batch_.articles.push_back(std::move(article));
        ++report_.added;
        if (part_batch_.articles.size() >= options_.batch_size || since_commit_bytes_ >= options_.batch_bytes)
            submit_part_batch();
    }

    // A later version of an article a parallel build already read: it
    // replaces the earlier one in the part being filled, or is written after
    // the merge if that part is gone (an id twice in one input: rare).
    void later_version(Xapian::docid id, Article&& article) {
        ++report_.updated;
        if (!part_batch_.articles.empty() && id >= part_batch_.first_docid)
            part_batch_.articles[id - part_batch_.first_docid] = std::move(article);
        else
            later_versions_.emplace_back(id, std::move(article));
    }

    // Hands the batch being filled, with its record awaiting grouping, to
    // the writers; it ends its part once the part holds part_bytes_ of text.
    void submit_part_batch() {
        if (part_batch_.articles.empty()) return;
        pending_keys_.push_back(record_key(batches_++));
        part_batch_.metadata.emplace_back(pending_keys_.back(), batch_pending_.serialise());
        pending_.append(batch_pending_);
        batch_pending_ = PendingGrouping();
        part_batch_.text_bytes = since_commit_bytes_;
        part_filled_ += since_commit_bytes_;
        part_batch_.ends_part = part_filled_ >= part_bytes_;
        if (part_batch_.ends_part) part_filled_ = 0;
        parts_->submit(std::move(part_batch_));
        part_batch_ = PartBatch();
        since_commit_bytes_ = 0;
    }

    // Waits for the part writers and merges their parts into the database
    // (a compaction: no transaction may be open), then writes the later
    // versions in a new batch.
    void merge_parts() {
        submit_part_batch();
        const std::vector<std::string> paths = parts_->finish();
        SpellingCollector words = parts_->take_spelling();
        parts_.reset();
        report_.parts = paths.size();
        // A build that ends compacted writes its words meanwhile, for the
        // final compaction to merge in (indexer/spelling_collector.h).
        if (options_.compact && !paths.empty())
            spelling_part_.emplace(parts_directory(db_path_) + "/spelling", std::move(words));
        else
            spelling_.absorb(std::move(words));
        batch_->commit();
        batch_.reset();
        if (!paths.empty()) {
            const auto merge_start = std::chrono::steady_clock::now();
            translating_xapian_errors("merging the parts of " + db_path_,
                                      [&] { compact_in_place(db_path_, db_, paths); });
            report_.merge_seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - merge_start).count();
            crash_point("merged");
        }
        batch_.emplace(db_);
        for (const auto& [id, article] : later_versions_) {
            const Xapian::Document doc = builder_.build(article).document;
            spelling_.add(doc);
            db_.replace_document(id, doc);
        }
        std::error_code ec;
        for (const auto& path : paths) std::filesystem::remove_all(path, ec);
    }

    // Groups what this build and earlier ones left awaiting grouping, and
    // matches the new articles against the saved searches.
    void group() {
        PendingGrouping work = earlier_.all;
        work.append(pending_);
        if (work.docids.empty()) {
            Transaction clearing(db_);
            clear_records();
            report_.alerts = match_saved_searches(db_);
            clearing.commit();
            return;
        }
        if (options_.on_grouping) options_.on_grouping(work.docids.size());
        const std::string regroup_key = dissolve_changed_groups(work);
        crash_point("dissolved");
        const auto group_start = std::chrono::steady_clock::now();
        Transaction grouping(db_);
        report_.grouping = group_stories(db_, db_path_, work.docids, jobs_);
        report_.grouping_seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - group_start).count();
        crash_point("grouped");
        db_.set_metadata(regroup_key, "");
        report_.alerts = match_saved_searches(db_);  // the added articles, grouped, against saved searches
        grouping.commit();
    }

    // Splits the groups of changed articles and, in the same commit, replaces
    // the records by one of everything to group afresh (so a crash before
    // grouping loses none); returns that record's key. Damaged records are
    // left in place (BuildReport::damaged_records).
    std::string dissolve_changed_groups(PendingGrouping& work) {
        const auto regroup = dissolve_groups(db_, work.old_stories, work.old_events);
        work.docids.insert(work.docids.end(), regroup.begin(), regroup.end());
        std::sort(work.docids.begin(), work.docids.end());
        work.docids.erase(std::unique(work.docids.begin(), work.docids.end()), work.docids.end());
        // Articles removed since a record was written are no longer there to group.
        work.docids.erase(std::remove_if(work.docids.begin(), work.docids.end(),
                                         [&](Xapian::docid id) { return !document_exists(db_, id); }),
                          work.docids.end());
        work.old_stories.clear();
        work.old_events.clear();
        clear_records();
        const std::string key = std::string(schema::metadata::kPendingGrouping) + build_stamp_ + "-regroup";
        db_.set_metadata(key, work.serialise());
        db_.commit();
        return key;
    }

    // Removes the records this build and earlier ones wrote (not damaged ones).
    void clear_records() {
        for (const auto& key : earlier_.keys) db_.set_metadata(key, "");
        for (const auto& key : pending_keys_) db_.set_metadata(key, "");
    }

    // Compacts after a large build, and records the build's summary.
    void finish() {
        report_.total = db_.get_doccount();
        const size_t written = report_.added + report_.updated;
        // A parallel build's spelling part is merged in by this compaction
        // (and a parallel build writes the whole database, so it compacts anyway).
        if (spelling_part_ || (options_.compact && written > 0 && 2 * written >= report_.total)) {
            std::vector<std::string> sources;
            if (spelling_part_)
                sources.push_back(translating_xapian_errors("writing the spelling data of " + db_path_,
                                                            [&] { return spelling_part_->finish(); }));
            report_.compaction = compact_in_place(db_path_, db_, sources);
            report_.compacted = true;
            crash_point("compacted");
        }
        if (spelling_part_) {
            spelling_part_.reset();
            std::error_code ec;
            std::filesystem::remove_all(parts_directory(db_path_), ec);
        }
        report_.stories = count_multi_version_stories(db_);
        report_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
        const nlohmann::json summary = {{"added", report_.added},
                                        {"updated", report_.updated},
                                        {"unchanged", report_.unchanged},
                                        {"problems", report_.problems},
                                        {"warnings", report_.warnings},
                                        {"seconds", report_.seconds},
                                        {"finished", utc_timestamp()},
                                        {"stopped_early", report_.stopped_early}};
        db_.set_metadata(std::string(schema::metadata::kLastBuild), summary.dump());
        db_.commit();
    }

    const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    const std::string& db_path_;
    const BuildOptions& options_;
    const ProblemHandler& on_problem_;
    Xapian::WritableDatabase db_;
    CommittedIndex committed_;
    unsigned jobs_ = 1;
    BuildReport report_;
    DocumentBuilder builder_;
    SpellingCollector spelling_;
    std::unordered_map<std::string, Seen> seen_;  // id term -> this build's version
    PendingRecords earlier_;                      // left by earlier builds
    PendingGrouping pending_;                     // this build's, all batches
    PendingGrouping batch_pending_;               // this batch's
    // This build's record keys: kPendingGrouping + stamp + "-" + batch number.
    const std::string build_stamp_ =
        std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
    std::vector<std::string> pending_keys_;
    size_t since_commit_ = 0, batches_ = 0;
    size_t since_commit_bytes_ = 0;  // text of the open batch or part (BuildOptions::batch_bytes)
    std::optional<Transaction> batch_;  // the open batch while reading
    std::unique_ptr<PartWriters> parts_;
    std::optional<SpellingPartWriter> spelling_part_;  // a parallel build's words, until the final compaction
    Xapian::docid next_docid_ = 1;
    PartBatch part_batch_;  // being filled
    size_t part_bytes_ = 0;   // text per part (part_bytes_for)
    size_t part_filled_ = 0;  // text of the part being filled, in batches submitted
    std::vector<std::pair<Xapian::docid, Article>> later_versions_;
};

}  // namespace

BuildReport build_index(const std::string& db_path, const BuildOptions& options, const ProblemHandler& on_problem) {
    return translating_xapian_errors("writing " + db_path, [&] { return IndexBuild(db_path, options, on_problem).run(); });
}

}  // namespace news
