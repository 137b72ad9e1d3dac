// A story's timeline: its versions in publication order, who published it
// first, and what each version changed against the one before it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/article.h"
#include "searcher/search.h"
#include "searcher/word_diff.h"

namespace news {

struct TimelineEntry {
    Article article;
    // Who published it: the article's source, else its URL's host, else its
    // file's name (scraped text files often name nothing else).
    std::string publisher;
    std::string publisher_from;  // "source", "site" or "file"
    bool first = false;          // the earliest dated version (ties: all of them)
    bool shown = false;          // the version the timeline was asked for
    // Against the previous entry; absent for the first entry.
    std::optional<WordDiff> title_changes, body_changes;
};

struct Timeline {
    std::string id;     // as asked for
    std::string story;  // story key
    std::vector<TimelineEntry> entries;
};

// Orders `versions` (of one story) oldest first, undated last (in id order,
// as nothing tells them apart), and diffs each against the one before.
Timeline make_timeline(const std::string& id, const std::vector<Version>& versions);

// Publisher of an article as TimelineEntry names it, and where it came from.
std::pair<std::string, std::string> publisher_of(const Article& article);

}  // namespace news
