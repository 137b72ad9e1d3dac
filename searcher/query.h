// The query language: Xapian's QueryParser configured from the schema.
// Free text is stemmed English with stop words dropped, combined with OR so
// that a pasted question ranks by its content words and never comes back
// empty for want of one word; "phrases", AND/OR/NOT, +must/-mustnot,
// title:, source:, site:, id:, story: and date:START..END work.
#pragma once

#include <xapian.h>

#include <string>

namespace news {

// Throws news::Error(kUsage) for an empty query or one Xapian cannot parse.
Xapian::Query parse_query(const std::string& text, const Xapian::Database& db);

// The stemmer queries and snippets use; the indexer's TermGenerator matches it.
const Xapian::Stem& english_stemmer();

}  // namespace news
