// A mild recency boost for relevance ranking, relative to the newest article
// in the database (an archive of 1987 wire stories is not "old" by itself):
// the newest article gains kRecencyShare of the query's highest possible
// score, and half of that every kRecencyHalfLifeDays (common/recency_weight.h)
// older. Added with OP_AND_MAYBE, so it never changes what matches.
//
// Built only from what Xapian's remote protocol knows (a
// ValueWeightPostingSource on the stored weight of common/recency_weight.h,
// under OP_SCALE_WEIGHT), so a stub of xapian-tcpsrv shards ranks exactly as
// one local database does.
#pragma once

#include <xapian.h>

#include "common/recency_weight.h"

namespace news {

inline constexpr double kRecencyShare = 0.05;

// The boost for `query` alone (to add with OP_AND_MAYBE): empty if the
// database has no dated articles or the query can score nothing. Finding the
// query's highest possible score opens its terms' posting lists, so a search
// makes it once, for the query as typed, and reranks with the same boost.
Xapian::Query recency_boost(const Xapian::Query& query, const Xapian::Database& db);

// `query` AND_MAYBE `boost`; `query` itself when `boost` is empty.
Xapian::Query with_boost(const Xapian::Query& query, const Xapian::Query& boost);

// `query` with its boost added: with_boost(query, recency_boost(query, db)).
Xapian::Query with_recency_boost(const Xapian::Query& query, const Xapian::Database& db);

}  // namespace news
