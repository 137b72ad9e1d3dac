#include "searcher/feedback.h"

#include <algorithm>
#include <memory>
#include <set>
#include <vector>

#include "common/database.h"
#include "common/document_list_source.h"
#include "common/schema.h"
#include "searcher/highlight.h"
#include "searcher/stemmed_words.h"

namespace news {

bool wants_feedback(const Xapian::Query& query, const RankingParams& ranking) {
    std::set<std::string> stems;
    for (const auto& word : query_words(query)) stems.insert(word.stem);
    return stems.size() >= ranking.feedback_min_words;
}

Xapian::Query with_feedback(const Xapian::Query& query, const Xapian::Database& db, const Xapian::MSet& first_pass,
                            const RankingParams& ranking) {
    if (ranking.feedback_docs == 0 || ranking.feedback_terms == 0 || !(ranking.feedback_weight > 0)) return query;
    Xapian::RSet rset;
    for (auto m = first_pass.begin(); m != first_pass.end() && rset.size() < ranking.feedback_docs; ++m)
        rset.add_document(*m);
    if (rset.empty()) return query;
    // The query is set so that its own terms are not offered again.
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    const StemmedWordsOnly decider;
    const Xapian::ESet eset = enquire.get_eset(ranking.feedback_terms, rset, kExpandFlags, &decider);
    if (eset.empty()) return query;
    const double best = eset.begin().get_weight();
    if (!(best > 0)) return query;
    std::vector<Xapian::Query> terms;
    for (auto t = eset.begin(); t != eset.end(); ++t)
        if (t.get_weight() > 0)
            terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*t),
                               ranking.feedback_weight * t.get_weight() / best);
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                         Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
}

Xapian::Query only_documents(const Xapian::Query& query, std::vector<Xapian::docid> docs) {
    std::sort(docs.begin(), docs.end());
    docs.erase(std::unique(docs.begin(), docs.end()), docs.end());
    // release(): the query owns the source.
    const Xapian::Query list(
        (new DocumentListSource(std::make_shared<const std::vector<Xapian::docid>>(std::move(docs))))->release());
    return Xapian::Query(Xapian::Query::OP_FILTER, query, list);
}

Xapian::Query only_candidates(const Xapian::Database& db, const Xapian::Query& query, const Xapian::MSet& candidates) {
    std::vector<std::string> ids;
    for (auto m = candidates.begin(); m != candidates.end(); ++m)
        if (std::string id = article_id(db, *m); !id.empty()) ids.push_back(schema::term(schema::prefix::kId, id));
    return Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end()));
}

}  // namespace news
