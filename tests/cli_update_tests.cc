// End-to-end tests of the real binaries for updates and safety: `remove`,
// `stats`, `build --strict`, the progress display (none when piped; shown
// on a terminal), and searches running while a build commits.
#define BOOST_TEST_MODULE cli_update_tests
#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <set>
#include <string>
#include <vector>

#include "cli_support.h"

using nlohmann::json;
using test::RunResult;

namespace {

using test::index;
using test::search;
using test::show;
json parse(const RunResult& r) { return test::parse_json(r); }

// The relative path news-search prints for seed n (its id is the absolute path).
std::string shown_seed(int n) { return test::seed_path(n); }

struct CorpusDb {
    test::TempDir dir;
    std::string db = dir / "db";
    CorpusDb() {
        const auto r = index(db, {"build", test::corpus_dir()});
        BOOST_TEST_REQUIRE(r.status == 0, show(r));
    }
    std::set<std::set<std::string>> groups(const std::string& level) {
        const auto r = index(db, {"dups", "--format", "json", "--level", level});
        BOOST_TEST_REQUIRE(r.status == 0, show(r));
        std::set<std::set<std::string>> out;
        const json j = parse(r);  // (not a temporary: the loop keeps a reference into it)
        for (const auto& g : j.at("groups")) {
            std::set<std::string> ids;
            for (const auto& m : g.at("members")) ids.insert(m.at("id").get<std::string>());
            out.insert(ids);
        }
        return out;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(remove_command, CorpusDb)

BOOST_AUTO_TEST_CASE(removing_versions_keeps_the_others_grouped) {
    // Seeds 0, 1 and 3 and the HTML copy of seed 1 are one story, keyed by
    // seed 0 (the smallest id); all seven seed versions are one event.
    const auto before = parse(search(db, {"--format", "json", "spy balloon"}));
    BOOST_TEST_REQUIRE(before.at("hits")[0].at("versions").get<int>() == 4);

    // Remove the version that keys the group, named by its relative path.
    const auto r = index(db, {"remove", shown_seed(0)});
    BOOST_TEST(r.status == 0, show(r));
    BOOST_TEST(r.err.empty(), show(r));
    BOOST_TEST(r.out.find("removed 1, unknown 0") != std::string::npos, show(r));
    BOOST_TEST(groups("story").count({test::seed_id(1), test::seed_id(3), test::html_copy_id(1)}) == 1u);
    BOOST_TEST(groups("event").count({test::seed_id(1), test::seed_id(2), test::seed_id(3), test::seed_id(4),
                                      test::html_copy_id(1), test::html_copy_id(2)}) == 1u);
    const auto after = parse(search(db, {"--format", "json", "spy balloon"}));
    BOOST_TEST_REQUIRE(!after.at("hits").empty());
    BOOST_TEST(after.at("hits")[0].at("versions").get<int>() == 3);
    const auto versions = search(db, {"--versions", shown_seed(1)});
    BOOST_TEST(versions.status == 0, show(versions));
    BOOST_TEST(versions.out.find("3 versions") != std::string::npos, show(versions));
    const auto ev = parse(search(db, {"--event", "--format", "json", "spy balloon"}));
    BOOST_TEST(ev.at("hits")[0].at("versions").get<int>() == 6);

    // Remove the version shown for the story now: the other two stay together.
    const std::string shown = after.at("hits")[0].at("id").get<std::string>();
    const auto again = index(db, {"remove", shown});
    BOOST_TEST(again.status == 0, show(again));
    const auto last = parse(search(db, {"--format", "json", "spy balloon"}));
    BOOST_TEST_REQUIRE(!last.at("hits").empty());
    BOOST_TEST(last.at("hits")[0].at("id").get<std::string>() != shown);
    BOOST_TEST(last.at("hits")[0].at("versions").get<int>() == 2);
    const auto all = parse(search(db, {"--all-versions", "--format", "json", "--limit", "100", "spy balloon"}));
    for (const auto& h : all.at("hits")) {
        BOOST_TEST(h.at("id").get<std::string>() != shown);
        BOOST_TEST(h.at("id").get<std::string>() != test::seed_id(0));
    }
    BOOST_TEST(groups("event").size() == parse(index(db, {"stats", "--format", "json"}))
                                             .at("events").at("with_several_articles").get<size_t>());
}

BOOST_AUTO_TEST_CASE(unknown_ids_are_named_and_the_others_removed) {
    const auto r = index(db, {"remove", "reuters-4", "no-such-article", shown_seed(2), "reuters-16"});
    BOOST_TEST(r.status == 1, show(r));
    BOOST_TEST(r.err == "news-index: no article with id no-such-article\n", show(r));
    BOOST_TEST(r.out.find("removed 3, unknown 1") != std::string::npos, show(r));
    BOOST_TEST(search(db, {"id:reuters-4"}).status == 1);
    BOOST_TEST(search(db, {"id:reuters-16"}).status == 1);
    // Seed 4 lost one of its two other versions: the HTML copy of seed 2 is left.
    const auto v = parse(search(db, {"--versions", shown_seed(4), "--format", "json"}));
    BOOST_TEST(v.at("versions").size() == 2u);
    const auto st = parse(index(db, {"stats", "--format", "json"}));
    BOOST_TEST(st.at("articles").get<size_t>() == test::kCorpusArticles - 3);
}

BOOST_AUTO_TEST_CASE(remove_needs_an_id) {
    const auto r = index(db, {"remove"});
    BOOST_TEST(r.status == 2, show(r));
    BOOST_TEST(r.err.find("remove takes one or more article ids") != std::string::npos, show(r));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(stats_command, CorpusDb)

BOOST_AUTO_TEST_CASE(json_shape) {
    const auto r = index(db, {"stats", "--format", "json"});
    BOOST_TEST_REQUIRE(r.status == 0, show(r));
    const auto j = parse(r);
    BOOST_TEST(j.at("format_version") == 1);
    BOOST_TEST(j.at("database") == db);
    BOOST_TEST(j.at("schema_version").is_number());
    const size_t reuters = test::lines_of(test::read_file(test::reuters_path())).size();
    BOOST_TEST(j.at("articles").get<size_t>() == test::kCorpusArticles);
    BOOST_TEST(j.at("stories").at("with_versions").get<size_t>() == groups("story").size());
    BOOST_TEST(j.at("events").at("with_several_articles").get<size_t>() == groups("event").size());
    BOOST_TEST(j.at("stories").at("total").get<size_t>() < j.at("articles").get<size_t>());
    BOOST_TEST(j.at("sources").at("total").is_number());
    BOOST_TEST(j.at("sources").at("top")[0].at("source") == "reuters");
    BOOST_TEST(j.at("sources").at("top")[0].at("articles").get<size_t>() == reuters);
    BOOST_TEST(j.at("dates").at("earliest").get<std::string>().size() == 10u);
    BOOST_TEST(j.at("dates").at("latest").get<std::string>() >= j.at("dates").at("earliest").get<std::string>());
    BOOST_TEST(j.at("dates").at("undated").is_number());
    BOOST_TEST(j.at("waiting_for_grouping") == 0);
    BOOST_TEST(j.at("size_bytes").get<size_t>() > 0u);
    BOOST_TEST(j.at("last_build").at("added").get<size_t>() == test::kCorpusArticles);
    BOOST_TEST(j.at("last_build").at("finished").is_string());
}

BOOST_AUTO_TEST_CASE(text_and_errors) {
    const auto r = index(db, {"stats"});
    BOOST_TEST_REQUIRE(r.status == 0, show(r));
    BOOST_TEST(r.out.find("articles:      " + std::to_string(test::kCorpusArticles) + "\n") != std::string::npos, show(r));
    BOOST_TEST(r.out.find("reuters 400") != std::string::npos, show(r));
    BOOST_TEST(r.out.find("last build:") != std::string::npos, show(r));
    const auto bad = index(db, {"stats", "--format", "xml"});
    BOOST_TEST(bad.status == 2, show(bad));
    const auto missing = index(dir / "nothing-here", {"stats"});
    BOOST_TEST(missing.status == 2, show(missing));
    BOOST_TEST(missing.err.find("nothing-here") != std::string::npos, show(missing));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(build_safety)

BOOST_AUTO_TEST_CASE(strict_stops_at_the_first_bad_line_with_exit_1) {
    test::TempDir dir;
    const std::string db = dir / "db", in = dir / "in.jsonl";
    test::write_file(in, "{\"id\": \"q1\", \"title\": \"Quokka\", \"body\": \"A quokka was seen.\"}\n"
                         "not json\n"
                         "{\"id\": \"w1\", \"title\": \"Wombat\", \"body\": \"A wombat was seen.\"}\n"
                         "also not json\n");
    const auto r = index(db, {"build", "--strict", in});
    BOOST_TEST(r.status == 1, show(r));
    const auto lines = test::lines_of(r.err);
    BOOST_TEST_REQUIRE(lines.size() == 2u, show(r));
    BOOST_TEST(lines[0].rfind("news-index: " + in + ":2: ", 0) == 0u, show(r));
    BOOST_TEST(lines[1] == "news-index: --strict: stopped at the first bad input", show(r));
    BOOST_TEST(search(db, {"quokka"}).status == 0);
    BOOST_TEST(search(db, {"wombat"}).status == 1);
    const auto lenient = index(db, {"build", in});
    BOOST_TEST(lenient.status == 1, show(lenient));
    BOOST_TEST(test::lines_of(lenient.err).size() == 2u, show(lenient));
    BOOST_TEST(search(db, {"wombat"}).status == 0);
}

BOOST_AUTO_TEST_CASE(help_documents_the_new_commands_and_options) {
    const auto r = test::run({test::index_bin(), "--help"});
    BOOST_TEST(r.status == 0);
    for (const char* word : {"remove ID", "stats", "--strict", "--quiet", "--format", "progress", "compact", "--no-compact"})
        BOOST_TEST(r.out.find(word) != std::string::npos, word);
}

BOOST_AUTO_TEST_CASE(piped_output_has_no_progress_display) {
    test::TempDir dir;
    test::write_synthetic_jsonl(dir / "s.jsonl", 500);
    const auto r = index(dir / "db", {"build", "--batch-size", "100", test::corpus_dir(), dir / "s.jsonl"});
    BOOST_TEST(r.status == 0, show(r));
    BOOST_TEST(r.err.empty(), show(r));
    BOOST_TEST(r.out.find('\r') == std::string::npos);
    BOOST_TEST(r.out.find("\033") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_terminal_shows_progress_and_quiet_does_not) {
    // util-linux `script` runs the build on a pseudo-terminal.
    if (!std::filesystem::exists("/usr/bin/script")) {
        BOOST_TEST_MESSAGE("skipped: /usr/bin/script (util-linux) not installed");
        return;
    }
    // Containers and chroots may have no /dev/ptmx (no devpts mounted).
    const int pty = posix_openpt(O_RDWR | O_NOCTTY);
    if (pty < 0) {
        BOOST_TEST_MESSAGE("skipped: this machine cannot create a pseudo-terminal");
        return;
    }
    close(pty);
    test::TempDir dir;
    test::write_synthetic_jsonl(dir / "s.jsonl", 1500);
    const std::string build = test::index_bin() + " --db " + dir.path() + "/db build --batch-size 500 " +
                              test::corpus_dir() + " " + dir.path() + "/s.jsonl";
    const auto shown = test::run({"/usr/bin/script", "-qec", build, "/dev/null"});
    BOOST_TEST(shown.status == 0, show(shown));
    BOOST_TEST(shown.out.find("files ") != std::string::npos, show(shown));
    BOOST_TEST(shown.out.find("articles/s") != std::string::npos, show(shown));  // the summary still printed
    BOOST_TEST(shown.out.find("\r\033[K") != std::string::npos, show(shown));   // and the display erased
    const auto quiet = test::run({"/usr/bin/script", "-qec", test::index_bin() + " --db " + dir.path() +
                                                                 "/db2 build -q " + dir.path() + "/s.jsonl",
                                  "/dev/null"});
    BOOST_TEST(quiet.status == 0, show(quiet));
    BOOST_TEST(quiet.out.find("files ") == std::string::npos, show(quiet));
    BOOST_TEST(quiet.out.find('\033') == std::string::npos, show(quiet));
}

BOOST_AUTO_TEST_CASE(a_second_build_fails_at_once_while_one_runs) {
    test::TempDir dir;
    test::write_synthetic_jsonl(dir / "s.jsonl", 1500);
    const std::string db = dir / "db";
    const pid_t first = test::spawn({test::index_bin(), "--db", db, "build", "--batch-size", "200", dir / "s.jsonl"},
                                    dir / "out", dir / "err");
    // Once the first build has committed a batch it holds the lock: from
    // then on, until it ends, a second build must fail at once saying so.
    while (test::still_running(first)) {
        try {
            if (std::filesystem::exists(db) && Xapian::Database(db).get_doccount() > 0) break;
        } catch (const Xapian::Error&) {
            // Not created yet.
        }
    }
    bool saw_lock = false;
    while (test::still_running(first) && !saw_lock) {
        const auto second = index(db, {"build", test::seeds_dir()});
        if (second.status == 2) {
            BOOST_TEST(second.err == "news-index: database is locked by another build (" + db + ")\n", show(second));
            saw_lock = true;
        } else {
            // Only possible once the first build has ended.
            BOOST_TEST(second.status == 0, show(second));
            BOOST_TEST(!test::still_running(first));
        }
    }
    BOOST_TEST(test::wait_for(first) == 0, test::read_file(dir / "err"));
    BOOST_TEST(saw_lock);
}

BOOST_AUTO_TEST_CASE(searches_during_a_build_see_a_consistent_database) {
    test::TempDir dir;
    test::write_synthetic_jsonl(dir / "s.jsonl", 1500);
    const std::string db = dir / "db";
    const auto seeded = index(db, {"build", test::corpus_dir()});
    BOOST_TEST_REQUIRE(seeded.status == 0, show(seeded));
    const pid_t build = test::spawn({test::index_bin(), "--db", db, "build", "--batch-size", "100", dir / "s.jsonl"},
                                    dir / "out", dir / "err");
    size_t searches = 0;
    size_t last_total = 0;
    while (test::still_running(build) || searches < 3) {
        ++searches;
        // The corpus was committed before: always found, with its story whole.
        const auto r = search(db, {"--format", "json", "spy balloon"});
        BOOST_TEST_REQUIRE(r.status == 0, show(r));
        BOOST_TEST(r.err.empty(), show(r));
        const auto j = parse(r);
        BOOST_TEST(j.at("hits")[0].at("versions").get<int>() == 4);
        // The new articles arrive in whole batches and never go away.
        const auto s = search(db, {"--all-versions", "--format", "json", "--limit", "1", "synthmarker"});
        BOOST_TEST((s.status == 0 || s.status == 1), show(s));
        BOOST_TEST(s.err.empty(), show(s));
        const size_t total = parse(s).at("matches_lower_bound").get<size_t>();
        BOOST_TEST(total >= last_total);
        last_total = total;
        const auto text = search(db, {"synthmarker"});
        BOOST_TEST((text.status == 0 || text.status == 1), show(text));
        if (text.status == 0) BOOST_TEST(text.out.rfind("Results ", 0) == 0u, show(text));
    }
    BOOST_TEST(test::wait_for(build) == 0, test::read_file(dir / "err"));
    BOOST_TEST_MESSAGE(searches << " rounds of searches during the build");
}

BOOST_AUTO_TEST_SUITE_END()

// `news-index compact` and the compaction that ends a build writing a large
// share of the database (indexer/database_compaction.h).
BOOST_AUTO_TEST_SUITE(compaction)

BOOST_AUTO_TEST_CASE(compact_keeps_every_article_group_and_hit) {
    test::TempDir dir;
    const std::string db = dir / "db";
    const auto built = index(db, {"build", "--no-compact", test::corpus_dir()});
    BOOST_TEST_REQUIRE(built.status == 0, show(built));
    BOOST_TEST(built.out.find("compacted") == std::string::npos, show(built));
    const auto stats_before = parse(index(db, {"stats", "--format", "json"}));
    const auto dups_before = index(db, {"dups", "--format", "json"}).out;
    const auto hits_before = search(db, {"--format", "json", "--all-versions", "talks"}).out;

    const auto compacted = index(db, {"compact"});
    BOOST_TEST(compacted.status == 0, show(compacted));
    BOOST_TEST(compacted.out.rfind("compacted: ", 0) == 0u, show(compacted));
    BOOST_TEST(compacted.err.empty(), show(compacted));
    BOOST_TEST(!std::filesystem::exists(db + ".compacting"));
    const auto stats_after = parse(index(db, {"stats", "--format", "json"}));
    BOOST_TEST(stats_after.at("articles") == stats_before.at("articles"));
    BOOST_TEST(stats_after.at("stories") == stats_before.at("stories"));
    BOOST_TEST(index(db, {"dups", "--format", "json"}).out == dups_before);
    BOOST_TEST(search(db, {"--format", "json", "--all-versions", "talks"}).out == hits_before);
    // Still a database to update.
    const auto again = index(db, {"build", test::corpus_dir()});
    BOOST_TEST(again.status == 0, show(again));
}

BOOST_AUTO_TEST_CASE(a_first_build_ends_compacted_a_small_update_does_not) {
    test::TempDir dir;
    const std::string db = dir / "db";
    const auto first = index(db, {"build", test::corpus_dir()});
    BOOST_TEST_REQUIRE(first.status == 0, show(first));
    BOOST_TEST(first.out.find("\ncompacted: ") != std::string::npos, show(first));
    test::write_synthetic_jsonl(dir / "few.jsonl", 3);
    const auto update = index(db, {"build", dir / "few.jsonl"});
    BOOST_TEST_REQUIRE(update.status == 0, show(update));
    BOOST_TEST(update.out.find("compacted") == std::string::npos, show(update));
}

BOOST_AUTO_TEST_CASE(compact_without_a_database_fails_with_status_2) {
    test::TempDir dir;
    const auto r = index(dir / "none", {"compact"});
    BOOST_TEST(r.status == 2, show(r));
    BOOST_TEST(r.err.find("no database at") != std::string::npos, show(r));
    BOOST_TEST(!std::filesystem::exists(dir / "none"));
}

BOOST_AUTO_TEST_SUITE_END()
