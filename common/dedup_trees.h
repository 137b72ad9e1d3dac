// Gradient-boosted tree ensembles over the duplicate-detection features:
// the alternative to dedup_model.h's logistic regressions, fitted by
// scripts/dedup_trees.py into common/dedup_trees_model.h.
//
// A score is the sum of the leaves a pair reaches, one per tree. Its
// explanation credits each split on the path with the change of the node
// value it makes (path attribution: the contributions of a pair's features
// sum to score - intercept, as the logistic model's do).
#pragma once

#include "common/dedup_decision.h"

namespace news {

enum class DedupLevel { kStory, kEvent };

// `explain`: also fill LevelScore::parts (one per feature, in feature order).
LevelScore tree_score(DedupLevel level, const DedupFeatures& x, bool explain);

// tree_score(level, x, false).passes(), stopping as soon as the trees not yet
// summed cannot change the answer (their highest and lowest leaves bound
// them): the same answer for less work, for judge() during a build.
bool tree_passes(DedupLevel level, const DedupFeatures& x);

}  // namespace news
