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
//               either has none), a figure matched across its forms ("4.9
//               mln" and 4,895,720). Template stories (money markets, rig
//               counts, results) agree on words but not on numbers.
//   same_ticker - both headings name one stock symbol.
//   entities  - the same for capitalised names.
//   length    - shorter / longer, in words.
//   hours     - time between publication (days * 24 when only dates are known).
//   title_novel, correction, headline_only - see Evidence.
//   shared_sentences - the share of one's sentences whose word trigrams
//               are mostly in the other: whole sentences kept (copies), not
//               merely words and figures (separate reports).
//   senses    - the share of term weight found in the other article verbatim
//               or as a WordNet synonym (common/senses.h): survives spinning.
//   rare_*    - how many rare names, numbers and stems (in few articles of
//               the reference corpus) both share: what follow-up reports of one event
//               keep days apart, and what two snapshots of one template (which
//               share layout words and common names) lack.
//
// judge() turns Evidence into a Relation with the fitted model and named
// rules of common/dedup_decision.h.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/fingerprint.h"
#include "common/senses.h"

namespace news {


// Inverse document frequencies of the reference corpus
// (common/reference_frequencies.h), not of the database: a pair's evidence
// then depends on the two articles alone, not on what else the database
// holds or in which order it arrived. One exception, for words the archive
// is full of but the reference is not (a site's sign-off such as "Reuter",
// inserted "READ:" link lines, the one topic of a single-topic archive): in
// a database of kDatabaseCommonMinArticles or more, a word in more than
// kDatabaseCommonStep of its articles and in kDatabaseCommonRatio times the
// reference's share counts as in its database share, rounded up to the next
// step. A step, not the share itself, so that a pair's evidence changes only
// when such a word crosses a line, not with every article added; rounded up,
// so that it falls under the candidate query's cut (kMaxQueryTermShare); and
// only for words far commoner than in the reference, so that the ordinary
// spread of a word's frequency between news sources leaves the fitted
// evidence alone.
class TermWeights {
  public:
    explicit TermWeights(const Xapian::Database& db);
    double idf(const std::string& term) const { return info(term).idf; }
    // What weigh() and the candidate query need of a term, computed once per
    // term and kept (a handle is used by one thread): its idf, whether it is
    // rare (is_rare_term) and, for a stem, its WordNet senses. Looking them
    // up afresh for every term of every fingerprint loaded cost ~7% of
    // grouping (callgrind).
    struct TermInfo {
        double idf = 0;
        bool rare = false;
        bool senses_known = false;
        SenseList senses;
        uint32_t id = 0;  // the term's number in this TermWeights (order of first look-up)
    };
    const TermInfo& info(const std::string& term) const;
    // info() with its senses: senses_of_stem() of `term` without its first
    // `prefix` bytes, looked up the first time.
    const TermInfo& info_with_senses(const std::string& term, size_t prefix) const;
    // senses_of_stem() of `term` without its first `prefix` bytes, kept in
    // its TermInfo.
    SenseList senses(const std::string& term, size_t prefix) const;
    // Distinct for every TermWeights made (never 0): the term ids of
    // fingerprints weighed by two of them are not comparable.
    uint64_t serial() const { return serial_; }
    // Articles in the reference corpus: the N of idf = log(1 + N / df).
    double doccount() const { return doccount_; }

  private:
    // The share of the database's articles `term` counts as in: 0, or a
    // multiple of kDatabaseCommonStep. Read once per term (info(): a B-tree
    // read each time cost ~10% of grouping).
    double database_share_step(const std::string& term) const;

    Xapian::Database db_;
    double doccount_;
    // 0 when the database is too small for its own common words to count.
    double database_articles_;
    // is_rare_term()'s idf bound.
    double min_rare_idf_;
    mutable std::unordered_map<std::string, TermInfo> terms_;
    uint64_t serial_;
};

inline constexpr double kDatabaseCommonStep = 0.05;
// Between Reuters-21578, BBC News and the models' training database (which
// adds spun copies), ordinary words' shares differ by up to 2.5 times;
// boilerplate's by 10 ("READ:" lines) to 20 ("Reuter").
inline constexpr double kDatabaseCommonRatio = 4;
inline constexpr double kDatabaseCommonMinArticles = 1000;

// A fingerprint number's value: "4.9m" is 4,900,000 given to 2 significant
// digits (scaled), so it matches any figure that rounds to it ("4,895,720");
// "1750" is exact. Not `parsed` for times of day and "1/2".
struct NumberValue {
    double value = 0;
    double written = 0;  // the value without its scale ("4.9m": 4.9)
    int digits = 0;  // significant digits as written
    bool scaled = false;
    bool parsed = false;
};
NumberValue number_value(const std::string& number);
// Whether two fingerprint numbers are one figure: the same value, or one
// scaled to 2 or 3 significant digits that the other rounds to, or the same
// digits whatever their scales (the strings alone matched before schema 11:
// a spinner swaps "million" for "1000000" and "billion" for "trillion", so
// a scale may differ where the figure does not).
bool same_figure(const NumberValue& a, const NumberValue& b);

// Bits of a packed sense (WeighedFingerprint::term_senses) that hold the
// term's index: what kSenseIdBits and the broader-sense flag leave of 32.
inline constexpr unsigned kSenseTermBits = 32 - kSenseIdBits - 1;

// A fingerprint with its normalised term-weight vector, ready to compare.
struct WeighedFingerprint {
    Fingerprint fp;
    std::vector<double> weights;  // parallel to fp.terms, unit length
    // (synset id, whether it is a broader sense, index into fp.terms) for
    // every WordNet sense of every term, own and broader (SenseList), sorted:
    // one merge against another article's senses finds its synonyms and
    // broader words. Packed as (id << (kSenseTermBits + 1) | broader <<
    // kSenseTermBits | index) while every index fits (a Reuters article has
    // ~500: a third of a cached fingerprint's bytes as pairs), else in
    // wide_term_senses as (id << 32 | broader << 31 | index).
    std::vector<uint32_t> term_senses;
    std::vector<uint64_t> wide_term_senses;
    // Whether each term, number and entity is rare in the database
    // (is_rare_term), parallel to fp.terms, fp.numbers and fp.entities.
    std::vector<char> rare_terms, rare_numbers, rare_entities;
    // fp.trigrams sorted, unique; and those of each sentence of
    // kMinSentenceTokens or more, sorted, unique, one run per sentence, run
    // k ending at sentence_ends[k].
    // The value of each number of fp.numbers (NumberValue), parallel to it;
    // whether any is written in a form another version may write otherwise
    // (a scale, "17.50"), so that compare() matches values, not only strings.
    std::vector<NumberValue> number_values;
    bool numbers_in_other_forms = false;
    // fp.terms as (TermInfo::id << 32 | index into fp.terms), sorted, of
    // the TermWeights whose serial() is `term_ids_of` (0: none, when fp.terms
    // is not strictly sorted): cosine() and compare() merge these integers
    // when both sides have ids of one TermWeights, the term strings
    // otherwise, and find the same shared terms either way (the strings'
    // merge cost a third of cosine()'s instructions in memcmp).
    std::vector<uint64_t> term_keys;
    uint64_t term_ids_of = 0;
    std::vector<uint16_t> trigram_set;
    std::vector<uint16_t> sentence_trigrams;
    std::vector<uint32_t> sentence_ends;
    // Each run of kFunctionRun function words in a row (fp.function_words)
    // as a 32-bit hash, sorted, repeats kept.
    std::vector<uint32_t> function_runs;
};
WeighedFingerprint weigh(Fingerprint fp, TermWeights& weights);

// A term is rare when at most this share of the articles (and at least
// kRareMinDocs of them) have it: a name or figure of one event, not of a
// daily template (the candidate query's rarity, indexer/story_grouper.h).
inline constexpr double kRareTermShare = 0.002;
inline constexpr double kRareMinDocs = 50;
bool is_rare_term(const TermWeights& weights, const std::string& term);

// The term a fingerprint number ("1750") is indexed as: the index keeps
// thousands separators ("1,750") unless the number was written without them.
std::string indexed_number(const Xapian::Database& db, const std::string& number);

struct Evidence {
    double cosine = 0;
    double numbers = 1;
    double entities = 1;
    double shingles = 0;  // shared stem pairs / pairs in the shorter body
    double length = 1;
    // Share of each article's term weight (squared unit weights, so common
    // words count little) whose stem the other also has or which shares a
    // WordNet synset with one of the other's stems; the lower and the higher
    // of the two directions. Synonym swaps leave these high where cosine
    // and shingles fall.
    double senses = 0;
    double senses_max = 0;
    uint32_t shorter_body = 0;        // body words of the shorter article
    uint32_t title_novel = 0;         // title words of either found nowhere in the other
    bool both_correction = false;     // both headings mark a correction (of what, unknown)
    // Both headings carry numbers and they are not the same numbers: another
    // snapshot, date or period of one template ("CBT 11:40" vs "CBT 12:40").
    bool title_numbers_differ = false;
    // Both headings carry a time of day ("CBT 11:40 EDT") and share none:
    // two snapshots of one quote table, never versions of one article.
    bool other_snapshot = false;
    bool correction = false;          // either title marks a correction or repeat
    bool headline_only = false;       // either article has no body (a flash)
    bool both_headline_only = false;
    // What one article has and the other lacks, counted (not shared): a table
    // keyed twice with one figure changed differs by one or two numbers, an
    // opening and a closing report by many; the same layout for another
    // company or fund differs in its names.
    uint32_t novel_numbers = 0;   // numbers found in only one of the two
    uint32_t novel_entities = 0;  // capitalised names found in only one of the two
    // The same counted per side, the smaller side's count: what BOTH add. A cut or
    // spun copy adds no names or figures of its own (its novel ones are what it
    // dropped; inserted link lines are not scanned, see without_link_and_credit_lines),
    // separately written reports add on both sides.
    uint32_t added_numbers = 0;
    uint32_t added_entities = 0;
    // Shared stem pairs / pairs in the longer body: a short item whose
    // wording sits inside a long report shares little of the long one's.
    double shingles_of_longer = 0;
    // The share of one article's sentences (WeighedFingerprint::
    // sentence_ends) that keep kSentenceKept of their trigrams in the other,
    // the higher of the two directions; how many they are (the larger
    // count); whether the first sentences share kLeadShared of their
    // trigrams. 0 unless both have sentences. A copy cut shorter or
    // re-edited keeps whole sentences of its original, figures included,
    // where the pairs shared overall fall with what it dropped or rewrote; a
    // separately written report of one event keeps almost none.
    double shared_sentences = 0;
    uint32_t sentences_kept = 0;
    bool lead_shared = false;
    // The body's figures and names in one order (Fingerprint::anchors): the
    // longest common subsequence of the two sequences over the shorter's
    // length. A copy, cut, spun or reworded, keeps them in order (training
    // pairs: median 1.0 for edited copies, 0.89 for heavy rewrites);
    // separately written reports of one event and follow-ups order them
    // their own way (median 0.5). Absent order is no evidence against: 1 and
    // anchors_ordered false when either has fewer than kMinAnchors.
    double anchor_order = 1;
    bool anchors_ordered = false;
    // The share of the runs of kFunctionRun function words in a row
    // (Fingerprint::function_words) of the article with fewer that the other
    // has too, repeats counted: the syntax kept with the content words
    // swapped. On the training split's pairs with runs enough: median 0.78
    // for heavy WordNet spins, 0.96 for hand-labelled DUPs, 0 for
    // hand-labelled SAME_EVENT pairs (1% reach 0.5). Template look-alikes (one
    // layout filled in for another company or day) keep it too: names and
    // figures tell them apart. 0 and function_runs_counted false when either
    // has fewer than kMinFunctionRuns, so that the fit can tell "too few to
    // say" (a results table has a handful of stop words) from "none shared";
    // coded as 1, "no evidence against", the trees scored two short abstracts
    // with nothing else in common as one story (bench-dedup-ood: 24 NPL
    // abstracts joined).
    double function_runs = 0;
    bool function_runs_counted = false;
    // Both headings name one stock symbol (Fingerprint::tickers).
    bool same_ticker = false;
    // One is a correction notice quoting the other's headline
    // (Fingerprint::corrected_heading): at least kQuotedHeadingShare of the
    // larger of the two stem sets, and two stems, shared.
    bool corrects_other = false;
    std::optional<long> days;
    std::optional<long> minutes;  // when both have a time of day
    // Rare names, numbers and stems both have (see WeighedFingerprint).
    uint32_t rare_entities = 0;
    uint32_t rare_numbers = 0;
    uint32_t rare_stems = 0;
};

inline constexpr double kQuotedHeadingShare = 0.75;
inline constexpr double kSentenceKept = 0.7;
inline constexpr double kLeadShared = 0.6;
// Fewer figures and names than this say nothing about their order.
inline constexpr size_t kMinAnchors = 3;
// Function words in a run (Stamatatos' stopword n-grams: 5 to 8 worked for
// paraphrased copies; 5 keeps more of a heavily spun one), and the fewest
// runs that say anything (a sentence or two).
inline constexpr size_t kFunctionRun = 5;
inline constexpr size_t kMinFunctionRuns = 8;

enum class Relation { kDifferent, kSameEvent, kSameStory };

// The stored fingerprint of a document, weighed; empty if it has none or it
// is damaged (such an article is then never merged with another).
WeighedFingerprint load_fingerprint(const Xapian::Document& doc, TermWeights& weights);
// The same, and in `found` the document's first term with `prefix`, read in
// the same walk of its termlist (stored_fingerprint's overload); nothing if
// the fingerprint is missing or damaged.
WeighedFingerprint load_fingerprint(const Xapian::Document& doc, TermWeights& weights, std::string_view prefix,
                                    std::optional<std::string>& found);

Evidence compare(const WeighedFingerprint& a, const WeighedFingerprint& b);
// The cosine compare() finds (Evidence::cosine) without the rest of the
// evidence: a merge of the two term lists, about a tenth of compare()'s cost.
double cosine(const WeighedFingerprint& a, const WeighedFingerprint& b);

// Articles about one event share distinctive words (names, places, rare
// words), whatever else agrees: judge() finds a pair whose cosine is below
// this different (rule "nothing-shared"; two flashes need 0.6), so the
// grouper need not gather the rest of their evidence.
inline constexpr double kMinSharedCosine = 0.2;
Relation judge(const Evidence& e);  // common/dedup_decision.cc
const char* to_string(Relation r);

// The evidence as a JSON object (for `news-index compare` and audits).
std::string evidence_json(const Evidence& e);

}  // namespace news
