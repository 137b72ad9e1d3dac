// Saved searches and alerts through the real binaries: a build reports what
// the articles it added bring to each saved search, a spun copy of a known
// story as a new version, a new article as a new story.
#define BOOST_TEST_MODULE alerts_tests
#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "cli_support.h"

namespace fs = std::filesystem;

namespace {

struct Newsroom {
    test::TempDir dir;
    std::string db = dir / "db";
    std::string inputs = dir / "in";
    Newsroom() {
        fs::create_directories(inputs);
        for (int seed : {1, 2, 3}) fs::copy(test::seed_path(seed), inputs + "/" + fs::path(test::seed_path(seed)).filename().string());
        const auto built = test::index(db, {"build", inputs});
        BOOST_TEST_REQUIRE(built.status == 0, test::show(built));
    }
    test::RunResult add(const std::string& path) {
        const auto r = test::index(db, {"build", path});
        BOOST_TEST_REQUIRE(r.status == 0, test::show(r));
        return r;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(alerts, Newsroom)

BOOST_AUTO_TEST_CASE(spun_copy_is_a_new_version_and_a_new_article_a_new_story) {
    auto saved = test::search(db, {"--save", "blinken", "Blinken", "Wang"});
    BOOST_TEST_REQUIRE(saved.status == 0, test::show(saved));

    // Seed 000: a spun copy of 001/003, which the database has.
    const std::string spun = dir / "spun";
    fs::create_directories(spun);
    fs::copy(test::seed_path(0), spun + "/000.txt");
    const auto first = add(spun);
    BOOST_TEST(first.out.find("saved search blinken: 0 new stories, 1 new versions") != std::string::npos,
               test::show(first));

    const std::string fresh = dir / "fresh.jsonl";
    test::write_file(fresh, "{\"id\": \"tokyo-1\", \"title\": \"Blinken meets Wang in Tokyo on trade\", "
                            "\"body\": \"Secretary of State Blinken met Wang in Tokyo to talk about semiconductor "
                            "export rules and shipping lanes, a meeting planned for months.\", "
                            "\"date\": \"2023-09-01\", \"source\": \"Harbour Times\"}\n");
    const auto second = add(fresh);
    BOOST_TEST(second.out.find("saved search blinken: 1 new stories, 0 new versions") != std::string::npos,
               test::show(second));

    const auto alerts = test::search(db, {"--alerts", "blinken", "--format", "json"});
    BOOST_TEST_REQUIRE(alerts.status == 0, test::show(alerts));
    const auto doc = test::parse_json(alerts);
    const auto& s = doc["saved_searches"].at(0);
    BOOST_TEST(s["name"] == "blinken");
    BOOST_TEST(s["new_stories"] == 1);
    BOOST_TEST(s["new_versions"] == 1);
    BOOST_TEST_REQUIRE(s["unread"].size() == 2u);
    BOOST_TEST(s["unread"][0]["new_story"] == false);
    BOOST_TEST(s["unread"][1]["id"] == "tokyo-1");
    BOOST_TEST(s["unread"][1]["new_story"] == true);

    // Read now: nothing new until the next build brings something.
    const auto again = test::search(db, {"--alerts"});
    BOOST_TEST(again.status == 1, test::show(again));
    BOOST_TEST(again.out.find("0 new stories") != std::string::npos, again.out);
    const auto third = add(fresh);  // unchanged: nothing added
    BOOST_TEST(third.out.find("saved search blinken: 0 new stories, 0 new versions") != std::string::npos,
               test::show(third));
}

BOOST_AUTO_TEST_CASE(saved_searches_are_listed_and_removed) {
    BOOST_TEST(test::search(db, {"--saved"}).status == 1);
    BOOST_TEST(test::search(db, {"--save", "oil", "--since", "2023-01", "crude", "oil"}).status == 0);
    const auto listed = test::search(db, {"--saved", "--format", "json"});
    BOOST_TEST_REQUIRE(listed.status == 0, test::show(listed));
    const auto doc = test::parse_json(listed);
    BOOST_TEST(doc["saved_searches"].at(0)["query"] == "crude oil");
    BOOST_TEST(doc["saved_searches"].at(0)["since"] == "2023-01");
    BOOST_TEST(test::search(db, {"--saved", "--remove", "oil"}).status == 0);
    const auto gone = test::search(db, {"--saved", "--remove", "oil"});
    BOOST_TEST(gone.status == 2);
    BOOST_TEST(gone.err.find("no saved search named oil") != std::string::npos, gone.err);
}

BOOST_AUTO_TEST_CASE(bad_names_and_queries_are_refused) {
    const auto name = test::search(db, {"--save", "a b/c", "oil"});
    BOOST_TEST(name.status == 2);
    BOOST_TEST(name.err.find("saved search's name") != std::string::npos, name.err);
    const auto query = test::search(db, {"--save", "bad", "oil", "AND"});
    BOOST_TEST(query.status == 2);
    BOOST_TEST(query.err.find("query syntax error") != std::string::npos, query.err);
    BOOST_TEST(test::search(db, {"--saved"}).status == 1);
}

BOOST_AUTO_TEST_SUITE_END()
