// The two levels duplicate detection groups articles at: a story (versions
// of one article: copies, corrections, rewrites) and an event (different
// articles about one event). One type for every part of the product that
// names a level: the grouper, the searcher's collapsing, `dups`, removal,
// the pending-grouping records. Each level has its term prefix and value
// slot in common/schema.h.
#pragma once

#include <xapian.h>

#include <optional>
#include <string_view>

#include "common/schema.h"

namespace news {

enum class GroupLevel { kStory, kEvent };

inline constexpr GroupLevel kGroupLevels[] = {GroupLevel::kStory, GroupLevel::kEvent};

// "story" or "event", as options (--level) and JSON name them.
constexpr std::string_view to_string(GroupLevel level) {
    return level == GroupLevel::kStory ? "story" : "event";
}

// The level named `name` ("story" or "event"); nothing for anything else.
constexpr std::optional<GroupLevel> parse_group_level(std::string_view name) {
    if (name == "story") return GroupLevel::kStory;
    if (name == "event") return GroupLevel::kEvent;
    return std::nullopt;
}

// The boolean term prefix of a level's group keys (a document is in the group of its term).
constexpr std::string_view group_prefix(GroupLevel level) {
    return level == GroupLevel::kStory ? schema::prefix::kStory : schema::prefix::kEvent;
}

// The value slot holding a document's group key at a level (for collapsing).
constexpr Xapian::valueno group_slot(GroupLevel level) {
    return level == GroupLevel::kStory ? schema::slot::kStory : schema::slot::kEvent;
}

}  // namespace news
