#include "indexer/story_hub_bound.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace news {
namespace {

// Strengths rounded so that a pair scored alike in any build ties exactly.
long long rounded(double strength) { return std::llround(strength * 1e6); }

// True if `p` is the stronger link (ties by article ids, smaller first).
bool stronger(const StoryLink& p, const StoryLink& q) {
    const long long sp = rounded(p.strength), sq = rounded(q.strength);
    if (sp != sq) return sp > sq;
    return std::minmax(p.a_id, p.b_id) < std::minmax(q.a_id, q.b_id);
}

// Union-find over a hub's neighbours, by their index in its list.
struct Parts {
    std::vector<size_t> parent;
    explicit Parts(size_t n) : parent(n) {
        for (size_t k = 0; k < n; ++k) parent[k] = k;
    }
    size_t find(size_t x) {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    }
    void unite(size_t x, size_t y) { parent[find(x)] = find(y); }
};

}  // namespace

std::vector<StoryLink> bound_story_hubs(const std::vector<StoryLink>& links,
                                        const std::function<std::string(Xapian::docid)>& node_of,
                                        std::vector<Xapian::docid>* hubs) {
    // Each document's links (indices into `links`).
    std::map<Xapian::docid, std::vector<size_t>> links_of;
    std::set<std::pair<Xapian::docid, Xapian::docid>> linked;
    for (size_t k = 0; k < links.size(); ++k) {
        links_of[links[k].a].push_back(k);
        links_of[links[k].b].push_back(k);
        linked.emplace(std::min(links[k].a, links[k].b), std::max(links[k].a, links[k].b));
    }
    std::vector<bool> dropped(links.size(), false);
    std::vector<Xapian::docid> found;
    for (const auto& [doc, own] : links_of) {
        if (own.size() < kHubComponents) continue;
        std::vector<Xapian::docid> neighbours;
        neighbours.reserve(own.size());
        for (const size_t k : own) neighbours.push_back(links[k].a == doc ? links[k].b : links[k].a);
        Parts parts(neighbours.size());
        std::unordered_map<std::string, size_t> first_of_node;
        for (size_t i = 0; i < neighbours.size(); ++i) {
            const auto [at, fresh] = first_of_node.emplace(node_of(neighbours[i]), i);
            if (!fresh) parts.unite(i, at->second);
            for (size_t j = 0; j < i; ++j)
                if (linked.count(std::minmax(neighbours[i], neighbours[j]))) parts.unite(i, j);
        }
        std::set<size_t> roots;
        for (size_t i = 0; i < neighbours.size(); ++i) roots.insert(parts.find(i));
        if (roots.size() < kHubComponents) continue;
        found.push_back(doc);
        size_t best = 0;
        for (size_t i = 1; i < own.size(); ++i)
            if (stronger(links[own[i]], links[own[best]])) best = i;
        const size_t kept_part = parts.find(best);
        for (size_t i = 0; i < own.size(); ++i)
            if (parts.find(i) != kept_part) dropped[own[i]] = true;
    }
    if (hubs) *hubs = std::move(found);  // ascending: links_of is ordered
    std::vector<StoryLink> kept;
    kept.reserve(links.size());
    for (size_t k = 0; k < links.size(); ++k)
        if (!dropped[k]) kept.push_back(links[k]);
    return kept;
}

}  // namespace news
