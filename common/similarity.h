// Deciding whether two articles are versions of one story, or different
// articles about one event, or different news.
//
// Evidence, from two Fingerprints:
//   cosine    - cosine of the (1 + log wdf) * idf vectors of their stems,
//               idf from the database: distinctive-word similarity, which
//               survives paraphrase because names and rare words survive it.
//   numbers   - shared numbers / numbers in the article with fewer (1 when
//               neither has any). Template stories (money markets, rig
//               counts, results) agree on words but not on numbers.
//   entities  - the same for capitalised names.
//   length    - shorter / longer word count.
//   days      - days between publication dates, when both are known.
//
// The decision rule (thresholds below, measured by scripts/eval-dedup on
// tests/data/reuters-dedup-labels.jsonl and the seeds):
//   same story  if days <= kStoryMaxDays, and
//                  cosine >= kStoryCosine and numbers >= kStoryNumbers and
//                  entities >= kStoryEntities and length >= kStoryLength,
//               or cosine >= kNearCopyCosine and numbers >= kNearCopyNumbers
//                  (a near-verbatim copy: trims and corrections included);
//   same event  if days <= kEventMaxDays and cosine >= kEventCosine and
//               entities >= kEventEntities and numbers >= kEventNumbers;
//   otherwise different.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/fingerprint.h"

namespace news {

namespace threshold {
inline constexpr long kStoryMaxDays = 3;
inline constexpr double kStoryCosine = 0.50;
inline constexpr double kStoryNumbers = 0.75;
inline constexpr double kStoryEntities = 0.50;
inline constexpr double kStoryLength = 0.30;
inline constexpr double kNearCopyCosine = 0.90;
inline constexpr double kNearCopyNumbers = 0.60;
inline constexpr long kEventMaxDays = 4;
inline constexpr double kEventCosine = 0.30;
inline constexpr double kEventEntities = 0.40;
inline constexpr double kEventNumbers = 0.34;
}  // namespace threshold

// Inverse document frequencies from a database, cached: one comparison needs
// a few hundred of them and the same terms recur across comparisons.
class TermWeights {
  public:
    explicit TermWeights(const Xapian::Database& db);
    double idf(const std::string& term);

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
    double length = 1;
    std::optional<long> days;
};

enum class Relation { kDifferent, kSameEvent, kSameStory };

Evidence compare(const WeighedFingerprint& a, const WeighedFingerprint& b);
Relation judge(const Evidence& e);
const char* to_string(Relation r);

}  // namespace news
