// Duplicate detection skips candidates dated too far apart to be linked
// (indexer/story_grouper.h: beyond_link_reach) without loading them. That
// is only exact while judge() never links articles so far apart, however
// alike: these tests hold the decision to it.
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
