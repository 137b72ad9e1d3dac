// Duplicate detection skips candidates dated too far apart to be linked
// (indexer/story_grouper.h: beyond_link_reach) without loading them, and
// pairs whose cosine is below kMinSharedCosine without comparing them in
// full. That is only exact while judge() never links such articles,
// however alike otherwise: these tests hold the decision to it.
#define BOOST_TEST_MODULE link_reach_tests
#include <boost/test/unit_test.hpp>

#include <string>

#include "common/similarity.h"
#include "indexer/story_grouper.h"

namespace {

// The evidence of two copies of one long report, `days` apart.
news::Evidence copies(long days) {
    news::Evidence e;
    e.cosine = e.shingles = e.senses = e.senses_max = e.shingles_of_longer = 1;
    e.numbers = e.entities = e.length = 1;
    e.shorter_body = 400;
    e.days = days;
    return e;
}

std::string verdict(const news::Evidence& e) { return news::to_string(news::judge(e)); }

}  // namespace

BOOST_AUTO_TEST_CASE(copies_published_together_are_one_story) {
    BOOST_TEST(verdict(copies(0)) == std::string(news::to_string(news::Relation::kSameStory)));
}

BOOST_AUTO_TEST_CASE(copies_beyond_reach_are_never_linked) {
    const long apart = news::kMaxLinkDaysApart + 1;
    news::Evidence e = copies(apart);
    BOOST_TEST(verdict(e) == std::string(news::to_string(news::Relation::kDifferent)));
    // With times of day: the closest two such days can be (23:59 and 00:00).
    e.minutes = (apart - 1) * 24 * 60 + 1;
    BOOST_TEST(verdict(e) == std::string(news::to_string(news::Relation::kDifferent)));
    e.shorter_body = 40;  // short items
    BOOST_TEST(verdict(e) == std::string(news::to_string(news::Relation::kDifferent)));
    e.headline_only = true;  // a flash and a story
    e.shorter_body = 0;
    BOOST_TEST(verdict(e) == std::string(news::to_string(news::Relation::kDifferent)));
    e.both_headline_only = true;  // two flashes
    BOOST_TEST(verdict(e) == std::string(news::to_string(news::Relation::kDifferent)));
}

BOOST_AUTO_TEST_CASE(reach_needs_both_dates) {
    const long apart = news::kMaxLinkDaysApart + 1;
    BOOST_TEST(news::beyond_link_reach(100, 100 + apart));
    BOOST_TEST(news::beyond_link_reach(100 + apart, 100));
    BOOST_TEST(!news::beyond_link_reach(100, 100 + apart - 1));
    BOOST_TEST(!news::beyond_link_reach(std::nullopt, 100));
    BOOST_TEST(!news::beyond_link_reach(100, std::nullopt));
}

BOOST_AUTO_TEST_CASE(pairs_below_the_link_cosine_are_never_linked) {
    const std::string different = news::to_string(news::Relation::kDifferent);
    news::Evidence e = copies(0);
    e.cosine = news::kMinSharedCosine - news::kCosineMargin;
    BOOST_TEST(verdict(e) == different);
    e.minutes = 0;
    e.rare_entities = e.rare_numbers = e.rare_stems = 20;
    BOOST_TEST(verdict(e) == different);
    e.shorter_body = 40;  // short items
    BOOST_TEST(verdict(e) == different);
    e.correction = e.both_correction = true;
    BOOST_TEST(verdict(e) == different);
    e.headline_only = e.both_headline_only = true;  // two flashes
    e.shorter_body = 0;
    BOOST_TEST(verdict(e) == different);
    e.headline_only = true;  // a flash and a story
    e.both_headline_only = false;
    BOOST_TEST(verdict(e) == different);
}

BOOST_AUTO_TEST_CASE(cosine_is_the_one_compare_finds) {
    news::WeighedFingerprint a, b;
    a.fp.terms = {{"Za", 1}, {"Zb", 2}, {"Zc", 1}, {"Ze", 3}};
    a.weights = {0.1, 0.7, 0.3, 0.64};
    b.fp.terms = {{"Zb", 1}, {"Zd", 1}, {"Ze", 2}};
    b.weights = {0.5, 0.5, 0.7071};
    BOOST_TEST(news::cosine(a, b) == news::compare(a, b).cosine);
    BOOST_TEST(news::cosine(b, a) == news::compare(b, a).cosine);
    BOOST_TEST(news::cosine(a, b) == 0.7 * 0.5 + 0.64 * 0.7071);
}
