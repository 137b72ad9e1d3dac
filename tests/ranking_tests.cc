// Units of the ranking side of news-search: the --ranking parameters, the
// weighting scheme they make, the rank-only additions (title words,
// pseudo-relevance feedback) never changing what matches, pasted text being
// stemmed whatever its case, and the request boilerplate of questions.
#define BOOST_TEST_MODULE ranking_tests
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <set>
#include <string>
#include <vector>

#include "common/database.h"
#include "common/error.h"
#include "indexer/index_build.h"
#include "searcher/boilerplate.h"
#include "searcher/feedback.h"
#include "searcher/query.h"
#include "searcher/query_syntax.h"
#include "searcher/ranking.h"
#include "test_support.h"

using nlohmann::json;

namespace {

struct Feed {
    test::TempDir dir;
    Xapian::Database db;
    Feed() {
        const std::string feed = dir / "feed.jsonl";
        std::string lines;
        const char* articles[][3] = {
            {"a", "Measurements of dielectric constants", "Microwave measurement of the dielectric constant of liquids."},
            {"b", "Waveguide design", "Design details of waveguide fed radiators and their measurement."},
            {"c", "Wheat harvest", "Farmers brought in the wheat harvest early."},
            {"d", "Dielectric liquids", "Liquids with a high dielectric constant, measured at microwave frequencies."},
        };
        for (const auto& a : articles) lines += json{{"id", a[0]}, {"title", a[1]}, {"body", a[2]}}.dump() + "\n";
        test::write_file(feed, lines);
        news::BuildOptions options;
        options.inputs = {feed};
        news::build_index(dir / "db", options, [](const news::InputProblem& p) { BOOST_FAIL(p.message); });
        db = news::open_for_reading(dir / "db");
    }
    std::set<Xapian::docid> matches(const Xapian::Query& query) const {
        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        std::set<Xapian::docid> out;
        const auto mset = enquire.get_mset(0, db.get_doccount());
        for (auto m = mset.begin(); m != mset.end(); ++m) out.insert(*m);
        return out;
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(ranking_spec_sets_named_parameters_and_keeps_the_others) {
    const news::RankingParams defaults;
    const auto p = news::parse_ranking_params("k1=2,b=0.25,feedback_docs=0,stem_capitalised=0");
    BOOST_TEST(p.k1 == 2.0);
    BOOST_TEST(p.b == 0.25);
    BOOST_TEST(p.feedback_docs == 0u);
    BOOST_TEST(!p.stem_capitalised);
    BOOST_TEST(p.title_weight == defaults.title_weight);
    BOOST_TEST(p.feedback_terms == defaults.feedback_terms);
    for (const char* bad : {"k1", "k1=", "k1=x", "k1=-1", "b=2", "nosuch=1", "k1=1;b=2"})
        BOOST_CHECK_THROW(news::parse_ranking_params(bad), news::Error);
}

BOOST_AUTO_TEST_CASE(weighting_scheme_follows_the_parameters) {
    news::RankingParams p;
    BOOST_TEST(news::make_weight(p)->name() == "Xapian::BM25Weight");
    p.bm25plus_delta = 1;
    BOOST_TEST(news::make_weight(p)->name() == "Xapian::BM25PlusWeight");
}

BOOST_AUTO_TEST_CASE(shouted_text_of_four_words_or_more_is_prose) {
    BOOST_TEST(news::query_syntax::looks_like_prose("MEASUREMENT OF DIELECTRIC CONSTANT AND LIQUIDS"));
    BOOST_TEST(!news::query_syntax::looks_like_prose("OIL AND GAS"));
    BOOST_TEST(!news::query_syntax::looks_like_prose("(OIL OR GAS) AND WHEAT PRICES"));
}

BOOST_FIXTURE_TEST_SUITE(on_a_feed, Feed)

BOOST_AUTO_TEST_CASE(pasted_text_is_stemmed_whatever_its_case) {
    // "MEASUREMENTS" must find "measurement" and "measured" as "measurements" would.
    news::RankingParams stemmed;
    const auto shouted = news::parse_query("MEASUREMENTS OF DIELECTRIC CONSTANTS IN LIQUIDS", db, stemmed);
    const auto lower = news::parse_query("measurements of dielectric constants in liquids", db, stemmed);
    BOOST_TEST(shouted.plain_text);
    BOOST_TEST(shouted.query.get_description() == lower.query.get_description());
    BOOST_TEST(matches(shouted.query).size() == 3u);  // a, b and d; not the wheat
    // An expression keeps a capitalised word as written (a name).
    const auto expression = news::parse_query("Measurements AND microwave", db, stemmed);
    BOOST_TEST(expression.query.get_description().find("measurements") != std::string::npos,
               expression.query.get_description());
}

BOOST_AUTO_TEST_CASE(rank_only_additions_never_change_what_matches) {
    news::RankingParams p;
    p.title_weight = 0.5;
    p.feedback_docs = 2;
    p.feedback_terms = 5;
    p.feedback_weight = 0.5;
    const auto parsed = news::parse_query("dielectric constant", db, p);
    BOOST_TEST(!parsed.title_words.empty());
    const Xapian::Query with_title =
        Xapian::Query(Xapian::Query::OP_AND_MAYBE, parsed.query,
                      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, parsed.title_words, p.title_weight));
    Xapian::Enquire first(db);
    first.set_query(with_title);
    const Xapian::Query with_feedback = news::with_feedback(with_title, db, first.get_mset(0, 10), p);
    BOOST_TEST(with_feedback.get_type() == Xapian::Query::OP_AND_MAYBE);
    BOOST_TEST(matches(with_feedback) == matches(parsed.query));
    // Feedback adds stemmed words of the top hits ("microwav", shared by a and d).
    BOOST_TEST(with_feedback.get_description().find("Zmicrowav") != std::string::npos, with_feedback.get_description());
}

BOOST_AUTO_TEST_CASE(feedback_off_or_without_matches_leaves_the_query_alone) {
    news::RankingParams off;
    off.feedback_docs = 0;
    const Xapian::Query query("Zdielectr");
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    BOOST_TEST(news::with_feedback(query, db, enquire.get_mset(0, 10), off).get_description() == query.get_description());
    const Xapian::Query nothing("Znosuchword");
    enquire.set_query(nothing);
    BOOST_TEST(news::with_feedback(nothing, db, enquire.get_mset(0, 10), news::RankingParams{}).get_description() ==
               nothing.get_description());
}

// Feedback only for queries of at least feedback_min_words distinct words:
// "dielectric dielectric" is one word, "dielectric constant" two.
BOOST_AUTO_TEST_CASE(feedback_wants_enough_distinct_words) {
    const news::RankingParams p;
    BOOST_TEST(p.feedback_min_words == 2u);
    BOOST_TEST(!news::wants_feedback(news::parse_query("dielectric", db, p).query, p));
    BOOST_TEST(!news::wants_feedback(news::parse_query("dielectric dielectric", db, p).query, p));
    BOOST_TEST(news::wants_feedback(news::parse_query("dielectric constant", db, p).query, p));
    BOOST_TEST(news::wants_feedback(news::parse_query("dielectric", db, news::parse_ranking_params("feedback_min_words=1")).query,
                                    news::parse_ranking_params("feedback_min_words=1")));
}

// The rerank list: a query restricted to some documents matches just those
// of them it matched before, with the same weights; named by their id terms
// (as for a stub of shards), the same.
BOOST_AUTO_TEST_CASE(only_documents_keeps_the_listed_matches_and_their_weights) {
    const Xapian::Query query = news::parse_query("dielectric constant", db, news::RankingParams{}).query;
    Xapian::Enquire all(db);
    all.set_query(query);
    const Xapian::MSet every = all.get_mset(0, 100);
    BOOST_TEST_REQUIRE(every.size() >= 2u);
    std::vector<Xapian::docid> some{*every[1], *every[0], 999999};  // unsorted, and one that never matches
    Xapian::Enquire listed(db);
    listed.set_query(news::only_documents(query, some));
    const Xapian::MSet only = listed.get_mset(0, 100);
    BOOST_TEST(only.size() == 2u);
    BOOST_TEST(*only[0] == *every[0]);
    BOOST_TEST(*only[1] == *every[1]);
    BOOST_TEST(only[0].get_weight() == every[0].get_weight());

    Xapian::Enquire named(db);
    named.set_query(news::only_candidates(db, query, all.get_mset(0, 2)));
    const Xapian::MSet by_id = named.get_mset(0, 100);
    BOOST_TEST(by_id.size() == 2u);
    BOOST_TEST(*by_id[0] == *every[0]);
    BOOST_TEST(*by_id[1] == *every[1]);
    BOOST_TEST(by_id[1].get_weight() == every[1].get_weight());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(request_boilerplate_is_dropped_from_questions_only_as_such) {
    BOOST_TEST(news::is_request_boilerplate("describe"));
    BOOST_TEST(!news::is_request_boilerplate("interest"));  // interest rates
    BOOST_TEST(!news::is_request_boilerplate("documents"));  // leaked documents
    BOOST_TEST(news::without_request_phrases("Documents about oil prices") == " about oil prices");
    BOOST_TEST(news::without_request_phrases("leaked documents show") == "leaked documents show");
    BOOST_TEST(news::question_stopper()("describe"));
    BOOST_TEST(news::question_stopper()("the"));
    BOOST_TEST(!news::question_stopper()("oil"));
}
