// Small text helpers shared by the readers, the indexer and the printers.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace news {

// Byte offset of the first invalid UTF-8 sequence, or nothing if `s` is valid.
std::optional<size_t> find_invalid_utf8(std::string_view s);

// True if `s` looks like binary data rather than text (NUL or many control bytes).
bool looks_binary(std::string_view s);

std::string_view trim(std::string_view s);

// Unicode-aware lower case (via Xapian::Unicode).
std::string to_lower(std::string_view s);

// Removes C0 control characters other than tab and newline; wire feeds use
// them as framing (Reuters' &#3;), and they must not reach terminals or JSON.
std::string strip_controls(std::string_view s);

// Undoes the HTML escaping MSet::snippet applies (&amp; &lt; &gt; &quot; &#39;).
std::string html_unescape(std::string_view s);

// Number of Unicode code points in a valid UTF-8 string.
size_t utf8_length(std::string_view s);

}  // namespace news
