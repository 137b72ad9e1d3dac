// Pseudo-relevance feedback: the query's own best hits suggest more words
// for it (Xapian's Enquire::get_eset over an RSet of the top hits), added
// with a small weight. A pasted question names its subject in its own words;
// the articles that match it best name it in theirs too.
#pragma once

#include <xapian.h>

#include "searcher/ranking.h"

namespace news {

// `query` with the expand terms of its top `ranking.feedback_docs` hits
// added by OP_AND_MAYBE (they rerank, never add matches), each at
// `ranking.feedback_weight` times its share of the best expand weight. The
// same query when feedback is off or nothing matches.
// Whether feedback is worth its cost for the typed query `query`: it has
// at least `ranking.feedback_min_words` distinct words (README, "Ranking").
bool wants_feedback(const Xapian::Query& query, const RankingParams& ranking);

Xapian::Query with_feedback(const Xapian::Query& query, const Xapian::Database& db, const RankingParams& ranking);

}  // namespace news
