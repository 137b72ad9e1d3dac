// A mild recency boost for relevance ranking: a Xapian posting source whose
// weight decays with an article's age, measured from the newest article in
// the database (an archive of 1987 wire stories is not "old" by itself).
// Added to the query with OP_AND_MAYBE, so it never changes what matches.
#pragma once

#include <xapian.h>

#include <string>

namespace news {

class RecencyPostingSource : public Xapian::ValuePostingSource {
  public:
    // `max_weight` for the newest article, halved every `half_life_days`
    // older; undated articles get nothing.
    RecencyPostingSource(double max_weight, double half_life_days);

    void init(const Xapian::Database& db) override;
    double get_weight() const override;
    RecencyPostingSource* clone() const override;
    std::string name() const override;
    std::string serialise() const override;
    RecencyPostingSource* unserialise(const std::string& serialised) const override;
    std::string get_description() const override;

  private:
    double max_weight_;
    double half_life_days_;
    double newest_seconds_ = 0;
};

// How mild: the newest article gains at most this share of the highest
// score the query could give, and half of that at kRecencyHalfLifeDays older.
inline constexpr double kRecencyShare = 0.05;
inline constexpr double kRecencyHalfLifeDays = 30;

// `query` with the boost added (OP_AND_MAYBE); the same query if the
// database has no dated articles.
Xapian::Query with_recency_boost(const Xapian::Query& query, const Xapian::Database& db);

}  // namespace news
