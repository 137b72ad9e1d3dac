#include "searcher/feedback.h"

#include <set>
#include <vector>

#include "searcher/highlight.h"
#include "searcher/stemmed_words.h"

namespace news {

bool wants_feedback(const Xapian::Query& query, const RankingParams& ranking) {
    std::set<std::string> stems;
    for (const auto& word : query_words(query)) stems.insert(word.stem);
    return stems.size() >= ranking.feedback_min_words;
}

Xapian::Query with_feedback(const Xapian::Query& query, const Xapian::Database& db, const RankingParams& ranking) {
    if (ranking.feedback_docs == 0 || ranking.feedback_terms == 0 || !(ranking.feedback_weight > 0)) return query;
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(*make_weight(ranking));
    const Xapian::MSet top = enquire.get_mset(0, ranking.feedback_docs);
    if (top.empty()) return query;
    Xapian::RSet rset;
    for (auto m = top.begin(); m != top.end(); ++m) rset.add_document(*m);
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

}  // namespace news
