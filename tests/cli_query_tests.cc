// End-to-end tests of the query side of news-search: the real binaries on a
// database built from corpus/ (and on small feeds), checking output and exit
// status of the query language, syntax errors, dates, recency, did-you-mean
// and --like.
#define BOOST_TEST_MODULE cli_query_tests
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

#include "cli_support.h"

using nlohmann::json;
using test::RunResult;
using test::index;
using test::parse_json;
using test::search;
using test::show;

namespace {

std::vector<std::string> hit_ids(const json& j) {
    std::vector<std::string> ids;
    for (const auto& h : j.at("hits")) ids.push_back(h.at("id").get<std::string>());
    return ids;
}

std::set<std::string> id_set(const json& j) {
    const auto ids = hit_ids(j);
    return {ids.begin(), ids.end()};
}

// Lower-cased words of a text.
std::set<std::string> words_of(const std::string& text) {
    std::set<std::string> out;
    std::string word;
    for (const char c : text + " ") {
        if (std::isalpha(static_cast<unsigned char>(c))) {
            word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (!word.empty()) {
            out.insert(word);
            word.clear();
        }
    }
    return out;
}

struct CliCorpus {
    test::TempDir dir;
    std::string db = dir / "db";
    RunResult build;
    CliCorpus() { build = index(db, {"build", test::corpus_dir()}); }
};

struct CorpusDb {
    CliCorpus& corpus = []() -> CliCorpus& {
        static CliCorpus c;
        return c;
    }();
    const std::string& db = corpus.db;
    CorpusDb() { BOOST_TEST_REQUIRE(corpus.build.status == 0, show(corpus.build)); }
    // Every hit of `query`, every version, as JSON.
    json all(std::vector<std::string> args) const {
        args.insert(args.begin(), {"--format", "json", "--all-versions", "--limit", "1000"});
        const auto r = search(db, args);
        BOOST_TEST(r.status <= 1, show(r));
        return parse_json(r);
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(query_language, CorpusDb)

BOOST_AUTO_TEST_CASE(help_has_a_query_syntax_section) {
    const auto r = test::run({test::search_bin(), "--help"});
    BOOST_TEST_REQUIRE(r.status == 0, show(r));
    for (const char* item : {"Query syntax:", "AND OR NOT", "NEAR", "ADJ", "+required", "-excluded", "-oil AND -gas",
                             "wild*", "title:", "source:", "site:", "date:2023-06-01..2023-06-30", "date:2023-06..2023-07",
                             "date:2023..", "query syntax error", "sentence", "Did you mean", "--since", "--until",
                             "--no-recency", "--correct", "--like", "recency"})
        BOOST_TEST(r.out.find(item) != std::string::npos, "--help does not mention " << item);
}

BOOST_AUTO_TEST_CASE(exclusions_mixed_with_operators) {
    const auto neither = all({"--", "-oil AND -gas"});
    BOOST_TEST_REQUIRE(!neither.at("hits").empty());
    for (const auto& h : neither.at("hits")) {
        const auto words = words_of(h.at("title").get<std::string>() + " " + h.at("snippet").at("text").get<std::string>());
        BOOST_TEST(words.count("oil") == 0u, h.at("id"));
        BOOST_TEST(words.count("gas") == 0u, h.at("id"));
    }
    // The same articles as every other way of saying it.
    BOOST_TEST((id_set(neither) == id_set(all({"--", "-oil -gas"}))));
    BOOST_TEST((id_set(neither) == id_set(all({"NOT oil AND NOT gas"}))));
    // And with a positive word: crude without gas.
    const auto crude = all({"crude AND -gas"});
    BOOST_TEST_REQUIRE(!crude.at("hits").empty());
    const auto with_gas = id_set(all({"gas"}));
    for (const auto& id : hit_ids(crude)) BOOST_TEST(with_gas.count(id) == 0u, id);
    BOOST_TEST((id_set(crude) == id_set(all({"--", "-gas AND crude"}))));
}

BOOST_AUTO_TEST_CASE(proximity_phrases_and_wildcards) {
    // "Wang Yi": ADJ keeps the order, NEAR does not.
    BOOST_TEST(all({"wang ADJ/1 yi"}).at("hits").size() >= 3u);
    BOOST_TEST(search(db, {"yi ADJ/1 wang"}).status == 1);
    BOOST_TEST(all({"yi NEAR/1 wang"}).at("hits").size() == all({"wang ADJ/1 yi"}).at("hits").size());
    const auto wild = all({"ballo*"});
    BOOST_TEST_REQUIRE(!wild.at("hits").empty());
    for (const auto& h : wild.at("hits")) BOOST_TEST(test::is_seed_version(h.at("id").get<std::string>()));
    BOOST_TEST((id_set(wild) == id_set(all({"balloon"}))));
}

BOOST_AUTO_TEST_CASE(syntax_errors_exit_2_with_what_is_wrong) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"\"spy balloon", "unbalanced quote"},
        {"(oil OR gas", "unbalanced bracket"},
        {"oil AND", "AND at the end needs something after it"},
        {"date:1987-03-02..1987-02-01 oil", "ends before it starts"},
        {"date:1987-02-30.. oil", "cannot read the date \"1987-02-30\""},
        {"1987..1988", "unknown range"},
    };
    for (const auto& [query, what] : cases) {
        const auto r = search(db, {query});
        BOOST_TEST(r.status == 2, query << "\n" << show(r));
        BOOST_TEST(r.out.empty(), show(r));
        BOOST_TEST(r.err.rfind("news-search: query syntax error: ", 0) == 0u, show(r));
        BOOST_TEST(r.err.find(what) != std::string::npos, query << "\n" << show(r));
        BOOST_TEST(test::count_of(r.err, "\n") == 1u, show(r));
    }
}

BOOST_AUTO_TEST_CASE(empty_query_is_a_clear_error) {
    for (const std::vector<std::string>& args : {std::vector<std::string>{""}, {"   "}}) {
        const auto r = search(db, args);
        BOOST_TEST(r.status == 2, show(r));
        BOOST_TEST(r.err.find("empty query") != std::string::npos, show(r));
    }
}

BOOST_AUTO_TEST_CASE(a_pasted_question_is_never_a_syntax_error) {
    // Capital NOT and a stray quote: searched as words, so Blinken's talks are found.
    for (const char* question : {"Why did Blinken NOT meet Xi Jinping in \"Beijing?",
                                 "what did the diplomat say about Taiwan (and the balloon?",
                                 "The talks between Blinken and Wang Yi in Beijing AND"}) {
        const auto r = search(db, {"--format", "json", question});
        BOOST_TEST_REQUIRE(r.status == 0, question << "\n" << show(r));
        const auto j = parse_json(r);
        BOOST_TEST(test::is_seed_version(j.at("hits").at(0).at("id").get<std::string>()), question);
    }
}

BOOST_AUTO_TEST_CASE(dates_in_the_query_and_options) {
    const auto dates_of = [](const json& j) {
        std::vector<std::string> dates;
        for (const auto& h : j.at("hits")) dates.push_back(h.at("date").get<std::string>());
        return dates;
    };
    const auto march = all({"date:1987-03..1987-03 oil"});
    BOOST_TEST_REQUIRE(!march.at("hits").empty());
    for (const auto& d : dates_of(march)) BOOST_TEST(d.rfind("1987-03", 0) == 0u, d);
    const auto february = all({"date:..1987-02 oil"});
    BOOST_TEST_REQUIRE(!february.at("hits").empty());
    for (const auto& d : dates_of(february)) BOOST_TEST(d.rfind("1987-02", 0) == 0u, d);
    const auto recent = all({"date:2023.. talks"});
    BOOST_TEST_REQUIRE(!recent.at("hits").empty());
    for (const auto& d : dates_of(recent)) BOOST_TEST(d.rfind("2023-06", 0) == 0u, d);
    // A single day, month or year without a range.
    BOOST_TEST((id_set(all({"date:1987-03 oil"})) == id_set(march)));
    // --since/--until take the same forms and filter without changing scores.
    const auto since = all({"--since", "1987-03", "--until", "1987-03-31", "oil"});
    BOOST_TEST((id_set(since) == id_set(march)));
    const auto unfiltered = all({"--no-recency", "oil"});
    std::map<std::string, double> score;
    for (const auto& h : unfiltered.at("hits")) score[h.at("id")] = h.at("score").get<double>();
    const auto filtered = all({"--no-recency", "--since", "1987-03-01", "oil"});
    BOOST_TEST_REQUIRE(!filtered.at("hits").empty());
    for (const auto& h : filtered.at("hits"))
        BOOST_TEST(h.at("score").get<double>() == score.at(h.at("id")), boost::test_tools::tolerance(1e-9));
    // Undated articles (seed 002) are outside every date range.
    for (const auto& id : hit_ids(all({"--until", "2100", "blinken"}))) BOOST_TEST(id.find("002_") == std::string::npos);
    const auto bad = search(db, {"--since", "March", "oil"});
    BOOST_TEST(bad.status == 2, show(bad));
    BOOST_TEST(bad.err.rfind("news-search: query syntax error: cannot read the date \"March\"", 0) == 0u, show(bad));
    BOOST_TEST(search(db, {"--since", "2024", "oil"}).status == 1);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(did_you_mean, CorpusDb)

BOOST_AUTO_TEST_CASE(misspelt_query_gets_a_suggestion_from_the_corpus) {
    const auto text = search(db, {"spy ballon"});
    BOOST_TEST(text.status == 0, show(text));
    BOOST_TEST(text.out.rfind("Did you mean: spy balloon?\n", 0) == 0u, show(text));
    const auto j = parse_json(search(db, {"--format", "json", "spy ballon"}));
    BOOST_TEST(j.at("suggestion") == "spy balloon");
    BOOST_TEST(j.at("corrected") == false);
    BOOST_TEST(j.at("query") == "spy ballon");
}

BOOST_AUTO_TEST_CASE(known_words_get_no_suggestion) {
    for (const char* known : {"spy balloon", "cocoa", "blinken wang"}) {
        const auto r = search(db, {known});
        BOOST_TEST(r.out.find("Did you mean") == std::string::npos, known << "\n" << show(r));
        BOOST_TEST(parse_json(search(db, {"--format", "json", known})).at("suggestion").is_null(), known);
    }
}

BOOST_AUTO_TEST_CASE(correct_searches_the_suggestion_and_says_so) {
    const auto r = search(db, {"--correct", "blinkn talks"});
    BOOST_TEST_REQUIRE(r.status == 0, show(r));
    BOOST_TEST(r.out.rfind("Showing results for: blinken talks (instead of: blinkn talks)\n", 0) == 0u, show(r));
    BOOST_TEST(r.out.find("for \"blinken talks\"") != std::string::npos, show(r));
    const auto j = parse_json(search(db, {"--format", "json", "--correct", "--all-versions", "blinkn"}));
    BOOST_TEST(j.at("corrected") == true);
    BOOST_TEST(j.at("suggestion") == "blinken");
    BOOST_TEST((id_set(j) == id_set(all({"blinken"}))));
    // Without --correct the misspelling alone matches nothing, so its
    // suggestion's hits are shown, and said to be (as web search does).
    const auto uncorrected = search(db, {"blinkn"});
    BOOST_TEST(uncorrected.status == 0, show(uncorrected));
    BOOST_TEST(uncorrected.out.rfind("Showing results for: blinken (instead of: blinkn)\n", 0) == 0u, show(uncorrected));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(more_like_this, CorpusDb)

BOOST_AUTO_TEST_CASE(like_a_seed_finds_the_other_story_not_its_own_versions) {
    const std::string seed = test::seed_id(0);  // story of seeds 000, 001, 003
    const auto j = parse_json(search(db, {"--format", "json", "--like", seed}));
    BOOST_TEST_REQUIRE(!j.at("hits").empty());
    const std::string top = j.at("hits").at(0).at("id").get<std::string>();
    BOOST_TEST((top == test::seed_id(2) || top == test::seed_id(4) || top == test::html_copy_id(2)), top);
    for (const auto& id : hit_ids(all({"--like", seed}))) {
        for (int own : {0, 1, 3}) BOOST_TEST(id != test::seed_id(own));
        BOOST_TEST(id != test::html_copy_id(1));
    }
    const auto text = search(db, {"--like", seed});
    BOOST_TEST(text.status == 0, show(text));
    BOOST_TEST(text.out.find("for \"--like " + seed + "\"") != std::string::npos, show(text));
}

BOOST_AUTO_TEST_CASE(like_combines_with_filters_and_dates) {
    const std::string seed = test::seed_id(2);
    const auto old = all({"--like", seed, "--until", "1999"});
    BOOST_TEST_REQUIRE(!old.at("hits").empty());
    for (const auto& h : old.at("hits")) BOOST_TEST(h.at("date").get<std::string>().rfind("1987", 0) == 0u);
    const auto china = all({"--like", seed, "title:china"});
    BOOST_TEST_REQUIRE(!china.at("hits").empty());
    for (const auto& h : china.at("hits"))
        BOOST_TEST(words_of(h.at("title").get<std::string>()).count("china") == 1u, h.at("title"));
}

BOOST_AUTO_TEST_CASE(like_an_unknown_id_is_an_error) {
    const auto r = search(db, {"--like", "no-such-article"});
    BOOST_TEST(r.status == 2, show(r));
    BOOST_TEST(r.err == "news-search: error: no article with id no-such-article\n", show(r));
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

// Two articles that match equally (same words, same length) a year apart,
// and an old one that matches clearly better; indexed without grouping so
// that all three are separate hits.
struct RecencyFeed {
    test::TempDir dir;
    std::string db = dir / "db";
    RecencyFeed() {
        const auto line = [](const std::string& id, const std::string& title, const std::string& body,
                             const std::string& date) {
            return json({{"id", id}, {"title", title}, {"body", body}, {"date", date}}).dump() + "\n";
        };
        const std::string feed = dir / "feed.jsonl";
        test::write_file(feed,
                         line("older-equal", "Harbour seals counted", "Volunteers counted harbour seals on the sandbank.", "2022-05-01") +
                             line("best-but-old", "Harbour seals thrive: seals everywhere",
                                  "Harbour seals, seals and more seals: the seals colony grew.", "2020-01-01") +
                             line("newer-equal", "Harbour seals counted", "Volunteers counted harbour seals on the sandbank.", "2023-05-01") +
                             line("filler", "Otters", "Otters were seen in the harbour.", "2023-05-02"));
        const auto r = index(db, {"build", "--no-group", feed});
        BOOST_TEST_REQUIRE(r.status == 0, show(r));
    }
    json ranked(std::vector<std::string> extra) {
        // The recency boost alone: feedback and the title weight would tell the
        // equal matches apart (--ranking, searcher/ranking.h).
        extra.insert(extra.begin(), {"--format", "json", "--all-versions", "--ranking", "feedback_docs=0,title=0"});
        extra.push_back("seals");
        const auto r = search(db, extra);
        BOOST_TEST_REQUIRE(r.status == 0, show(r));
        return parse_json(r);
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(recency, RecencyFeed)

BOOST_AUTO_TEST_CASE(equal_matches_newer_first_better_matches_stay_first) {
    const auto boosted = hit_ids(ranked({}));
    BOOST_TEST((boosted == std::vector<std::string>{"best-but-old", "newer-equal", "older-equal"}));
}

BOOST_AUTO_TEST_CASE(no_recency_is_pure_bm25) {
    const auto j = ranked({"--no-recency"});
    const auto& hits = j.at("hits");
    BOOST_TEST_REQUIRE(hits.size() == 3u);
    BOOST_TEST(hits.at(0).at("id") == "best-but-old");
    // The two equal matches score the same, and keep Xapian's docid order.
    BOOST_TEST(hits.at(1).at("score").get<double>() == hits.at(2).at("score").get<double>());
    BOOST_TEST(hits.at(1).at("id") == "older-equal");
    BOOST_TEST(hits.at(2).at("id") == "newer-equal");
    BOOST_TEST(j.at("parsed_query").get<std::string>().find("Recency") == std::string::npos);
    // The boost is mild: a few per cent of the score.
    const auto b = ranked({});
    BOOST_TEST(b.at("hits").at(1).at("id") == "newer-equal");
    const double plain = hits.at(2).at("score").get<double>(), boosted = b.at("hits").at(1).at("score").get<double>();
    BOOST_TEST(boosted > plain);
    BOOST_TEST(boosted < 1.1 * plain);
}

BOOST_AUTO_TEST_CASE(sorting_by_date_has_no_boost) {
    BOOST_TEST(ranked({"--sort", "newest"}).at("parsed_query").get<std::string>().find("Recency") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
