// Saved searches and their alerts, kept in the database's metadata
// (schema::metadata::kSavedSearch): `news-search --save NAME QUERY`, and
// after each `news-index build` the articles it added are matched against
// every saved search; stories never seen before are "new stories", an added
// version of a story already in the database only a "new version".
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace news {

struct AlertItem {
    std::string story;  // story key
    std::string id, title, source, date;  // the added version that matched
    bool new_story = true;  // false: a new version of a story known before
};

struct SavedSearch {
    std::string name;
    std::string query;
    std::string since, until;  // --since/--until saved with it
    // Articles with docids up to this were matched already (Xapian gives an
    // added article a docid above every earlier one).
    Xapian::docid checked_through = 0;
    std::vector<AlertItem> unread;  // since the last --alerts
};

// What one build found for one saved search.
struct AlertReport {
    std::string name;
    size_t new_stories = 0, new_versions = 0;
};

// Names: 1-64 letters, digits, '-', '_' or '.'. Throws Error(kUsage) otherwise.
void check_saved_search_name(const std::string& name);

std::vector<SavedSearch> saved_searches(const Xapian::Database& db);
// Saves (or replaces) `search`, to be matched against articles added after
// now. Throws Error(kUsage) for a bad name or a query that does not parse.
void save_search(Xapian::WritableDatabase& db, SavedSearch search);
// False if there was no such saved search.
bool remove_saved_search(Xapian::WritableDatabase& db, const std::string& name);

// The build's hook: matches the articles added since each saved search was
// last matched (only grouped ones: call after grouping, in its transaction),
// records what is new, and says so per search.
std::vector<AlertReport> match_saved_searches(Xapian::WritableDatabase& db);

// The unread alerts of one saved search (all when `name` is empty), marked
// read unless `keep`. Throws Error(kUsage) for an unknown name.
std::vector<SavedSearch> read_alerts(Xapian::WritableDatabase& db, const std::string& name, bool keep);

}  // namespace news
