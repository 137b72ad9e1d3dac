// The tree ensembles of the duplicate decision (common/dedup_trees.h): the
// C++ inference gives the scores scripts/dedup_trees.py computed for the
// feature vectors it stored, its explanation adds up to the score, and the
// similarities it was fitted monotone in never lower a score.
#define BOOST_TEST_MODULE dedup_trees_tests
#include <boost/test/unit_test.hpp>

#include <cstring>
#include <iterator>

#include "common/dedup_trees.h"
#include "common/dedup_trees_model.h"

using news::DedupLevel;
namespace model = news::dedup_trees_model;

namespace {

news::DedupFeatures features_of(const model::Sample& s) {
    news::DedupFeatures x{};
    std::copy(std::begin(s.x), std::end(s.x), x.begin());
    return x;
}

size_t feature_index(const char* name) {
    for (size_t i = 0; i < news::kDedupFeatures; ++i)
        if (std::strcmp(news::kDedupFeatureNames[i], name) == 0) return i;
    BOOST_FAIL("no feature " << name);
    return 0;
}

}  // namespace

BOOST_AUTO_TEST_CASE(model_file_lists_the_code_s_features_in_order) {
    for (size_t i = 0; i < news::kDedupFeatures; ++i)
        BOOST_TEST(std::strcmp(model::kFeatureNames[i], news::kDedupFeatureNames[i]) == 0, "feature " << i);
}

BOOST_AUTO_TEST_CASE(inference_gives_the_scores_of_the_fitting_script) {
    BOOST_REQUIRE(std::size(model::kSamples) >= 10);
    for (const auto& sample : model::kSamples) {
        const auto x = features_of(sample);
        BOOST_TEST(news::tree_score(DedupLevel::kStory, x, false).score == sample.story,
                   boost::test_tools::tolerance(1e-9));
        BOOST_TEST(news::tree_score(DedupLevel::kEvent, x, false).score == sample.event,
                   boost::test_tools::tolerance(1e-9));
    }
}

BOOST_AUTO_TEST_CASE(explanation_adds_up_to_the_score) {
    for (const auto& sample : model::kSamples) {
        for (auto level : {DedupLevel::kStory, DedupLevel::kEvent}) {
            const auto s = news::tree_score(level, features_of(sample), true);
            BOOST_REQUIRE_EQUAL(s.parts.size(), news::kDedupFeatures);
            double sum = s.intercept;
            for (size_t i = 0; i < s.parts.size(); ++i) {
                BOOST_TEST(std::strcmp(s.parts[i].feature, news::kDedupFeatureNames[i]) == 0);
                BOOST_TEST(s.parts[i].value == sample.x[i]);
                sum += s.parts[i].contribution;
            }
            BOOST_TEST(sum == s.score, boost::test_tools::tolerance(1e-9));
            // The same score with or without the explanation.
            BOOST_TEST(news::tree_score(level, features_of(sample), false).score == s.score);
        }
    }
}

// judge() during a build stops summing trees once the rest cannot change the
// answer: it must be the answer of the full sum, near the threshold too.
BOOST_AUTO_TEST_CASE(an_early_answer_is_the_full_sums_answer) {
    size_t passed = 0, checked = 0;
    for (const auto& sample : model::kSamples) {
        for (size_t j = 0; j < news::kDedupFeatures; ++j) {
            for (const double v : {0.0, 0.1, 0.5, 0.9, 1.0, 2.0, 5.0}) {
                auto x = features_of(sample);
                x[j] = v;
                for (auto level : {DedupLevel::kStory, DedupLevel::kEvent}) {
                    const bool full = news::tree_score(level, x, false).passes();
                    BOOST_TEST(news::tree_passes(level, x) == full, "feature " << j << " = " << v);
                    passed += full;
                    ++checked;
                }
            }
        }
    }
    // Both answers were exercised.
    BOOST_TEST(passed > 0u);
    BOOST_TEST(passed < checked);
}

BOOST_AUTO_TEST_CASE(more_agreement_never_lowers_a_score) {
    for (const char* name : {"cosine", "shingles", "numbers", "entities", "length"}) {
        const size_t j = feature_index(name);
        for (const auto& sample : model::kSamples) {
            for (auto level : {DedupLevel::kStory, DedupLevel::kEvent}) {
                auto x = features_of(sample);
                double previous = -1e300;
                for (double v = 0; v <= 1.0001; v += 0.05) {
                    x[j] = v;
                    const double s = news::tree_score(level, x, false).score;
                    BOOST_TEST(s >= previous, name << " = " << v);
                    previous = s;
                }
            }
        }
    }
}
