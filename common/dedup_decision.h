// The duplicate-detection decision: from the Evidence of two articles, a
// fitted logistic model per level (story: versions of one article; event:
// articles about one event) plus a few named rules that are facts, not
// guesses. The model's parameters are in common/dedup_model.h, written by
// scripts/train-dedup; the features are computed here only, and
// `news-index compare --pairs` prints them for the training script, so
// training sees exactly what the product computes.
//
// Every feature is symmetric in the two articles, so the decision is too.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "common/similarity.h"

namespace news {

inline constexpr size_t kDedupFeatures = 50;
using DedupFeatures = std::array<double, kDedupFeatures>;

// Names of the features, in order (dedup_model.h records the same list).
extern const std::array<const char*, kDedupFeatures> kDedupFeatureNames;

DedupFeatures dedup_features(const Evidence& e);

// A rule that overrides the model; `level` says what it decides.
struct DedupRule {
    const char* name;
    const char* why;
};

// How one level's model scored a pair: score = intercept + sum of parts.
struct LevelScore {
    struct Part {
        const char* feature;
        double value;         // the feature's value for this pair
        double contribution;  // its share of score - intercept (dedup_model.h or dedup_trees.h)
    };
    double intercept = 0;
    double score = 0;
    double threshold = 0;
    std::vector<Part> parts;  // in feature order
    bool passes() const { return score >= threshold; }
};

struct DedupDecision {
    Relation relation = Relation::kDifferent;
    LevelScore story;
    LevelScore event;
    std::vector<DedupRule> rules;  // the named rules that fired
};

DedupDecision decide(const Evidence& e);

}  // namespace news
