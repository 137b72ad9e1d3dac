// Output of news-search: one interface, a back end per --format, so every
// command gets every format.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "searcher/search.h"

namespace news {

class Printer {
  public:
    virtual ~Printer() = default;
    virtual void results(const SearchRequest& request, const SearchResult& result) = 0;
    virtual void versions(const std::string& id, Grouping grouping, const std::vector<Version>& versions) = 0;
};

// Human-readable; `color` adds bold titles and highlighted matches (ANSI).
std::unique_ptr<Printer> make_text_printer(std::ostream& out, bool color);
// One JSON document per call; keys are stable and versioned ("format_version").
std::unique_ptr<Printer> make_json_printer(std::ostream& out);

const char* to_string(Grouping g);

}  // namespace news
