#include "searcher/request_query.h"

#include "common/text.h"
#include "searcher/date_filter.h"
#include "searcher/feedback.h"
#include "searcher/like.h"
#include "searcher/query.h"
#include "searcher/recency.h"

namespace news {

namespace {

// `query` plus `extra` at `weight` of its own weight, ranking only.
Xapian::Query plus(const Xapian::Query& query, const Xapian::Query& extra, double weight) {
    if (extra.empty() || !(weight > 0)) return query;
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, extra, weight));
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
    RequestQuery out{query, plus(plus(query, title_words, ranking.title_weight), word_pairs, ranking.proximity_weight)};
    // Feedback for a query's words, not for --like (already the words of an article);
    // before the dates, so that --since/--until filter without changing a score.
    if (request.like.empty() && wants_feedback(query, ranking)) out.ranked = with_feedback(out.ranked, db, ranking);
    if (!request.since.empty() || !request.until.empty()) {
        const Xapian::Query dates = date_range_query(request.since, request.until);
        out.matching = Xapian::Query(Xapian::Query::OP_FILTER, out.matching, dates);
        out.ranked = Xapian::Query(Xapian::Query::OP_FILTER, out.ranked, dates);
    }
    if (request.recency && request.sort == SortOrder::kRelevance) out.ranked = with_recency_boost(out.ranked, db);
    return out;
}

}  // namespace news
