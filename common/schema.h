// The database schema of news-search: every term prefix, value slot and
// metadata key, defined here once. The indexer and the searcher use these
// names and never spell a prefix or slot number anywhere else.
//
// One Xapian document per article:
//   terms   - unprefixed stemmed ("Z") and unstemmed words of title and body,
//             with positions; title words also under kTitle. Boolean terms
//             for the unique id, source, story and event keys.
//   values  - see the slots below; slot numbers are part of the on-disk
//             format and must never be renumbered or reused.
//   data    - the article's fields (common/article.h, serialise_article),
//             kept for display and snippets.
//   spelling - Xapian's spelling data: the unstemmed words of the articles
//             (no digits), for "Did you mean" corrections.
#pragma once

#include <xapian.h>

#include <iterator>
#include <string>
#include <string_view>

namespace news::schema {

// Bump when a change makes old databases unreadable or wrong; checked on open.
// 3: source value slot (kSource); 4: spelling data (news-search "Did you mean");
// 5: publication-day terms (prefix::kDay), which duplicate detection's date window needs,
//    and the recency weight value slot (kRecencyWeight), so remote shards can boost recency,
//    and file path terms (prefix::kPath) with absolute stored paths.
// 6: words indexed with accents folded ("cafe" for "Café", common/fold.h) and CJK text as
//    unigrams and bigrams (TermGenerator::FLAG_CJK_NGRAM).
// 7: the fingerprint slot (kFingerprint) without the fingerprint's terms, which are read
//    from the termlist (common/fingerprint_storage.h): a smaller index; and fingerprints of
//    format 4 (an untitled item's heading words as its title words, common/fingerprint.h),
//    which older ones would never match.
// 8: the fingerprint slot's word-pair hashes in 4 bytes each, first (common/fingerprint_storage.h),
//    and fingerprints of format 5 (times of day such as "11:40" kept whole among the numbers,
//    common/fingerprint.h), which older ones would not match.
// 9: the fingerprint slot's shingles Rice-coded and its word lists stored as references to
//    the document's terms (common/fingerprint_storage.h), and the document data in a compact
//    binary form instead of JSON (common/article.h), content hashes in 8 bytes, not 16 hex
//    digits: a smaller index, unreadable by schema 8.
// 10: fingerprints of format 6 (common/fingerprint.h): the sentence of each word-pair hash,
//    for the shared-sentences evidence, and fractions read as decimals ("17-1/2" is 17.5).
// 11: fingerprints of format 7: figures with their scale ("4.9 mln" is "4.9m", matched to
//    4,895,720) and the heading's tickers.
// 12: fingerprints of format 8: a market report's session among the heading's times
//    ("WHEAT CLOSES HIGHER", "AT MIDSESSION"), which format 7 would not tell apart.
// 13: fingerprints of format 9: the body's numbers and names in text order, for the
//    anchor-order evidence (Evidence::anchor_order), which format 8 lacks.
// 14: fingerprints of format 10: bylines and credit lines not read as the article's names
//    and figures (common/fingerprint.h, without_link_and_credit_lines), and a heading marks a
//    correction only by its first word, "corrects" or a last "RPT".
// 15: fingerprints of format 11: the body's function words in order, for the
//    function-runs evidence (Evidence::function_runs), which format 10 lacks.
// 16: wire shorthand read as its words in fingerprints ("shr" as "share",
//    "dlrs" as "dollars": common/fingerprint.h, written_out), so a copy that
//    spells it out compares alike; fingerprints of 15 read it as written.
inline constexpr int kVersion = 16;

// Stemming language of TermGenerator, QueryParser and snippets; indexer and
// searcher must agree on it, so it is part of the schema.
inline constexpr const char* kStemLanguage = "english";

// ---- Term prefixes (Xapian conventions: docs/termprefixes.rst) ----
namespace prefix {
// Unique article id: replace_document(kId + id) makes re-indexing idempotent.
inline constexpr std::string_view kId = "Q";
// Words of the title, for `title:` queries.
inline constexpr std::string_view kTitle = "S";
// Lower-cased source name, a boolean filter for `source:`.
inline constexpr std::string_view kSource = "XSOURCE";
// Lower-cased URL host, a boolean filter for `site:`.
inline constexpr std::string_view kSite = "H";
// Story key (versions of one article); finds all versions of a hit.
inline constexpr std::string_view kStory = "XSTORY";
// Event key (different articles about one event); the looser grouping.
inline constexpr std::string_view kEvent = "XEVENT";
// Xapian's own prefix for the stemmed forms TermGenerator and QueryParser
// make (STEM_SOME): "Ztalk" for "talks". Named here so no code spells it.
inline constexpr std::string_view kStemmed = "Z";
// Absolute path of the file a whole-file article (.txt, .html) or a web
// archive's articles came from, so a path shown anywhere works as an id
// (a web archive's path names its article only while it holds one).
inline constexpr std::string_view kPath = "XPATH";
// Marks an article without a date (the term is the prefix alone), so that
// duplicate detection's date window can still reach undated versions.
inline constexpr std::string_view kUndated = "XUNDATED";
// Publication day, "D" + "YYYYMMDD" (Xapian's convention for date terms), a
// boolean term on every dated article. Duplicate detection restricts its
// candidates to a date window by OR-ing the window's day terms: posting
// lists the matcher skips along, so a candidate search costs what the
// window holds, not what the archive holds (a value range is tested
// document by document).
inline constexpr std::string_view kDay = "D";
}  // namespace prefix

// ---- Value slots (never renumber) ----
namespace slot {
// Publication date as "YYYYMMDD" (sorts as a string; Xapian's
// DateRangeProcessor reads this form). Empty when the date is unknown.
inline constexpr Xapian::valueno kDate = 0;
// Story key, 16 hex digits: Enquire::set_collapse_key collapses on it.
inline constexpr Xapian::valueno kStory = 1;
// Event key, 16 hex digits: collapse key for `--group event`.
inline constexpr Xapian::valueno kEvent = 2;
// Hash of the article's indexed content: an unchanged article is skipped.
inline constexpr Xapian::valueno kContentHash = 3;
// Serialised duplicate-detection features (common/fingerprint.h) but for
// their terms, which the termlist holds; shingles Rice-coded, word lists by reference to the
// document's terms (common/fingerprint_storage.h).
inline constexpr Xapian::valueno kFingerprint = 4;
// Publication time as sortable_serialise(seconds since 1970), for --sort.
inline constexpr Xapian::valueno kTimestamp = 5;
// Source name as `source:` takes it (trimmed, lower-cased, bounded like the
// kSource term), so a source facet's value is the filter that drills into it.
// Empty when the article names no source.
inline constexpr Xapian::valueno kSource = 6;
// Recency weight as sortable_serialise(recency_weight(publication time))
// (common/recency_weight.h): read by Xapian's ValueWeightPostingSource for
// the recency boost, which a remote xapian-tcpsrv can run. Empty when undated.
inline constexpr Xapian::valueno kRecencyWeight = 7;
}  // namespace slot

// ---- Database metadata keys ----
namespace metadata {
// Schema version the database was written with (decimal kVersion).
inline constexpr std::string_view kSchemaVersion = "news-search:schema";
// JSON summary of the last `build` (counts, seconds, "finished" as UTC
// ISO 8601, stopped_early), for audits and `news-index stats`.
inline constexpr std::string_view kLastBuild = "news-search:last-build";
// Prefix of the records of articles indexed but not yet grouped into stories
// (JSON: docids and the old group keys to split). One record per batch,
// written in the batch's commit and removed once grouping is committed, so an interrupted build or
// one run with --no-group is grouped by the next build.
inline constexpr std::string_view kPendingGrouping = "news-search:pending-grouping:";
// Prefix of the saved searches (`news-search --save NAME`), one per NAME:
// JSON of its query and options, the last docid matched against it, and its
// unread alerts (searcher/saved_searches.h). Written by news-search and by
// each build, which matches the articles it added.
inline constexpr std::string_view kSavedSearch = "news-search:saved-search:";
}  // namespace metadata

// ---- Query-parser field names mapped onto the prefixes above ----
namespace field {
inline constexpr std::string_view kTitle = "title";
inline constexpr std::string_view kSource = "source";
inline constexpr std::string_view kSite = "site";
inline constexpr std::string_view kId = "id";
inline constexpr std::string_view kDate = "date";
inline constexpr std::string_view kStory = "story";
}  // namespace field

namespace detail {
constexpr bool starts_with(std::string_view s, std::string_view p) {
    return s.substr(0, p.size()) == p;
}
// Xapian splits a boolean term after its prefix by the case of the next
// letter, so no prefix may be a leading part of another one.
constexpr bool prefixes_distinct() {
    constexpr std::string_view all[] = {prefix::kId, prefix::kTitle, prefix::kSource,
                                        prefix::kSite, prefix::kStory, prefix::kEvent,
                                        prefix::kUndated, prefix::kDay, prefix::kStemmed};
    for (auto a : all)
        for (auto b : all)
            if (a != b && starts_with(a, b)) return false;
    return true;
}
constexpr bool slots_distinct() {
    constexpr Xapian::valueno all[] = {slot::kDate, slot::kStory, slot::kEvent,
                                       slot::kContentHash, slot::kFingerprint, slot::kTimestamp,
                                       slot::kSource, slot::kRecencyWeight};
    for (auto a = std::begin(all); a != std::end(all); ++a)
        for (auto b = a + 1; b != std::end(all); ++b)
            if (*a == *b) return false;
    return true;
}
}  // namespace detail

static_assert(detail::prefixes_distinct(), "term prefixes must not overlap");
static_assert(detail::slots_distinct(), "value slots must be distinct");

// Builds a prefixed term: term(prefix::kId, "reuters-1") == "Qreuters-1".
std::string term(std::string_view prefix, std::string_view value);

}  // namespace news::schema
