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

#include "common/database.h"
#include "common/error.h"
#include "common/keys.h"
#include "common/schema.h"
#include "indexer/document_builder.h"
#include "indexer/part_writers.h"
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

// Articles indexed but not yet grouped, and the groups their replaced
// versions belonged to (see schema::metadata::kPendingGrouping).
struct PendingGrouping {
    std::vector<Xapian::docid> docids;
    std::vector<std::string> old_stories, old_events;

    void append(const PendingGrouping& other) {
        docids.insert(docids.end(), other.docids.begin(), other.docids.end());
        old_stories.insert(old_stories.end(), other.old_stories.begin(), other.old_stories.end());
        old_events.insert(old_events.end(), other.old_events.begin(), other.old_events.end());
    }
    std::string serialise() const {
        return nlohmann::json{{"docids", docids}, {"old_stories", old_stories}, {"old_events", old_events}}.dump();
    }
    static PendingGrouping unserialise(const std::string& data) {
        PendingGrouping p;
        const auto j = nlohmann::json::parse(data, nullptr, false);
        if (!j.is_object()) return p;
        p.docids = j.value("docids", std::vector<Xapian::docid>{});
        p.old_stories = j.value("old_stories", std::vector<std::string>{});
        p.old_events = j.value("old_events", std::vector<std::string>{});
        return p;
    }
};

// Pending records left by earlier builds, with their metadata keys.
PendingGrouping read_pending(const Xapian::Database& db, std::vector<std::string>& keys) {
    PendingGrouping all;
    const std::string prefix(schema::metadata::kPendingGrouping);
    for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
        keys.push_back(*k);
        all.append(PendingGrouping::unserialise(db.get_metadata(*k)));
    }
    return all;
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

struct Seen {
    Xapian::docid id;
    std::string content_hash;
};

// Hidden test hook for tests/crash_tests.cc: NEWS_INDEX_CRASH_AT names a
// point ("batch:N" after the N-th batch commit, "part:N" after the N-th part
// of a parallel build is written, "merged" after the parts are merged in,
// "dissolved" after the commit that splits changed articles' old groups,
// "grouped" with the new group keys written but not committed, "compacted"
// after the final compaction) where the process dies at once, as if killed.
void crash_point(const std::string& point) {
    static const char* at = std::getenv("NEWS_INDEX_CRASH_AT");
    if (at && point == at) _exit(137);
}

// Thrown from the problem handler to end reading under --strict.
struct StopReading {};

}  // namespace

BuildReport build_index(const std::string& db_path, const BuildOptions& options,
                        const ProblemHandler& on_problem) {
    const auto start = std::chrono::steady_clock::now();
    BuildReport report;
    Xapian::WritableDatabase db = open_for_writing(db_path);
    remove_compaction_leftovers(db_path);  // of a build or compaction killed earlier
    const unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
    CommittedIndex committed(db_path);
    DocumentBuilder builder;
    SpellingCollector spelling;
    std::unordered_map<std::string, Seen> seen;  // id term -> this build's version
    PendingGrouping pending;                     // this build's, all batches
    PendingGrouping batch_pending;               // this batch's
    std::vector<std::string> earlier_pending_keys;
    const PendingGrouping earlier = read_pending(db, earlier_pending_keys);
    const std::string pending_key = std::string(schema::metadata::kPendingGrouping) +
                                    std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
    std::vector<std::string> pending_keys;  // this build's records
    size_t since_commit = 0, batches = 0;

    // A new database is written in parallel parts (see index_build.h). The
    // reading thread gives each new article its document id in reading
    // order, as add_document would, so the merged database is the one a
    // single writer makes.
    std::unique_ptr<PartWriters> parts;
    if (jobs > 1 && db.get_doccount() == 0)
        parts = std::make_unique<PartWriters>(parts_directory(db_path), jobs,
                                              [](size_t done) { crash_point("part:" + std::to_string(done)); });
    Xapian::docid next_docid = db.get_lastdocid() + 1;
    PartBatch part_batch;  // being filled
    // Later versions of articles already handed to a part writer, written
    // after the merge (an id twice in one input: rare).
    std::vector<std::pair<Xapian::docid, Article>> later_versions;
    auto submit_part = [&] {
        if (part_batch.articles.empty()) return;
        pending_keys.push_back(pending_key + "-" + std::to_string(batches++));
        part_batch.metadata.emplace_back(pending_keys.back(), batch_pending.serialise());
        pending.append(batch_pending);
        batch_pending = PendingGrouping();
        parts->submit(std::move(part_batch));
        part_batch = PartBatch();
    };

    db.begin_transaction();
    auto commit = [&] {
        // Each batch's record of what it added is committed in the same
        // transaction as its articles, so no article is ever indexed but
        // forgotten by grouping, and a batch costs O(batch) metadata.
        if (!batch_pending.docids.empty()) {
            pending_keys.push_back(pending_key + "-" + std::to_string(batches));
            db.set_metadata(pending_keys.back(), batch_pending.serialise());
            pending.append(batch_pending);
            batch_pending = PendingGrouping();
        }
        spelling.write(db);
        db.commit_transaction();
        crash_point("batch:" + std::to_string(++batches));
        db.begin_transaction();
        since_commit = 0;
    };
    auto replace = [&](Xapian::docid id, const Article& article, const std::string& story,
                       const std::string& event) {
        const Xapian::Document doc = builder.build(article).document;
        spelling.add(doc);
        db.replace_document(id, doc);
        ++report.updated;
        batch_pending.docids.push_back(id);
        // Its new text may no longer belong with its old versions.
        batch_pending.old_stories.push_back(story);
        batch_pending.old_events.push_back(event);
    };

    auto index_article = [&](Article&& article) {
        if (options.on_article) options.on_article(article);
        const std::string term = id_term(article.id);
        const std::string hash = content_hash(article);
        try {
            if (auto it = seen.find(term); it != seen.end()) {
                // The same id twice in one run: an identical repeat changes
                // nothing; otherwise the later version wins.
                if (it->second.content_hash == hash) {
                    ++report.unchanged;
                    return;
                }
                if (parts) {
                    const Xapian::docid id = it->second.id;
                    it->second.content_hash = hash;
                    ++report.updated;
                    if (!part_batch.articles.empty() && id >= part_batch.first_docid)
                        part_batch.articles[id - part_batch.first_docid] = std::move(article);
                    else
                        later_versions.emplace_back(id, std::move(article));
                    return;
                }
                const auto old = committed.find(term);
                replace(it->second.id, article, old ? old->story : "", old ? old->event : "");
                it->second.content_hash = hash;
            } else if (auto old = committed.find(term)) {
                seen.emplace(term, Seen{old->id, hash});
                if (old->content_hash == hash) {
                    ++report.unchanged;
                    return;
                }
                replace(old->id, article, old->story, old->event);
            } else if (parts) {
                if (part_batch.articles.empty()) part_batch.first_docid = next_docid;
                seen.emplace(term, Seen{next_docid, hash});
                batch_pending.docids.push_back(next_docid++);
                part_batch.articles.push_back(std::move(article));
                ++report.added;
                if (part_batch.articles.size() >= options.batch_size) submit_part();
                return;
            } else {
                const Xapian::Document doc = builder.build(article).document;
                spelling.add(doc);
                const Xapian::docid id = db.add_document(doc);
                ++report.added;
                batch_pending.docids.push_back(id);
                seen.emplace(term, Seen{id, hash});
            }
            if (++since_commit >= options.batch_size) commit();
        } catch (const Xapian::Error& e) {
            throw Error(ErrorKind::kDatabase, "indexing " + article.id + " into " + db_path + ": " +
                                                  e.get_description());
        }
    };
    auto count_problem = [&](const InputProblem& problem) {
        ++(problem.warning ? report.warnings : report.problems);
        on_problem(problem);
        if (options.strict && !problem.warning) throw StopReading();
    };

    try {
        read_inputs(options.inputs, index_article, count_problem, options.input);
    } catch (const StopReading&) {
        report.stopped_early = true;
    }
    try {
        if (parts) {
            submit_part();
            const std::vector<std::string> paths = parts->finish();
            parts.reset();
            report.parts = paths.size();
            db.commit_transaction();
            if (!paths.empty()) {
                compact_in_place(db_path, db, paths);
                crash_point("merged");
            }
            db.begin_transaction();
            for (const auto& [id, article] : later_versions) {
                const Xapian::Document doc = builder.build(article).document;
                spelling.add(doc);
                db.replace_document(id, doc);
            }
            std::error_code ec;
            std::filesystem::remove_all(parts_directory(db_path), ec);
        }
        commit();
        db.commit_transaction();
        if (options.group) {
            PendingGrouping work = earlier;
            work.append(pending);
            if (!work.docids.empty()) {
                if (options.on_grouping) options.on_grouping(work.docids.size());
                const auto regroup = dissolve_groups(db, work.old_stories, work.old_events);
                work.docids.insert(work.docids.end(), regroup.begin(), regroup.end());
                std::sort(work.docids.begin(), work.docids.end());
                work.docids.erase(std::unique(work.docids.begin(), work.docids.end()), work.docids.end());
                // Articles removed since a record was written are no longer there to group.
                work.docids.erase(std::remove_if(work.docids.begin(), work.docids.end(),
                                                 [&](Xapian::docid id) { return !document_exists(db, id); }),
                                  work.docids.end());
                // The members of the split groups are to be grouped afresh:
                // one record replaces the earlier ones in the commit that
                // splits the groups, so a crash before grouping loses none.
                work.old_stories.clear();
                work.old_events.clear();
                for (const auto& key : earlier_pending_keys) db.set_metadata(key, "");
                for (const auto& key : pending_keys) db.set_metadata(key, "");
                earlier_pending_keys.assign(1, pending_key + "-regroup");
                pending_keys.clear();
                db.set_metadata(earlier_pending_keys.front(), work.serialise());
                db.commit();
                crash_point("dissolved");
                const auto group_start = std::chrono::steady_clock::now();
                db.begin_transaction();
                report.grouping = group_stories(db, db_path, work.docids, jobs);
                report.grouping_seconds =
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - group_start).count();
                crash_point("grouped");
            } else {
                db.begin_transaction();
            }
            for (const auto& key : earlier_pending_keys) db.set_metadata(key, "");
            for (const auto& key : pending_keys) db.set_metadata(key, "");
            report.alerts = match_saved_searches(db);  // the added articles, grouped, against saved searches
        } else {
            db.begin_transaction();
            report.waiting_for_grouping = earlier.docids.size() + pending.docids.size();
        }
        db.commit_transaction();
        report.total = db.get_doccount();
        const size_t written = report.added + report.updated;
        if (options.compact && written > 0 && 2 * written >= report.total) {
            report.compaction = compact_in_place(db_path, db);
            report.compacted = true;
            crash_point("compacted");
        }
        report.stories = count_multi_version_stories(db);
        report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const nlohmann::json summary = {{"added", report.added},
                                        {"updated", report.updated},
                                        {"unchanged", report.unchanged},
                                        {"problems", report.problems},
                                        {"warnings", report.warnings},
                                        {"seconds", report.seconds},
                                        {"finished", utc_timestamp()},
                                        {"stopped_early", report.stopped_early}};
        db.set_metadata(std::string(schema::metadata::kLastBuild), summary.dump());
        db.commit();
    } catch (const Xapian::Error& e) {
        throw Error(ErrorKind::kDatabase, "writing " + db_path + ": " + e.get_description());
    }
    return report;
}

}  // namespace news
