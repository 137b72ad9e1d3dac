// `news-index dups`: the story (or event) groups the database holds, so a
// user can audit what duplicate detection merged. Printed by
// searcher/printer.h (Printer::groups).
#pragma once

#include <xapian.h>

#include <cstddef>

#include "common/audit_reports.h"

namespace news {

// The groups at `level` of at least `min_size` members, largest first.
GroupList collect_groups(const Xapian::Database& db, GroupLevel level, size_t min_size);

}  // namespace news
