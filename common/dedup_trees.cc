#include "common/dedup_trees.h"

#include "common/dedup_trees_model.h"

#include <algorithm>
#include <vector>

namespace news {

static_assert(dedup_trees_model::kFeatures == kDedupFeatures,
              "common/dedup_trees_model.h is stale: rerun scripts/dedup_trees.py");

namespace {

struct Ensemble {
    double baseline;
    double threshold;
    const int* roots;
    size_t trees;
    const dedup_trees_model::Node* nodes;
};

// For each tree t, the highest and the lowest sum of leaves trees t, t+1, ...
// can add (one leaf each): what the score may still gain or lose there.
struct RemainingBounds {
    std::vector<double> highest, lowest;  // trees + 1 entries; the last 0
};

// The highest (or lowest) leaf value under `node`.
double extreme_leaf(const dedup_trees_model::Node* nodes, int node, bool highest) {
    const auto& n = nodes[node];
    if (n.feature < 0) return n.value;
    const double left = extreme_leaf(nodes, n.left, highest), right = extreme_leaf(nodes, n.right, highest);
    return highest ? std::max(left, right) : std::min(left, right);
}

RemainingBounds remaining_bounds(const Ensemble& m) {
    RemainingBounds b{std::vector<double>(m.trees + 1, 0.0), std::vector<double>(m.trees + 1, 0.0)};
    for (size_t t = m.trees; t-- > 0;) {
        b.highest[t] = b.highest[t + 1] + extreme_leaf(m.nodes, m.roots[t], true);
        b.lowest[t] = b.lowest[t + 1] + extreme_leaf(m.nodes, m.roots[t], false);
    }
    return b;
}

template <size_t R, size_t N>
constexpr Ensemble ensemble(double baseline, double threshold, const int (&roots)[R],
                            const dedup_trees_model::Node (&nodes)[N]) {
    return {baseline, threshold, roots, R, nodes};
}

const Ensemble& ensemble_of(DedupLevel level) {
    using namespace dedup_trees_model;
    static constexpr Ensemble story = ensemble(kStoryBaseline, kStoryThreshold, kStoryRoots, kStoryNodes);
    static constexpr Ensemble event = ensemble(kEventBaseline, kEventThreshold, kEventRoots, kEventNodes);
    return level == DedupLevel::kStory ? story : event;
}

const RemainingBounds& bounds_of(DedupLevel level) {
    static const RemainingBounds story = remaining_bounds(ensemble_of(DedupLevel::kStory));
    static const RemainingBounds event = remaining_bounds(ensemble_of(DedupLevel::kEvent));
    return level == DedupLevel::kStory ? story : event;
}

// Far above the rounding of summing a few hundred leaves in another order:
// an early answer is taken only when the full sum is on the same side of
// the threshold by more than this.
constexpr double kBoundMargin = 1e-9;

const dedup_trees_model::Node& leaf_of(const Ensemble& m, size_t tree, const DedupFeatures& x) {
    const dedup_trees_model::Node* node = &m.nodes[m.roots[tree]];
    while (node->feature >= 0) node = &m.nodes[x[node->feature] <= node->threshold ? node->left : node->right];
    return *node;
}

}  // namespace

bool tree_passes(DedupLevel level, const DedupFeatures& x) {
    const Ensemble& m = ensemble_of(level);
    const RemainingBounds& bounds = bounds_of(level);
    double score = m.baseline;
    for (size_t t = 0; t < m.trees; ++t) {
        if (score + bounds.highest[t] < m.threshold - kBoundMargin) return false;
        if (score + bounds.lowest[t] >= m.threshold + kBoundMargin) return true;
        score += leaf_of(m, t, x).value;
    }
    return score >= m.threshold;
}

LevelScore tree_score(DedupLevel level, const DedupFeatures& x, bool explain) {
    const Ensemble& m = ensemble_of(level);
    LevelScore s;
    s.threshold = m.threshold;
    s.intercept = m.baseline;
    s.score = m.baseline;
    if (explain) {
        s.parts.reserve(kDedupFeatures);
        for (size_t i = 0; i < kDedupFeatures; ++i) s.parts.push_back({kDedupFeatureNames[i], x[i], 0.0});
    }
    for (size_t t = 0; t < m.trees; ++t) {
        const dedup_trees_model::Node* node = &m.nodes[m.roots[t]];
        s.intercept += node->value;
        while (node->feature >= 0) {
            const auto* next = &m.nodes[x[node->feature] <= node->threshold ? node->left : node->right];
            if (explain) s.parts[node->feature].contribution += next->value - node->value;
            node = next;
        }
        s.score += node->value;
    }
    return s;
}

}  // namespace news
