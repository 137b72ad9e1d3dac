// More like this (`--like ID`): the article's most telling words, found by
// Xapian's relevance feedback (Enquire::get_eset over an RSet of the
// article), as a query that leaves out the article and its whole story.
#pragma once

#include <xapian.h>

#include <string>

namespace news {

// How many expand terms make the query.
inline constexpr Xapian::termcount kLikeTerms = 20;

// Articles like `id`, excluding every version of its story. Throws
// news::Error(kUsage) if no article has that id.
Xapian::Query more_like_query(const Xapian::Database& db, const std::string& id);

}  // namespace news
