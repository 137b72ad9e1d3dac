#include "searcher/request_query.h"

#include "common/text.h"
#include "searcher/date_filter.h"
#include "searcher/feedback.h"
#include "searcher/like.h"
#include "searcher/query.h"
#include "searcher/ranking.h"
#include "searcher/recency.h"

namespace news {

namespace {

// `query` plus `extra` at `weight` of its own weight, ranking only.
Xapian::Query plus(const Xapian::Query& query, const Xapian::Query& extra, double weight) {
    if (extra.empty() || !(weight > 0)) return query;
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, extra, weight));
}

// `query` restricted to the request's --since/--until dates, if any.
Xapian::Query dated(const SearchRequest& request, const Xapian::Query& query) {
    if (request.since.empty() && request.until.empty()) return query;
    return Xapian::Query(Xapian::Query::OP_FILTER, query, date_range_query(request.since, request.until));
}

}  // namespace

RequestQuery request_query(const Xapian::Database& db, const SearchRequest& request, SearchResult& result) {
    const RankingParams& ranking = request.ranking;
    Xapian::Query query;
    Xapian::Query title_words, word_pairs;
    const bool has_text = !trim(request.query).empty();
    if (!request.like.empty()) {
        query = more_like_query(db, request.like);
        if (!has_text) result.query = "--like " + request.like;  // what the listing is for
        // The query text narrows the similar articles down; it does not rank them.
        if (has_text) query = Xapian::Query(Xapian::Query::OP_FILTER, query, parse_query(request.query, db).query);
    } else {
        ParsedQuery parsed = parse_query(request.query, db, ranking);
        result.suggestion = parsed.correction;
        result.plain_text = parsed.plain_text;
        if (request.correct && !parsed.correction.empty()) {
            parsed = parse_query(parsed.correction, db, ranking);
            result.corrected = true;
        }
        query = parsed.query;
        title_words = parsed.title_words;
        word_pairs = parsed.word_pairs;
    }
    RequestQuery out;
    out.words_ranked = plus(plus(query, title_words, ranking.title_weight), word_pairs, ranking.proximity_weight);
    // Feedback for a query's words, not for --like (already the words of an
    // article), and only under relevance: sorted by date it would only break
    // ties of one timestamp.
    out.feedback = request.like.empty() && request.sort == SortOrder::kRelevance && wants_feedback(query, ranking);
    out.matching = dated(request, query);
    // With feedback the first match only chooses the candidates the rerank
    // orders, and the rerank adds the recency boost (ranked_query): in the
    // first match the boost's posting source reads the weight value of every
    // document the words match, most of a search of a large database
    // (README, "Search speed"); in the rerank, of its candidates alone.
    out.ranked = out.feedback ? dated(request, out.words_ranked) : ranked_query(db, request, out.words_ranked);
    return out;
}

Xapian::Query ranked_query(const Xapian::Database& db, const SearchRequest& request, const Xapian::Query& words_ranked) {
    // The dates filter without changing a score.
    Xapian::Query ranked = dated(request, words_ranked);
    // The boost's scale is a share of the ceiling under the search's own weighting.
    if (request.recency && request.sort == SortOrder::kRelevance)
        ranked = with_recency_boost(ranked, db, *make_weight(request.ranking));
    return ranked;
}

}  // namespace news
