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
    // word pairs, feedback terms, recency; all OP_AND_MAYBE).
    Xapian::Query ranked;
};

// Also fills in result.parsed's companions: suggestion, corrected,
// plain_text. Throws QuerySyntaxError / Error(kUsage) as parse_query does.
RequestQuery request_query(const Xapian::Database& db, const SearchRequest& request, SearchResult& result);

}  // namespace news
