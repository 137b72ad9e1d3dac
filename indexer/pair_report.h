// `news-index compare`: what duplicate detection decided for two articles
// and why -- each feature's contribution to each level's model score, the
// thresholds, the named rules that fired, and the raw evidence. The report
// is data (common/audit_reports.h); searcher/printer.h prints it
// (Printer::pair: text for people, JSON with format_version).
#pragma once

#include <string>

#include "common/audit_reports.h"

namespace news {

PairReport make_pair_report(std::string a, std::string b, const Evidence& e);

}  // namespace news
