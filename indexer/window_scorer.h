// Exact BM25 scores of a date window's documents for a candidate query,
// without Xapian's matcher.
//
// Duplicate detection's candidate search (indexer/story_grouper.h) ranks the
// documents of a date window by an OR of ~40 terms. Xapian's matcher spent
// ~2,200 instructions on each matched document, half of a build's grouping
// time. WindowScorer computes the same weights directly: the parts of
// Xapian 1.4's default BM25Weight in its operation order, summed in the
// shape of the tree of binary OrPostLists Xapian builds for the OR. Each
// weight is then the very double MSet::get_weight() returns, so the ranking,
// its ties and therefore the groups do not change
// (tests/window_scorer_tests.cc; NEWS_VERIFY_CANDIDATES=1 compares the two
// on a whole build).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace news {

// Xapian::BM25Weight()'s defaults in 1.4 (xapian/weight.h), which the
// candidate search's Enquire uses.
struct Bm25Parameters {
    static constexpr double k1 = 1, k2 = 0, k3 = 1, b = 0.5, min_normlen = 0.5;
};

class WindowScorer {
  public:
    struct Match {
        Xapian::docid doc;
        double weight;
    };
    // `db`: a database of one shard, unchanged while the scorer lives (term
    // frequencies are remembered).
    explicit WindowScorer(const Xapian::Database& db);

    // Runs of document ids [first, last], ascending and apart, that hold
    // every document of a window (and maybe some others).
    using DocidRuns = std::vector<std::pair<Xapian::docid, Xapian::docid>>;

    // Every document marked in `in_window` (indexed by docid; documents past
    // its end are outside) that holds at least one of `terms`, with its
    // weight for OP_OR of `terms` (each with wqf 1) in the order given, as
    // Xapian 1.4 weighs it. In no particular order. The postings are read
    // from memory if `from_memory` (every marked document must then have
    // been add()ed), else from the terms' posting lists: the same doubles
    // either way, since both feed the same arithmetic the same integers.
    // With `runs` (covering every marked document), a posting list much
    // longer than the runs are many is read run by run, skipping to each
    // one's start, instead of from its first posting: articles indexed in
    // date order make a window a few runs of document ids, so the cost then
    // follows the window, not the whole database. The same matches.
    //
    // `window` names the window (`in_window` with `runs`): while score() is
    // called with the same non-zero `window`, a term's window postings are
    // read from its posting list once and kept (in at most
    // kWindowPostingsBytes), since the articles of one day share a window
    // and their queries share terms (on Reuters, 42% of the lists read had
    // been read in the same window, with 76% of the postings). Another
    // `window` forgets them. A name must not be used again for another
    // window; 0 keeps nothing.
    std::vector<Match> score(const std::vector<std::string>& terms, const std::vector<uint8_t>& in_window,
                             bool from_memory = false, const DocidRuns* runs = nullptr, uint64_t window = 0);

    // Keeps a document's postings in memory (read from its termlist once,
    // instead of walking each query term's whole posting list for the few
    // documents of the window). Adding a document kept already does nothing.
    void add(Xapian::docid doc);
    // Forgets a document's postings (left in place until they are many).
    void remove(Xapian::docid doc);
    // Forgets every document's postings.
    void clear();
    // Roughly the heap bytes the kept postings take.
    size_t memory_bytes() const;

    // `docs` (ascending) as runs, a gap of at most `max_gap` ids left inside
    // a run: reading a few postings costs less than a skip.
    static DocidRuns runs_of(const std::vector<Xapian::docid>& docs, Xapian::docid max_gap);

    // BM25Weight's term weight of a term in `termfreq` of `doccount`
    // documents (wqf 1, factor 1).
    static double term_weight(Xapian::doccount doccount, Xapian::doccount termfreq);
    // The document's half of BM25Weight::get_sumpart()'s denominator, for a
    // document of length `doclen` in a database of average length
    // 1 / `len_factor`.
    static double length_part(double len_factor, Xapian::termcount doclen);
    // BM25Weight::get_sumpart() of a term in a document with that length part.
    static double part(double term_weight, double length_part, Xapian::termcount wdf);

  private:
    struct Term {
        Xapian::doccount termfreq;
        double weight;
    };
    const Term& term(const std::string& name);
    // Builds tree_ for `leaves` leaves with these term frequencies.
    void build_tree(const std::vector<Xapian::doccount>& termfreqs);
    double tree_sum(const std::vector<std::pair<uint32_t, double>>& parts);
    // length_part() of a document, looked up once: a PostingIterator's
    // get_doclength() cost ~2,700 instructions a call.
    double length_part_of(Xapian::docid doc);
    // Records one matching posting of leaf `leaf` for `doc`.
    void collect(uint32_t leaf, Xapian::docid doc, double part);
    // Drops the postings of removed documents.
    void compact();

    Xapian::Database db_;
    Xapian::doccount doccount_;
    double len_factor_;
    // The database is a snapshot: a term's frequency and weight never change.
    std::unordered_map<std::string, Term> terms_;
    std::vector<double> length_parts_;  // by docid; negative: not looked up yet
    // The OR tree of the current query: node i >= leaves_ joins
    // tree_[i - leaves_]'s two nodes (children are made before parents).
    size_t leaves_ = 0;
    std::vector<std::pair<uint32_t, uint32_t>> tree_;
    // The in-memory postings: a term's (docid, wdf) pairs, and each kept
    // document's length part, posting count and whether it is kept.
    struct Posting {
        Xapian::docid doc;
        Xapian::termcount wdf;
    };
    std::unordered_map<std::string, std::vector<Posting>> postings_;
    // The postings in window `kept_window_` of the terms score() read.
    std::unordered_map<std::string, std::vector<Posting>> window_postings_;
    size_t window_postings_bytes_ = 0;
    uint64_t kept_window_ = 0;
    struct Kept {
        uint32_t postings = 0;
        bool kept = false;
        bool stale = false;  // removed, its postings still in postings_
    };
    std::vector<Kept> kept_;  // by docid
    size_t live_postings_ = 0, dead_postings_ = 0;
    // Scratch reused by every query.
    std::vector<uint32_t> slot_of_;  // by docid: 1 + index in docs_, 0 unseen
    std::vector<Xapian::docid> docs_;
    std::vector<std::vector<std::pair<uint32_t, double>>> parts_;  // (leaf, part) by docs_ index
    std::vector<double> value_;
    std::vector<uint8_t> present_;
};

}  // namespace news
