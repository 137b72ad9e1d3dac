// Output of --saved and --alerts (text and JSON; docs/output-format.md), and
// the same JSON for news-serve's /api/alerts.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "searcher/saved_searches.h"

namespace news {

// `alerts`: list the unread items too; else only each search and its counts.
std::string saved_searches_json(const std::vector<SavedSearch>& searches, bool alerts);
void print_saved_searches_text(std::ostream& out, const std::vector<SavedSearch>& searches, bool alerts);

}  // namespace news
