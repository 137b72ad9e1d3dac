#define BOOST_TEST_MODULE event_chain_bound_tests
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "indexer/event_chain_bound.h"

using news::BoundedComponents;
using news::Evidence;
using news::Relation;
using news::TemplateLink;

namespace {

constexpr long kHour = 60 * 60;

// Nodes "d<n>" are lone articles published n hours after time 0; nodes
// "g<n>:<size>" are existing groups of `size` members, all at hour n.
BoundedComponents::Extent extent_of(const std::string& node) {
    BoundedComponents::Extent e;
    const size_t colon = node.find(':');
    const long hour = std::stol(node.substr(1, colon == std::string::npos ? std::string::npos : colon - 1));
    if (colon != std::string::npos) e.members = std::stoul(node.substr(colon + 1));
    e.earliest = e.latest = hour * kHour;
    return e;
}

// The groups as sets of nodes (the components of more than one node).
std::set<std::set<std::string>> groups_of(BoundedComponents& c) {
    std::set<std::set<std::string>> out;
    for (const auto& [root, nodes] : c.groups())
        if (nodes.size() > 1) out.emplace(nodes.begin(), nodes.end());
    return out;
}

Evidence short_items() {
    Evidence e;
    e.cosine = 0.9;
    e.shorter_body = 40;
    return e;
}

}  // namespace

BOOST_AUTO_TEST_CASE(template_links_are_event_links_between_short_items_with_bodies) {
    Evidence e = short_items();
    BOOST_TEST(news::rests_on_template(e, Relation::kSameEvent));
    BOOST_TEST(!news::rests_on_template(e, Relation::kSameStory));  // versions of one item join freely
    BOOST_TEST(!news::rests_on_template(e, Relation::kDifferent));
    e.shorter_body = news::kTemplateBodyWords;  // a longer report: follow-ups chain on such links
    BOOST_TEST(!news::rests_on_template(e, Relation::kSameEvent));
    e = short_items();
    e.headline_only = true;  // a flash and its story
    e.shorter_body = 0;
    BOOST_TEST(!news::rests_on_template(e, Relation::kSameEvent));
}

BOOST_AUTO_TEST_CASE(a_template_link_attaches_a_lone_article_but_never_bridges_two_groups) {
    BoundedComponents c(extent_of);
    c.unite("d1", "d2");  // a group of two, by other links
    c.unite("d3", "d4");  // another
    BOOST_TEST(c.unite_bounded("d5", "d1"));   // a lone item joins a group
    BOOST_TEST(!c.unite_bounded("d2", "d3"));  // but a template link does not join two groups
    BOOST_TEST(!c.unite_bounded("d5", "d4"));  // nor does the item once it belongs to one
    const std::set<std::set<std::string>> want{{"d1", "d2", "d5"}, {"d3", "d4"}};
    BOOST_TEST((groups_of(c) == want));
    c.unite("d2", "d3");  // a link that is not a template link joins anything
    BOOST_TEST(groups_of(c).size() == 1u);
}

BOOST_AUTO_TEST_CASE(an_existing_group_counts_its_members) {
    BoundedComponents c(extent_of);
    BOOST_TEST(!c.unite_bounded("g1:3", "g2:2"));
    BOOST_TEST(c.unite_bounded("g1:3", "d2"));
}

BOOST_AUTO_TEST_CASE(a_template_chain_stops_at_a_day) {
    BoundedComponents c(extent_of);
    // One template, a snapshot every 10 hours, each linked to the next.
    BOOST_TEST(c.unite_bounded("d0", "d10"));
    BOOST_TEST(c.unite_bounded("d10", "d20"));
    BOOST_TEST(!c.unite_bounded("d20", "d30"));  // 30 hours from the first
    BOOST_TEST(c.unite_bounded("d30", "d40"));   // the next day's snapshots group apart
    const std::set<std::set<std::string>> want{{"d0", "d10", "d20"}, {"d30", "d40"}};
    BOOST_TEST((groups_of(c) == want));
}

BOOST_AUTO_TEST_CASE(template_links_are_offered_strongest_first_whatever_their_order) {
    // d9 is linked to the group {d1, d2} and, more strongly, to {d3, d4}: it
    // joins the latter, in every order the links come in.
    std::vector<TemplateLink> links{{"d9", "d1", 1.0, "a9", "b1"},
                                    {"d9", "d3", 2.0, "a9", "b3"},
                                    {"d9", "d2", 1.5, "a9", "b2"}};
    std::sort(links.begin(), links.end(), [](const auto& x, const auto& y) { return x.b < y.b; });
    std::set<std::set<std::set<std::string>>> outcomes;
    do {
        BoundedComponents c(extent_of);
        c.unite("d1", "d2");
        c.unite("d3", "d4");
        BOOST_TEST(news::unite_template_links(c, links) == 1u);
        outcomes.insert(groups_of(c));
    } while (std::next_permutation(links.begin(), links.end(),
                                   [](const auto& x, const auto& y) { return x.b < y.b; }));
    const std::set<std::set<std::string>> want{{"d1", "d2"}, {"d3", "d4", "d9"}};
    BOOST_TEST(outcomes.size() == 1u);
    BOOST_TEST((*outcomes.begin() == want));
}

BOOST_AUTO_TEST_CASE(equal_strengths_go_by_article_id) {
    std::vector<TemplateLink> links{{"d9", "d3", 1.0, "reuters-2", "reuters-9"},
                                    {"d9", "d1", 1.0, "reuters-1", "reuters-9"}};
    for (int pass = 0; pass < 2; ++pass) {
        BoundedComponents c(extent_of);
        c.unite("d1", "d2");
        c.unite("d3", "d4");
        news::unite_template_links(c, links);
        const std::set<std::set<std::string>> want{{"d1", "d2", "d9"}, {"d3", "d4"}};
        BOOST_TEST((groups_of(c) == want));
        std::reverse(links.begin(), links.end());
    }
}
