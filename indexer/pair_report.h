// `news-index compare`: what duplicate detection decided for two articles
// and why -- each feature's contribution to each level's model score, the
// thresholds, the named rules that fired, and the raw evidence.
#pragma once

#include <ostream>
#include <string>

#include "common/dedup_decision.h"

namespace news {

// Keys are stable; format_version changes when they do.
inline constexpr int kPairReportFormatVersion = 1;

struct PairReport {
    std::string a, b;  // article ids
    Evidence evidence;
    DedupDecision decision;
};

PairReport make_pair_report(std::string a, std::string b, const Evidence& e);

// One line of JSON.
void write_pair_json(const PairReport& r, std::ostream& out);
// For people: verdict first, then each level's contributions, largest first.
void write_pair_text(const PairReport& r, std::ostream& out);

}  // namespace news
