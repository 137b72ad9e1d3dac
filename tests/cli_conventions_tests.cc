// End-to-end tests, on the real news-index and news-search binaries, of the
// conventions a daily user relies on: web archives as input, warnings that
// do not fail a build, safe database paths, --version and per-command help,
// ids that round-trip between commands, and spelling suggestions.
#define BOOST_TEST_MODULE cli_conventions_tests
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "cli_support.h"
#include "test_support.h"
#include "warc_support.h"

namespace {

using Inputs = test::InputFolder;

const std::string kFetched = "2023-06-19T08:30:00Z";

std::vector<std::string> crawl() {
    return {
        test::warc_record("warcinfo", "", kFetched, "application/warc-fields", "software: test\r\n"),
        test::warc_record("request", "https://news.example/talks", kFetched, "application/http; msgtype=request",
                          "GET /talks HTTP/1.1\r\n\r\n"),
        test::warc_page("https://news.example/talks", kFetched,
                        test::news_page("Blinken opens talks in Beijing", "Seven hours of talks with Qin Gang.")),
        test::warc_page("https://news.example/flood", kFetched,
                        test::news_page("River floods farmland", "Farmers count the cost of the flood.")),
        test::warc_record("response", "https://news.example/logo.png", kFetched,
                          "application/http; msgtype=response", test::http_response("200 OK", "image/png", "PNG")),
    };
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(web_archives, Inputs)

BOOST_AUTO_TEST_CASE(build_reads_warc_gz_and_counts_skipped_records) {
    test::write_warc_gz(in + "/crawl.warc.gz", crawl());
    const auto r = build();
    BOOST_TEST_REQUIRE(r.status == 0, show(r));
    BOOST_TEST(r.out.find("added 2,") != std::string::npos, show(r));
    BOOST_TEST(r.out.find("web archive records skipped (not articles): 3 (not HTML 1, request 1, warcinfo 1)") !=
                   std::string::npos,
               show(r));
    const auto found = search(db, {"--format", "json", "qin"});
    BOOST_TEST_REQUIRE(found.status == 0, show(found));
    const json hit = parse_json(found).at("hits").at(0);
    BOOST_TEST(hit.at("id").get<std::string>() == "https://news.example/talks");
    BOOST_TEST(hit.at("date").get<std::string>() == "2023-06-19");
}

BOOST_AUTO_TEST_CASE(plain_warc_is_read_too) {
    std::string all;
    for (const auto& record : crawl()) all += record;
    test::write_file(in + "/crawl.warc", all);
    const auto r = build();
    BOOST_TEST(r.status == 0, show(r));
    BOOST_TEST(search(db, {"farmland"}).status == 0);
}

BOOST_AUTO_TEST_CASE(truncated_record_is_named_and_the_records_before_it_kept) {
    const auto records = crawl();
    std::string all;
    for (size_t i = 0; i < 3; ++i) all += records[i];
    const size_t offset = all.size();
    all += records[3].substr(0, records[3].size() - 40);
    const std::string path = in + "/cut.warc";
    test::write_file(path, all);
    const auto r = build();
    BOOST_TEST(r.status == 1, show(r));
    const auto lines = cli::lines_naming(r, path);
    BOOST_TEST_REQUIRE(lines.size() == 1u, show(r));
    BOOST_TEST(lines[0].rfind("news-index: " + path + ": record 4 (byte " + std::to_string(offset) + "): truncated",
                              0) == 0u,
               lines[0]);
    BOOST_TEST(search(db, {"qin"}).status == 0);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(warnings, Inputs)

// A lost field is a warning: the article is indexed, counted apart, exit 0.
BOOST_AUTO_TEST_CASE(unreadable_date_and_lone_surrogate_are_warnings_not_failures) {
    const std::string path = in + "/feed.jsonl";
    test::write_file(path,
                     "{\"id\":\"w-1\",\"title\":\"Wombat census\",\"date\":\"31-FOO-1987\",\"body\":\"Counted.\"}\n"
                     "{\"id\":\"w-2\",\"title\":\"Quokka \\ud800 selfie\",\"body\":\"Scraped feed.\"}\n");
    for (const bool strict : {false, true}) {
        const auto r = build(strict ? std::vector<std::string>{"--strict"} : std::vector<std::string>{});
        BOOST_TEST(r.status == 0, show(r));
        BOOST_TEST(r.out.find("failed 0 (files or lines), warnings 2") != std::string::npos, show(r));
        const auto lines = cli::lines_naming(r, path);
        BOOST_TEST_REQUIRE(lines.size() == 2u, show(r));
        BOOST_TEST(lines[0].rfind("news-index: " + path + ":1: warning: unreadable date \"31-FOO-1987\"", 0) == 0u,
                   lines[0]);
        BOOST_TEST(lines[1].rfind("news-index: " + path + ":2: warning: 1 lone UTF-16 surrogate", 0) == 0u, lines[1]);
        BOOST_TEST(search(db, {"wombat"}).status == 0);
        BOOST_TEST(search(db, {"quokka"}).status == 0);
    }
    const auto stats = index(db, {"stats", "--format", "json"});
    BOOST_TEST_REQUIRE(stats.status == 0, show(stats));
    BOOST_TEST(parse_json(stats).at("last_build").at("warnings").get<int>() == 2);
}

// A lost article still fails the build, next to warnings.
BOOST_AUTO_TEST_CASE(a_lost_line_still_exits_1) {
    test::write_file(in + "/feed.jsonl",
                     "{\"id\":\"w-1\",\"title\":\"Wombat\",\"date\":\"never\"}\n{\"id\":\"w-2\",\"title\":\n");
    const auto r = build();
    BOOST_TEST(r.status == 1, show(r));
    BOOST_TEST(r.out.find("failed 1 (files or lines), warnings 1") != std::string::npos, show(r));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(database_paths, Inputs)

BOOST_AUTO_TEST_CASE(build_refuses_a_folder_of_other_files) {
    test::write_file(in + "/a.txt", "Wombat\n\nA wombat.\n");
    const std::string folder = dir / "documents";
    fs::create_directories(folder);
    test::write_file(folder + "/thesis.odt", "mine");
    const auto r = index(folder, {"build", in});
    BOOST_TEST(r.status == 2, show(r));
    BOOST_TEST(r.err == "news-index: error: " + folder +
                            " is not a news-search database (a folder of other files; give a new or empty folder)\n",
               show(r));
    BOOST_TEST(std::distance(fs::directory_iterator(folder), fs::directory_iterator()) == 1);
    // An empty folder is fine.
    fs::remove(folder + "/thesis.odt");
    const auto ok = index(folder, {"build", in});
    BOOST_TEST(ok.status == 0, show(ok));
}

BOOST_AUTO_TEST_CASE(a_plain_file_as_db_is_not_a_news_search_database_for_both_tools) {
    const std::string file = dir / "afile";
    test::write_file(file, "shopping list\n");
    test::write_file(in + "/a.txt", "Wombat\n\nA wombat.\n");
    const std::string expected = file + " is not a news-search database";
    for (const auto& r : {index(file, {"build", in}), index(file, {"stats"}), index(file, {"remove", "x"}),
                          index(file, {"dups"}), search(file, {"oil"})}) {
        BOOST_TEST(r.status == 2, show(r));
        BOOST_TEST(r.err.find(expected) != std::string::npos, show(r));
        BOOST_TEST(r.err.find("Bad line") == std::string::npos, show(r));
    }
    BOOST_TEST(test::read_file(file) == "shopping list\n");
    // A folder of other files, for searching.
    const auto folder = search(in, {"oil"});
    BOOST_TEST(folder.status == 2, show(folder));
    BOOST_TEST(folder.err.find(in + " is not a news-search database") != std::string::npos, show(folder));
}

BOOST_AUTO_TEST_CASE(a_build_that_finds_no_input_creates_no_database) {
    const auto missing = index(db, {"build", dir / "no-such-folder"});
    BOOST_TEST(missing.status == 1, show(missing));
    BOOST_TEST(missing.err.find("no such file or directory") != std::string::npos, show(missing));
    BOOST_TEST(missing.err.find("no database created") != std::string::npos, show(missing));
    BOOST_TEST(!fs::exists(db));
    const auto empty = index(db, {"build", in});
    BOOST_TEST(empty.status == 1, show(empty));
    BOOST_TEST(!fs::exists(db));
    // No PATH, outside the project (no corpus/ here): a usage error, no database.
    const auto bare = test::run({"/bin/sh", "-c", "cd '" + in + "' && exec '" + test::index_bin() + "' --db '" + db +
                                                      "' build"});
    BOOST_TEST(bare.status == 2, show(bare));
    BOOST_TEST(bare.err.find("build needs files or directories") != std::string::npos, show(bare));
    BOOST_TEST(!fs::exists(db));
    // remove does not make a database either.
    const auto remove = index(db, {"remove", "x"});
    BOOST_TEST(remove.status == 2, show(remove));
    BOOST_TEST(!fs::exists(db));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(unix_conventions)

BOOST_AUTO_TEST_CASE(version_on_both_tools) {
    for (const auto& bin : {test::index_bin(), test::search_bin()}) {
        const auto r = test::run({bin, "--version"});
        BOOST_TEST(r.status == 0, show(r));
        const std::string name = fs::path(bin).filename().string();
        BOOST_TEST(r.out.rfind(name + " ", 0) == 0u, show(r));
        BOOST_TEST(r.out.find("database schema ") != std::string::npos, show(r));
        BOOST_TEST(r.err.empty(), show(r));
    }
}

BOOST_AUTO_TEST_CASE(each_news_index_command_has_its_own_help) {
    const auto build = test::run({test::index_bin(), "build", "--help"});
    BOOST_TEST_REQUIRE(build.status == 0, show(build));
    BOOST_TEST(build.out.rfind("Usage: news-index [--db PATH] build [OPTIONS] [PATH...]", 0) == 0u, show(build));
    BOOST_TEST(build.out.find("--batch-size") != std::string::npos, show(build));
    BOOST_TEST(build.out.find("--min-size") == std::string::npos, show(build));  // dups' option
    const auto dups = test::run({test::index_bin(), "--help", "dups"});
    BOOST_TEST_REQUIRE(dups.status == 0, show(dups));
    BOOST_TEST(dups.out.find("--min-size") != std::string::npos, show(dups));
    BOOST_TEST(dups.out.find("--batch-size") == std::string::npos, show(dups));
    // Without a command: every command.
    const auto all = test::run({test::index_bin(), "--help"});
    for (const char* command : {"build", "remove", "stats", "dups", "compare"})
        BOOST_TEST(all.out.find("\n  " + std::string(command) + " ") != std::string::npos, command);
}

BOOST_AUTO_TEST_CASE(a_leading_minus_word_gets_a_hint_to_use_double_dash) {
    Inputs inputs;
    const auto r = search(inputs.db, {"-oil"});
    BOOST_TEST(r.status == 2, show(r));
    BOOST_TEST(r.err.find("put -- before it: news-search -- -oil") != std::string::npos, show(r));
}

BOOST_AUTO_TEST_SUITE_END()

// Contradictory or ignored options are usage errors, not silently dropped.
BOOST_AUTO_TEST_SUITE(contradictions)

struct Case {
    std::vector<std::string> args;
    std::string says;
};

BOOST_AUTO_TEST_CASE(contradictory_or_ignored_options_are_errors) {
    Inputs inputs;
    test::write_file(inputs.in + "/a.jsonl", "{\"id\":\"x-1\",\"title\":\"Oil and gas\",\"date\":\"1987-03-01\"}\n");
    BOOST_TEST_REQUIRE(inputs.build().status == 0);
    const std::vector<Case> cases = {
        {{"--versions", "x-1", "oil"}, "--versions ID lists every version of one article, so a query (\"oil\") would be ignored"},
        {{"--versions", "x-1", "--since", "1987"}, "so --since would be ignored"},
        {{"--like", "x-1", "--versions", "x-1"}, "--versions and --like cannot be combined"},
        {{"--since", "1987-03-01T23:00", "oil"}, "has a time of day"},
        {{"--until", "1987-03-01 10:00", "oil"}, "has a time of day"},
        {{"oil NEAR/x gas"}, "NEAR/x"},
        {{"oil ADJ/ gas"}, "ADJ/"},
    };
    for (const auto& c : cases) {
        const auto r = search(inputs.db, c.args);
        BOOST_TEST(r.status == 2, show(r));
        BOOST_TEST(r.err.find(c.says) != std::string::npos, c.args[0] << "\n" << show(r));
        BOOST_TEST(r.out.empty(), show(r));
    }
    // What they would have meant still works.
    BOOST_TEST(search(inputs.db, {"--versions", "x-1"}).status == 0);
    BOOST_TEST(search(inputs.db, {"--since", "1987-03-01", "oil"}).status == 0);
    BOOST_TEST(search(inputs.db, {"oil NEAR/3 gas"}).status == 0);
}

BOOST_AUTO_TEST_SUITE_END()

// Every output names an article by the id every command takes, and the path
// of an article's file works wherever an id does.
BOOST_FIXTURE_TEST_SUITE(ids_round_trip, Inputs)

BOOST_AUTO_TEST_CASE(shown_ids_and_file_paths_work_in_every_command) {
    fs::copy_file(test::html_copy_path(1), in + "/page.html");
    fs::copy_file(test::html_copy_path(2), in + "/other.html.gz");
    fs::copy_file(test::seed_path(1), in + "/seed.txt");
    fs::copy_file(test::seed_path(2), in + "/seed2.txt");
    // Built from a relative path.
    const auto built = test::run({"/bin/sh", "-c", "cd '" + dir.path() + "' && exec '" + test::index_bin() +
                                                       "' --db db build in"});
    BOOST_TEST_REQUIRE(built.status == 0, show(built));
    const std::string page_path = fs::weakly_canonical(in + "/page.html").string();
    const std::string url = test::html_copy_id(1);

    // JSON: the id is the URL; the path is absolute.
    const auto j = search(db, {"--format", "json", "--all-versions", "--limit", "20", "blinken"});
    BOOST_TEST_REQUIRE(j.status == 0, show(j));
    bool saw_page = false;
    const json found = parse_json(j);  // not in the for: the temporary would be gone before the loop ran
    for (const auto& hit : found.at("hits")) {
        BOOST_TEST(fs::path(hit.at("path").get<std::string>()).is_absolute(), hit.dump());
        if (hit.at("id") == url) {
            saw_page = true;
            BOOST_TEST(hit.at("path").get<std::string>() == page_path);
        }
    }
    BOOST_TEST(saw_page, show(j));
    // Text shows the URL, which --versions takes, not the file's path.
    const auto text = search(db, {"--all-versions", "--limit", "20", "blinken"});
    BOOST_TEST(text.out.find(url) != std::string::npos, show(text));
    BOOST_TEST(text.out.find("page.html") == std::string::npos, show(text));

    for (const std::string& name : {url, page_path, std::string(in + "/./page.html")}) {
        const auto versions = search(db, {"--versions", name});
        BOOST_TEST(versions.status == 0, name << "\n" << show(versions));
        const auto like = search(db, {"--like", name});
        BOOST_TEST(like.status != 2, name << "\n" << show(like));
        const auto compare = index(db, {"compare", name, in + "/seed.txt"});
        BOOST_TEST(compare.status == 0, name << "\n" << show(compare));
    }
    const auto removed = index(db, {"remove", in + "/page.html"});
    BOOST_TEST(removed.status == 0, show(removed));
    BOOST_TEST(search(db, {"--versions", url}).status == 2);
}

BOOST_AUTO_TEST_SUITE_END()

// Spelling: typographic apostrophes are not misspellings, suggestions stay
// close to the word typed, and a query that finds nothing shows what its
// suggestion finds.
BOOST_FIXTURE_TEST_SUITE(spelling, Inputs)

BOOST_AUTO_TEST_CASE(suggestions_are_close_and_searched_when_nothing_else_is_found) {
    std::string lines;
    const std::vector<std::pair<std::string, std::string>> articles = {
        {"China\u2019s envoy meets Blinken", "Blinken met China\u2019s top envoy in Beijing."},
        {"Markets gave up gains", "Traders gave back the gains and held cash."},
        {"Cash piles grow", "Companies hold more cash than before."},
    };
    for (size_t i = 0; i < articles.size(); ++i)
        lines += "{\"id\":\"s-" + std::to_string(i) + "\",\"title\":\"" + articles[i].first + "\",\"body\":\"" +
                 articles[i].second + "\"}\n";
    test::write_file(in + "/s.jsonl", lines);
    BOOST_TEST_REQUIRE(build().status == 0);

    // The corpus's own curly apostrophe, in a phrase with curly quotes too.
    for (const std::string& query : {std::string("\"China\u2019s envoy\""), std::string("\u201cChina\u2019s envoy\u201d")}) {
        const auto r = search(db, {query});
        BOOST_TEST(r.status == 0, show(r));
        BOOST_TEST(r.out.find("Did you mean") == std::string::npos, show(r));
    }
    // Short words are not "corrected" into unrelated ones two edits away.
    for (const std::string& query : {std::string("caf\u00e9"), std::string("na\u00efve")}) {
        const auto r = search(db, {"--format", "json", query});
        BOOST_TEST(r.status == 1, show(r));
        BOOST_TEST(parse_json(r).at("suggestion").is_null(), show(r));
    }
    // Nothing found, the suggestion finds something: its hits, said so.
    const auto r = search(db, {"blinkin"});
    BOOST_TEST(r.status == 0, show(r));
    BOOST_TEST(r.out.rfind("Showing results for: blinken (instead of: blinkin)", 0) == 0u, show(r));
    const auto j = search(db, {"--format", "json", "blinkin"});
    BOOST_TEST(parse_json(j).at("corrected").get<bool>(), show(j));
    // A query with hits keeps them, with the suggestion only offered.
    const auto kept = search(db, {"cash blinkin"});
    BOOST_TEST(kept.status == 0, show(kept));
    BOOST_TEST(kept.out.rfind("Did you mean: cash blinken?", 0) == 0u, show(kept));
}

BOOST_AUTO_TEST_SUITE_END()
