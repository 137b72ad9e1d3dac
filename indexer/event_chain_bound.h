// The bound on event chains that rest on template links.
//
// Event groups are unions of pairwise links, so links chain: A~B and B~C
// join A and C however different. Short wire items (under 150 body words:
// price tables, money-market and market reports, results tables) repeat
// one template all day and every day, and the event model links two
// snapshots of one template as readily as two reports of one event, so one
// such link per snapshot chained whole markets into one group (a full
// Reuters build had an untitled Apr 7 group of 60 tables and a group of 251
// joined through them). On the training pairs a template link is as often
// right as wrong taken alone (dropping them all lost as much recall as it
// gained precision); what is wrong is letting them chain. So a template
// link (rests_on_template) joins only a lone article to a group, never two
// groups, and only while the group it makes spans at most a day. Links that
// are not template links (story links; event links where either side is a
// longer report, or a flash) join anything: follow-ups of a longer story
// are often linked only to the report before them, and a majority rule for
// them split held-out follow-up chains (branch w-dedup-v2).
//
// Template links are offered strongest first (event score over its
// threshold; ties by article ids), after every other link has been joined,
// so the groups depend on the set of links alone, not on the order articles
// arrived in: a lone item joins the group it is most like.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/similarity.h"

namespace news {

// Body words under which an item is template-prone (as the event-window
// rule of common/dedup_decision.cc counts them).
inline constexpr uint32_t kTemplateBodyWords = 150;
// The longest time, first to last member, of a group a template link may make.
inline constexpr long kTemplateChainSeconds = 24 * 60 * 60;

// Whether a link judged `relation` on evidence `e` is a template link: one
// event (not story) between two items with bodies, the shorter under
// kTemplateBodyWords.
bool rests_on_template(const Evidence& e, Relation relation);

// How strong a template link is: its event score over the event threshold.
double template_link_strength(const Evidence& e);

// Union-find over named nodes ("d<docid>" for an article, "g<key>" for an
// existing group) that knows each component's size and time span, for the
// bound above; story_grouper uses it for both levels (stories never bounded).
class BoundedComponents {
  public:
    struct Extent {
        size_t members = 1;
        std::optional<long> earliest, latest;  // seconds since 1970; none if all undated
    };
    // Tells the extent of a node the first time it is seen.
    using ExtentOf = std::function<Extent(const std::string& node)>;
    explicit BoundedComponents(ExtentOf extent_of) : extent_of_(std::move(extent_of)) {}

    // Joins two nodes' components (a link that is not a template link).
    void unite(const std::string& a, const std::string& b);
    // A template link: joins only if one side is a lone article and the
    // joined group spans at most kTemplateChainSeconds. True if it joined
    // two components (false if refused or already one).
    bool unite_bounded(const std::string& a, const std::string& b);

    // Every component: root -> nodes.
    std::map<std::string, std::vector<std::string>> groups();

  private:
    std::string find(const std::string& x);
    void join(const std::string& ra, const std::string& rb);
    ExtentOf extent_of_;
    std::unordered_map<std::string, std::string> parent_;
    std::unordered_map<std::string, Extent> extent_;  // of roots
};

// A template link to offer: the nodes it joins, its strength and the
// article ids that order ties.
struct TemplateLink {
    std::string a, b;
    double strength;
    std::string first_id, second_id;  // article ids, first < second
};

// Offers `links` to `components` strongest first (ties by article ids);
// returns how many joined two groups.
size_t unite_template_links(BoundedComponents& components, std::vector<TemplateLink> links);

}  // namespace news
