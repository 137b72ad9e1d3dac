// The stored half of the recency boost: each dated article keeps, in value
// slot schema::slot::kRecencyWeight, a weight that doubles every half-life
// later it was published. A boost relative to the newest article,
// max * 2^-(newest - t)/half_life, is then this stored weight scaled by
// max / (the largest stored weight): Xapian's own ValueWeightPostingSource
// under OP_SCALE_WEIGHT, which xapian-tcpsrv knows, so remote shards rank
// exactly as a local database does (searcher/recency.h).
#pragma once

namespace news {

// The boost halves for every this many days an article is older than the
// newest one. Part of the schema: the stored weights are made with it, so a
// different half-life needs a rebuild (and a schema::kVersion bump).
inline constexpr double kRecencyHalfLifeDays = 30;

// 2^((unix_seconds - 2000-01-01) / half-life), kept within doubles by
// clamping to [2^-1000, 2^1000]: dates from about 1918 to 2082 are told
// apart; articles outside that range weigh as its ends do.
double recency_weight(double unix_seconds);

}  // namespace news
