#include "searcher/request_query.h"

#include "common/text.h"
#include "searcher/date_filter.h"
#include "searcher/like.h"
#include "searcher/query.h"
#include "searcher/recency.h"

namespace news {

Xapian::Query request_query(const Xapian::Database& db, const SearchRequest& request, SearchResult& result) {
    Xapian::Query query;
    const bool has_text = !trim(request.query).empty();
    if (!request.like.empty()) {
        query = more_like_query(db, request.like);
        if (!has_text) result.query = "--like " + request.like;  // what the listing is for
        // The query text narrows the similar articles down; it does not rank them.
        if (has_text) query = Xapian::Query(Xapian::Query::OP_FILTER, query, parse_query(request.query, db).query);
    } else {
        ParsedQuery parsed = parse_query(request.query, db);
        result.suggestion = parsed.correction;
        result.plain_text = parsed.plain_text;
        if (request.correct && !parsed.correction.empty()) {
            parsed = parse_query(parsed.correction, db);
            result.corrected = true;
        }
        query = parsed.query;
    }
    if (!request.since.empty() || !request.until.empty())
        query = Xapian::Query(Xapian::Query::OP_FILTER, query, date_range_query(request.since, request.until));
    if (request.recency && request.sort == SortOrder::kRelevance) query = with_recency_boost(query, db);
    return query;
}

}  // namespace news
