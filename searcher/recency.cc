#include "searcher/recency.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "common/schema.h"

namespace news {

RecencyPostingSource::RecencyPostingSource(double max_weight, double half_life_days)
    : Xapian::ValuePostingSource(schema::slot::kTimestamp), max_weight_(max_weight),
      half_life_days_(half_life_days) {}

void RecencyPostingSource::init(const Xapian::Database& db) {
    Xapian::ValuePostingSource::init(db);
    const std::string newest = db.get_value_upper_bound(get_slot());
    newest_seconds_ = newest.empty() ? 0 : Xapian::sortable_unserialise(newest);
    set_maxweight(max_weight_);
}

double RecencyPostingSource::get_weight() const {
    const double age_days = (newest_seconds_ - Xapian::sortable_unserialise(get_value())) / 86400.0;
    return max_weight_ * std::exp2(-std::max(0.0, age_days) / half_life_days_);
}

RecencyPostingSource* RecencyPostingSource::clone() const {
    return new RecencyPostingSource(max_weight_, half_life_days_);
}

std::string RecencyPostingSource::name() const { return "news::RecencyPostingSource"; }

std::string RecencyPostingSource::serialise() const {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%a %a", max_weight_, half_life_days_);
    return buf;
}

RecencyPostingSource* RecencyPostingSource::unserialise(const std::string& serialised) const {
    double max_weight = 0, half_life = 1;
    if (std::sscanf(serialised.c_str(), "%la %la", &max_weight, &half_life) != 2 || !(half_life > 0))
        throw Xapian::NetworkError("bad serialised RecencyPostingSource");
    return new RecencyPostingSource(max_weight, half_life);
}

std::string RecencyPostingSource::get_description() const {
    return "RecencyPostingSource(max " + std::to_string(max_weight_) + ", half-life " +
           std::to_string(half_life_days_) + " days)";
}

Xapian::Query with_recency_boost(const Xapian::Query& query, const Xapian::Database& db) {
    if (db.get_value_freq(schema::slot::kTimestamp) == 0) return query;
    // The highest score the query could give, from the terms' bounds alone
    // (no documents are ranked for it).
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    const double ceiling = enquire.get_mset(0, 0).get_max_possible();
    if (!(ceiling > 0)) return query;
    auto* source = new RecencyPostingSource(kRecencyShare * ceiling, kRecencyHalfLifeDays);
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, Xapian::Query(source->release()));
}

}  // namespace news
