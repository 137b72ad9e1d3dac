// What the printers of printer.h share; not part of the searcher's interface.
#pragma once

#include <string>

#include "common/article.h"
#include "searcher/search.h"

namespace news::detail {

// What names the article in text output: its id, which every command takes
// (--versions, --like, compare, remove); a page's URL, a .txt file's path.
inline std::string location(const Article& a) { return a.id; }

// What the total counts under a grouping: "stories", "events" or "articles".
const char* unit_name(Grouping grouping, bool plural);

}  // namespace news::detail
