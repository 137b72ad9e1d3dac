// The HTML of the search page: the form, the results with their snippets,
// facets as links, paging, a story's timeline with its diffs, and alerts.
// Every text from an article or a request is escaped (server/html.h); the
// page works without JavaScript, which only loads timelines in place.
#pragma once

#include <string>
#include <vector>

#include "searcher/saved_searches.h"
#include "searcher/search.h"
#include "searcher/timeline.h"
#include "server/page_request.h"

namespace news::serve {

// Alerts: new stories for a saved search (searcher/saved_searches.h).
struct AlertLine {
    std::string name, query;
    size_t unread = 0;
};

// The whole page; `result` is null for the empty form (the start page).
std::string search_page(const PageRequest& request, const SearchResult* result,
                        const std::vector<AlertLine>& alerts);
// The timeline as a whole page (no JavaScript) or as the fragment the page
// loads into a result.
std::string timeline_page(const Timeline& timeline);
std::string timeline_fragment(const Timeline& timeline);
// Unread alerts of saved searches: new stories and new versions, linked to
// their timelines.
std::string alerts_page(const std::vector<SavedSearch>& searches);
// A page saying what was wrong (400, 404, 500).
std::string error_page(int status, const std::string& message, const PageRequest* request = nullptr);

}  // namespace news::serve
