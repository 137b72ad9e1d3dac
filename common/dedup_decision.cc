#include "common/dedup_decision.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>

#include "common/dedup_model.h"
#include "common/dedup_trees.h"
#include "common/dedup_trees_model.h"

namespace news {

static_assert(dedup_model::kFeatures == kDedupFeatures, "common/dedup_model.h is stale: rerun scripts/train-dedup");

const std::array<const char*, kDedupFeatures> kDedupFeatureNames = {
    "cosine",   "shingles",      "senses",     "senses_max", "numbers",     "entities",
    "length",   "log_body_words", "title_novel", "correction", "headline_only", "log_hours",
    "no_time",  "day_or_more",   "day_or_more_x_shingles", "short_x_title_novel", "title_numbers_differ",
    "reworded", "long_x_title_novel",
    "log_novel_numbers", "log_novel_entities", "shingles_of_longer", "short",
    "short_x_cosine", "short_x_shingles", "short_x_numbers", "short_x_entities",
    "short_x_log_novel_numbers", "short_x_log_novel_entities", "long_x_cosine", "long_x_shingles",
    "long_x_numbers", "long_x_entities", "log_added_numbers", "log_added_entities",
    // Event evidence (fitted for the event level only: scripts/train-dedup's EVENT_ONLY).
    "rare_entities", "rare_numbers", "rare_stems", "short_x_rare", "day_or_more_x_rare",
    "beyond_day_and_half", "beyond_day_and_half_x_rare",
    // Story evidence (schema 10).
    "shared_sentences", "log_sentences_kept", "lead_shared",
    // Schema 11.
    "same_ticker",
    // Schema 13.
    "anchor_order", "anchors_ordered",
    // Schema 15.
    "function_runs", "function_runs_counted",
};

namespace {

// Hard limits (facts about news, not fitted).
inline constexpr double kStoryMaxHours = 96;  // a version of an article comes within 4 days
inline constexpr double kFlashMaxHours = 12;  // a repeated flash comes the same day
// Reports of one event come within four days (follow-ups, reactions, the
// deal completed), as versions of one article do; whether a pair more than a
// day and a half apart is one event is the fit's to say (the feature
// beyond_day_and_half; hand-labelled follow-ups up to seven days apart are
// in the training pairs). Short items (under 150 words: daily money-market,
// repo and price reports) repeat their template every day, so only within
// 12 hours are they about one event.
inline constexpr double kEventMaxHours = 96;
inline constexpr double kDayAndHalf = 36;
inline constexpr double kShortEventMaxHours = 12;
inline constexpr uint32_t kShortEventWords = 150;

// Bodies of this many words or more are long enough to outweigh their headlines.
inline constexpr uint32_t kLongBodyWords = 150;

const DedupRule kFlashAndStory = {"flash-and-story",
                                  "a headline-only flash is never a copy of a full story (same event at most)"};
const DedupRule kTooFarApart = {"too-far-apart", "versions of one article come within 96 hours"};
const DedupRule kEventWindow = {"event-window",
                                 "reports of one event come within 96 hours (12 for items under 150 words, "
                                 "which repeat their template daily); a later version can still be one story"};
const DedupRule kNothingShared = {"nothing-shared",
                                  "articles that share almost no distinctive words (cosine < 0.2) are different"};
const DedupRule kTwoFlashes = {"two-flashes",
                               "two headline-only flashes: one story when within 12 hours with headlines alike "
                               "(cosine >= 0.85, or >= 0.6 for a marked correction); never merely one event"};

// Event level. Short wire items repeat one template all day and every day
// (money-market operations, price tables, results tables, auctions); the
// heading's numbers name which instance an item is (the time, date, period,
// amount or maturity). Two such items whose headings carry other numbers
// are other instances of the template: a version of one article at most
// (a correction relabelling a table's period), never a separate report of
// one event. (On the training pairs: 0 of 39 short SAME_EVENT pairs have
// headings with other numbers; 77 DIFFERENT pairs do.)
const DedupRule kOtherInstance = {"other-instance",
                                  "two items under 150 words whose headings carry other numbers (\"BANK OF "
                                  "ENGLAND ... 478 MLN\", \"... 195 MLN\") are other instances of one template: "
                                  "one story at most, never merely one event"};

// Reuters-style correction notices quote the headline of the item they
// correct and are often cut to the corrected paragraph, sharing too little
// text with it for the fitted evidence; the label rules call the two one story.
const DedupRule kCorrectionOf = {"correction-of",
                                 "a correction notice quoting an article's headline (\"In item headlined ... "
                                 "please read\") is a version of that article"};

// Each snapshot reports the market of its own time: the label rules call two
// snapshots different events (all 42 training pairs whose headings carry
// other times are DIFFERENT; two of them were joined as one event).
const DedupRule kOtherSnapshot = {"other-snapshot",
                                   "headings with other times of day (\"CBT 11:40 EDT\", \"CBT 12:40 EDT\") are "
                                   "two snapshots of one quote table: neither versions of one article nor one event"};

std::optional<double> hours_apart(const Evidence& e) {
    if (e.minutes) return *e.minutes / 60.0;
    if (e.days) return *e.days * 24.0;
    return std::nullopt;
}

// `explain`: also list the parts (judge() during a build does not need them).
LevelScore score(const dedup_model::Level& level, const DedupFeatures& x, bool explain) {
    LevelScore s;
    s.intercept = level.intercept;
    s.score = level.intercept;
    s.threshold = level.threshold;
    if (explain) s.parts.reserve(kDedupFeatures);
    for (size_t i = 0; i < kDedupFeatures; ++i) {
        const double c = level.coef[i] * (x[i] - level.mean[i]) / level.scale[i];
        if (explain) s.parts.push_back({kDedupFeatureNames[i], x[i], c});
        s.score += c;
    }
    return s;
}

// scripts/dedup_trees.py decides which fitted models the product uses (kUseTrees).
LevelScore level_score(DedupLevel level, const DedupFeatures& x, bool explain) {
    if (dedup_trees_model::kUseTrees) return tree_score(level, x, explain);
    return score(level == DedupLevel::kStory ? dedup_model::kStory : dedup_model::kEvent, x, explain);
}

bool level_passes(DedupLevel level, const DedupFeatures& x) {
    if (dedup_trees_model::kUseTrees) return tree_passes(level, x);
    return level_score(level, x, false).passes();
}

// `explain`: fill DedupDecision::story and event (scores and parts).
// Without it only the relation is decided: each level scored only if the
// rules leave it open, and trees summed only until the answer is certain
// (judge() during a build, where scoring both levels of every pair in full
// was a tenth of a build's time).
DedupDecision decide(const Evidence& e, bool explain) {
    DedupDecision d;
    const auto x = dedup_features(e);
    if (explain) {
        d.story = level_score(DedupLevel::kStory, x, true);
        d.event = level_score(DedupLevel::kEvent, x, true);
    }
    const auto passes = [&](DedupLevel level) {
        if (explain) return (level == DedupLevel::kStory ? d.story : d.event).passes();
        return level_passes(level, x);
    };
    const auto hours = hours_apart(e);
    if (e.both_headline_only) {
        d.rules.push_back(kTwoFlashes);
        const bool same = (!hours || *hours <= kFlashMaxHours) && e.cosine >= (e.correction ? 0.6 : 0.85);
        d.relation = same ? Relation::kSameStory : Relation::kDifferent;
        return d;
    }
    if (e.cosine < kMinSharedCosine) {
        d.rules.push_back(kNothingShared);
        return d;
    }
    if (e.corrects_other && !e.headline_only && !e.other_snapshot && (!hours || *hours <= kStoryMaxHours)) {
        d.rules.push_back(kCorrectionOf);
        d.relation = Relation::kSameStory;
        return d;
    }
    bool story_possible = true;
    if (e.headline_only) {
        d.rules.push_back(kFlashAndStory);
        story_possible = false;
    }
    if (e.other_snapshot) {
        d.rules.push_back(kOtherSnapshot);
        story_possible = false;
    }
    if (hours && *hours > kStoryMaxHours) {
        d.rules.push_back(kTooFarApart);
        story_possible = false;
    }
    bool event_possible = true;
    if (hours && *hours > (e.shorter_body >= kShortEventWords ? kEventMaxHours : kShortEventMaxHours)) {
        d.rules.push_back(kEventWindow);
        event_possible = false;
    }
    if (e.other_snapshot) event_possible = false;
    if (!e.headline_only && e.shorter_body < kShortEventWords && e.title_numbers_differ) {
        d.rules.push_back(kOtherInstance);
        event_possible = false;
    }
    if (story_possible && passes(DedupLevel::kStory)) {
        d.relation = Relation::kSameStory;
    } else if (event_possible && passes(DedupLevel::kEvent)) {
        d.relation = Relation::kSameEvent;
    }
    return d;
}

}  // namespace

DedupFeatures dedup_features(const Evidence& e) {
    const auto hours = hours_apart(e);
    const double day_or_more = hours && *hours >= 20 ? 1 : 0;
    const double beyond_day_and_half = hours && *hours > kDayAndHalf ? 1 : 0;
    const double title_novel = std::min<double>(e.title_novel, 5);
    // Short items (wire briefs, tables, announcements) under kLongBodyWords:
    // separately written reports of one announcement and one template for
    // another fund or company share words and figures there that only copies
    // share in longer articles. The short_x_ features let the fit weigh their
    // evidence on its own scale.
    const double short_item = !e.headline_only && e.shorter_body < kLongBodyWords ? 1.0 : 0.0;
    const double log_novel_numbers = std::log1p(e.novel_numbers);
    const double log_novel_entities = std::log1p(e.novel_entities);
    // The long_x_ products mirror the short_x_ ones: the story model weighs each
    // similarity with one slope per regime (short, long), each kept >= 0 by the
    // fit, where a base slope plus a short correction let short items' similarity
    // count against a match.
    const double long_item = !e.headline_only && e.shorter_body >= kLongBodyWords ? 1.0 : 0.0;
    const double rare = std::log1p(e.rare_entities + e.rare_numbers + e.rare_stems);
    return {e.cosine,
            e.shingles,
            e.senses,
            e.senses_max,
            e.numbers,
            e.entities,
            e.length,
            std::log1p(e.shorter_body),
            title_novel,
            // One side corrects or repeats the other. When both carry the mark, it says
            // nothing about whether they are versions of one article: two correction
            // notices of different stories share the mark, not the news.
            e.correction && !e.both_correction ? 1.0 : 0.0,
            e.headline_only ? 1.0 : 0.0,
            hours ? std::log1p(*hours) : 0.0,
            hours ? 0.0 : 1.0,
            day_or_more,
            day_or_more * e.shingles,
            e.shorter_body < 60 ? title_novel : 0.0,
            e.title_numbers_differ ? 1.0 : 0.0,
            // Same meanings in other words (senses above cosine): a rewritten copy of one
            // story, where shared word pairs alone would read as a separate report.
            std::max(0.0, e.senses - e.cosine),
            // A headline rewritten over a long body: the fit may weigh a long
            // article's body above its headline (republished and spun copies).
            e.shorter_body >= kLongBodyWords ? title_novel : 0.0,
            log_novel_numbers,
            log_novel_entities,
            e.shingles_of_longer,
            short_item,
            short_item * e.cosine,
            short_item * e.shingles,
            short_item * e.numbers,
            short_item * e.entities,
            short_item * log_novel_numbers,
            short_item * log_novel_entities,
            long_item * e.cosine,
            long_item * e.shingles,
            long_item * e.numbers,
            long_item * e.entities,
            std::log1p(e.added_numbers),
            std::log1p(e.added_entities),
            // Rare names, numbers and stems both share: a follow-up keeps the
            // event's names and figures; two snapshots of one template share
            // its layout and common words. Short items (templates) and pairs a
            // day or more apart (follow-ups) may weigh them otherwise.
            std::log1p(e.rare_entities),
            std::log1p(e.rare_numbers),
            std::log1p(e.rare_stems),
            e.shorter_body < kShortEventWords ? rare : 0.0,
            day_or_more * rare,
            beyond_day_and_half,
            beyond_day_and_half * rare,
            // Whole sentences kept: a copy cut shorter or re-edited, where the
            // shingles of the whole fall.
            e.shared_sentences,
            std::log1p(e.sentences_kept),
            e.lead_shared ? 1.0 : 0.0,
            // One company's items: a results table or notice keyed twice names
            // its symbol both times; two companies' look-alikes do not share one.
            e.same_ticker ? 1.0 : 0.0,
            // Figures and names in their original order: a version of one
            // article however its words were swapped (rewrites, spinning);
            // whether there were enough of them to say so.
            e.anchor_order,
            e.anchors_ordered ? 1.0 : 0.0,
            // The syntax kept: the function words' order, which a spinner
            // swapping content words for synonyms leaves and a separately
            // written report does not share; whether there were enough of
            // them to say so.
            e.function_runs,
            e.function_runs_counted ? 1.0 : 0.0};
}

DedupDecision decide(const Evidence& e) { return decide(e, true); }

Relation judge(const Evidence& e) { return decide(e, false).relation; }

}  // namespace news
