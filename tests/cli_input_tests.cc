// End-to-end tests of what `news-index build` reads: the HTML pages in
// corpus/html/, gzip-compressed inputs of every format, JSON Lines field
// mapping (--field), and inputs that are too big or cannot be read.
#define BOOST_TEST_MODULE cli_input_tests
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "cli_support.h"
#include "test_support.h"

namespace {

// The whole corpus, indexed once by the real news-index.
struct CorpusBuild {
    test::TempDir dir;
    std::string db = dir / "db";
    test::RunResult build;
    CorpusBuild() { build = index(db, {"build", test::corpus_dir()}); }
};

struct CorpusDb {
    const CorpusBuild& corpus = [] () -> const CorpusBuild& {
        static CorpusBuild built;
        return built;
    }();
    const std::string& db = corpus.db;
    CorpusDb() { BOOST_TEST_REQUIRE(corpus.build.status == 0, show(corpus.build)); }

    std::set<std::string> version_ids(const std::string& id) const {
        const auto r = search(db, {"--format", "json", "--versions", id});
        BOOST_TEST_REQUIRE(r.status == 0, show(r));
        std::set<std::string> ids;
        const json j = parse_json(r);  // not in the for: the temporary would be gone before the loop ran
        for (const auto& v : j.at("versions")) ids.insert(v.at("id").get<std::string>());
        return ids;
    }
};

// A directory of inputs and a database for them.
struct Inputs : test::InputFolder {
    // Runs the build and checks the bad-input contract: exit 1 and one
    // "news-index: PATH..." line naming `bad`.
    test::RunResult build_expecting_problem(const std::string& bad, std::vector<std::string> extra = {}) {
        const auto r = build(extra);
        BOOST_TEST(r.status == 1, show(r));
        const auto lines = cli::lines_naming(r, bad);
        BOOST_TEST(lines.size() == 1u, show(r));
        if (!lines.empty()) BOOST_TEST(lines[0].rfind("news-index: " + bad, 0) == 0u, lines[0]);
        return r;
    }
    bool found(const std::string& query) { return search(db, {query}).status == 0; }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli_html_corpus, CorpusDb)

BOOST_AUTO_TEST_CASE(html_pages_are_indexed_with_their_metadata) {
    for (int seed : {1, 2}) {
        const auto r = search(db, {"--format", "json", "id:" + test::html_copy_id(seed)});
        BOOST_TEST_REQUIRE(r.status == 0, show(r));
        const json hits = parse_json(r).at("hits");
        BOOST_TEST_REQUIRE(hits.size() == 1u);
        BOOST_TEST(hits[0].at("date") == "2023-06-19");
        BOOST_TEST(hits[0].at("url") == test::html_copy_id(seed));
    }
    const json one = parse_json(search(db, {"--format", "json", "id:" + test::html_copy_id(1)})).at("hits")[0];
    BOOST_TEST(one.at("title") == "Blinken takes ‘baby steps’ to revive US-China relations");  // no " | The World Dispatch"
    BOOST_TEST(one.at("source") == "The World Dispatch");
    // The compressed page names no site: its host does.
    const json two = parse_json(search(db, {"--format", "json", "id:" + test::html_copy_id(2)})).at("hits")[0];
    BOOST_TEST(two.at("source") == "harbourtimes.example");
    BOOST_TEST(two.at("title") == "Blinken opens talks with China’s top envoy, could meet Xi");
}

BOOST_AUTO_TEST_CASE(search_finds_the_html_article_text) {
    // Words of the article body, found in the HTML page among the versions.
    const auto r = search(db, {"--format", "json", "--all-versions", "--limit", "50", "\"Diaoyutai State Guesthouse\""});
    BOOST_TEST_REQUIRE(r.status == 0, show(r));
    std::set<std::string> ids;
    const json j = parse_json(r);
    for (const auto& h : j.at("hits")) ids.insert(h.at("id").get<std::string>());
    BOOST_TEST(ids.count(test::html_copy_id(1)) == 1u, r.out);
    const auto source = search(db, {"--format", "json", "--all-versions", "source:\"The World Dispatch\" blinken"});
    BOOST_TEST(source.status == 0, show(source));
}

BOOST_AUTO_TEST_CASE(page_furniture_is_not_indexed) {
    // Each word appears only in the pages' navigation, adverts, "Read more"
    // and "Related" links, newsletter box, sidebar, cookie notice or footer.
    for (const char* word : {"obituaries", "crosswords", "horoscopes", "walrus", "svalbard", "lumitrust", "kestrel",
                             "marmalade", "toboggan", "lighthouse"}) {
        // JSON, for the hits of the word itself: with none, the hits of a
        // spelling suggestion would be shown ("corrected").
        const auto r = search(db, {"--format", "json", word});
        const json j = parse_json(r);
        BOOST_TEST((r.status == 1 || j.at("corrected") == true), word << " is indexed:\n" << show(r));
    }
}

BOOST_AUTO_TEST_CASE(html_copies_collapse_with_their_text_versions) {
    const std::set<std::string> balloon{test::seed_id(0), test::seed_id(1), test::seed_id(3), test::html_copy_id(1)};
    BOOST_TEST((version_ids(test::html_copy_id(1)) == balloon));
    BOOST_TEST((version_ids(test::seed_id(1)) == balloon));
    const std::set<std::string> talks{test::seed_id(2), test::seed_id(4), test::html_copy_id(2)};
    BOOST_TEST((version_ids(test::html_copy_id(2)) == talks));
    // One hit for the story, whichever version is shown.
    const auto r = search(db, {"--format", "json", "baby steps Diaoyutai"});
    BOOST_TEST_REQUIRE(r.status == 0, show(r));
    const json top = parse_json(r).at("hits")[0];
    BOOST_TEST(balloon.count(top.at("id").get<std::string>()) == 1u, top.at("id"));
    BOOST_TEST(top.at("versions").get<int>() == 4);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(cli_input_formats, Inputs)

BOOST_AUTO_TEST_CASE(gzip_works_for_every_format) {
    test::write_gzip(in + "/a.txt.gz", "Gnu migration begins\n\nThe gnu herds moved north.\n");
    test::write_gzip(in + "/b.html.gz",
                     "<title>Ibis returns</title><article><p>An ibis came back to the marsh.</p></article>");
    test::write_gzip(in + "/c.jsonl.gz", R"({"id":"okapi-1","title":"Okapi born","body":"An okapi calf was born."})" "\n");
    const auto r = build();
    BOOST_TEST_REQUIRE(r.status == 0, show(r));
    BOOST_TEST(r.out.find("added 3,") != std::string::npos, show(r));
    for (const char* word : {"gnu", "ibis", "okapi"}) BOOST_TEST(found(word), word);
    // A .txt.gz keeps the .txt id rule: its absolute path.
    const auto j = parse_json(search(db, {"--format", "json", "gnu"}));
    BOOST_TEST(j.at("hits")[0].at("id") == fs::weakly_canonical(in + "/a.txt.gz").string());
}

BOOST_AUTO_TEST_CASE(truncated_gzip_is_one_error) {
    test::write_file(in + "/good.txt", "Quokka sighting\n\nA quokka was seen.\n");
    std::string text;
    for (int i = 0; i < 2000; ++i) text += "Line " + std::to_string(i) + " of a long article about tapirs.\n";
    test::write_gzip(dir / "whole.gz", text);
    const std::string gz = test::read_file(dir / "whole.gz");
    const std::string bad = in + "/cut.txt.gz";
    test::write_file(bad, gz.substr(0, gz.size() / 2));
    const auto r = build_expecting_problem(bad);
    BOOST_TEST(r.err.find("truncated or corrupt gzip data") != std::string::npos, show(r));
    BOOST_TEST(found("quokka"));
    BOOST_TEST(!found("tapirs"));
}

BOOST_AUTO_TEST_CASE(invalid_utf8_html_page) {
    test::write_file(in + "/good.txt", "Quokka sighting\n\nA quokka was seen.\n");
    const std::string bad = in + "/latin1.html";
    test::write_file(bad, "<html>\n<title>Caf\xe9</title>\n<p>Montr\xe9" "al</p>\n");
    const auto r = build_expecting_problem(bad);
    BOOST_TEST(r.err.find(bad + ":2: invalid UTF-8") != std::string::npos, show(r));
    BOOST_TEST(found("quokka"));
}

BOOST_AUTO_TEST_CASE(field_mapping) {
    const std::string feed = in + "/feed.jsonl";
    test::write_file(feed, R"({"guid":"m-1","headline":"Manatee rescued","content":"A manatee was freed from a net.",)"
                           R"("published_at":"2022-08-09T10:11:12Z","meta":{"source":"Coastal Wire"}})" "\n");
    // Without the mapping the lines have no id.
    const auto unmapped = build();
    BOOST_TEST(unmapped.status == 1, show(unmapped));
    BOOST_TEST(unmapped.err.find(feed + ":1: no \"id\"") != std::string::npos, show(unmapped));
    const auto r = build({"--field", "id=guid", "--field", "title=headline", "--field=body=content", "--field",
                          "date=published_at", "--field", "source=meta.source"});
    BOOST_TEST_REQUIRE(r.status == 0, show(r));
    const auto j = parse_json(search(db, {"--format", "json", "title:manatee"}));
    BOOST_TEST_REQUIRE(j.at("hits").size() == 1u);
    const auto& hit = j.at("hits")[0];
    BOOST_TEST(hit.at("id") == "m-1");
    BOOST_TEST(hit.at("title") == "Manatee rescued");
    BOOST_TEST(hit.at("date") == "2022-08-09");
    BOOST_TEST(hit.at("source") == "Coastal Wire");
    BOOST_TEST(found("net"));
}

BOOST_AUTO_TEST_CASE(bad_field_mapping_is_a_usage_error) {
    test::write_file(in + "/a.jsonl", R"({"id":"x","title":"T"})" "\n");
    for (const auto& mapping : {std::string("headline=title"), std::string("title"), std::string("body=")}) {
        const auto r = build({"--field", mapping});
        BOOST_TEST(r.status == 2, mapping << "\n" << show(r));
        BOOST_TEST(r.err.rfind("news-index: error: ", 0) == 0u, show(r));
        BOOST_TEST(test::lines_of(r.err).size() == 1u, show(r));
        BOOST_TEST(!fs::exists(db), "a database was made despite the usage error");
    }
    const auto r = build({"--field", "headline=title"});
    BOOST_TEST(r.err.find("unknown field 'headline'") != std::string::npos, show(r));
}

BOOST_AUTO_TEST_CASE(help_documents_the_inputs) {
    const auto r = test::run({test::index_bin(), "--help"});
    BOOST_TEST_REQUIRE(r.status == 0, show(r));
    for (const char* item : {".html", ".htm", ".gz", ".jsonl", "--field", "FIELD=NAME", "title=headline", "meta.source"})
        BOOST_TEST(r.out.find(item) != std::string::npos, "--help does not mention " << item);
}

BOOST_AUTO_TEST_CASE(fifty_megabyte_line_is_skipped) {
    const std::string feed = in + "/huge.jsonl";
    {
        std::ofstream out(feed, std::ios::binary);
        out << R"({"id":"h-1","title":"Narwhal before"})" << '\n';
        out << R"({"id":"h-2","title":"Giant","body":")";
        const std::string chunk(1 << 20, 'w');
        for (int i = 0; i < 50; ++i) out << chunk;
        out << "\"}\n";
        out << R"({"id":"h-3","title":"Narwhal after"})" << '\n';
        BOOST_TEST_REQUIRE(out.good());
    }
    const auto r = build_expecting_problem(feed);
    BOOST_TEST(r.err.find(feed + ":2: line longer than 16 MB, skipped") != std::string::npos, show(r));
    BOOST_TEST(r.out.find("added 2,") != std::string::npos, show(r));
    const auto j = parse_json(search(db, {"--format", "json", "--all-versions", "narwhal"}));
    std::set<std::string> ids;
    for (const auto& h : j.at("hits")) ids.insert(h.at("id").get<std::string>());
    BOOST_TEST((ids == std::set<std::string>{"h-1", "h-3"}));
    fs::remove(feed);  // 50 MB: not left for the fixture's clean-up to find
}

BOOST_AUTO_TEST_CASE(unreadable_directory_is_one_error) {
    test::write_file(in + "/good.txt", "Quokka sighting\n\nA quokka was seen.\n");
    const std::string locked = in + "/locked";
    fs::create_directories(locked);
    test::write_file(locked + "/secret.txt", "Secret wombat\n\nHidden.\n");
    if (geteuid() == 0) {
        // root reads a chmod 000 directory anyway, so there is nothing to test.
        BOOST_TEST_MESSAGE("running as root: chmod 000 does not stop reading; unreadable-directory check skipped");
        return;
    }
    BOOST_TEST_REQUIRE(chmod(locked.c_str(), 0) == 0);
    const auto r = build_expecting_problem(locked);
    BOOST_TEST(r.err.find("cannot read directory") != std::string::npos, show(r));
    BOOST_TEST(found("quokka"));
}

BOOST_AUTO_TEST_SUITE_END()
