#include "indexer/event_chain_bound.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "common/dedup_decision.h"

namespace news {

bool rests_on_template(const Evidence& e, Relation relation) {
    return relation == Relation::kSameEvent && !e.headline_only && e.shorter_body > 0 &&
           e.shorter_body < kTemplateBodyWords;
}

double template_link_strength(const Evidence& e) {
    const DedupDecision d = decide(e);
    return d.event.score - d.event.threshold;
}

std::string BoundedComponents::find(const std::string& x) {
    auto it = parent_.find(x);
    if (it == parent_.end()) {
        parent_.emplace(x, x);
        extent_.emplace(x, extent_of_(x));
        return x;
    }
    if (it->second == x) return x;
    std::string root = find(it->second);
    parent_[x] = root;
    return root;
}

void BoundedComponents::join(const std::string& ra, const std::string& rb) {
    // The smaller name is the root, so roots do not depend on the order of
    // joins.
    const std::string& root = std::min(ra, rb);
    const std::string& other = std::max(ra, rb);
    Extent& r = extent_[root];
    const Extent o = extent_[other];
    r.members += o.members;
    if (o.earliest && (!r.earliest || *o.earliest < *r.earliest)) r.earliest = o.earliest;
    if (o.latest && (!r.latest || *o.latest > *r.latest)) r.latest = o.latest;
    parent_[other] = root;
    extent_.erase(other);
}

void BoundedComponents::unite(const std::string& a, const std::string& b) {
    const std::string ra = find(a), rb = find(b);
    if (ra != rb) join(ra, rb);
}

bool BoundedComponents::unite_bounded(const std::string& a, const std::string& b) {
    const std::string ra = find(a), rb = find(b);
    if (ra == rb) return false;
    const Extent& x = extent_.at(ra);
    const Extent& y = extent_.at(rb);
    if (std::min(x.members, y.members) > 1) return false;  // two groups: a template link may not bridge them
    std::optional<long> earliest = x.earliest, latest = x.latest;
    if (y.earliest && (!earliest || *y.earliest < *earliest)) earliest = y.earliest;
    if (y.latest && (!latest || *y.latest > *latest)) latest = y.latest;
    if (earliest && latest && *latest - *earliest > kTemplateChainSeconds) return false;
    join(ra, rb);
    return true;
}

std::map<std::string, std::vector<std::string>> BoundedComponents::groups() {
    std::map<std::string, std::vector<std::string>> out;
    std::vector<std::string> nodes;
    nodes.reserve(parent_.size());
    for (const auto& [node, parent] : parent_) nodes.push_back(node);
    for (const auto& node : nodes) out[find(node)].push_back(node);
    return out;
}

size_t unite_template_links(BoundedComponents& components, std::vector<TemplateLink> links) {
    // Strengths rounded so that a pair scored alike in any build ties exactly.
    auto rounded = [](double s) { return std::llround(s * 1e6); };
    std::sort(links.begin(), links.end(), [&](const TemplateLink& p, const TemplateLink& q) {
        const long long sp = rounded(p.strength), sq = rounded(q.strength);
        if (sp != sq) return sp > sq;
        return std::tie(p.first_id, p.second_id) < std::tie(q.first_id, q.second_id);
    });
    size_t joined = 0;
    for (const TemplateLink& link : links) joined += components.unite_bounded(link.a, link.b);
    return joined;
}

}  // namespace news
