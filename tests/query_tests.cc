// Units of the query side of news-search: the syntax checks and rewrites of
// query_syntax, date ranges, parse_query (errors, prose, exclusions, spelling
// corrections), the recency posting source and the more-like-this query,
// on small databases built by the real indexer library.
#define BOOST_TEST_MODULE query_tests
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/article.h"
#include "common/database.h"
#include "common/schema.h"
#include "indexer/index_build.h"
#include "searcher/date_filter.h"
#include "searcher/like.h"
#include "searcher/query.h"
#include "searcher/query_syntax.h"
#include "searcher/ranking.h"
#include "searcher/recency.h"
#include "searcher/request_query.h"
#include "test_support.h"

namespace qs = news::query_syntax;
using nlohmann::json;

namespace {

std::string jsonl(const std::string& id, const std::string& title, const std::string& body, const std::string& date) {
    json j = {{"id", id}, {"title", title}, {"body", body}, {"source", "Wire"}};
    if (!date.empty()) j["date"] = date;
    return j.dump() + "\n";
}

// A small feed indexed by the library, as news-index builds it.
struct Feed {
    test::TempDir dir;
    std::string db_path = dir / "db";
    Xapian::Database db;
    Feed() {
        const std::string feed = dir / "feed.jsonl";
        test::write_file(feed,
                         jsonl("oil-1", "Oil prices rise", "Crude oil prices rose as the balloon drifted.", "2023-06-01") +
                             jsonl("gas-1", "Gas supply falls", "Natural gas supply fell in the cold snap.", "2023-06-10") +
                             jsonl("both-1", "Oil and gas merger", "An oil and gas company merged with a rival.", "2023-05-02") +
                             jsonl("grain-1", "Wheat harvest", "Farmers brought in the wheat harvest early; balloon festival.", "2023-04-20") +
                             jsonl("undated-1", "Barley market", "Barley traded quietly all week.", ""));
        news::BuildOptions options;
        options.inputs = {feed};
        news::build_index(db_path, options, [](const news::InputProblem& p) { BOOST_FAIL(p.message); });
        db = news::open_for_reading(db_path);
    }
    // Ids of every document matching `query`.
    std::set<std::string> ids(const Xapian::Query& query) const {
        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        std::set<std::string> out;
        const auto mset = enquire.get_mset(0, db.get_doccount());
        for (auto m = mset.begin(); m != mset.end(); ++m)
            out.insert(news::unserialise_article(m.get_document().get_data()).id);
        return out;
    }
    std::set<std::string> ids(const std::string& text) const { return ids(news::parse_query(text, db).query); }
};

std::string syntax_error_of(const std::string& text, const Xapian::Database& db) {
    try {
        news::parse_query(text, db);
    } catch (const news::QuerySyntaxError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(syntax)

BOOST_AUTO_TEST_CASE(tokens_keep_phrases_whole_and_split_brackets) {
    const std::vector<std::string> expected{"(", "oil", "OR", "title:\"crude oil\"", ")", "-gas"};
    BOOST_TEST(qs::tokenize("(oil OR title:\"crude oil\") -gas") == expected);
    BOOST_TEST(qs::quotes_balanced("\u201cspy balloon\u201d"));
    BOOST_TEST(!qs::quotes_balanced("the \"spy balloon"));
}

BOOST_AUTO_TEST_CASE(operators_are_capitals_only) {
    for (const char* op : {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ", "NEAR/3", "ADJ/12"}) BOOST_TEST(qs::is_operator(op), op);
    for (const char* word : {"and", "Not", "NEAR/", "NEAR/x", "ADJOIN"}) BOOST_TEST(!qs::is_operator(word), word);
}

BOOST_AUTO_TEST_CASE(structural_errors_say_what_is_wrong) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"\"spy balloon", "unbalanced quote"},
        {"(oil OR gas", "unbalanced bracket: \"(\" is never closed"},
        {"oil OR gas)", "unbalanced bracket: \")\" without"},
        {"oil AND", "AND at the end needs something after it"},
        {"AND oil", "AND at the start needs something before it"},
        {"oil AND OR gas", "AND followed by OR"},
        {"(OR gas)", "OR at the start needs something before it"},
        {"oil NEAR", "NEAR at the end"},
        {"oil NOT", "NOT at the end"},
        {"oil NOT AND gas", "NOT followed by AND"},
        {"oil ()", "empty brackets"},
    };
    for (const auto& [query, message] : cases) {
        const auto error = qs::structural_error(query);
        BOOST_TEST_REQUIRE(error.has_value(), query);
        BOOST_TEST(error->find(message) == 0u, query << " -> " << *error);
    }
    for (const char* fine : {"oil", "oil AND NOT gas", "NOT oil", "(oil OR gas) AND -coal", "\"crude oil\" NEAR/3 price",
                             "oil OR NOT gas", "title:(x)", "f(x) growth"})
        BOOST_TEST(!qs::structural_error(fine).has_value(), fine);
}

BOOST_AUTO_TEST_CASE(prose_is_told_from_expressions) {
    for (const char* prose : {"Why did the US NOT shoot down the balloon?", "what happened to the \"spy balloon over Montana",
                              "The talks in Beijing ended without a deal.",
                              "efforts of the ambassador to get the president to agree on talks"})
        BOOST_TEST(qs::looks_like_prose(prose), prose);
    for (const char* expression : {"oil AND gas", "spy balloon", "oil.", "(a b c d e f g h)",
                                   "opec AND oil AND price NOT gas NOT coal NOT lignite", "\"crude oil\" -opec"})
        BOOST_TEST(!qs::looks_like_prose(expression), expression);
}

BOOST_AUTO_TEST_CASE(exclusions_next_to_operators_become_not) {
    BOOST_TEST(qs::rewrite_exclusions("-oil AND -gas") == "NOT oil AND NOT gas");
    BOOST_TEST(qs::rewrite_exclusions("oil OR -gas") == "oil OR NOT gas");
    BOOST_TEST(qs::rewrite_exclusions("(-oil OR -gas)") == "( NOT oil OR NOT gas )");
    BOOST_TEST(qs::rewrite_exclusions("-oil -gas") == "NOT oil AND NOT gas");
    BOOST_TEST(qs::rewrite_exclusions("-\"crude oil\" AND +price") == "NOT \"crude oil\" AND price");
    // Where the grammar reads them right, the text is untouched.
    for (const char* kept : {"oil -gas", "oil AND gas -coal", "+oil +gas -coal", "x-ray AND oil"})
        BOOST_TEST(qs::rewrite_exclusions(kept) == kept);
}

BOOST_AUTO_TEST_CASE(xapian_messages_are_made_readable) {
    BOOST_TEST(qs::readable_parser_error("Syntax: <expression> AND <expression>") == "AND needs something on each side");
    BOOST_TEST(qs::readable_parser_error("Syntax: <expression> NOT <expression>") == "NOT needs something after it");
    BOOST_TEST(qs::readable_parser_error("Unknown range operation").find("date:START..END") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(dates)

BOOST_AUTO_TEST_CASE(partial_dates_stand_for_their_days) {
    const auto check = [](const std::string& text, const std::string& first, const std::string& last) {
        const auto span = news::parse_day_span(text);
        BOOST_TEST_REQUIRE(span.has_value(), text);
        BOOST_TEST(span->first == first, text);
        BOOST_TEST(span->last == last, text);
    };
    check("2023", "20230101", "20231231");
    check("2023-06", "20230601", "20230631");
    check("2023-06-19", "20230619", "20230619");
    check("20230619", "20230619", "20230619");
    check("19 June 2023", "20230619", "20230619");
    for (const char* bad : {"2023-13", "2023-02-30", "june", "23", "2023-6-1x", ""})
        BOOST_TEST(!news::parse_day_span(bad).has_value(), bad);
}

BOOST_AUTO_TEST_CASE(ranges_and_open_ends) {
    BOOST_TEST(news::date_range_query("2023-06", "2023-07").get_description() ==
               "Query(VALUE_RANGE 0 20230601 20230731)");
    BOOST_TEST(news::date_range_query("1987", "").get_description() == "Query(VALUE_GE 0 19870101)");
    // An open start still leaves undated articles (empty value) out.
    BOOST_TEST(news::date_range_query("", "1987-03").get_description() == "Query(VALUE_RANGE 0 0 19870331)");
    BOOST_CHECK_THROW(news::date_range_query("2023-07", "2023-06"), news::QuerySyntaxError);
    BOOST_CHECK_THROW(news::date_range_query("2023-13", ""), news::QuerySyntaxError);
    BOOST_CHECK_THROW(news::date_range_query("", ""), news::QuerySyntaxError);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(parsing, Feed)

BOOST_AUTO_TEST_CASE(empty_query_is_a_usage_error_not_a_syntax_error) {
    for (const char* empty : {"", "   ", "\t"}) {
        try {
            news::parse_query(empty, db);
            BOOST_FAIL("no error for an empty query");
        } catch (const news::QuerySyntaxError&) {
            BOOST_FAIL("an empty query is not a syntax error");
        } catch (const news::Error& e) {
            BOOST_TEST(std::string(e.what()).find("empty query") == 0u);
        }
    }
}

BOOST_AUTO_TEST_CASE(exclusions_with_operators_exclude) {
    const std::set<std::string> neither{"grain-1", "undated-1"};
    BOOST_TEST(ids("-oil AND -gas") == neither);
    BOOST_TEST(ids("-oil -gas") == neither);
    BOOST_TEST(ids("NOT oil AND NOT gas") == neither);
    BOOST_TEST(ids("(-oil OR -gas)") == (std::set<std::string>{"oil-1", "gas-1", "grain-1", "undated-1"}));
    BOOST_TEST(ids("balloon AND -oil") == std::set<std::string>{"grain-1"});
    BOOST_TEST(ids("-oil AND balloon") == std::set<std::string>{"grain-1"});
    BOOST_TEST(ids("oil -gas") == std::set<std::string>{"oil-1"});
}

BOOST_AUTO_TEST_CASE(operators_proximity_and_wildcards) {
    BOOST_TEST(ids("oil AND gas") == std::set<std::string>{"both-1"});
    BOOST_TEST(ids("crude NEAR/2 prices") == std::set<std::string>{"oil-1"});
    BOOST_TEST(ids("prices ADJ/2 crude").empty());  // ADJ keeps the order
    BOOST_TEST(ids("crude ADJ/2 prices") == std::set<std::string>{"oil-1"});
    BOOST_TEST(ids("barl*") == std::set<std::string>{"undated-1"});
    BOOST_TEST(ids("title:harvest") == std::set<std::string>{"grain-1"});
    BOOST_TEST(ids("source:wire") .size() == 5u);
}

BOOST_AUTO_TEST_CASE(dates_in_the_query) {
    BOOST_TEST(ids("date:2023-06..2023-06") == (std::set<std::string>{"oil-1", "gas-1"}));
    BOOST_TEST(ids("date:2023-06") == (std::set<std::string>{"oil-1", "gas-1"}));
    BOOST_TEST(ids("date:..2023-05") == (std::set<std::string>{"both-1", "grain-1"}));
    BOOST_TEST(ids("date:2023-06-05.. OR barley") == (std::set<std::string>{"gas-1", "undated-1"}));
    BOOST_TEST(ids("oil date:2023") == (std::set<std::string>{"oil-1", "both-1"}));
    BOOST_TEST(syntax_error_of("oil date:2023-06..2023-05", db).find("ends before it starts") != std::string::npos);
    BOOST_TEST(syntax_error_of("oil date:yesterday..", db).find("cannot read the date") != std::string::npos);
    BOOST_TEST(syntax_error_of("1987..1988", db).find("unknown range") == 0u);
}

BOOST_AUTO_TEST_CASE(malformed_expressions_are_syntax_errors) {
    for (const char* bad : {"oil AND", "\"crude oil", "(oil OR gas", "oil XOR", "NOT"})
        BOOST_TEST(!syntax_error_of(bad, db).empty(), bad);
}

BOOST_AUTO_TEST_CASE(prose_is_never_a_syntax_error) {
    for (const char* prose : {"Why did oil prices NOT rise when the \"gas supply fell?",
                              "what did the farmers do with the wheat harvest and the balloon (festival?",
                              "Oil prices rose AND then fell...", "Did oil prices rise after the date:2023-13..x?"}) {
        news::ParsedQuery parsed;
        BOOST_CHECK_NO_THROW(parsed = news::parse_query(prose, db));
        BOOST_TEST(parsed.plain_text, prose);
        // Operators are words (stop words here), not exclusions.
        const auto found = ids(parsed.query);
        BOOST_TEST(found.count("oil-1") == 1u, prose);
    }
}

BOOST_AUTO_TEST_CASE(misspelt_words_get_corrections_known_words_do_not) {
    BOOST_TEST(news::parse_query("wheat balloom", db).correction == "wheat balloon");
    BOOST_TEST(news::parse_query("natural gsa", db).correction == "natural gas");
    BOOST_TEST(news::parse_query("oil AND gsa", db).correction == "oil AND gas");
    // Stop words are not in the spelling data: the query would drop them.
    BOOST_TEST(news::parse_query("thw wheat", db).correction.empty());
    // Known words, stop words, fields, wildcards and numbers are left alone.
    for (const char* known : {"wheat balloon", "cold snap", "title:balloom", "ballo*", "the", "1987 oil"})
        BOOST_TEST(news::parse_query(known, db).correction.empty(), known);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(recency, Feed)

namespace {

// Every document's score for `query` under `weight`, by id.
std::map<std::string, double> weights_of(const Xapian::Database& db, const Xapian::Query& query,
                                         const Xapian::Weight& weight) {
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(weight);
    enquire.set_query(query);
    std::map<std::string, double> weights;
    const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    for (auto m = mset.begin(); m != mset.end(); ++m)
        weights[news::unserialise_article(m.get_document().get_data()).id] = m.get_weight();
    return weights;
}

// The highest score `query` could give under `weight`.
double ceiling_of(const Xapian::Database& db, const Xapian::Query& query, const Xapian::Weight& weight) {
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(weight);
    enquire.set_query(query);
    return enquire.get_mset(0, 0).get_max_possible();
}

}  // namespace

BOOST_AUTO_TEST_CASE(boost_halves_every_half_life_from_the_newest_article) {
    const Xapian::Query query = news::parse_query("oil OR gas OR barley OR wheat OR balloon", db).query;
    const auto weight = news::make_weight(news::RankingParams{});
    const double most = news::kRecencyShare * ceiling_of(db, query, *weight);
    const auto plain = weights_of(db, query, *weight);
    const auto boosted = weights_of(db, news::with_recency_boost(query, db, *weight), *weight);
    const auto boost_of = [&](const std::string& id) { return boosted.at(id) - plain.at(id); };
    // The newest (gas-1, 2023-06-10) gets the whole boost, older ones halve
    // every 30 days, undated ones get none.
    BOOST_TEST(boost_of("gas-1") == most, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(boost_of("oil-1") == most * std::exp2(-9.0 / 30), boost::test_tools::tolerance(1e-9));
    BOOST_TEST(boost_of("grain-1") == most * std::exp2(-51.0 / 30), boost::test_tools::tolerance(1e-9));
    BOOST_TEST(std::abs(boost_of("undated-1")) < 1e-12);
}

// The search ranks by the request's weighting (k1 = 1.6, not Xapian's
// default 1), and the boost is kRecencyShare of the query's ceiling under
// that same weighting, whatever the request's parameters.
BOOST_AUTO_TEST_CASE(boost_is_a_share_of_the_ceiling_under_the_searchs_own_weighting) {
    const Xapian::Query query = news::parse_query("oil OR gas OR barley OR wheat OR balloon", db).query;
    for (const char* spec : {"", "k1=1.2,b=0.75", "k1=2.5,bm25plus=0.5"}) {
        news::SearchRequest request;
        request.ranking = news::parse_ranking_params(spec);
        const auto weight = news::make_weight(request.ranking);
        const double ceiling = ceiling_of(db, query, *weight);
        // The two ceilings differ, or the check below would not tell them apart.
        BOOST_TEST_REQUIRE(std::abs(ceiling - ceiling_of(db, query, Xapian::BM25Weight())) > 1e-3 * ceiling, spec);
        const auto plain = weights_of(db, query, *weight);
        const auto boosted = weights_of(db, news::ranked_query(db, request, query), *weight);
        BOOST_TEST(boosted.at("gas-1") - plain.at("gas-1") == news::kRecencyShare * ceiling,
                   boost::test_tools::tolerance(1e-9));
    }
}

BOOST_AUTO_TEST_CASE(boost_is_built_from_sources_a_remote_server_knows) {
    const Xapian::Query boosted = news::with_recency_boost(news::parse_query("oil", db).query, db, Xapian::BM25Weight());
    // xapian-tcpsrv unserialises the query with Xapian's default registry.
    const Xapian::Query copy = Xapian::Query::unserialise(boosted.serialise(), Xapian::Registry());
    BOOST_TEST(copy.get_description() == boosted.get_description());
}

BOOST_AUTO_TEST_CASE(boost_changes_order_not_matches) {
    const Xapian::Query query = news::parse_query("oil OR gas OR barley", db).query;
    const Xapian::Query boosted = news::with_recency_boost(query, db, Xapian::BM25Weight());
    BOOST_TEST(boosted.get_type() == Xapian::Query::OP_AND_MAYBE);
    BOOST_TEST(ids(boosted) == ids(query));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(like, Feed)

BOOST_AUTO_TEST_CASE(expand_terms_are_stemmed_words_and_the_article_is_left_out) {
    const Xapian::Query query = news::more_like_query(db, "both-1");
    const std::string description = query.get_description();
    BOOST_TEST(description.find("Zmerger") != std::string::npos, description);
    BOOST_TEST(description.find("XSTORY") != std::string::npos, description);  // its story is excluded
    for (auto t = query.get_terms_begin(); t != query.get_terms_end(); ++t) {
        const std::string term = *t;
        BOOST_TEST((term.rfind("Z", 0) == 0u || term.rfind("XSTORY", 0) == 0u), term);
    }
    const auto found = ids(query);
    BOOST_TEST(found.count("both-1") == 0u);
    BOOST_TEST(found.count("oil-1") == 1u);
    BOOST_CHECK_THROW(news::more_like_query(db, "no-such-id"), news::Error);
}

BOOST_AUTO_TEST_SUITE_END()
