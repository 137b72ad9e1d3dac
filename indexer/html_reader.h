// News article pages saved as HTML (.html, .htm, optionally .gz): one article
// per page. The page is parsed by gumbo (the HTML5 parsing algorithm, so
// broken markup parses as browsers parse it, and entities are decoded); the
// metadata comes from Open Graph, <meta>, <link rel=canonical>, JSON-LD and
// <time>, and the body from the page's main text container, without the
// navigation, adverts, share buttons and "related articles" around it.
#pragma once

#include <string>

#include "common/article.h"

namespace news {

// Parses `content` read from `path`. Throws news::InputError for binary
// data, invalid UTF-8 (pages in other encodings must be converted first) or
// a page with neither a headline nor article text. The id is the page's
// canonical URL, left empty when it has none. A date found but not readable
// is kept as date_text with no parsed date (the caller reports it).
Article parse_html_article(const std::string& path, const std::string& content);

// Reads (gzip-compressed or not) and parses the page; the id is its canonical
// URL, else file_identity(path) as for .txt files.
Article read_html_article(const std::string& path);

}  // namespace news
