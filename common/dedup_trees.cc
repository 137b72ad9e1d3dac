#include "common/dedup_trees.h"

#include "common/dedup_trees_model.h"

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

}  // namespace

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
