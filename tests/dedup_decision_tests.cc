// The fitted duplicate decision (common/dedup_decision.h): it matches the
// model file it was fitted for, is symmetric, keeps its named rules, and
// decides the seeds and a spun copy as the product promises.
#define BOOST_TEST_MODULE dedup_decision_tests
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstring>
#include <map>
#include <string>

#include "common/dedup_decision.h"
#include "common/dedup_model.h"
#include "common/senses.h"
#include "similarity_corpus.h"

using news::Relation;

namespace {

news::DedupDecision decision(test::SimilarityCorpus& c, const std::string& a, const std::string& b) {
    return news::decide(c.evidence(a, b));
}

bool fired(const news::DedupDecision& d, const char* rule) {
    return std::any_of(d.rules.begin(), d.rules.end(), [&](const auto& r) { return std::strcmp(r.name, rule) == 0; });
}

// Identical full articles an hour apart.
news::Evidence identical() {
    news::Evidence e;
    e.cosine = e.numbers = e.entities = e.shingles = e.length = e.senses = e.senses_max = 1;
    e.function_runs = 1;  // a 300-word body has runs enough
    e.function_runs_counted = true;
    e.shorter_body = 300;
    e.days = 0;
    e.minutes = 60;
    return e;
}

bool in(news::SenseList list, uint32_t id) { return std::find(list.begin(), list.end(), id) != list.end(); }

bool shares_a_sense(const char* x, const char* y) {
    const auto a = news::senses_of_stem(x), b = news::senses_of_stem(y);
    return std::any_of(a.begin(), a.end(), [&](uint32_t id) { return in(b, id); });
}

// One's own sense among the other's broader senses (common/senses.h).
bool one_is_broader(const char* x, const char* y) {
    const auto a = news::senses_of_stem(x), b = news::senses_of_stem(y);
    return std::any_of(a.begin(), a.end(), [&](uint32_t id) { return in(b.broader(), id); }) ||
           std::any_of(b.begin(), b.end(), [&](uint32_t id) { return in(a.broader(), id); });
}

}  // namespace

BOOST_AUTO_TEST_CASE(model_file_matches_the_features_of_the_code) {
    BOOST_TEST_REQUIRE(news::dedup_model::kFeatures == news::kDedupFeatures);
    for (size_t i = 0; i < news::kDedupFeatures; ++i)
        BOOST_TEST(std::string(news::kDedupFeatureNames[i]) == news::dedup_model::kFeatureNames[i],
                   "feature " << i << ": rerun scripts/train-dedup");
}

BOOST_AUTO_TEST_CASE(wordnet_senses_join_synonyms_not_strangers) {
    BOOST_TEST(news::sense_table_size() > 50000);
    BOOST_TEST(shares_a_sense("talk", "negoti"));   // talks / negotiations
    BOOST_TEST(shares_a_sense("rise", "climb"));    // rose / climbed
    BOOST_TEST(!shares_a_sense("bank", "tomato"));
    BOOST_TEST(news::senses_of_stem("xyzzyq").empty());
}

// Spinners swap a word for a broader or similar one too; a broader sense
// joins a word to it, but two words only alike in a broader sense stay apart.
BOOST_AUTO_TEST_CASE(broader_senses_join_a_word_to_its_broader_word_only) {
    BOOST_TEST(!shares_a_sense("huge", "big"));
    BOOST_TEST(one_is_broader("huge", "big"));    // similar to
    BOOST_TEST(one_is_broader("firm", "busi"));   // firm -> business (hypernym)
    BOOST_TEST(one_is_broader("dog", "canin"));     // dog -> canine (hypernym)
    BOOST_TEST(!one_is_broader("rose", "fell"));  // both only "change magnitude"
    BOOST_TEST(!one_is_broader("bank", "tomato"));
    BOOST_TEST(news::senses_of_stem("xyzzyq").broader().empty());
}

BOOST_FIXTURE_TEST_SUITE(decisions, test::SimilarityFixture)

BOOST_AUTO_TEST_CASE(the_seeds_are_two_stories_of_one_event) {
    for (const auto& [a, b] : {std::pair{"seed0", "seed1"}, {"seed0", "seed3"}, {"seed1", "seed3"}, {"seed2", "seed4"}})
        BOOST_TEST(decision(c, a, b).relation == Relation::kSameStory, a << " " << b);
    for (const char* a : {"seed0", "seed1", "seed3"})
        for (const char* b : {"seed2", "seed4"})
            BOOST_TEST(decision(c, a, b).relation == Relation::kSameEvent, a << " " << b);
}

BOOST_AUTO_TEST_CASE(a_spun_copy_is_the_same_story) {
    // tests/data/spun-pair.jsonl: a Reuters article and a copy spun by a
    // spinner the model was not fitted on (any WordNet sense, 55% of words).
    const auto d = decision(c, "reuters-spun-original", "reuters-spun-copy");
    const auto e = c.evidence("reuters-spun-original", "reuters-spun-copy");
    BOOST_TEST_INFO("cosine " << e.cosine << " shingles " << e.shingles << " senses " << e.senses);
    BOOST_TEST(e.senses > e.cosine);  // synonyms found where stems differ
    BOOST_TEST(d.relation == Relation::kSameStory);
}

BOOST_AUTO_TEST_CASE(unrelated_news_is_different) {
    BOOST_TEST(decision(c, "seed0", "reuters-1").relation == Relation::kDifferent);
    BOOST_TEST(decision(c, "reuters-1", "reuters-2").relation == Relation::kDifferent);
}

BOOST_AUTO_TEST_CASE(the_decision_is_symmetric) {
    const char* ids[] = {"seed0", "seed2", "seed4", "reuters-1", "reuters-2", "reuters-spun-copy"};
    for (const char* a : ids)
        for (const char* b : ids) {
            const auto ab = decision(c, a, b), ba = decision(c, b, a);
            BOOST_TEST(ab.relation == ba.relation, a << " " << b);
            BOOST_TEST(ab.story.score == ba.story.score, a << " " << b);
            BOOST_TEST(ab.event.score == ba.event.score, a << " " << b);
        }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(scores_are_the_sum_of_their_parts) {
    const auto d = news::decide(identical());
    double sum = d.story.intercept;
    for (const auto& p : d.story.parts) sum += p.contribution;
    BOOST_TEST(d.story.score == sum, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(d.story.parts.size() == news::kDedupFeatures);
    BOOST_TEST(d.relation == Relation::kSameStory);
    BOOST_TEST(d.rules.empty());
}

BOOST_AUTO_TEST_CASE(shared_rare_names_and_figures_move_only_the_event_level) {
    // Two long reports of one day that share some wording: the rare names,
    // figures and stems both have are event evidence (scripts/train-dedup
    // fits the story model without them, and never against a match).
    auto few = identical();
    few.cosine = few.senses = 0.5;
    few.shingles = 0.2;
    few.senses_max = 0.6;
    auto many = few;
    many.rare_entities = 4;
    many.rare_numbers = 3;
    many.rare_stems = 12;
    const auto a = news::decide(few), b = news::decide(many);
    BOOST_TEST(a.story.score == b.story.score, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(b.event.score >= a.event.score);
}

BOOST_AUTO_TEST_CASE(a_flash_is_never_a_full_storys_copy) {
    auto e = identical();
    e.headline_only = true;
    e.shorter_body = 0;
    const auto d = news::decide(e);
    BOOST_TEST(fired(d, "flash-and-story"));
    BOOST_TEST(d.relation != Relation::kSameStory);
}

BOOST_AUTO_TEST_CASE(versions_come_within_days) {
    auto e = identical();
    e.days = 30;
    e.minutes = 30L * 1440;
    const auto d = news::decide(e);
    BOOST_TEST(fired(d, "too-far-apart"));
    BOOST_TEST(d.relation != Relation::kSameStory);
}

BOOST_AUTO_TEST_CASE(snapshots_at_other_times_are_neither_one_story_nor_one_event) {
    auto e = identical();
    e.other_snapshot = true;
    const auto d = news::decide(e);
    BOOST_TEST(fired(d, "other-snapshot"));
    BOOST_TEST(d.relation == Relation::kDifferent);
    BOOST_TEST(!fired(news::decide(identical()), "other-snapshot"));
}

BOOST_AUTO_TEST_CASE(short_items_whose_headings_carry_other_numbers_are_never_merely_one_event) {
    // Two morning and afternoon money-market operations: one template, other amounts.
    auto e = identical();
    e.shorter_body = 50;
    e.title_numbers_differ = true;
    e.shingles = e.numbers = 0.6;
    e.cosine = e.senses = 0.88;
    const auto d = news::decide(e);
    BOOST_TEST(fired(d, "other-instance"));
    BOOST_TEST(d.relation != Relation::kSameEvent);
    // Longer reports may carry other figures in their headlines (a rising toll).
    e.shorter_body = 400;
    BOOST_TEST(!fired(news::decide(e), "other-instance"));
    // A flash beside a story is judged by the flash rules, not this one.
    e.shorter_body = 0;
    e.headline_only = true;
    BOOST_TEST(!fired(news::decide(e), "other-instance"));
    auto same_heading = identical();
    same_heading.shorter_body = 50;
    BOOST_TEST(!fired(news::decide(same_heading), "other-instance"));
}

BOOST_AUTO_TEST_CASE(two_flashes_are_one_story_only_when_their_headlines_agree_the_same_day) {
    news::Evidence e;
    e.headline_only = e.both_headline_only = true;
    e.cosine = 0.95;
    e.minutes = 30;
    e.days = 0;
    BOOST_TEST(news::decide(e).relation == Relation::kSameStory);
    BOOST_TEST(fired(news::decide(e), "two-flashes"));
    e.minutes = 3 * 1440;  // the same words another day: another operation
    e.days = 3;
    BOOST_TEST(news::decide(e).relation == Relation::kDifferent);
    e.minutes = 30;
    e.days = 0;
    e.cosine = 0.5;
    BOOST_TEST(news::decide(e).relation == Relation::kDifferent);
}
