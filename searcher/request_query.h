// Everything a search request asks to match, as one Xapian query: the
// parsed query text (or --like), its spelling correction when asked for,
// the --since/--until dates as a filter, and the recency boost.
#pragma once

#include <xapian.h>

#include "searcher/search.h"

namespace news {

// Also fills in result.parsed's companions: suggestion, corrected,
// plain_text. Throws QuerySyntaxError / Error(kUsage) as parse_query does.
Xapian::Query request_query(const Xapian::Database& db, const SearchRequest& request, SearchResult& result);

}  // namespace news
