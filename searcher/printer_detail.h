// What the printers of printer.h share; not part of the searcher's interface.
#pragma once

#include <string>

#include "common/article.h"
#include "searcher/search.h"

namespace news::detail {

// Where the article can be found: its file for whole-file articles, else its id.
inline std::string location(const Article& a) { return a.line == 0 && !a.path.empty() ? a.path : a.id; }

// What the total counts under a grouping: "stories", "events" or "articles".
const char* unit_name(Grouping grouping, bool plural);

}  // namespace news::detail
