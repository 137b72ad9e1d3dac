#define BOOST_TEST_MODULE story_hub_bound_tests
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "indexer/story_hub_bound.h"

using news::StoryLink;

namespace {

StoryLink link(Xapian::docid a, Xapian::docid b, double strength) {
    return {a, b, strength, "id-" + std::to_string(a), "id-" + std::to_string(b)};
}

// Every document a node of its own (all changed by the build).
std::string own_node(Xapian::docid id) { return "d" + std::to_string(id); }

std::set<std::pair<Xapian::docid, Xapian::docid>> pairs_of(const std::vector<StoryLink>& links) {
    std::set<std::pair<Xapian::docid, Xapian::docid>> out;
    for (const auto& l : links) out.emplace(std::min(l.a, l.b), std::max(l.a, l.b));
    return out;
}

// Document 1 linked to 2..(1 + n), strength rising with the neighbour.
std::vector<StoryLink> star(size_t n) {
    std::vector<StoryLink> links;
    for (Xapian::docid d = 2; d < 2 + n; ++d) links.push_back(link(1, d, 0.1 * d));
    return links;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(story_hub_bound_tests)

// An abstract linked to many that are not linked to each other keeps only its strongest link.
BOOST_AUTO_TEST_CASE(a_star_keeps_its_strongest_link) {
    std::vector<Xapian::docid> hubs;
    const auto kept = news::bound_story_hubs(star(news::kHubComponents + 3), own_node, &hubs);
    BOOST_TEST((hubs == std::vector<Xapian::docid>{1}));
    const Xapian::docid strongest = 1 + news::kHubComponents + 3;
    BOOST_TEST((pairs_of(kept) == std::set<std::pair<Xapian::docid, Xapian::docid>>{{1, strongest}}));
}

// Below the bound, a source and its copies keep every link.
BOOST_AUTO_TEST_CASE(fewer_parts_than_the_bound_are_kept) {
    const auto links = star(news::kHubComponents - 1);
    std::vector<Xapian::docid> hubs{99};
    BOOST_TEST(news::bound_story_hubs(links, own_node, &hubs).size() == links.size());
    BOOST_TEST(hubs.empty());
}

// A content farm's copies link to each other as well as to their source: one part.
BOOST_AUTO_TEST_CASE(copies_linked_to_each_other_are_one_part) {
    auto links = star(news::kHubComponents + 3);
    for (Xapian::docid d = 3; d < 2 + news::kHubComponents + 3; ++d) links.push_back(link(d - 1, d, 0.5));
    BOOST_TEST(news::bound_story_hubs(links, own_node).size() == links.size());
}

// Neighbours already in one story group (unchanged by this build) are one part.
BOOST_AUTO_TEST_CASE(neighbours_of_one_existing_group_are_one_part) {
    const auto links = star(news::kHubComponents + 3);
    const auto node = [](Xapian::docid id) { return id == 1 ? own_node(id) : std::string("gstory"); };
    BOOST_TEST(news::bound_story_hubs(links, node).size() == links.size());
}

// A hub keeps every link into the part its strongest link reaches.
BOOST_AUTO_TEST_CASE(a_hub_keeps_the_part_of_its_strongest_link) {
    auto links = star(news::kHubComponents + 3);
    const Xapian::docid strongest = 1 + news::kHubComponents + 3;
    links.push_back(link(2, strongest, 0.3));  // 2 and the strongest are one part
    const auto kept = pairs_of(news::bound_story_hubs(links, own_node));
    BOOST_TEST(kept.count({1, strongest}) == 1u);
    BOOST_TEST(kept.count({1, 2}) == 1u);
    BOOST_TEST(kept.count({2, strongest}) == 1u);
    BOOST_TEST(kept.size() == 3u);
}

// The same set of links in any order, strengths tied: the same links kept.
BOOST_AUTO_TEST_CASE(the_links_kept_do_not_depend_on_their_order) {
    std::vector<StoryLink> links;
    for (Xapian::docid d = 2; d < 2 + news::kHubComponents + 2; ++d) links.push_back(link(1, d, 1.0));
    links.push_back(link(20, 21, 2.0));
    const auto expected = pairs_of(news::bound_story_hubs(links, own_node));
    BOOST_TEST(expected.size() == 2u);
    BOOST_TEST(expected.count({1, 2}) == 1u);  // the tie goes to the smaller ids
    std::mt19937 shuffle(7);
    for (int round = 0; round < 20; ++round) {
        std::shuffle(links.begin(), links.end(), shuffle);
        for (auto& l : links)
            if (shuffle() % 2) {
                std::swap(l.a, l.b);
                std::swap(l.a_id, l.b_id);
            }
        BOOST_TEST((pairs_of(news::bound_story_hubs(links, own_node)) == expected));
    }
}

BOOST_AUTO_TEST_SUITE_END()
