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

// `query` with the boost added; the same query if the database has no dated
// articles or the query can score nothing. `weight` is the weighting scheme
// the search ranks by (searcher/ranking.h's make_weight): the query's highest
// possible score, of which the boost is kRecencyShare, is taken under it.
Xapian::Query with_recency_boost(const Xapian::Query& query, const Xapian::Database& db,
                                 const Xapian::Weight& weight);

}  // namespace news
