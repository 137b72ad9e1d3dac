#include "searcher/recency.h"

#include "common/schema.h"

namespace news {

Xapian::Query with_recency_boost(const Xapian::Query& query, const Xapian::Database& db,
                                 const Xapian::Weight& weight) {
    // The newest article's weight: the stored weights' upper bound (over all
    // shards of a stub, remote ones included).
    const std::string top = db.get_value_upper_bound(schema::slot::kRecencyWeight);
    const double newest = top.empty() ? 0 : Xapian::sortable_unserialise(top);
    if (!(newest > 0)) return query;
    // The highest score the query could give under the search's own
    // weighting, from the terms' bounds alone (no documents are ranked for it).
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(weight);
    enquire.set_query(query);
    const double ceiling = enquire.get_mset(0, 0).get_max_possible();
    if (!(ceiling > 0)) return query;
    // weight(doc) / newest = 2^-(age in half-lives), as the stored weights
    // double every half-life.
    // release(): the query owns the source (else it is never freed).
    const Xapian::Query stored_weight(
        (new Xapian::ValueWeightPostingSource(schema::slot::kRecencyWeight))->release());
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, stored_weight, kRecencyShare * ceiling / newest));
}

}  // namespace news
