// `news-index stats`: what a database holds (common/audit_reports.h),
// printed in text or as JSON with a stable shape (documented in README.md,
// "Database statistics") by searcher/printer.h (Printer::stats).
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>

#include "common/audit_reports.h"

namespace news {

inline constexpr size_t kTopSources = 10;

DatabaseStats collect_stats(const Xapian::Database& db, const std::string& path);

}  // namespace news
