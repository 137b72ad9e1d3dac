// The parameters of the search page and the JSON API, read from a request's
// query string and checked: a bad one is a BadRequest (HTTP 400) whose
// message names it, never a search.
#pragma once

#include <map>
#include <stdexcept>
#include <string>

#include "searcher/search.h"

namespace news::serve {

// httplib::Params is this type; the service does not depend on httplib.
using Params = std::multimap<std::string, std::string>;

struct BadRequest : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Bounds on what a request may ask for: a query is typed by a person, a page
// is read by one.
inline constexpr size_t kMaxQueryBytes = 1000;
inline constexpr size_t kMaxValueBytes = 200;
inline constexpr int kMaxPerPage = 100;
inline constexpr int kMaxPage = 1000;

struct PageRequest {
    std::string q;       // the query as typed
    std::string source;  // source facet chosen (a `source:` value)
    std::string month;   // month facet chosen, "YYYY-MM"; replaces since/until
    std::string since, until;
    std::string sort = "relevance";
    int page = 1;  // 1-based
    int per_page = 10;
    std::string facets;  // API only: --facets list; the page always counts source,month

    bool empty() const { return q.empty() && source.empty(); }
    // The search this asks for, as news-search would run it with the
    // equivalent options (see README "Search page").
    SearchRequest search() const;
    // Name/value pairs reproducing this request, with one value changed.
    std::vector<std::pair<std::string, std::string>> with(const std::string& name, const std::string& value) const;
};

// The page's and /api/search's parameters; an unknown name, a repeated
// one, a value too long or not UTF-8, or a bad number is a BadRequest.
PageRequest parse_page_request(const Params& params);

// The one value of a parameter ("" when absent), checked as above.
std::string single_value(const Params& params, const std::string& name, size_t max_bytes = kMaxValueBytes);

// Throws BadRequest if `params` names anything outside `allowed`.
void check_names(const Params& params, std::initializer_list<const char*> allowed);

}  // namespace news::serve
