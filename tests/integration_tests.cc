// Integration tests over the library: databases built from corpus/ with
// build_index(), then inspected through Xapian, the group report and the
// Searcher.
#define BOOST_TEST_MODULE integration_tests
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "common/database.h"
#include "common/error.h"
#include "common/keys.h"
#include "common/schema.h"
#include "indexer/group_report.h"
#include "indexer/index_build.h"
#include "searcher/printer.h"
#include "searcher/search.h"
#include "test_support.h"

namespace schema = news::schema;
using Partition = std::set<std::vector<std::string>>;

namespace {

news::BuildReport build(const std::string& db, const std::vector<std::string>& inputs,
                        std::vector<news::InputProblem>* problems = nullptr) {
    news::BuildOptions options;
    options.inputs = inputs;
    return news::build_index(db, options, [&](const news::InputProblem& p) {
        if (problems) problems->push_back(p);
        else BOOST_ERROR("unexpected input problem: " << p.describe());
    });
}

// id -> value of `slot`, for every document.
std::map<std::string, std::string> values_by_id(const std::string& db_path, Xapian::valueno slot) {
    Xapian::Database db(db_path);
    std::map<std::string, std::string> out;
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
        const auto doc = db.get_document(*p);
        out[news::unserialise_article(doc.get_data()).id] = doc.get_value(slot);
    }
    return out;
}

// The groups (of two or more ids) that share a value of `slot`.
Partition partition(const std::string& db_path, Xapian::valueno slot) {
    std::map<std::string, std::vector<std::string>> groups;
    for (const auto& [id, key] : values_by_id(db_path, slot)) groups[key].push_back(id);
    Partition out;
    for (auto& [key, ids] : groups) {
        if (ids.size() < 2) continue;
        std::sort(ids.begin(), ids.end());
        out.insert(ids);
    }
    return out;
}

std::string describe(const Partition& p) {
    std::ostringstream s;
    for (const auto& g : p) {
        s << '{';
        for (const auto& id : g) s << ' ' << std::filesystem::path(id).filename().string();
        s << " } ";
    }
    return s.str();
}

void check_same_partition(const std::string& a, const std::string& b) {
    for (auto slot : {schema::slot::kStory, schema::slot::kEvent}) {
        BOOST_TEST_CONTEXT((slot == schema::slot::kStory ? "story level" : "event level")) {
            const auto pa = partition(a, slot), pb = partition(b, slot);
            BOOST_TEST((pa == pb), "groupings differ:\n  " << describe(pa) << "\n  " << describe(pb));
        }
    }
}


// One database of the whole corpus, built once for the suite.
struct CorpusIndex {
    test::TempDir dir;
    std::string db = dir / "db";
    news::BuildReport report;
    CorpusIndex() { report = build(db, {test::corpus_dir()}); }
};

CorpusIndex& corpus_index() {
    static CorpusIndex index;
    return index;
}

struct CorpusFixture {
    CorpusIndex& index = corpus_index();
    std::string story_of(int seed) { return values_by_id(index.db, schema::slot::kStory).at(test::seed_id(seed)); }
    std::string event_of(int seed) { return values_by_id(index.db, schema::slot::kEvent).at(test::seed_id(seed)); }
};

// Seeds copied into a temporary directory, so a test may change them.
struct SeedCopies {
    test::TempDir dir;
    std::string db = dir / "db";
    std::string seeds = dir / "seeds";
    SeedCopies() {
        std::filesystem::create_directories(seeds);
        for (int n = 0; n < 5; ++n) std::filesystem::copy_file(test::seed_path(n), path(n));
    }
    std::string path(int n) const { return seeds + "/" + std::filesystem::path(test::seed_path(n)).filename().string(); }
    std::string id(int n) const { return std::filesystem::weakly_canonical(path(n)).string(); }
    std::string story(int n) const { return values_by_id(db, schema::slot::kStory).at(id(n)); }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(integration_tests, CorpusFixture)

BOOST_AUTO_TEST_CASE(corpus_builds_cleanly) {
    BOOST_TEST(index.report.added == test::kCorpusArticles);
    BOOST_TEST(index.report.updated == 0u);
    BOOST_TEST(index.report.problems == 0u);
    BOOST_TEST(index.report.total == test::kCorpusArticles);
    BOOST_TEST(index.report.stories >= 2u);
    BOOST_TEST(index.report.grouping.articles == test::kCorpusArticles);
    Xapian::Database db = news::open_for_reading(index.db);
    BOOST_TEST(db.get_doccount() == test::kCorpusArticles);
    BOOST_TEST(db.get_metadata(std::string(schema::metadata::kSchemaVersion)) == std::to_string(schema::kVersion));
    const auto last = nlohmann::json::parse(db.get_metadata(std::string(schema::metadata::kLastBuild)));
    BOOST_TEST(last.at("added").get<size_t>() == test::kCorpusArticles);
}

BOOST_AUTO_TEST_CASE(seed_rewrites_share_story_keys) {
    const std::string aj = story_of(0), afp = story_of(2);
    BOOST_TEST(story_of(1) == aj);
    BOOST_TEST(story_of(3) == aj);
    BOOST_TEST(story_of(4) == afp);
    BOOST_TEST(aj != afp);
    // The HTML copies join the stories they copy.
    const auto stories = values_by_id(index.db, schema::slot::kStory);
    BOOST_TEST(stories.at(test::html_copy_id(1)) == aj);
    BOOST_TEST(stories.at(test::html_copy_id(2)) == afp);
    // A group's key is the group key of its smallest id.
    BOOST_TEST(aj == news::group_key(std::min({test::seed_id(0), test::seed_id(1), test::seed_id(3), test::html_copy_id(1)})));
    BOOST_TEST(afp == news::group_key(std::min({test::seed_id(2), test::seed_id(4), test::html_copy_id(2)})));
    // Values and boolean terms agree.
    Xapian::Database db(index.db);
    BOOST_TEST(db.get_termfreq(schema::term(schema::prefix::kStory, aj)) == 4u);
    BOOST_TEST(db.get_termfreq(schema::term(schema::prefix::kStory, afp)) == 3u);
}

BOOST_AUTO_TEST_CASE(seed_stories_share_one_event) {
    const std::string event = event_of(0);
    for (int n = 1; n < 5; ++n) BOOST_TEST(event_of(n) == event, "seed " << n);
    Xapian::Database db(index.db);
    BOOST_TEST(db.get_termfreq(schema::term(schema::prefix::kEvent, event)) == 7u);  // and the two HTML copies
}

BOOST_AUTO_TEST_CASE(no_reuters_article_joins_a_seed_group) {
    const std::set<std::string> seed_stories = {story_of(0), story_of(2)};
    const std::string seed_event = event_of(0);
    const auto stories = values_by_id(index.db, schema::slot::kStory);
    const auto events = values_by_id(index.db, schema::slot::kEvent);
    size_t reuters = 0;
    for (const auto& [id, story] : stories) {
        if (id.compare(0, 8, "reuters-") != 0) continue;
        ++reuters;
        BOOST_TEST(seed_stories.count(story) == 0u, id << " shares a seed story key");
        BOOST_TEST(events.at(id) != seed_event, id << " shares the seeds' event key");
    }
    BOOST_TEST(reuters == 400u);
}

BOOST_AUTO_TEST_CASE(every_document_has_consistent_keys) {
    Xapian::Database db(index.db);
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
        const auto doc = db.get_document(*p);
        for (auto [prefix, slot] : {std::pair{schema::prefix::kStory, schema::slot::kStory},
                                    std::pair{schema::prefix::kEvent, schema::slot::kEvent}}) {
            const std::string key = doc.get_value(slot);
            BOOST_TEST_REQUIRE(key.size() == 16u);
            // Exactly one group term of each level, matching the value.
            size_t terms = 0;
            const std::string pfx(prefix);
            for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
                if ((*t).compare(0, pfx.size(), pfx) == 0) {
                    ++terms;
                    BOOST_TEST(*t == pfx + key);
                }
            BOOST_TEST(terms == 1u);
        }
    }
}

BOOST_AUTO_TEST_CASE(building_twice_changes_nothing) {
    test::TempDir dir;
    const std::string db = dir / "db";
    const auto first = build(db, {test::corpus_dir()});
    BOOST_TEST(first.added == test::kCorpusArticles);
    const auto before = partition(db, schema::slot::kStory);
    const auto second = build(db, {test::corpus_dir()});
    BOOST_TEST(second.added == 0u);
    BOOST_TEST(second.updated == 0u);
    BOOST_TEST(second.unchanged == test::kCorpusArticles);
    BOOST_TEST(second.total == test::kCorpusArticles);
    BOOST_TEST(second.grouping.articles == 0u);
    BOOST_TEST(Xapian::Database(db).get_doccount() == test::kCorpusArticles);
    BOOST_TEST((partition(db, schema::slot::kStory) == before));
    check_same_partition(db, index.db);
}

BOOST_AUTO_TEST_CASE(reversed_input_order_gives_the_same_grouping) {
    test::TempDir dir;
    const std::string db = dir / "db";
    // Reuters lines reversed (ids are in the JSON, so the copy keeps them), then the HTML copies and
    // the seeds last to first.
    auto lines = test::lines_of(test::read_file(test::reuters_path()));
    std::reverse(lines.begin(), lines.end());
    std::string reversed;
    for (const auto& l : lines) reversed += l + "\n";
    test::write_file(dir / "reversed.jsonl", reversed);
    const auto report =
        build(db, {dir / "reversed.jsonl", test::html_copy_path(2), test::html_copy_path(1), test::seed_path(4),
                   test::seed_path(3), test::seed_path(2), test::seed_path(1), test::seed_path(0)});
    BOOST_TEST(report.added == test::kCorpusArticles);
    check_same_partition(db, index.db);
}

BOOST_AUTO_TEST_CASE(incremental_builds_in_either_order_give_the_same_grouping) {
    const std::vector<std::string> rest = {test::seed_path(0), test::seed_path(1), test::seed_path(2),
                                           test::seed_path(4), test::html_dir(), test::reuters_path()};
    test::TempDir a, b;
    const std::string db_a = a / "db", db_b = b / "db";
    // 003 alone, then the rest.
    BOOST_TEST(build(db_a, {test::seed_path(3)}).added == 1u);
    const auto a2 = build(db_a, rest);
    BOOST_TEST(a2.added == test::kCorpusArticles - 1);
    // The rest, then 003.
    BOOST_TEST(build(db_b, rest).added == test::kCorpusArticles - 1);
    const auto b2 = build(db_b, {test::seed_path(3)});
    BOOST_TEST(b2.added == 1u);
    BOOST_TEST(b2.unchanged == 0u);

    // The seeds' own grouping.
    for (const auto& db : {db_a, db_b}) {
        const auto stories = values_by_id(db, schema::slot::kStory);
        const auto events = values_by_id(db, schema::slot::kEvent);
        BOOST_TEST(stories.at(test::seed_id(0)) == stories.at(test::seed_id(3)));
        BOOST_TEST(stories.at(test::seed_id(1)) == stories.at(test::seed_id(3)));
        BOOST_TEST(stories.at(test::seed_id(2)) == stories.at(test::seed_id(4)));
        BOOST_TEST(stories.at(test::seed_id(0)) != stories.at(test::seed_id(2)));
        for (int n = 1; n < 5; ++n) BOOST_TEST(events.at(test::seed_id(n)) == events.at(test::seed_id(0)));
    }
    // And the whole corpus: the same partition either way, and as in one build.
    check_same_partition(db_a, db_b);
    check_same_partition(db_a, index.db);
    check_same_partition(db_b, index.db);
}

BOOST_AUTO_TEST_CASE(changed_article_is_counted_as_updated) {
    SeedCopies seeds;
    const auto first = build(seeds.db, {seeds.seeds});
    BOOST_TEST(first.added == 5u);
    test::write_file(seeds.path(2), test::read_file(seeds.path(2)) +
                                        "\nThis article was updated with a correction about the talks.\n");
    const auto second = build(seeds.db, {seeds.seeds});
    BOOST_TEST(second.added == 0u);
    BOOST_TEST(second.updated == 1u);
    BOOST_TEST(second.unchanged == 4u);
    BOOST_TEST(second.total == 5u);
    // The changed article's old event group (all five seeds) is regrouped afresh.
    BOOST_TEST(second.grouping.articles == 5u);
    // Replaced in place, still a version of its story.
    BOOST_TEST(seeds.story(2) == seeds.story(4));
    BOOST_TEST(seeds.story(0) == seeds.story(1));
    Xapian::Database db(seeds.db);
    auto p = db.postlist_begin(news::id_term(seeds.id(2)));
    BOOST_TEST_REQUIRE((p != db.postlist_end(news::id_term(seeds.id(2)))));
    BOOST_TEST(news::unserialise_article(db.get_document(*p).get_data()).body.find("with a correction") !=
               std::string::npos);
}

// 000 has the smallest id of its story, so the story's key is group_key(000),
// which is also the key a rebuilt 000 starts with before regrouping.
BOOST_AUTO_TEST_CASE(article_rewritten_as_other_news_leaves_its_story) {
    SeedCopies seeds;
    build(seeds.db, {seeds.seeds});
    BOOST_TEST_REQUIRE(seeds.story(0) == seeds.story(1));
    test::write_file(seeds.path(0),
                     "Bahia cocoa review\n\nShowers continued throughout the week in the Bahia cocoa zone, "
                     "alleviating the drought since early January and improving prospects for the coming "
                     "temporao, Comissaria Smith said in its weekly review.\n");
    const auto second = build(seeds.db, {seeds.seeds});
    BOOST_TEST(second.updated == 1u);
    BOOST_TEST(seeds.story(1) == seeds.story(3));
    BOOST_TEST(seeds.story(0) != seeds.story(1), "the cocoa article is still grouped with the Blinken story");
    Xapian::Database db(seeds.db);
    BOOST_TEST(db.get_termfreq(schema::term(schema::prefix::kStory, seeds.story(1))) == 2u);
}

BOOST_AUTO_TEST_CASE(same_id_twice_in_one_build_keeps_the_later) {
    test::TempDir dir;
    test::write_file(dir / "dup.jsonl",
                     "{\"id\":\"d-1\",\"title\":\"First\",\"body\":\"aardvark\"}\n"
                     "{\"id\":\"d-1\",\"title\":\"Second\",\"body\":\"zebra\"}\n");
    const auto report = build(dir / "db", {dir / "dup.jsonl"});
    BOOST_TEST(report.total == 1u);
    BOOST_TEST(report.added + report.updated == 2u);
    Xapian::Database db(dir / "db");
    BOOST_TEST(db.get_termfreq("zebra") == 1u);
    BOOST_TEST(db.get_termfreq("aardvark") == 0u);
}

BOOST_AUTO_TEST_CASE(problems_are_reported_and_good_input_indexed) {
    test::TempDir dir;
    test::write_file(dir / "good.txt", "Quokka sighting\n\nA quokka was seen.\n");
    test::write_file(dir / "bad.txt", "Bad\n\n\xff\xfe\n");
    test::write_file(dir / "mixed.jsonl", "{\"id\":\"m-1\",\"title\":\"Wombat\"}\n{oops\n");
    std::vector<news::InputProblem> problems;
    const auto report = build(dir / "db", {dir.path(), dir / "missing.txt"}, &problems);
    BOOST_TEST(report.added == 2u);
    BOOST_TEST(report.problems == 3u);
    BOOST_TEST(problems.size() == 3u);
    Xapian::Database db(dir / "db");
    BOOST_TEST(db.get_termfreq("quokka") == 1u);
    BOOST_TEST(db.get_termfreq("wombat") == 1u);
}

BOOST_AUTO_TEST_CASE(locked_database_is_a_database_error) {
    test::TempDir dir;
    const std::string db_path = dir / "db";
    test::write_file(dir / "a.txt", "Quokka\n\nA quokka.\n");
    build(db_path, {dir / "a.txt"});
    {
        Xapian::WritableDatabase holder(db_path, Xapian::DB_OPEN);
        try {
            build(db_path, {dir / "a.txt"});
            BOOST_ERROR("built into a locked database");
        } catch (const news::Error& e) {
            BOOST_TEST((e.kind() == news::ErrorKind::kDatabaseLocked));
            BOOST_TEST(std::string(e.what()).find("locked") != std::string::npos, e.what());
        }
    }
    BOOST_TEST(Xapian::Database(db_path).get_termfreq("quokka") == 1u);
}

BOOST_AUTO_TEST_CASE(missing_database_names_its_path) {
    test::TempDir dir;
    try {
        news::open_for_reading(dir / "nope");
        BOOST_ERROR("opened a missing database");
    } catch (const news::Error& e) {
        BOOST_TEST((e.kind() == news::ErrorKind::kDatabase));
        BOOST_TEST(std::string(e.what()).find(dir / "nope") != std::string::npos, e.what());
    }
}

BOOST_AUTO_TEST_CASE(database_path_resolution) {
    struct Env {  // restores the variables the test changes
        std::map<std::string, std::optional<std::string>> saved;
        void set(const char* name, const char* value) {
            if (!saved.count(name)) {
                const char* old = std::getenv(name);
                saved[name] = old ? std::optional<std::string>(old) : std::nullopt;
            }
            if (value) setenv(name, value, 1);
            else unsetenv(name);
        }
        ~Env() {
            for (const auto& [name, value] : saved)
                if (value) setenv(name.c_str(), value->c_str(), 1);
                else unsetenv(name.c_str());
        }
    } env;
    env.set("NEWS_DB", "/env/db");
    env.set("XDG_DATA_HOME", "/xdg");
    env.set("HOME", "/home/u");
    BOOST_TEST(news::resolve_database_path("/opt/db") == "/opt/db");
    BOOST_TEST(news::resolve_database_path("") == "/env/db");
    env.set("NEWS_DB", "");
    BOOST_TEST(news::resolve_database_path("") == "/xdg/news-search/db");
    env.set("XDG_DATA_HOME", nullptr);
    BOOST_TEST(news::resolve_database_path("") == "/home/u/.local/share/news-search/db");
}

BOOST_AUTO_TEST_CASE(other_schema_version_is_refused) {
    test::TempDir dir;
    const std::string db_path = dir / "db";
    test::write_file(dir / "a.txt", "Quokka\n\nA quokka.\n");
    build(db_path, {dir / "a.txt"});
    {
        Xapian::WritableDatabase db(db_path, Xapian::DB_OPEN);
        db.set_metadata(std::string(schema::metadata::kSchemaVersion), "999");
        db.commit();
    }
    for (int writing = 0; writing < 2; ++writing) {
        try {
            if (writing) news::open_for_writing(db_path);
            else news::open_for_reading(db_path);
            BOOST_ERROR("opened a database of another schema version");
        } catch (const news::Error& e) {
            BOOST_TEST((e.kind() == news::ErrorKind::kDatabase));
            BOOST_TEST(std::string(e.what()).find("schema version 999") != std::string::npos, e.what());
        }
    }
}

BOOST_AUTO_TEST_CASE(group_report_lists_the_seed_groups) {
    std::ostringstream out;
    const auto list = news::collect_groups(news::open_for_reading(index.db), news::GroupLevel::kStory, 2);
    news::make_json_printer(out)->groups(list);
    const size_t written = list.groups.size();
    const auto j = nlohmann::json::parse(out.str());
    BOOST_TEST(j.at("level") == "story");
    BOOST_TEST(j.at("groups").size() == written);
    std::set<std::set<std::string>> groups;
    for (const auto& g : j.at("groups")) {
        std::set<std::string> ids;
        for (const auto& m : g.at("members")) ids.insert(m.at("id").get<std::string>());
        BOOST_TEST(g.at("size").get<size_t>() == ids.size());
        BOOST_TEST(ids.size() >= 2u);
        groups.insert(ids);
    }
    BOOST_TEST(groups.count({test::seed_id(0), test::seed_id(1), test::seed_id(3), test::html_copy_id(1)}) == 1u);
    BOOST_TEST(groups.count({test::seed_id(2), test::seed_id(4), test::html_copy_id(2)}) == 1u);

    std::ostringstream events;
    news::make_json_printer(events)->groups(
        news::collect_groups(news::open_for_reading(index.db), news::GroupLevel::kEvent, 2));
    const auto ej = nlohmann::json::parse(events.str());
    BOOST_TEST(ej.at("level") == "event");
    std::set<std::set<std::string>> event_groups;
    size_t previous = SIZE_MAX;
    for (const auto& g : ej.at("groups")) {
        BOOST_TEST(g.at("size").get<size_t>() <= previous);  // largest first
        previous = g.at("size").get<size_t>();
        std::set<std::string> ids;
        for (const auto& m : g.at("members")) ids.insert(m.at("id").get<std::string>());
        event_groups.insert(ids);
    }
    std::set<std::string> seeds{test::html_copy_id(1), test::html_copy_id(2)};
    for (int n = 0; n < 5; ++n) seeds.insert(test::seed_id(n));
    BOOST_TEST(event_groups.count(seeds) == 1u);
}

BOOST_AUTO_TEST_CASE(searcher_collapses_versions) {
    news::Searcher searcher(news::open_for_reading(index.db));
    news::SearchRequest request;
    request.query = "spy balloon";
    const auto result = searcher.search(request);
    BOOST_TEST_REQUIRE(!result.hits.empty());
    const auto& top = result.hits[0];
    BOOST_TEST(top.versions == 4u);  // seeds 0, 1, 3 and the HTML copy of 1
    BOOST_TEST(top.matching_versions == 4u);
    BOOST_TEST(top.story == story_of(0));
    BOOST_TEST(top.rank == 1u);
    for (size_t i = 1; i < result.hits.size(); ++i) BOOST_TEST(result.hits[i].story != top.story);

    const auto versions = searcher.versions(test::seed_id(1), news::Grouping::kStory);
    BOOST_TEST_REQUIRE(versions.size() == 4u);
    BOOST_TEST(versions[0].shown);
    BOOST_TEST(versions[0].article.id == test::seed_id(1));
    for (size_t i = 1; i < versions.size(); ++i) {
        BOOST_TEST(!versions[i].shown);
        BOOST_TEST(versions[i].similarity > 0.0);
        BOOST_TEST(versions[i].similarity <= versions[i - 1].similarity);
        BOOST_TEST(versions[i].relation == "same-story");
    }
    BOOST_CHECK_THROW(searcher.versions("no-such-id", news::Grouping::kStory), news::Error);
}

BOOST_AUTO_TEST_CASE(build_without_grouping_is_grouped_by_the_next_build) {
    SeedCopies seeds;
    news::BuildOptions options;
    options.inputs = {seeds.seeds};
    options.group = false;
    const auto first = news::build_index(seeds.db, options, [](const news::InputProblem& p) {
        BOOST_ERROR("unexpected input problem: " << p.describe());
    });
    BOOST_TEST(first.added == 5u);
    BOOST_TEST(first.waiting_for_grouping == 5u);
    BOOST_TEST(seeds.story(0) != seeds.story(1));  // not grouped yet
    // Nothing changed on disk, yet the next build groups what the first left.
    const auto second = build(seeds.db, {seeds.seeds});
    BOOST_TEST(second.unchanged == 5u);
    BOOST_TEST(second.grouping.articles == 5u);
    BOOST_TEST(seeds.story(0) == seeds.story(1));
    BOOST_TEST(seeds.story(0) == seeds.story(3));
    BOOST_TEST(seeds.story(2) == seeds.story(4));
    // And the record of pending work is gone.
    Xapian::Database db(seeds.db);
    const std::string prefix(schema::metadata::kPendingGrouping);
    BOOST_TEST((db.metadata_keys_begin(prefix) == db.metadata_keys_end(prefix)));
}

BOOST_AUTO_TEST_CASE(id_repeated_in_one_run_is_unchanged_or_regrouped) {
    test::TempDir dir;
    const std::string db = dir / "db";
    const std::string jsonl = dir / "a.jsonl";
    const std::string first = test::read_file(test::corpus_dir() + "/reuters-sample.jsonl");
    test::write_file(jsonl, first);
    build(db, {jsonl});
    const auto manila = values_by_id(db, schema::slot::kStory).at("reuters-230");
    BOOST_TEST(values_by_id(db, schema::slot::kStory).at("reuters-240") == manila);
    // The same article twice with the same text is one unchanged article...
    const std::string line230 = [&] {
        std::istringstream in(first);
        for (std::string line; std::getline(in, line);)
            if (line.find("\"id\": \"reuters-230\"") != std::string::npos) return line;
        return std::string();
    }();
    BOOST_TEST_REQUIRE(!line230.empty());
    const std::string repeat = dir / "b.jsonl";
    test::write_file(repeat, line230 + "\n" + line230 + "\n");
    const auto again = build(db, {repeat});
    BOOST_TEST(again.unchanged == 2u);
    BOOST_TEST(again.updated == 0u);
    // ...but a later, different text under that id leaves the story.
    test::write_file(repeat, line230 + "\n" +
                                 R"({"id": "reuters-230", "title": "Penguins", "body": "Penguins walked across the volcano.", "date": "1987-03-01"})" +
                                 "\n");
    const auto rewritten = build(db, {repeat});
    BOOST_TEST(rewritten.updated == 1u);
    const auto stories = values_by_id(db, schema::slot::kStory);
    BOOST_TEST(stories.at("reuters-230") != stories.at("reuters-240"));
    BOOST_TEST(stories.at("reuters-240") == stories.at("reuters-347"));
}

BOOST_AUTO_TEST_CASE(grouping_in_threads_gives_the_same_groups) {
    test::TempDir dir;
    std::map<unsigned, std::string> dbs;
    for (const unsigned jobs : {1u, 3u}) {
        dbs[jobs] = dir / ("db" + std::to_string(jobs));
        news::BuildOptions options;
        options.inputs = {test::corpus_dir()};
        options.jobs = jobs;
        news::build_index(dbs[jobs], options, [](const news::InputProblem& p) {
            BOOST_ERROR("unexpected input problem: " << p.describe());
        });
    }
    check_same_partition(dbs[1], dbs[3]);
}

BOOST_AUTO_TEST_SUITE_END()
