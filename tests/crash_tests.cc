// Crash safety, end to end: the real `news-index build` on corpus/ plus a
// few thousand generated articles, in small batches, killed at chosen points
// (a hidden NEWS_INDEX_CRASH_AT hook that exits on the spot) and by SIGKILL
// after varying delays. After every crash the database must open and answer
// searches, a re-run of the same build must succeed, and the result must be
// exactly that of an uninterrupted build: every distinct id once, and the
// same story and event groups. Both ways of writing are covered: one writer
// in place (--jobs 1) and parallel parts merged at the end (--jobs 2), which
// must also give the same groups as each other.
#define BOOST_TEST_MODULE crash_tests
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <thread>

#include "cli_support.h"

using nlohmann::json;
using test::RunResult;

namespace {

using Groups = std::set<std::set<std::string>>;

constexpr size_t kSyntheticArticles = 1500;
constexpr const char* kBatchSize = "150";

using test::show;
json parse(const RunResult& r) { return test::parse_json(r); }

// The inputs (written once) and an uninterrupted build of them.
struct Reference {
    test::TempDir dir;
    std::string synthetic = dir / "synthetic.jsonl";
    size_t distinct_ids = 0;
    std::string db = dir / "clean.db";
    Groups stories, events;
    std::set<std::string> marker_hits;
    double seconds = 0;

    std::string parallel_db = dir / "parallel.db";
    std::string parallel_out;  // what the parallel clean build printed

    std::vector<std::string> build_command(const std::string& target, const char* jobs = "1") const {
        return {test::index_bin(), "--db",          target,     "build", "--jobs", jobs, "--batch-size",
                kBatchSize,        test::corpus_dir(), synthetic};
    }

    Reference() {
        distinct_ids = test::write_synthetic_jsonl(synthetic, kSyntheticArticles);
        distinct_ids += test::kCorpusArticles;  // corpus/ ids are distinct
        const auto start = std::chrono::steady_clock::now();
        const auto r = test::run(build_command(db));
        seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (r.status != 0) throw std::runtime_error("clean build failed: " + show(r));
        const auto p = test::run(build_command(parallel_db, "2"));
        if (p.status != 0) throw std::runtime_error("clean parallel build failed: " + show(p));
        parallel_out = p.out;
        stories = groups(db, "story");
        events = groups(db, "event");
        marker_hits = hits(db, "synthmarker");
    }

    static Groups groups(const std::string& target, const std::string& level) {
        const auto r = test::run({test::index_bin(), "--db", target, "dups", "--format", "json", "--level", level});
        BOOST_TEST_REQUIRE(r.status == 0, show(r));
        Groups out;
        const json j = parse(r);  // (not a temporary: the loop keeps a reference into it)
        for (const auto& g : j.at("groups")) {
            std::set<std::string> members;
            for (const auto& m : g.at("members")) members.insert(m.at("id").get<std::string>());
            out.insert(members);
        }
        return out;
    }

    static std::set<std::string> hits(const std::string& target, const std::string& query) {
        const auto r = test::run({test::search_bin(), "--db", target, "--all-versions", "--format", "json", "--limit",
                                  "100000", query});
        BOOST_TEST_REQUIRE(r.status == 0, show(r));
        std::set<std::string> ids;
        const auto j = parse(r);
        for (const auto& h : j.at("hits")) BOOST_TEST(ids.insert(h.at("id").get<std::string>()).second);
        return ids;
    }
};

Reference& reference() {
    static Reference r;
    return r;
}

json stats(const std::string& db) {
    const auto r = test::run({test::index_bin(), "--db", db, "stats", "--format", "json"});
    BOOST_TEST_REQUIRE(r.status == 0, show(r));
    return parse(r);
}

// What must hold right after a crash: the database opens and searches.
void check_usable_after_crash(const std::string& db) {
    const auto s = test::run({test::search_bin(), "--db", db, "oil"});
    BOOST_TEST((s.status == 0 || s.status == 1), show(s));
    BOOST_TEST(s.err.empty(), show(s));
    if (s.status == 0) BOOST_TEST(s.out.rfind("Results ", 0) == 0u, show(s));
    stats(db);
}

// Re-running the same build completes it; the result equals the clean build.
void check_rerun_completes(const std::string& db, const char* jobs = "1") {
    Reference& ref = reference();
    const auto again = test::run(ref.build_command(db, jobs));
    BOOST_TEST_REQUIRE(again.status == 0, show(again));
    const json st = stats(db);
    BOOST_TEST(st.at("articles").get<size_t>() == ref.distinct_ids);
    BOOST_TEST(st.at("waiting_for_grouping").get<size_t>() == 0u);
    BOOST_TEST((Reference::hits(db, "synthmarker") == ref.marker_hits));
    const Groups stories = Reference::groups(db, "story"), events = Reference::groups(db, "event");
    BOOST_TEST(stories.size() == ref.stories.size());
    BOOST_TEST((stories == ref.stories));
    BOOST_TEST(events.size() == ref.events.size());
    BOOST_TEST((events == ref.events));
}

void crash_at(const std::string& point, bool expect_committed_articles, const char* jobs = "1") {
    Reference& ref = reference();
    test::TempDir dir;
    const std::string db = dir / "db";
    const auto crashed = test::run(ref.build_command(db, jobs), {{"NEWS_INDEX_CRASH_AT", point}});
    BOOST_TEST_REQUIRE(crashed.status == 137, show(crashed));
    check_usable_after_crash(db);
    if (expect_committed_articles) {
        const json st = stats(db);
        const size_t articles = st.at("articles").get<size_t>();
        BOOST_TEST(articles > 0u);
        // Every committed article is on record for the next build to group.
        BOOST_TEST(st.at("waiting_for_grouping").get<size_t>() >= articles);
    }
    check_rerun_completes(db, jobs);
    // Nothing of the interrupted build is left beside the database.
    BOOST_TEST(!std::filesystem::exists(db + ".parts"));
    BOOST_TEST(!std::filesystem::exists(db + ".compacting"));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(crash)

BOOST_AUTO_TEST_CASE(clean_build_indexes_every_distinct_id_once) {
    Reference& ref = reference();
    const json st = stats(ref.db);
    BOOST_TEST(st.at("articles").get<size_t>() == ref.distinct_ids);
    BOOST_TEST(st.at("waiting_for_grouping").get<size_t>() == 0u);
    BOOST_TEST(!ref.stories.empty());  // the generated copies were found
    BOOST_TEST(ref.marker_hits.size() > kSyntheticArticles / 2);
}

BOOST_AUTO_TEST_CASE(killed_after_the_first_batch) { crash_at("batch:1", true); }

BOOST_AUTO_TEST_CASE(killed_after_several_batches) { crash_at("batch:7", true); }

BOOST_AUTO_TEST_CASE(killed_after_old_groups_were_split) { crash_at("dissolved", true); }

BOOST_AUTO_TEST_CASE(killed_with_new_groups_written_but_not_committed) { crash_at("grouped", true); }

BOOST_AUTO_TEST_CASE(killed_while_an_update_regroups) {
    // An earlier build of other versions of every synthetic article: the
    // update replaces them all and splits their groups, and is killed right
    // after that split is committed. The re-run must end where the same two
    // builds end uninterrupted.
    Reference& ref = reference();
    test::TempDir dir;
    const std::string earlier = dir / "earlier.jsonl";
    test::write_synthetic_jsonl(earlier, kSyntheticArticles, /*seed=*/2);
    auto first_build = [&](const std::string& db) {
        const auto r = test::run({test::index_bin(), "--db", db, "build", "--batch-size", kBatchSize,
                                  test::corpus_dir(), earlier});
        BOOST_TEST_REQUIRE(r.status == 0, show(r));
    };
    const std::string uninterrupted = dir / "uninterrupted.db", db = dir / "db";
    first_build(uninterrupted);
    const auto update = test::run(ref.build_command(uninterrupted));
    BOOST_TEST_REQUIRE(update.status == 0, show(update));

    first_build(db);
    const auto crashed = test::run(ref.build_command(db), {{"NEWS_INDEX_CRASH_AT", "dissolved"}});
    BOOST_TEST_REQUIRE(crashed.status == 137, show(crashed));
    check_usable_after_crash(db);
    const auto again = test::run(ref.build_command(db));
    BOOST_TEST_REQUIRE(again.status == 0, show(again));
    BOOST_TEST(stats(db).at("articles") == stats(uninterrupted).at("articles"));
    BOOST_TEST(stats(db).at("waiting_for_grouping") == 0);
    BOOST_TEST((Reference::hits(db, "synthmarker") == Reference::hits(uninterrupted, "synthmarker")));
    BOOST_TEST((Reference::groups(db, "story") == Reference::groups(uninterrupted, "story")));
    BOOST_TEST((Reference::groups(db, "event") == Reference::groups(uninterrupted, "event")));
}

BOOST_AUTO_TEST_CASE(killed_after_the_final_compaction) { crash_at("compacted", false); }

BOOST_AUTO_TEST_CASE(parallel_build_gives_the_groups_of_one_writer) {
    Reference& ref = reference();
    BOOST_TEST(ref.parallel_out.find("parts merged") != std::string::npos, ref.parallel_out);
    BOOST_TEST(ref.parallel_out.find("compacted") != std::string::npos, ref.parallel_out);
    BOOST_TEST(stats(ref.parallel_db).at("articles").get<size_t>() == ref.distinct_ids);
    BOOST_TEST((Reference::groups(ref.parallel_db, "story") == ref.stories));
    BOOST_TEST((Reference::groups(ref.parallel_db, "event") == ref.events));
    BOOST_TEST((Reference::hits(ref.parallel_db, "synthmarker") == ref.marker_hits));
}

BOOST_AUTO_TEST_CASE(parallel_build_killed_after_the_first_part) {
    // Parts are not in the database until merged: the database stays empty.
    crash_at("part:1", false, "2");
}

BOOST_AUTO_TEST_CASE(parallel_build_killed_after_several_parts) { crash_at("part:2", false, "2"); }

BOOST_AUTO_TEST_CASE(parallel_build_killed_inside_a_part) {
    // A part is several batches, each committed by its writer: killed after
    // some of them, the parts are still not in the database.
    crash_at("part-batch:5", false, "2");
}

BOOST_AUTO_TEST_CASE(parallel_build_killed_right_after_the_merge) { crash_at("merged", true, "2"); }

BOOST_AUTO_TEST_CASE(parallel_build_killed_with_new_groups_not_committed) { crash_at("grouped", true, "2"); }

BOOST_AUTO_TEST_CASE(parallel_build_killed_after_the_final_compaction) { crash_at("compacted", false, "2"); }

BOOST_AUTO_TEST_CASE(parallel_build_sigkilled_at_several_moments) {
    Reference& ref = reference();
    for (const double share : {0.15, 0.5, 0.8}) {
        BOOST_TEST_CONTEXT("killed at " << share << " of a clean build's time") {
            test::TempDir dir;
            const std::string db = dir / "db";
            const pid_t pid = test::spawn(ref.build_command(db, "2"), dir / "out", dir / "err");
            std::this_thread::sleep_for(std::chrono::duration<double>(share * ref.seconds));
            kill(pid, SIGKILL);
            const int status = test::wait_for(pid);
            BOOST_TEST((status == 137 || status == 0), "exit " << status << ": " << test::read_file(dir / "err"));
            if (std::filesystem::exists(db)) check_usable_after_crash(db);
            check_rerun_completes(db, "2");
        }
    }
}

BOOST_AUTO_TEST_CASE(sigkill_at_several_moments) {
    // Delays spread over the clean build's own duration (measured above,
    // on this machine), so kills land while indexing and while grouping.
    Reference& ref = reference();
    for (const double share : {0.1, 0.35, 0.6, 0.85}) {
        BOOST_TEST_CONTEXT("killed at " << share << " of a clean build's time") {
            test::TempDir dir;
            const std::string db = dir / "db";
            const pid_t pid = test::spawn(ref.build_command(db), dir / "out", dir / "err");
            std::this_thread::sleep_for(std::chrono::duration<double>(share * ref.seconds));
            kill(pid, SIGKILL);
            const int status = test::wait_for(pid);
            BOOST_TEST((status == 137 || status == 0), "exit " << status << ": " << test::read_file(dir / "err"));
            if (std::filesystem::exists(db)) check_usable_after_crash(db);
            check_rerun_completes(db);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
