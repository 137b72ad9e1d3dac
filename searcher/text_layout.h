// Laying out UTF-8 text for a terminal: display widths (wide CJK characters
// take two columns, combining marks none), word wrapping and truncation that
// never split a character. Offsets are in bytes of valid UTF-8; an invalid
// byte counts as one narrow character.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace news {

// Columns a code point takes on a terminal: 0, 1 or 2.
int char_width(char32_t cp);
size_t display_width(std::string_view text);

// Byte ranges [begin, end) of the lines of `text` wrapped to `width` columns:
// broken at spaces (which are left out of the lines), a word wider than the
// line broken between characters.
std::vector<std::pair<size_t, size_t>> wrap_lines(std::string_view text, size_t width);

// `text` if it fits in `width` columns, else its beginning and "…" within
// them, cut at a word boundary when one falls in the last third.
std::string truncate_end(std::string_view text, size_t width);
// For paths and URLs, whose both ends matter: "https://host/abc…/story-1".
std::string truncate_middle(std::string_view text, size_t width);

}  // namespace news
