// `news-index dups`: the story (or event) groups the database holds, so a
// user can audit what duplicate detection merged.
#pragma once

#include <xapian.h>

#include <ostream>
#include <string>

namespace news {

enum class GroupLevel { kStory, kEvent };

struct GroupReportOptions {
    GroupLevel level = GroupLevel::kStory;
    bool json = false;
    size_t min_size = 2;  // groups with fewer members are not listed
};

// Writes the groups, largest first; returns how many were written.
size_t write_group_report(const Xapian::Database& db, const GroupReportOptions& options, std::ostream& out);

}  // namespace news
