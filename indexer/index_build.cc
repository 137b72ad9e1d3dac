#include "indexer/index_build.h"

#include <chrono>
#include <cstdio>
#include <optional>
#include <thread>
#include <unordered_map>
#include <nlohmann/json.hpp>

#include "common/database.h"
#include "common/error.h"
#include "common/schema.h"
#include "indexer/document_builder.h"

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

}  // namespace

BuildReport build_index(const std::string& db_path, const BuildOptions& options,
                        const ProblemHandler& on_problem) {
    const auto start = std::chrono::steady_clock::now();
    BuildReport report;
    Xapian::WritableDatabase db = open_for_writing(db_path);
    CommittedIndex committed(db_path);
    DocumentBuilder builder;
    std::unordered_map<std::string, Xapian::docid> seen;  // id term -> docid, this build
    std::vector<Xapian::docid> changed;
    std::vector<std::string> old_stories, old_events;  // groups of replaced articles
    size_t since_commit = 0;

    auto index_article = [&](Article&& article) {
        BuiltDocument built = builder.build(article);
        try {
            Xapian::docid id;
            if (auto it = seen.find(built.id_term); it != seen.end()) {
                // The same id twice in one build: the later one wins.
                id = it->second;
                db.replace_document(id, built.document);
                ++report.updated;
                changed.push_back(id);
            } else if (auto old = committed.find(built.id_term)) {
                id = old->id;
                if (old->content_hash == built.content_hash) {
                    ++report.unchanged;
                    seen.emplace(built.id_term, id);
                    return;
                }
                db.replace_document(id, built.document);
                ++report.updated;
                changed.push_back(id);
                // Its new text may no longer belong with its old versions.
                old_stories.push_back(old->story);
                old_events.push_back(old->event);
            } else {
                id = db.add_document(built.document);
                ++report.added;
                changed.push_back(id);
            }
            seen.emplace(built.id_term, id);
            if (++since_commit >= options.batch_size) {
                db.commit();
                since_commit = 0;
            }
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
        db.commit();
        if (options.group && !changed.empty()) {
            const auto regroup = dissolve_groups(db, old_stories, old_events);
            changed.insert(changed.end(), regroup.begin(), regroup.end());
            db.commit();
            // Within one build the same id may be listed twice; group each once.
            std::sort(changed.begin(), changed.end());
            changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
            const auto group_start = std::chrono::steady_clock::now();
            const unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
            report.grouping = group_stories(db, db_path, changed, jobs);
            report.grouping_seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - group_start).count();
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
