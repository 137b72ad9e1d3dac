// Pseudo-relevance feedback: the query's own best hits suggest more words
// for it (Xapian's Enquire::get_eset over an RSet of the top hits), added
// with a small weight. A pasted question names its subject in its own words;
// the articles that match it best name it in theirs too.
//
// The search ranks once without them and reranks only that match's best
// candidates with them (README, "Search speed"): a second match of the whole
// database with 20 more terms cost more than the rest of the search.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "searcher/ranking.h"

namespace news {

// Whether feedback is worth its cost for the typed query `query`: it has
// at least `ranking.feedback_min_words` distinct words (README, "Ranking").
bool wants_feedback(const Xapian::Query& query, const RankingParams& ranking);

// `query` with the expand terms of the first `ranking.feedback_docs` hits of
// `first_pass` (a match of `query`, best first) added by OP_AND_MAYBE (they
// rerank, never add matches), each at `ranking.feedback_weight` times its
// share of the best expand weight. The same query when feedback is off or
// nothing matched.
Xapian::Query with_feedback(const Xapian::Query& query, const Xapian::Database& db, const Xapian::MSet& first_pass,
                            const RankingParams& ranking);

// `query` matching only the documents `docs` (ids of `db`, which must be a
// single local database: a posting source over ids is neither serialisable
// for a remote one nor told which shard it runs on).
Xapian::Query only_documents(const Xapian::Query& query, std::vector<Xapian::docid> docs);

// `query` matching only the hits `candidates`, named by their id terms: the
// same restriction for a stub of shards or a remote database, whose shards
// a list of document ids cannot reach.
Xapian::Query only_candidates(const Xapian::Database& db, const Xapian::Query& query, const Xapian::MSet& candidates);

}  // namespace news
