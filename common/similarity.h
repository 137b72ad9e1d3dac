// Deciding whether two articles are versions of one story, different
// articles about one event, or different news.
//
// Evidence, from two Fingerprints:
//   cosine    - cosine of the (1 + log wdf) * idf vectors of their stems:
//               distinctive-word similarity, which survives paraphrase because
//               names and rare words survive it.
//   shingles  - shared adjacent stem pairs / pairs in the shorter body: how
//               much of the wording itself is shared (copies and edits share
//               it; separately written reports of one event do not).
//   numbers   - shared numbers / numbers in the article with fewer (1 when
//               either has none). Template stories (money markets, rig
//               counts, results) agree on words but not on numbers.
//   entities  - the same for capitalised names.
//   length    - shorter / longer, in words.
//   hours     - time between publication (days * 24 when only dates are known).
//   title_novel, correction, headline_only - see Evidence.
//
// The decision rule (thresholds below were set by reading the labelled pairs
// in tests/data/reuters-dedup-labels.jsonl and the seeds; scripts/eval-dedup
// measures them). Same story, when both have a body:
//   - never more than kStoryMaxHours apart;
//   - a marked correction: cosine >= 0.5, shingles >= 0.4, and numbers >= 0.5
//     unless shingles >= 0.8 (corrections change numbers);
//   - a day or more apart and not a correction: only a long narrative re-run
//     (>= kRerunMinWords body words, shingles >= 0.9, numbers >= 0.95): daily
//     template items repeat word for word on different days;
//   - short items (< 60 body words) whose titles name things the other never
//     mentions (title_novel >= 2) are template items about different
//     companies, unless their bodies are word for word the same (shingles >= 0.97);
//   - otherwise any of: a copy or trim (shingles >= 0.8, cosine >= 0.5,
//     numbers >= 0.8, length >= 0.15); an edit (shingles >= 0.65,
//     cosine >= 0.8, numbers >= 0.8, length >= 0.3); a close rewrite
//     (shingles >= 0.5, cosine >= 0.9, numbers >= 0.85); a paraphrased
//     ("spun") copy of a long article (>= kSpunMinWords body words in both,
//     cosine >= 0.5, shingles >= 0.25, entities >= 0.8, numbers >= 0.9,
//     length >= 0.7).
// Two headline-only flashes are one story if within 12 hours and their
// headlines agree (cosine >= 0.85, or >= 0.6 for a marked correction). A
// flash and a full story are the same event, not the same story.
// Same event (the looser level) also takes, within kEventMaxHours
// (kShortEventMaxHours for bodies under 150 words), and not for short items
// with alike bodies (shingles >= 0.8) whose titles name other things:
//   a flash and a story within 3 hours whose numbers all agree and whose
//   cosine is >= 0.35; two stories with cosine >= 0.6, numbers >= 0.8 and
//   entities >= 0.5; two long articles (>= 150 words) sharing half their
//   names and their numbers with cosine >= 0.2.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/fingerprint.h"

namespace news {

namespace threshold {
inline constexpr double kStoryMaxHours = 96;
inline constexpr double kStaleHours = 20;
inline constexpr uint32_t kRerunMinWords = 80;
inline constexpr uint32_t kSpunMinWords = 200;
inline constexpr double kFlashMaxHours = 12;
inline constexpr double kEventMaxHours = 36;
inline constexpr double kShortEventMaxHours = 12;
}  // namespace threshold

// Inverse document frequencies from a database, cached: one comparison needs
// a few hundred of them and the same terms recur across comparisons.
class TermWeights {
  public:
    explicit TermWeights(const Xapian::Database& db);
    double idf(const std::string& term);
    double doccount() const { return doccount_; }

  private:
    Xapian::Database db_;
    double doccount_;
    std::unordered_map<std::string, double> cache_;
};

// A fingerprint with its normalised term-weight vector, ready to compare.
struct WeighedFingerprint {
    Fingerprint fp;
    std::vector<double> weights;  // parallel to fp.terms, unit length
};
WeighedFingerprint weigh(Fingerprint fp, TermWeights& weights);

struct Evidence {
    double cosine = 0;
    double numbers = 1;
    double entities = 1;
    double shingles = 0;  // shared stem pairs / pairs in the shorter body
    double length = 1;
    uint32_t shorter_body = 0;        // body words of the shorter article
    uint32_t title_novel = 0;         // title words of either found nowhere in the other
    bool correction = false;          // either title marks a correction or repeat
    bool headline_only = false;       // either article has no body (a flash)
    bool both_headline_only = false;
    std::optional<long> days;
    std::optional<long> minutes;  // when both have a time of day
};

enum class Relation { kDifferent, kSameEvent, kSameStory };

// The stored fingerprint of a document, weighed; empty if it has none or it
// is damaged (such an article is then never merged with another).
WeighedFingerprint load_fingerprint(const Xapian::Document& doc, TermWeights& weights);

Evidence compare(const WeighedFingerprint& a, const WeighedFingerprint& b);
Relation judge(const Evidence& e);
const char* to_string(Relation r);

// The evidence as a JSON object (for `news-index compare` and audits).
std::string evidence_json(const Evidence& e);

}  // namespace news
