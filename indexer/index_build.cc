#include "indexer/index_build.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <thread>
#include <unordered_map>
#include <nlohmann/json.hpp>

#include "common/database.h"
#include "common/error.h"
#include "common/keys.h"
#include "common/schema.h"
#include "indexer/document_builder.h"
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

struct Seen {
    Xapian::docid id;
    std::string content_hash;
};

}  // namespace

BuildReport build_index(const std::string& db_path, const BuildOptions& options,
                        const ProblemHandler& on_problem) {
    const auto start = std::chrono::steady_clock::now();
    BuildReport report;
    Xapian::WritableDatabase db = open_for_writing(db_path);
    CommittedIndex committed(db_path);
    DocumentBuilder builder;
    SpellingCollector spelling;
    std::unordered_map<std::string, Seen> seen;  // id term -> this build's version
    PendingGrouping pending;                     // this build's
    std::vector<std::string> earlier_pending_keys;
    const PendingGrouping earlier = read_pending(db, earlier_pending_keys);
    const std::string pending_key = std::string(schema::metadata::kPendingGrouping) +
                                    std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
    size_t since_commit = 0;

    auto commit = [&] {
        // Committed with the articles, so no article is ever indexed but forgotten by grouping.
        db.set_metadata(pending_key, pending.serialise());
        spelling.write(db);
        db.commit();
        since_commit = 0;
    };
    auto replace = [&](Xapian::docid id, const Article& article, const std::string& story,
                       const std::string& event) {
        const Xapian::Document doc = builder.build(article).document;
        spelling.add(doc);
        db.replace_document(id, doc);
        ++report.updated;
        pending.docids.push_back(id);
        // Its new text may no longer belong with its old versions.
        pending.old_stories.push_back(story);
        pending.old_events.push_back(event);
    };

    auto index_article = [&](Article&& article) {
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
            } else {
                const Xapian::Document doc = builder.build(article).document;
                spelling.add(doc);
                const Xapian::docid id = db.add_document(doc);
                ++report.added;
                pending.docids.push_back(id);
                seen.emplace(term, Seen{id, hash});
            }
            if (++since_commit >= options.batch_size) commit();
            if (options.progress && (report.added + report.updated) % 1000 == 0)
                std::fprintf(stderr, "\rindexed %zu articles", report.added + report.updated);
        } catch (const Xapian::Error& e) {
            throw Error(ErrorKind::kDatabase, "indexing " + article.id + " into " + db_path + ": " +
                                                  e.get_description());
        }
    };
    auto count_problem = [&](const InputProblem& problem) {
        ++report.problems;
        on_problem(problem);
    };

    read_inputs(options.inputs, index_article, count_problem);
    if (options.progress) std::fprintf(stderr, "\r");
    try {
        commit();
        if (options.group) {
            PendingGrouping work = earlier;
            work.append(pending);
            if (!work.docids.empty()) {
                const auto regroup = dissolve_groups(db, work.old_stories, work.old_events);
                work.docids.insert(work.docids.end(), regroup.begin(), regroup.end());
                std::sort(work.docids.begin(), work.docids.end());
                work.docids.erase(std::unique(work.docids.begin(), work.docids.end()), work.docids.end());
                db.commit();
                const auto group_start = std::chrono::steady_clock::now();
                const unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
                report.grouping = group_stories(db, db_path, work.docids, jobs);
                report.grouping_seconds =
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - group_start).count();
            }
            earlier_pending_keys.push_back(pending_key);
            for (const auto& key : earlier_pending_keys) db.set_metadata(key, "");
        } else {
            report.waiting_for_grouping = earlier.docids.size() + pending.docids.size();
        }
        report.total = db.get_doccount();
        report.stories = count_multi_version_stories(db);
        report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const nlohmann::json summary = {{"added", report.added},       {"updated", report.updated},
                                        {"unchanged", report.unchanged}, {"problems", report.problems},
                                        {"seconds", report.seconds}};
        db.set_metadata(std::string(schema::metadata::kLastBuild), summary.dump());
        db.commit();
    } catch (const Xapian::Error& e) {
        throw Error(ErrorKind::kDatabase, "writing " + db_path + ": " + e.get_description());
    }
    return report;
}

}  // namespace news
