// How far a "Did you mean" suggestion may be from the word typed: Xapian's
// default (two edits) turns short words into unrelated ones ("café" into
// "cash", "naïve" into "gave"), so short words get one edit.
#pragma once

#include <string>
#include <string_view>

#include "common/text.h"

namespace news {

// Edits (in code points) allowed between a word and its suggestion: 1 up to
// five letters, 2 beyond.
inline unsigned max_spelling_edits(std::string_view word) { return utf8_length(word) <= 5 ? 1 : 2; }

// The query with typographic apostrophes and quotes (’ ‘ ‛ “ ” „) as their
// ASCII forms, as the index stores words ("China’s" is the term "china's"),
// so spelling checks and phrase quotes treat both forms alike.
std::string with_ascii_quotes(std::string_view text);

}  // namespace news
