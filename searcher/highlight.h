// Highlighted text as data: the plain text plus the spans that matched, so
// each printer marks them its own way (bold on a terminal, offsets in JSON).
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace news {

struct Highlighted {
    std::string text;
    // [begin, end) in Unicode code points, as scripts index strings.
    std::vector<std::pair<size_t, size_t>> spans;
};

// Markers passed to MSet::snippet; control characters never survive indexing.
inline constexpr const char* kHighlightStart = "\x01";
inline constexpr const char* kHighlightEnd = "\x02";

// Turns MSet::snippet output (HTML-escaped, with the markers above) into Highlighted.
Highlighted parse_snippet(const std::string& snippet);

}  // namespace news
