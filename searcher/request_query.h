// Everything a search request asks to match, as one Xapian query: the
// parsed query text (or --like), its spelling correction when asked for,
// the --since/--until dates as a filter, and the recency boost.
#pragma once

#include <xapian.h>

#include "searcher/search.h"

namespace news {

struct RequestQuery {
    Xapian::Query matching;  // what matches; snippets highlight its words
    // The same matches, ranked: with the rank-only additions (title words,
    // word pairs, recency; all OP_AND_MAYBE), feedback terms not yet. With
    // feedback, without recency too: the rerank adds both to the candidates
    // this query chooses.
    Xapian::Query ranked;
    // `ranked` before the dates and the recency boost, and whether
    // pseudo-relevance feedback is wanted: then the search reranks its best
    // candidates by ranked_query(db, request, with_feedback(words_ranked, ...)).
    Xapian::Query words_ranked;
    bool feedback = false;
};

// Also fills in result.parsed's companions: suggestion, corrected,
// plain_text. Throws QuerySyntaxError / Error(kUsage) as parse_query does.
RequestQuery request_query(const Xapian::Database& db, const SearchRequest& request, SearchResult& result);

// `words_ranked` (a ranked query of the request's words) with the request's
// dates as a filter and the recency boost: what the search ranks by.
Xapian::Query ranked_query(const Xapian::Database& db, const SearchRequest& request, const Xapian::Query& words_ranked);

}  // namespace news
