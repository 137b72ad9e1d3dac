// Escaping for the search page: every text that comes from an article, a
// query or a parameter goes through these before it reaches HTML.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "searcher/highlight.h"

namespace news::html {

// & < > " ' as entities: safe in element text and in quoted attributes.
std::string escape(std::string_view text);

// Percent-encoding of a query-string value (RFC 3986 unreserved kept).
std::string url_encode(std::string_view value);

// "?a=1&amp;b=2" from name/value pairs (empty values left out), escaped for
// an href attribute.
std::string query_href(const std::vector<std::pair<std::string, std::string>>& params);

// Highlighted text as escaped HTML, the matches in <mark>.
std::string highlighted(const Highlighted& h);

// `url` when it is an http or https URL (a link the page may follow), else
// empty: a "javascript:" URL in an article must not become a link.
std::string safe_link(const std::string& url);

}  // namespace news::html
