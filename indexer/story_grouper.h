// Duplicate-story detection at index time.
//
// For every article added or changed by a build, candidates are found with a
// Xapian query over the article's most distinctive stems (highest tf-idf),
// restricted to a date window around its date (undated articles are always
// candidates); on a one-shard database a dated article's window is ranked by
// WindowScorer (indexer/window_scorer.h), to the same weights without the
// matcher. Each candidate is then verified with judge() from
// common/similarity.h. Verified pairs are links; groups are the connected
// components of the links, merged with the existing groups the linked
// articles already belong to, so an article added later joins its group and
// an article that links two groups merges them. At the event level, links
// between short template-prone items are bounded (indexer/event_chain_bound.h):
// they attach a lone article to a group spanning at most a day, never merge
// two groups.
//
// A group's key is group_key() of its smallest article id, so the grouping
// does not depend on the order articles arrive in. Two levels are kept:
// story (versions of one article: the default collapse) and event
// (different articles about one event).
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/similarity.h"
#include "indexer/window_scorer.h"

namespace news {

struct GroupingStats {
    size_t articles = 0;          // articles whose versions were searched for
    // Documents the candidate queries matched in their date windows (each
    // scored, of which the best kCandidatesPerArticle are
    // verified): what an article costs grows with this, the window's density.
    size_t matched = 0;
    size_t fingerprints_read = 0;  // fingerprints loaded from the database (cache misses)
    size_t comparisons = 0;       // candidate pairs verified
    // Of those, pairs found different by their cosine alone (kMinSharedCosine),
    // without the full evidence.
    size_t ruled_out = 0;
    // Candidates left unverified because their dates are too far apart for
    // any link (beyond_link_reach): their fingerprints are not loaded.
    size_t out_of_reach = 0;
    size_t story_links = 0;       // pairs judged versions of one story
    // Articles story-linked to many others that are not linked to each other
    // (indexer/story_hub_bound.h), and the story links refused them.
    size_t story_hubs = 0;
    size_t story_links_refused = 0;
    std::vector<std::string> story_hub_ids;  // their article ids, sorted
    size_t event_links = 0;       // pairs judged about one event (story links included)
    size_t rekeyed = 0;           // (document, level) keys changed
    // Of the grouping's time, rewriting the documents whose keys changed:
    // Xapian 1.4 reads a document's every term and position to change one
    // of its terms (Document::Internal::need_terms), ~1 ms a document.
    double rewrite_seconds = 0;
};

// Candidates fetched per article; generous, since verification is cheap
// next to missing a version. Ties at the cut go by article id.
inline constexpr Xapian::doccount kCandidatesPerArticle = 15;
// Matches fetched by a candidate search's first page (more while the last
// one fetched ties with the cut; the article itself is one of them).
inline constexpr Xapian::doccount kFirstCandidatePage = 64;
static_assert(kFirstCandidatePage > kCandidatesPerArticle + 1, "a page must hold the cut and the article");
// The candidate query: the most distinctive stems (tf-idf), and what
// survives a synonym-swapping rewrite: the rarest other stems, the names,
// the numbers (rarest first).
inline constexpr size_t kQueryTerms = 16;
inline constexpr size_t kQueryRareTerms = 8;
inline constexpr size_t kQueryEntities = 10;
inline constexpr size_t kQueryNumbers = 10;
// Stems in more than this share of articles (and more than kMinCommonDocs)
// are left out of the candidate query.
inline constexpr double kMaxQueryTermShare = 0.05;
inline constexpr double kMinCommonDocs = 50;
// Names, numbers and rare stems join the query only if in at most this
// share of articles (or kMinCommonDocs, whichever is more).
inline constexpr double kMaxExtraTermShare = 0.002;
// Articles to group before a second thread is worth starting.
inline constexpr size_t kMinArticlesPerWorker = 200;
// Memory for the fingerprints duplicate detection keeps at hand, all
// threads together (~8 KB an entry for Reuters, ~16,000 entries: a date
// window of Reuters 1x holds ~4,400 articles, of the 10x copy ~10 times as
// many). A denser archive's windows outgrow it; a fingerprint is then read
// again when needed (GroupingStats::fingerprints_read, ~0.2 ms each). On the
// 10x copy, 128 MB read 266,298 for 215,770 articles, 256 MB each once; 64 MB
// read 2.7 times as many as 128 MB on a 3x Reuters before; unbounded, the
// caches were most of the growth of grouping's memory with archive size
// (README: Memory and scale).
inline constexpr size_t kFingerprintCacheBytes = size_t{128} << 20;
// Window documents per article to be grouped beyond which keeping a
// window's postings in memory is not worth reading the window's termlists:
// a small batch added to a big archive reads the posting lists instead.
inline constexpr size_t kWindowDocumentsPerArticle = 8;
// Days either side of the article's date searched for versions.
inline constexpr long kDateWindowDays = 7;

// Days apart from which two dated articles are never linked: judge()'s
// rules (common/dedup_decision.cc) allow a story link within 96 hours, an
// event link within 96, two flashes within 12, and dates 5 days apart are
// more than 96 hours apart whether or not times are known (a publication
// minute lies within its day). The date window searched is wider
// (kDateWindowDays) because it ranks the candidates: narrowing it would
// change which are the best kCandidatesPerArticle. tests/link_reach_tests.cc
// checks that judge() keeps to this.
inline constexpr long kMaxLinkDaysApart = 4;

// A candidate pair whose cosine is below kMinSharedCosine (common/
// similarity.h) by more than this margin is not compared further: judge()
// finds it different whatever else it shares (tests/link_reach_tests.cc
// holds judge() to it). The margin covers rounding: the cosine of unit
// vectors summed in another order differs by ~1e-14 at most.
inline constexpr double kCosineMargin = 1e-9;

// True when articles published on these days cannot be linked, so the
// candidate need not be loaded and compared (undated: always reachable).
inline bool beyond_link_reach(std::optional<long> day, std::optional<long> other_day) {
    return day && other_day && std::labs(*day - *other_day) > kMaxLinkDaysApart;
}

// Terms of each kind in the candidate query (zero leaves a kind out: the
// candidate-recall benchmark compares the stems-only query this way).
struct CandidateQueryShape {
    size_t distinctive_stems = kQueryTerms;
    size_t rare_stems = kQueryRareTerms;
    size_t entities = kQueryEntities;
    size_t numbers = kQueryNumbers;
};

// Finds the candidate versions of articles in one database (one handle per
// thread). Exposed for the candidate-recall benchmark (scripts/bench-candidates).
class CandidateFinder {
  public:
    // The article id of a document (used to break ties at the cut); by
    // default read from the database.
    using IdLookup = std::function<std::string(Xapian::docid)>;
    CandidateFinder(const Xapian::Database& db, TermWeights& weights, CandidateQueryShape shape = {},
                    IdLookup ids = {});
    ~CandidateFinder();
    // The documents worth verifying against `article` (document `self`,
    // left out), best first.
    std::vector<Xapian::docid> find(const WeighedFingerprint& article, Xapian::docid self);
    // A document's publication day (Date::days()), if dated: known from the
    // date windows read, else from its date value (no fingerprint loaded).
    std::optional<long> publication_day(Xapian::docid id) const;
    // Documents matched by the candidate queries of find() so far.
    size_t matched() const { return matched_; }
    // Lets find() keep the postings of a date window in memory, in at most
    // `bytes`, while a window holds at most kWindowDocumentsPerArticle
    // documents per article in `articles`, the number find() will be
    // asked about (the choice never changes a result, only its cost).
    // Builds do not: reading the window's termlists cost about what it
    // saved (grouping full Reuters + BBC in one thread: 14.0 s user with
    // it, 14.3 s reading posting lists, 45 MB more memory; the first 2,000
    // Reuters: 0.07 G instructions more), so find() reads the query terms'
    // posting lists unless told otherwise.
    void keep_windows(size_t bytes, size_t articles);

    // With NEWS_VERIFY_CANDIDATES=1 in the environment, find() also runs
    // the matcher for every article the scorer ranks and counts where the
    // two differ: what report_verification() prints (to stderr).
    void report_verification() const;

  private:
    struct Verification;
    // The candidate query's terms, sorted and unique.
    std::vector<std::string> query_terms(const WeighedFingerprint& article);
    // Those terms as the query the matcher runs (within the article's date window).
    Xapian::Query query(const WeighedFingerprint& article, const std::vector<std::string>& terms);
    std::vector<Xapian::docid> find_by_matcher(const Xapian::Query& query, Xapian::docid self);
    std::vector<Xapian::docid> find_by_scorer(const std::vector<std::string>& terms, long day, Xapian::docid self);
    Xapian::Database db_;
    TermWeights& weights_;
    CandidateQueryShape shape_;
    IdLookup ids_;
    class DayWindows;
    std::unique_ptr<DayWindows> windows_;  // of a one-shard database
    std::unique_ptr<WindowScorer> scorer_;  // with windows_
    // windows_'s documents of the window in_window_ marks (by docid).
    std::shared_ptr<const std::vector<Xapian::docid>> marked_;
    std::vector<uint8_t> in_window_;
    // The same documents as runs of ids, for the scorer to skip between.
    std::vector<std::pair<Xapian::docid, Xapian::docid>> window_runs_;
    uint64_t window_number_ = 0;  // names the window marked (WindowScorer::score's `window`)
    size_t window_index_bytes_ = 0;  // keep_windows()
    size_t articles_ = 0;
    bool from_memory_ = false;  // marked_'s documents are kept by scorer_
    Xapian::Enquire enquire_;
    size_t matched_ = 0;
    std::unique_ptr<Verification> verify_;
};

// Splits the story and event groups with these keys back into single
// articles (each keyed by its own id) and returns their members, to be
// grouped afresh: used when a member's text changed, which may unlink it.
std::vector<Xapian::docid> dissolve_groups(Xapian::WritableDatabase& db, const std::vector<std::string>& story_keys,
                                           const std::vector<std::string>& event_keys);

// Re-keys what is left of the story and event groups with these keys after
// members were deleted: each gets the key of its smallest remaining id (a
// lone survivor its own key), so the survivors stay together and the keys
// stay independent of history. Returns the documents rewritten.
size_t rekey_remaining(Xapian::WritableDatabase& db, const std::vector<std::string>& story_keys,
                       const std::vector<std::string>& event_keys);

// Regroups `changed` (committed documents) against the whole database at
// `db_path`, searching for candidates in `jobs` threads, each with its own
// read-only handle; `db` (the writer on the same path) rewrites group keys.
// The caller commits afterwards.
GroupingStats group_stories(Xapian::WritableDatabase& db, const std::string& db_path,
                            const std::vector<Xapian::docid>& changed, unsigned jobs);

}  // namespace news
