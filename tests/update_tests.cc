// Library tests of updates: removing articles (and what it does to their
// duplicate groups), database statistics, --strict, and the per-batch
// records of articles waiting to be grouped.
#define BOOST_TEST_MODULE update_tests
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/keys.h"
#include "common/schema.h"
#include "indexer/article_removal.h"
#include "indexer/database_stats.h"
#include "indexer/index_build.h"
#include "searcher/printer.h"
#include "test_support.h"

namespace schema = news::schema;

namespace {

news::BuildReport build(const std::string& db, const std::vector<std::string>& inputs, bool group = true,
                        size_t batch_size = 10000, std::vector<news::InputProblem>* problems = nullptr,
                        bool strict = false) {
    news::BuildOptions options;
    options.inputs = inputs;
    options.group = group;
    options.batch_size = batch_size;
    options.strict = strict;
    return news::build_index(db, options, [&](const news::InputProblem& p) {
        if (problems) problems->push_back(p);
        else BOOST_ERROR("unexpected input problem: " << p.describe());
    });
}

std::string value_of(const std::string& db_path, const std::string& id, Xapian::valueno slot) {
    Xapian::Database db(db_path);
    const std::string term = news::id_term(id);
    auto p = db.postlist_begin(term);
    if (p == db.postlist_end(term)) return "(missing)";
    return db.get_document(*p).get_value(slot);
}

Xapian::doccount group_size(const std::string& db_path, std::string_view prefix, const std::string& key) {
    return Xapian::Database(db_path).get_termfreq(schema::term(prefix, key));
}

// The seeds: 0, 1 and 3 are one story (keyed by 0, the smallest id), 2 and
// 4 another; all five are one event (keyed by 0).
struct Seeds {
    test::TempDir dir;
    std::string db = dir / "db";
    Seeds() {
        build(db, {test::seeds_dir()});
        BOOST_TEST_REQUIRE(value_of(db, test::seed_id(1), schema::slot::kStory) == news::group_key(test::seed_id(0)));
        BOOST_TEST_REQUIRE(value_of(db, test::seed_id(3), schema::slot::kStory) == news::group_key(test::seed_id(0)));
        BOOST_TEST_REQUIRE(value_of(db, test::seed_id(2), schema::slot::kEvent) == news::group_key(test::seed_id(0)));
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(removal)

BOOST_FIXTURE_TEST_CASE(removing_the_version_that_keys_the_group_rekeys_the_rest, Seeds) {
    const auto report = news::remove_articles(db, {test::seed_id(0)});
    BOOST_TEST(report.removed == 1u);
    BOOST_TEST(report.unknown.empty());
    BOOST_TEST(report.remaining == 4u);
    const std::string old_key = news::group_key(test::seed_id(0));
    const std::string new_key = news::group_key(test::seed_id(1));  // smallest remaining
    BOOST_TEST(value_of(db, test::seed_id(0), schema::slot::kStory) == "(missing)");
    BOOST_TEST(value_of(db, test::seed_id(1), schema::slot::kStory) == new_key);
    BOOST_TEST(value_of(db, test::seed_id(3), schema::slot::kStory) == new_key);
    BOOST_TEST(group_size(db, schema::prefix::kStory, new_key) == 2u);
    BOOST_TEST(group_size(db, schema::prefix::kStory, old_key) == 0u);
    // The event level too: the four remaining seeds stay one event.
    for (int n : {1, 2, 3, 4}) BOOST_TEST(value_of(db, test::seed_id(n), schema::slot::kEvent) == new_key);
    BOOST_TEST(group_size(db, schema::prefix::kEvent, new_key) == 4u);
    BOOST_TEST(group_size(db, schema::prefix::kEvent, old_key) == 0u);
    // The other story is untouched.
    BOOST_TEST(value_of(db, test::seed_id(4), schema::slot::kStory) == news::group_key(test::seed_id(2)));
    // Rewritten documents kept their text.
    BOOST_TEST(Xapian::Database(db).get_termfreq("blinken") == 4u);
}

BOOST_FIXTURE_TEST_CASE(a_group_left_with_one_member_becomes_a_singleton, Seeds) {
    const auto report = news::remove_articles(db, {test::seed_id(0), test::seed_id(3)});
    BOOST_TEST(report.removed == 2u);
    const std::string own = news::group_key(test::seed_id(1));
    BOOST_TEST(value_of(db, test::seed_id(1), schema::slot::kStory) == own);
    BOOST_TEST(group_size(db, schema::prefix::kStory, own) == 1u);
}

BOOST_FIXTURE_TEST_CASE(removing_another_version_keeps_the_key, Seeds) {
    const auto report = news::remove_articles(db, {test::seed_id(3)});
    BOOST_TEST(report.removed == 1u);
    BOOST_TEST(report.rekeyed == 0u);
    const std::string key = news::group_key(test::seed_id(0));
    BOOST_TEST(group_size(db, schema::prefix::kStory, key) == 2u);
    BOOST_TEST(group_size(db, schema::prefix::kEvent, key) == 4u);
}

BOOST_FIXTURE_TEST_CASE(unknown_ids_are_reported_and_the_others_removed, Seeds) {
    const auto report =
        news::remove_articles(db, {"no-such-id", test::seed_id(4), test::seed_path(4), "also-missing"});
    BOOST_TEST(report.removed == 1u);  // named twice (by id and by path): removed once
    BOOST_TEST((report.unknown == std::vector<std::string>{"no-such-id", "also-missing"}));
    BOOST_TEST(Xapian::Database(db).get_doccount() == 4u);
    BOOST_TEST(value_of(db, test::seed_id(2), schema::slot::kStory) == news::group_key(test::seed_id(2)));
}

BOOST_AUTO_TEST_CASE(articles_removed_before_they_were_grouped_do_not_break_the_next_build) {
    test::TempDir dir;
    const std::string db = dir / "db";
    build(db, {test::seeds_dir()}, /*group=*/false);
    news::remove_articles(db, {test::seed_id(1)});
    const auto report = build(db, {test::seeds_dir() + "/../reuters-sample.jsonl"});
    BOOST_TEST(report.added == 400u);
    // 0 and 3 are still found to be one story.
    BOOST_TEST(value_of(db, test::seed_id(3), schema::slot::kStory) == news::group_key(test::seed_id(0)));
    BOOST_TEST(news::collect_stats(Xapian::Database(db), db).waiting_for_grouping == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(batches)

BOOST_AUTO_TEST_CASE(each_batch_commits_its_own_record_of_articles_to_group) {
    test::TempDir dir;
    const std::string db = dir / "db";
    build(db, {test::seeds_dir()}, /*group=*/false, /*batch_size=*/2);
    Xapian::Database xdb(db);
    const std::string prefix(schema::metadata::kPendingGrouping);
    size_t records = 0, docids = 0;
    for (auto k = xdb.metadata_keys_begin(prefix); k != xdb.metadata_keys_end(prefix); ++k) {
        ++records;
        docids += nlohmann::json::parse(xdb.get_metadata(*k)).at("docids").size();
    }
    BOOST_TEST(records == 3u);  // 2 + 2 + 1
    BOOST_TEST(docids == 5u);
    BOOST_TEST(news::collect_stats(xdb, db).waiting_for_grouping == 5u);
    build(db, {test::seeds_dir()});  // groups them and clears the records
    xdb.reopen();
    BOOST_TEST((xdb.metadata_keys_begin(prefix) == xdb.metadata_keys_end(prefix)));
    BOOST_TEST(value_of(db, test::seed_id(3), schema::slot::kStory) == news::group_key(test::seed_id(0)));
}

BOOST_AUTO_TEST_CASE(strict_stops_at_the_first_bad_input_keeping_what_came_before) {
    test::TempDir dir;
    const std::string db = dir / "db";
    const std::string in = dir / "a.jsonl";
    test::write_file(in, R"({"id": "a1", "title": "Quokka", "body": "A quokka was seen."}
{"id": "a2", "title": "broken
{"id": "a3", "title": "Wombat", "body": "A wombat was seen."}
)");
    std::vector<news::InputProblem> problems;
    const auto report = build(db, {in}, true, 10000, &problems, /*strict=*/true);
    BOOST_TEST(report.stopped_early);
    BOOST_TEST(report.problems == 1u);
    BOOST_TEST_REQUIRE(problems.size() == 1u);
    BOOST_TEST(problems[0].line == 2);
    Xapian::Database xdb(db);
    BOOST_TEST(xdb.get_termfreq("quokka") == 1u);
    BOOST_TEST(xdb.get_termfreq("wombat") == 0u);
    const auto last = nlohmann::json::parse(xdb.get_metadata(std::string(schema::metadata::kLastBuild)));
    BOOST_TEST(last.at("stopped_early").get<bool>());

    problems.clear();
    const auto lenient = build(db, {in}, true, 10000, &problems);
    BOOST_TEST(!lenient.stopped_early);
    BOOST_TEST(lenient.added == 1u);
    BOOST_TEST(lenient.unchanged == 1u);
    BOOST_TEST(problems.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(stats)

BOOST_AUTO_TEST_CASE(stats_agree_with_the_database) {
    test::TempDir dir;
    const std::string db = dir / "db";
    build(db, {test::corpus_dir()});
    const Xapian::Database xdb(db);
    const auto s = news::collect_stats(xdb, db);
    BOOST_TEST(s.articles == xdb.get_doccount());
    BOOST_TEST(s.schema_version == std::to_string(schema::kVersion));
    // Every article has a story and an event key of its own or its group's.
    size_t story_members = 0, several = 0;
    std::set<std::string> story_keys;
    for (auto d = xdb.postlist_begin(""); d != xdb.postlist_end(""); ++d)
        story_keys.insert(xdb.get_document(*d).get_value(schema::slot::kStory));
    for (const auto& key : story_keys) {
        const auto n = xdb.get_termfreq(schema::term(schema::prefix::kStory, key));
        story_members += n;
        if (n > 1) ++several;
    }
    BOOST_TEST(story_members == s.articles);
    BOOST_TEST(s.stories == story_keys.size());
    BOOST_TEST(s.stories_with_versions == several);
    BOOST_TEST(s.stories_with_versions > 0u);
    BOOST_TEST(s.events <= s.stories);
    // Sources: the Reuters sample names Reuters on every line.
    BOOST_TEST_REQUIRE(!s.top_sources.empty());
    BOOST_TEST(s.top_sources[0].first == "reuters");
    BOOST_TEST(s.top_sources[0].second == test::lines_of(test::read_file(test::reuters_path())).size());
    // Dates: the Reuters sample is from 1987, the seeds from 2023.
    BOOST_TEST_REQUIRE(s.earliest.has_value());
    BOOST_TEST(s.earliest->substr(0, 4) == "1987");
    BOOST_TEST(s.latest->substr(0, 4) == "2023");
    BOOST_TEST(s.undated == s.articles - xdb.get_value_freq(schema::slot::kDate));
    BOOST_TEST(s.size_bytes > 0u);
    const auto last = nlohmann::json::parse(s.last_build);
    BOOST_TEST(last.at("added").get<size_t>() == s.articles);
    BOOST_TEST(last.at("finished").get<std::string>().size() == 20u);  // YYYY-MM-DDTHH:MM:SSZ

    std::ostringstream json_out, text_out;
    news::make_json_printer(json_out)->stats(s);
    const auto j = nlohmann::json::parse(json_out.str());
    BOOST_TEST(j.at("format_version") == 1);
    BOOST_TEST(j.at("articles").get<size_t>() == s.articles);
    BOOST_TEST(j.at("stories").at("with_versions").get<size_t>() == s.stories_with_versions);
    BOOST_TEST(j.at("sources").at("top")[0].at("source") == "reuters");
    BOOST_TEST(j.at("dates").at("earliest").get<std::string>() == *s.earliest);
    BOOST_TEST(j.at("last_build").at("added").get<size_t>() == s.articles);
    news::make_text_printer(text_out, false)->stats(s);
    BOOST_TEST(text_out.str().find("articles:      " + std::to_string(s.articles) + "\n") != std::string::npos,
               text_out.str());
}

BOOST_AUTO_TEST_CASE(stats_of_an_empty_database) {
    test::TempDir dir;
    const std::string db = dir / "db";
    { Xapian::WritableDatabase create(db, Xapian::DB_CREATE_OR_OPEN); }
    const auto s = news::collect_stats(Xapian::Database(db), db);
    BOOST_TEST(s.articles == 0u);
    BOOST_TEST(!s.earliest.has_value());
    BOOST_TEST(s.last_build.empty());
    std::ostringstream out;
    news::make_json_printer(out)->stats(s);
    const auto j = nlohmann::json::parse(out.str());
    BOOST_TEST(j.at("dates").at("earliest").is_null());
    BOOST_TEST(j.at("last_build").is_null());
    BOOST_TEST(j.at("schema_version").is_null());
}

BOOST_AUTO_TEST_SUITE_END()
