// End-to-end tests: the real news-index and news-search binaries, run on a
// temporary database built from corpus/, with stdout, stderr and exit status
// captured.
#define BOOST_TEST_MODULE cli_tests
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <xapian.h>

#include <fstream>
#include <map>
#include <sstream>
#include <set>
#include <string>
#include <vector>

#include "cli_support.h"
#include "common/article.h"
#include "searcher/search.h"
#include "test_support.h"

using test::RunResult;

namespace {


// A seed, or an HTML copy of one (corpus/html/).
bool is_seed(const std::string& id) { return test::is_seed_version(id); }

// The versions of the story the spy-balloon seeds tell: seeds 0, 1, 3 and the HTML copy of 1.
std::set<std::string> balloon_story() {
    return {test::seed_id(0), test::seed_id(1), test::seed_id(3), test::html_copy_id(1)};
}
// The other story: seeds 2, 4 and the HTML copy of 2.
std::set<std::string> talks_story() { return {test::seed_id(2), test::seed_id(4), test::html_copy_id(2)}; }

// Highlighted pieces of a {"text", "highlights"} object, cut by code points.
std::vector<std::string> highlighted(const json& h) {
    std::vector<std::string> out;
    const std::string text = h.at("text").get<std::string>();
    for (const auto& span : h.at("highlights"))
        out.push_back(test::slice_code_points(text, span.at(0).get<size_t>(), span.at(1).get<size_t>()));
    return out;
}

// The whole corpus, indexed once by the real news-index.
struct CliCorpus {
    test::TempDir dir;
    std::string db = dir / "db";
    RunResult build;
    CliCorpus() { build = index(db, {"build", test::corpus_dir()}); }
};

CliCorpus& cli_corpus() {
    static CliCorpus corpus;
    return corpus;
}

struct CorpusDb {
    CliCorpus& corpus = cli_corpus();
    const std::string& db = corpus.db;
    CorpusDb() { BOOST_TEST_REQUIRE(corpus.build.status == 0, show(corpus.build)); }
};

// A directory of inputs with one good article, for the bad-input tests.
struct Inputs {
    test::TempDir dir;
    std::string db = dir / "db";
    std::string in = dir / "in";
    Inputs() {
        std::filesystem::create_directories(in);
        test::write_file(in + "/good.txt", "Quokka sighting on Rottnest\n\nA quokka was seen near the jetty.\n");
    }
    static std::vector<std::string> lines_naming(const RunResult& r, const std::string& name) {
        return cli::lines_naming(r, name);
    }
    void expect_good_indexed() {
        const auto r = search(db, {"quokka"});
        BOOST_TEST(r.status == 0, show(r));
        BOOST_TEST(r.out.find("Quokka sighting") != std::string::npos);
    }
    // Runs build on `in` and checks the common contract: exit 1, one line naming the bad file.
    RunResult build_expecting_problem(const std::string& bad_path, std::vector<std::string> extra = {}) {
        std::vector<std::string> args{"build", in};
        args.insert(args.end(), extra.begin(), extra.end());
        const auto r = index(db, args);
        BOOST_TEST(r.status == 1, show(r));
        const auto lines = lines_naming(r, bad_path);
        BOOST_TEST(lines.size() == 1u, show(r));
        if (!lines.empty()) BOOST_TEST(lines[0].rfind("news-index: ", 0) == 0u, lines[0]);
        expect_good_indexed();
        return r;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli_search, CorpusDb)

BOOST_AUTO_TEST_CASE(build_reports_counts) {
    BOOST_TEST(corpus.build.out.find("added " + std::to_string(test::kCorpusArticles) +
                                     ", updated 0, unchanged 0, failed 0") != std::string::npos,
               show(corpus.build));
    BOOST_TEST(corpus.build.err.empty(), show(corpus.build));
}

BOOST_AUTO_TEST_CASE(spy_balloon_shows_one_hit_for_the_story) {
    const auto r = search(db, {"spy balloon"});
    BOOST_TEST_REQUIRE(r.status == 0, show(r));
    BOOST_TEST(r.out.find("[+3 versions]") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("4 of 4 versions match") != std::string::npos, r.out);
    // One hit names a version of the story, by its id (a seed's path or a page's URL).
    size_t seed_lines = 0;
    for (const auto& line : test::lines_of(r.out)) {
        const size_t start = line.find_first_not_of(' ');
        if (start == std::string::npos) continue;
        if (test::is_seed_version(line.substr(start, line.find(" \u00b7 ") - start))) ++seed_lines;
    }
    BOOST_TEST(seed_lines == 1u, r.out);
}

BOOST_AUTO_TEST_CASE(spy_balloon_story_holds_only_the_seed_versions) {
    const auto j = parse_json(search(db, {"--format", "json", "spy balloon"}));
    BOOST_TEST_REQUIRE(!j.at("hits").empty());
    const auto& top = j.at("hits")[0];
    BOOST_TEST(is_seed(top.at("id").get<std::string>()));
    // Every article under the hit's story key is one of the Al Jazeera versions (three texts, one HTML page).
    const auto members = parse_json(
        search(db, {"--format", "json", "--all-versions", "--limit", "50", "story:" + top.at("story").get<std::string>()}));
    std::set<std::string> ids;
    for (const auto& h : members.at("hits")) ids.insert(h.at("id").get<std::string>());
    BOOST_TEST((ids == balloon_story()));
    // No other hit of the query is a seed of that story.
    for (size_t i = 1; i < j.at("hits").size(); ++i)
        BOOST_TEST(j.at("hits")[i].at("story") != top.at("story"));
}

BOOST_AUTO_TEST_CASE(all_versions_shows_four_hits) {
    const auto r = search(db, {"--all-versions", "spy balloon"});
    BOOST_TEST_REQUIRE(r.status == 0, show(r));
    BOOST_TEST(r.out.find("[+") == std::string::npos, r.out);
    const auto j = parse_json(search(db, {"--all-versions", "--format", "json", "spy balloon"}));
    BOOST_TEST(j.at("grouping") == "none");
    std::set<std::string> seeds;
    for (const auto& h : j.at("hits")) {
        const std::string id = h.at("id");
        if (is_seed(id)) seeds.insert(id);
        BOOST_TEST(h.at("versions").get<int>() == 1);
    }
    BOOST_TEST((seeds == balloon_story()));
}

BOOST_AUTO_TEST_CASE(json_output) {
    const auto r = search(db, {"--format", "json", "spy balloon"});
    BOOST_TEST_REQUIRE(r.status == 0, show(r));
    const auto j = parse_json(r);
    BOOST_TEST(j.at("format_version").get<int>() == 1);
    BOOST_TEST(j.at("query") == "spy balloon");
    BOOST_TEST(j.at("grouping") == "story");
    BOOST_TEST_REQUIRE(!j.at("hits").empty());
    const auto& hit = j.at("hits")[0];
    BOOST_TEST(hit.at("versions").get<int>() == 4);
    BOOST_TEST(hit.at("matching_versions").get<int>() == 4);
    BOOST_TEST(hit.at("rank").get<int>() == 1);
    const std::string story = hit.at("story");
    BOOST_TEST(story.size() == 16u);
    BOOST_TEST(story.find_first_not_of("0123456789abcdef") == std::string::npos);
    BOOST_TEST_REQUIRE(!hit.at("snippet").at("highlights").empty());
    for (const auto& piece : highlighted(hit.at("snippet")))
        BOOST_TEST((test::ascii_lower(piece) == "spy" || test::ascii_lower(piece) == "balloon"), piece);
}

BOOST_AUTO_TEST_CASE(stemmed_query_highlights_the_inflected_word) {
    const auto j = parse_json(search(db, {"--format", "json", "talk"}));
    BOOST_TEST_REQUIRE(!j.at("hits").empty());
    bool found = false;
    for (const auto& h : j.at("hits"))
        for (const char* field : {"snippet", "title_highlighted"})
            for (const auto& piece : highlighted(h.at(field))) {
                BOOST_TEST(test::ascii_lower(piece).substr(0, 4) == "talk", piece);
                if (test::ascii_lower(piece) == "talks") found = true;
            }
    BOOST_TEST(found, "no hit highlights \"talks\"");
}

BOOST_AUTO_TEST_CASE(phrase_query) {
    const auto r = search(db, {"--format", "json", "\"Qin Gang\""});
    BOOST_TEST_REQUIRE(r.status == 0, show(r));
    const auto j = parse_json(r);
    BOOST_TEST(j.at("hits").size() == 2u);  // the Al Jazeera and the AFP story
    for (const auto& h : j.at("hits")) {
        BOOST_TEST(is_seed(h.at("id").get<std::string>()));
        const std::string text = h.at("snippet").at("text");
        BOOST_TEST(text.find("Qin Gang") != std::string::npos, text);
    }
    // The words in the other order are not the phrase.
    BOOST_TEST(search(db, {"\"Gang Qin\""}).status == 1);
}

BOOST_AUTO_TEST_CASE(title_filter) {
    const auto j = parse_json(search(db, {"--format", "json", "--all-versions", "--limit", "50", "title:blinken"}));
    BOOST_TEST_REQUIRE(!j.at("hits").empty());
    for (const auto& h : j.at("hits"))
        BOOST_TEST(test::ascii_lower(h.at("title").get<std::string>()).find("blinken") != std::string::npos,
                   h.at("title"));
    // Seeds whose titles lack the word are not found by title:, though their bodies have it.
    std::set<std::string> ids;
    for (const auto& h : j.at("hits")) ids.insert(h.at("id").get<std::string>());
    BOOST_TEST(ids.count(test::seed_id(1)) == 1u);
    BOOST_TEST(ids.count(test::seed_id(0)) == 0u);
    BOOST_TEST(ids.count(test::seed_id(3)) == 0u);

    const auto cocoa = parse_json(search(db, {"--format", "json", "--all-versions", "title:cocoa"}));
    BOOST_TEST(cocoa.at("hits").size() >= 2u);
    for (const auto& h : cocoa.at("hits"))
        BOOST_TEST(h.at("title").get<std::string>().find("COCOA") != std::string::npos, h.at("title"));
}

BOOST_AUTO_TEST_CASE(source_filter) {
    const auto unfiltered = parse_json(search(db, {"--format", "json", "--all-versions", "spy"}));
    bool seed_found = false;
    for (const auto& h : unfiltered.at("hits")) seed_found |= is_seed(h.at("id").get<std::string>());
    BOOST_TEST(seed_found);

    const auto j = parse_json(search(db, {"--format", "json", "--all-versions", "source:reuters spy"}));
    BOOST_TEST_REQUIRE(!j.at("hits").empty());
    std::set<std::string> ids;
    for (const auto& h : j.at("hits")) {
        BOOST_TEST(h.at("source") == "Reuters");
        ids.insert(h.at("id").get<std::string>());
    }
    const auto upper = parse_json(search(db, {"--format", "json", "--all-versions", "source:Reuters spy"}));
    std::set<std::string> upper_ids;
    for (const auto& h : upper.at("hits")) upper_ids.insert(h.at("id").get<std::string>());
    BOOST_TEST((ids == upper_ids));
    BOOST_TEST(search(db, {"source:afp spy"}).status == 1);
}

BOOST_AUTO_TEST_CASE(paging) {
    const auto two = parse_json(search(db, {"--format", "json", "--limit", "2", "cocoa"}));
    BOOST_TEST_REQUIRE(two.at("hits").size() == 2u);
    const auto second = parse_json(search(db, {"--format", "json", "--offset", "1", "--limit", "1", "cocoa"}));
    BOOST_TEST_REQUIRE(second.at("hits").size() == 1u);
    BOOST_TEST(second.at("hits")[0].at("id") == two.at("hits")[1].at("id"));
    BOOST_TEST(second.at("hits")[0].at("rank").get<int>() == 2);
    const auto text = search(db, {"--offset", "1", "--limit", "1", "cocoa"});
    BOOST_TEST(text.out.find("Results 2-2") != std::string::npos, text.out);
}

BOOST_AUTO_TEST_CASE(no_matches_exits_1) {
    const auto r = search(db, {"zzqxjv"});
    BOOST_TEST(r.status == 1, show(r));
    BOOST_TEST(r.out.find("No matches for \"zzqxjv\"") != std::string::npos, show(r));
    const auto j = search(db, {"--format", "json", "zzqxjv"});
    BOOST_TEST(j.status == 1);
    BOOST_TEST(parse_json(j).at("hits").empty());
}

BOOST_AUTO_TEST_CASE(empty_query_is_a_usage_error) {
    for (const std::vector<std::string>& args : {std::vector<std::string>{""}, std::vector<std::string>{},
                                                 std::vector<std::string>{"   "}}) {
        const auto r = search(db, args);
        BOOST_TEST(r.status == 2, show(r));
        BOOST_TEST(r.err.rfind("news-search: error:", 0) == 0u, show(r));
        BOOST_TEST(test::lines_of(r.err).size() == 1u, show(r));
        BOOST_TEST(r.out.empty());
    }
}

BOOST_AUTO_TEST_CASE(missing_database_is_an_error_naming_it) {
    test::TempDir dir;
    const std::string missing = dir / "no-such-db";
    const auto r = search(missing, {"spy"});
    BOOST_TEST(r.status == 2, show(r));
    BOOST_TEST(r.err.rfind("news-search: error:", 0) == 0u, show(r));
    BOOST_TEST(r.err.find(missing) != std::string::npos, show(r));
    BOOST_TEST(!std::filesystem::exists(missing));  // searching does not create it
    const auto dups = index(missing, {"dups"});
    BOOST_TEST(dups.status == 2, show(dups));
    BOOST_TEST(dups.err.find(missing) != std::string::npos, show(dups));
}

BOOST_AUTO_TEST_CASE(color_only_when_asked_or_on_a_terminal) {
    const auto piped = search(db, {"spy balloon"});
    BOOST_TEST(piped.status == 0);
    BOOST_TEST(piped.out.find('\033') == std::string::npos);
    const auto never = search(db, {"--color=never", "spy balloon"});
    BOOST_TEST(never.out.find('\033') == std::string::npos);
    const auto always = search(db, {"--color=always", "spy balloon"});
    BOOST_TEST(always.status == 0);
    BOOST_TEST(always.out.find('\033') != std::string::npos);
    // Highlighted matches are marked.
    BOOST_TEST(always.out.find("\033[1;33mballoon\033[0m") != std::string::npos, always.out);
    const auto versions = search(db, {"--versions", test::seed_id(1)});
    BOOST_TEST(versions.out.find('\033') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(versions_lists_the_story) {
    const std::string id = test::seed_id(1);
    const auto r = search(db, {"--versions", id});
    BOOST_TEST_REQUIRE(r.status == 0, show(r));
    const auto lines = test::lines_of(r.out);
    BOOST_TEST_REQUIRE(!lines.empty());
    BOOST_TEST(lines[0] == "4 versions in the story of " + id + ":");
    size_t entries = 0;
    for (const auto& line : lines) {
        if (line.size() > 6 && (line[0] == '*' || line[0] == ' ') && line[1] == ' ' && std::isdigit(static_cast<unsigned char>(line[2])) &&
            line[3] == '.') {
            ++entries;
            const double sim = std::stod(line.substr(2, 4));
            BOOST_TEST((sim > 0.0 && sim <= 1.0), line);
        }
    }
    BOOST_TEST(entries == 4u, r.out);
    BOOST_TEST(r.out.find("* 1.00  shown") != std::string::npos, r.out);
    BOOST_TEST(test::count_of(r.out, "same-story") == 3u, r.out);

    const auto j = parse_json(search(db, {"--versions", id, "--format", "json"}));
    BOOST_TEST_REQUIRE(j.at("versions").size() == 4u);
    BOOST_TEST(j.at("versions")[0].at("shown").get<bool>());
    BOOST_TEST(j.at("versions")[0].at("id") == id);
    std::set<std::string> ids;
    for (const auto& v : j.at("versions")) {
        ids.insert(v.at("id").get<std::string>());
        BOOST_TEST(v.at("similarity").get<double>() > 0.0);
    }
    BOOST_TEST((ids == balloon_story()));

    const auto unknown = search(db, {"--versions", "no-such-article"});
    BOOST_TEST(unknown.status == 2, show(unknown));
    BOOST_TEST(unknown.err.find("no-such-article") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(dups_json_lists_the_seed_groups) {
    const auto r = index(db, {"dups", "--format", "json"});
    BOOST_TEST_REQUIRE(r.status == 0, show(r));
    const auto j = parse_json(r);
    BOOST_TEST(j.at("level") == "story");
    std::set<std::set<std::string>> groups;
    for (const auto& g : j.at("groups")) {
        std::set<std::string> ids;
        for (const auto& m : g.at("members")) ids.insert(m.at("id").get<std::string>());
        groups.insert(ids);
    }
    BOOST_TEST(groups.count(balloon_story()) == 1u);
    BOOST_TEST(groups.count(talks_story()) == 1u);

    const auto events = parse_json(index(db, {"dups", "--format", "json", "--level", "event"}));
    BOOST_TEST(events.at("level") == "event");
    std::set<std::set<std::string>> event_groups;
    for (const auto& g : events.at("groups")) {
        std::set<std::string> ids;
        for (const auto& m : g.at("members")) ids.insert(m.at("id").get<std::string>());
        event_groups.insert(ids);
    }
    std::set<std::string> seeds = balloon_story();
    for (const auto& id : talks_story()) seeds.insert(id);
    BOOST_TEST(event_groups.count(seeds) == 1u);

    const auto text = index(db, {"dups"});
    BOOST_TEST(text.status == 0);
    BOOST_TEST(text.out.find("(4 versions)") != std::string::npos, text.out);
    BOOST_TEST(text.out.find("(3 versions)") != std::string::npos, text.out);
}

BOOST_AUTO_TEST_CASE(event_grouping_covers_all_seeds_and_their_html_copies) {
    const auto j = parse_json(search(db, {"--event", "--format", "json", "spy balloon"}));
    BOOST_TEST(j.at("grouping") == "event");
    BOOST_TEST_REQUIRE(!j.at("hits").empty());
    BOOST_TEST(is_seed(j.at("hits")[0].at("id").get<std::string>()));
    BOOST_TEST(j.at("hits")[0].at("versions").get<int>() == 7);
    // 002, 004 and the HTML copy of 002 never say "balloon".
    BOOST_TEST(j.at("hits")[0].at("matching_versions").get<int>() == 4);
    const auto r = search(db, {"--event", "spy balloon"});
    BOOST_TEST(r.out.find("[+6 versions]") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(compare_explains_the_decision) {
    const std::string a = test::seed_id(0), b = test::seed_id(1), other = test::seed_id(2);
    const auto text = index(db, {"compare", a, b});
    BOOST_TEST_REQUIRE(text.status == 0, show(text));
    BOOST_TEST(text.out.find(": same-story\n") != std::string::npos, text.out);
    BOOST_TEST(text.out.find("story model: score") != std::string::npos, text.out);
    BOOST_TEST(text.out.find("threshold") != std::string::npos, text.out);
    BOOST_TEST(text.out.find("senses") != std::string::npos, text.out);

    const auto r = index(db, {"compare", "--format", "json", a, other});
    BOOST_TEST_REQUIRE(r.status == 0, show(r));
    const auto j = parse_json(r);
    BOOST_TEST(j.at("format_version") == 1);
    BOOST_TEST(j.at("relation") == "same-event");
    BOOST_TEST(j.at("story").at("passes") == false);
    BOOST_TEST(j.at("event").at("passes") == true);
    // The score is the intercept plus the features' contributions.
    double sum = j.at("event").at("intercept").get<double>();
    for (const auto& c : j.at("event").at("contributions")) sum += c.at("contribution").get<double>();
    BOOST_TEST(sum == j.at("event").at("score").get<double>(), boost::test_tools::tolerance(1e-9));
    BOOST_TEST(j.at("evidence").at("cosine").get<double>() > 0);

    const auto unknown = index(db, {"compare", a, "no-such-article"});
    BOOST_TEST(unknown.status == 2, show(unknown));
    BOOST_TEST(unknown.err.find("no-such-article") != std::string::npos, show(unknown));
}

// `compare --pairs` with `input` on stdin.
RunResult compare_pairs(const std::string& db, const std::string& input) {
    test::TempDir dir;
    const std::string path = dir / "pairs";
    std::ofstream(path) << input;
    return test::run({"/bin/sh", "-c", "exec \"$0\" --db \"$1\" compare --pairs < \"$2\"", test::index_bin(), db, path});
}

BOOST_AUTO_TEST_CASE(compare_pairs_reads_stdin_and_names_bad_lines) {
    const std::string a = test::seed_id(0), b = test::seed_id(3);
    const auto r = compare_pairs(db, a + " " + b + "\n\n" + b + " " + a + "\n");
    BOOST_TEST_REQUIRE(r.status == 0, show(r));
    std::vector<json> lines;
    std::istringstream out(r.out);
    for (std::string line; std::getline(out, line);) lines.push_back(parse_json(line, r));
    BOOST_TEST_REQUIRE(lines.size() == 2u);
    BOOST_TEST(lines[0].at("relation") == "same-story");
    BOOST_TEST(lines[0].at("story").at("score") == lines[1].at("story").at("score"));  // symmetric
    BOOST_TEST(lines[0].at("features").size() == lines[0].at("story").at("contributions").size());

    const auto bad = compare_pairs(db, a + " " + b + "\n" + a + "\n");
    BOOST_TEST(bad.status == 2, show(bad));
    BOOST_TEST(bad.err.find("stdin line 2") != std::string::npos, show(bad));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(cli_bad_input, Inputs)

BOOST_AUTO_TEST_CASE(unreadable_file) {
    const std::string bad = in + "/locked.txt";
    test::write_file(bad, "Secret title\n\nSecret body.\n");
    if (geteuid() == 0) {
        BOOST_TEST_MESSAGE("running as root: chmod 000 does not stop reading; unreadable-file check skipped");
        BOOST_TEST(true);
        return;
    }
    BOOST_TEST_REQUIRE(chmod(bad.c_str(), 0) == 0);
    const auto r = build_expecting_problem(bad);
    BOOST_TEST(r.err.find("cannot read") != std::string::npos, show(r));
}

BOOST_AUTO_TEST_CASE(path_that_cannot_be_read) {
    // A dangling symbolic link cannot be read, whoever runs the test.
    const std::string bad = dir / "dangling.txt";
    BOOST_TEST_REQUIRE(symlink((dir / "nowhere.txt").c_str(), bad.c_str()) == 0);
    build_expecting_problem(bad, {bad});
}

BOOST_AUTO_TEST_CASE(invalid_utf8_text_file) {
    const std::string bad = in + "/latin1.txt";
    test::write_file(bad, "Caf\xe9 story\n\nIt was in Montr\xe9" "al.\n");
    const auto r = build_expecting_problem(bad);
    const auto lines = Inputs::lines_naming(r, bad);
    BOOST_TEST_REQUIRE(lines.size() == 1u);
    BOOST_TEST(lines[0].find(bad + ":1:") != std::string::npos, lines[0]);
    BOOST_TEST(test::count_of(lines[0], bad) == 1u, "path repeated in: " << lines[0]);
}

BOOST_AUTO_TEST_CASE(binary_junk_text_file) {
    const std::string bad = in + "/junk.txt";
    static const char junk[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0";
    test::write_file(bad, std::string(junk, sizeof junk - 1));
    const auto r = build_expecting_problem(bad);
    BOOST_TEST(r.err.find("binary") != std::string::npos, show(r));
}

BOOST_AUTO_TEST_CASE(malformed_json_line) {
    const std::string bad = in + "/feed.jsonl";
    test::write_file(bad,
                     "{\"id\":\"f-1\",\"title\":\"Wombat burrows\",\"body\":\"A wombat dug in.\"}\n"
                     "{\"id\":\"f-2\",\"title\":\"Broken\",\"body\":\"unterminated}\n"
                     "{\"id\":\"f-3\",\"title\":\"Platypus swims\",\"body\":\"A platypus dived.\"}\n");
    const auto r = build_expecting_problem(bad);
    const auto lines = Inputs::lines_naming(r, bad);
    BOOST_TEST_REQUIRE(lines.size() == 1u);
    BOOST_TEST(lines[0].find(bad + ":2:") != std::string::npos, lines[0]);
    // The good lines of the same file are indexed.
    BOOST_TEST(search(db, {"wombat"}).status == 0);
    BOOST_TEST(search(db, {"platypus"}).status == 0);
    BOOST_TEST(search(db, {"id:f-2"}).status == 1);
}

BOOST_AUTO_TEST_CASE(empty_file) {
    const std::string bad = in + "/empty.txt";
    test::write_file(bad, "");
    const auto r = build_expecting_problem(bad);
    BOOST_TEST(r.err.find("empty") != std::string::npos, show(r));
}

BOOST_AUTO_TEST_CASE(empty_jsonl_file) {
    const std::string bad = in + "/empty.jsonl";
    test::write_file(bad, "\n");
    build_expecting_problem(bad);
}

BOOST_AUTO_TEST_CASE(locked_database) {
    const auto first = index(db, {"build", in});
    BOOST_TEST_REQUIRE(first.status == 0, show(first));
    test::write_file(in + "/second.txt", "Numbat spotted\n\nA numbat was seen.\n");
    {
        Xapian::WritableDatabase holder(db, Xapian::DB_OPEN);
        const auto r = index(db, {"build", in});
        BOOST_TEST(r.status == 2, show(r));
        BOOST_TEST(r.err == "news-index: database is locked by another build (" + db + ")\n", show(r));
    }
    expect_good_indexed();  // nothing previously indexed is lost
    BOOST_TEST(search(db, {"numbat"}).status == 1);
    const auto again = index(db, {"build", in});  // and the lock is gone with its holder
    BOOST_TEST(again.status == 0, show(again));
    BOOST_TEST(search(db, {"numbat"}).status == 0);
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

std::set<std::string> hit_ids(const json& j) {
    std::set<std::string> ids;
    for (const auto& h : j.at("hits")) ids.insert(h.at("id").get<std::string>());
    return ids;
}

// Lower-cased words of `text`, split at anything but ASCII letters and digits.
std::set<std::string> words_of(const std::string& text) {
    std::set<std::string> words;
    std::string word;
    for (const char c : text + " ") {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (!word.empty()) {
            words.insert(word);
            word.clear();
        }
    }
    return words;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli_search_options, CorpusDb)

BOOST_AUTO_TEST_CASE(query_of_only_exclusions_matches_everything_else) {
    const auto all_but = [&](const std::string& query) {
        const auto r = search(db, {"--format", "json", "--all-versions", "--limit", "1000", "--", query});
        BOOST_TEST(r.status == 0, query << "\n" << show(r));
        return parse_json(r);
    };
    const auto without_oil = all_but("-oil");
    BOOST_TEST_REQUIRE(!without_oil.at("hits").empty());
    for (const auto& h : without_oil.at("hits")) {
        BOOST_TEST(words_of(h.at("title").get<std::string>()).count("oil") == 0u, h.at("title"));
        BOOST_TEST(words_of(h.at("snippet").at("text").get<std::string>()).count("oil") == 0u, h.at("snippet"));
    }
    const auto with_oil =
        parse_json(search(db, {"--format", "json", "--all-versions", "--limit", "1000", "oil"}));
    BOOST_TEST_REQUIRE(!with_oil.at("hits").empty());
    const auto excluded = hit_ids(without_oil), included = hit_ids(with_oil);
    for (const auto& id : included) BOOST_TEST(excluded.count(id) == 0u, id);
    // The same as the spelled-out form.
    BOOST_TEST((excluded == hit_ids(all_but("NOT oil"))));

    const auto neither = hit_ids(all_but("-oil -gas"));
    BOOST_TEST(neither.size() < excluded.size());
    for (const auto& id : hit_ids(parse_json(search(db, {"--format", "json", "--all-versions", "--limit", "1000", "gas"}))))
        BOOST_TEST(neither.count(id) == 0u, id);

    const auto not_phrase = hit_ids(all_but("-\"crude oil\""));
    const auto phrase = hit_ids(parse_json(search(db, {"--format", "json", "--all-versions", "--limit", "1000", "\"crude oil\""})));
    BOOST_TEST_REQUIRE(!phrase.empty());
    for (const auto& id : phrase) BOOST_TEST(not_phrase.count(id) == 0u, id);
    BOOST_TEST(not_phrase.size() > excluded.size());  // articles with oil but not "crude oil" stay

    const auto without_oil_in_title = all_but("-title:oil");
    for (const auto& h : without_oil_in_title.at("hits"))
        BOOST_TEST(words_of(h.at("title").get<std::string>()).count("oil") == 0u, h.at("title"));
    const auto not_reuters = all_but("-source:reuters");
    BOOST_TEST_REQUIRE(!not_reuters.at("hits").empty());
    for (const auto& h : not_reuters.at("hits")) BOOST_TEST(h.at("source") != "Reuters");
}

BOOST_AUTO_TEST_CASE(json_output_survives_invalid_utf8) {
    const auto r = search(db, {"--format", "json", "balloon \xff"});
    BOOST_TEST_REQUIRE(r.status == 0, show(r));
    const auto j = parse_json(r);
    BOOST_TEST(!j.at("hits").empty());
    BOOST_TEST(j.at("query").get<std::string>().find("balloon") == 0u);
}

BOOST_AUTO_TEST_CASE(limit_must_be_at_least_one) {
    const auto r = search(db, {"--limit", "0", "oil"});
    BOOST_TEST(r.status == 2, show(r));
    BOOST_TEST(r.err.find("--limit must be at least 1") != std::string::npos, show(r));
    BOOST_TEST(r.out.empty(), show(r));
}

BOOST_AUTO_TEST_CASE(negative_numbers_are_usage_errors) {
    for (const char* option : {"--limit", "--offset", "--snippet-length"}) {
        for (const auto& args : {std::vector<std::string>{option + std::string("=-1"), "oil"},
                                 std::vector<std::string>{option, "-1", "oil"}}) {
            const auto r = search(db, args);
            BOOST_TEST(r.status == 2, option << "\n" << show(r));
            BOOST_TEST(r.err.rfind("news-search: error:", 0) == 0u, show(r));
            BOOST_TEST(r.err.find(option) != std::string::npos, show(r));
            BOOST_TEST(r.out.empty(), show(r));
        }
    }
}

BOOST_AUTO_TEST_CASE(offset_past_the_last_hit_says_so) {
    const auto r = search(db, {"--offset", "1000", "oil"});
    BOOST_TEST(r.status == 1, show(r));
    BOOST_TEST(r.out.find("No matches") == std::string::npos, show(r));
    const auto j = search(db, {"--format", "json", "--offset", "1000", "oil"});
    BOOST_TEST(j.status == 1, show(j));
    BOOST_TEST(parse_json(j).at("hits").empty());
    BOOST_TEST(parse_json(j).at("matches_estimated").get<int>() > 0);
    // The total is exact (every match is seen), so the text says it without "about".
    BOOST_TEST(parse_json(j).at("total").at("exact").get<bool>());
    const std::string total = std::to_string(parse_json(j).at("total").at("count").get<int>());
    BOOST_TEST(r.out.rfind("No results at offset 1000 (" + total + " stories match \"oil\").", 0) == 0u, show(r));
}

BOOST_AUTO_TEST_CASE(help_documents_the_query_syntax_and_options) {
    const auto r = test::run({test::search_bin(), "--help"});
    BOOST_TEST_REQUIRE(r.status == 0, show(r));
    for (const char* item :
         {"\"exact phrase\"", "AND OR NOT", "+required", "-excluded", "title:", "source:", "site:", "date:",
          "id:", "story:", "wild*", "--db", "NEWS_DB", "XDG_DATA_HOME", "--limit", "--offset", "--sort",
          "relevance", "newest", "oldest", "undated", "--format", "json", "--color", "NO_COLOR", "--group",
          "--all-versions", "--event", "--versions", "--snippet-length", "Exit status"})
        BOOST_TEST(r.out.find(item) != std::string::npos, "--help does not mention " << item);
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

// A small JSONL feed: ids longer than a Xapian term, dated and undated articles.
struct SmallFeed {
    test::TempDir dir;
    std::string db = dir / "db";
    // Equal up to their last bytes, so a shortened term must still tell them apart.
    std::string long_id = "https://example.com/" + std::string(270, 'a') + "/story-1";
    std::string other_long_id = "https://example.com/" + std::string(270, 'a') + "/story-2";
    SmallFeed() {
        const auto line = [](const std::string& id, const std::string& title, const std::string& body,
                             const std::string& date) {
            json j = {{"id", id}, {"title", title}, {"body", body}};
            if (!date.empty()) j["date"] = date;
            return j.dump() + "\n";
        };
        const std::string feed = dir / "feed.jsonl";
        test::write_file(feed, line(long_id, "Aardvark parade in Pretoria", "An aardvark marched through town.", "2023-06-01") +
                                   line(other_long_id, "Kudu census", "Rangers counted kudu near the river.", "2023-06-02") +
                                   line("undated-1", "Aardvark naps all day", "A sleepy aardvark dozed in its burrow.", "") +
                                   line("dated-2020", "Aardvark eats termites", "Termites were the aardvark's lunch.", "2020-01-01") +
                                   line("undated-2", "Aardvark digs a den", "The aardvark dug deep into red soil.", "") +
                                   line("dated-2021", "Aardvark census finds more", "More aardvarks were counted.", "2021-03-04"));
        const auto r = index(db, {"build", feed});
        BOOST_TEST_REQUIRE(r.status == 0, show(r));
    }
    std::vector<std::string> ids_sorted(const std::string& order) {
        const auto r = search(db, {"--format", "json", "--all-versions", "--sort", order, "aardvark"});
        BOOST_TEST_REQUIRE(r.status == 0, show(r));
        std::vector<std::string> ids;
        const auto j = parse_json(r);
        for (const auto& h : j.at("hits")) ids.push_back(h.at("id").get<std::string>());
        return ids;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli_small_feed, SmallFeed)

BOOST_AUTO_TEST_CASE(id_query_finds_ids_longer_than_a_term) {
    BOOST_TEST_REQUIRE(long_id.size() > 245u);
    for (const auto& id : {long_id, other_long_id}) {
        const auto r = search(db, {"--format", "json", "id:" + id});
        BOOST_TEST_REQUIRE(r.status == 0, show(r));
        const auto j = parse_json(r);
        BOOST_TEST_REQUIRE(j.at("hits").size() == 1u);
        BOOST_TEST(j.at("hits")[0].at("id") == id);

        const auto versions = parse_json(search(db, {"--format", "json", "--versions", id}));
        BOOST_TEST_REQUIRE(versions.at("versions").size() == 1u);
        BOOST_TEST(versions.at("versions")[0].at("id") == id);
    }
}

BOOST_AUTO_TEST_CASE(undated_articles_sort_last) {
    const std::set<std::string> undated{"undated-1", "undated-2"};
    const std::map<std::string, std::vector<std::string>> dated_in_order{
        {"oldest", {"dated-2020", "dated-2021", long_id}}, {"newest", {long_id, "dated-2021", "dated-2020"}}};
    for (const auto& [order, dated] : dated_in_order) {
        const auto ids = ids_sorted(order);
        std::string listing;
        for (const auto& id : ids) listing += "\n  " + id;
        BOOST_TEST_REQUIRE(ids.size() == 5u, listing);
        BOOST_TEST((std::vector<std::string>(ids.begin(), ids.begin() + 3) == dated), "--sort " << order << listing);
        BOOST_TEST((std::set<std::string>(ids.begin() + 3, ids.end()) == undated), "--sort " << order << listing);
    }
}

BOOST_AUTO_TEST_SUITE_END()

// Library level: the searcher itself, on a database another writer commits to.
BOOST_AUTO_TEST_SUITE(searcher_concurrency)

BOOST_AUTO_TEST_CASE(search_and_versions_survive_commits_made_while_they_read) {
    test::TempDir dir;
    const std::string db = dir / "db";
    const auto built = index(db, {"build", "--no-group", test::reuters_path()});
    BOOST_TEST_REQUIRE(built.status == 0, show(built));
    // Three commits that change every document's length (which BM25 reads)
    // and the layout of its stored data (which every hit reads), so the blocks
    // of the revision a reader has open are overwritten.
    int commits = 0;
    const auto commit_changes = [&] {
        Xapian::WritableDatabase writer(db, Xapian::DB_OPEN);
        for (int n = 0; n < 3; ++n, ++commits) {
            for (auto d = writer.postlist_begin(""); d != writer.postlist_end(""); ++d) {
                Xapian::Document doc = writer.get_document(*d);
                doc.add_term("XTESTCOMMIT" + std::to_string(commits), 5);
                news::Article article = news::unserialise_article(doc.get_data());
                article.title += std::string(commits % 2 ? 40 : 0, ' ');
                doc.set_data(news::serialise_article(article));
                writer.replace_document(*d, doc);
            }
            writer.commit();
        }
    };
    news::Searcher searcher{Xapian::Database(db)};
    news::SearchRequest request;
    request.query = "oil";
    request.grouping = news::Grouping::kNone;
    request.limit = 1000;
    try {
        const size_t hits_before = searcher.search(request).hits.size();
        BOOST_TEST_REQUIRE(hits_before > 0u);
        commit_changes();
        BOOST_TEST(searcher.search(request).hits.size() == hits_before);
        commit_changes();
        BOOST_TEST(searcher.versions("reuters-2", news::Grouping::kStory).size() == 1u);
    } catch (const Xapian::Error& e) {
        BOOST_FAIL(e.get_description());
    }
}

BOOST_AUTO_TEST_SUITE_END()
