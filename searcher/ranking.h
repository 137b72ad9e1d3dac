// How relevance is scored: the BM25 parameters and the query-side additions
// (title weight, proximity bonus, pseudo-relevance feedback), with the values
// scripts/eval-ranking measured and scripts/tune-ranking chose (README,
// "Ranking"). A spec string overrides them for those scripts
// (`news-search --ranking k1=1.2,b=0.75`), so a parameter can be measured
// without a rebuild; users have no reason to touch it.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>

namespace news {

struct RankingParams {
    // BM25 (Xapian::BM25Weight): term-frequency saturation and length
    // normalisation. Xapian's own defaults are k1 = 1, b = 0.5.
    double k1 = 1.6;
    double b = 0.5;
    // BM25+ lower bound for a matching term's tf part (0: plain BM25).
    double bm25plus_delta = 0;
    // Title words: the query again over the title field (prefix kTitle),
    // at this share of the body weight; 0 leaves titles to the index's
    // doubled title wdf.
    double title_weight = 0.3;
    // Pseudo-relevance feedback: the `feedback_terms` best expand terms of
    // the top `feedback_docs` hits, added with OP_AND_MAYBE (they rerank,
    // they never add matches) at `feedback_weight` of a query word's weight.
    Xapian::doccount feedback_docs = 10;
    Xapian::termcount feedback_terms = 20;
    double feedback_weight = 0.3;
    // ... only for queries of at least this many distinct words (stems).
    // Measured to help at every length ranking-dev has (2 words and up,
    // README "Ranking"); a one-word query has none there, and feedback
    // more than doubles such a search's work (its own match, and 20 more
    // terms in the main one) for expansions of a single word.
    Xapian::termcount feedback_min_words = 2;
    // ... which rerank only the best `feedback_depth` candidates of the match
    // without them (or the page, if it ends deeper): a second match of the
    // whole database cost more than the rest of a search (README, "Search
    // speed"). 100, the depth scripts/eval-ranking judges, so that its
    // figures are those of every page within the first 100 hits.
    Xapian::doccount feedback_depth = 100;
    // Proximity bonus: each pair of neighbouring query words found within
    // `proximity_window` words of each other adds `proximity_weight` times
    // the pair's weight (OP_AND_MAYBE, so it only reranks).
    double proximity_weight = 0;
    Xapian::termcount proximity_window = 8;
    // Drop request boilerplate from pasted questions ("describe", "documents
    // about", "information on"): words that ask rather than say what about.
    bool drop_boilerplate = false;
    // Pasted text is lower-cased before parsing, so that capitalised and
    // all-capitals words are stemmed like the others (QueryParser's
    // STEM_SOME leaves capitalised words unstemmed, taking them for names).
    bool stem_capitalised = true;
};

// `spec` is "name=value,..." over the fields above (k1, b, bm25plus,
// title, feedback_docs, feedback_terms, feedback_weight, feedback_min_words,
// feedback_depth, proximity, proximity_window, boilerplate, stem_capitalised); unnamed fields keep
// their defaults. Throws Error(kUsage) naming a bad name or value.
RankingParams parse_ranking_params(const std::string& spec);

// The weighting scheme for Enquire::set_weighting_scheme.
std::unique_ptr<Xapian::Weight> make_weight(const RankingParams& params);

}  // namespace news
