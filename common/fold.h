// Accent folding: Latin letters with diacritics read as their ASCII letters
// ("Café" -> "Cafe", "Müller" -> "Muller", "Straße" -> "Strasse"), so that a
// word matches whether or not it was typed with its accents. The indexer
// folds the text it gives TermGenerator and the searcher folds the query
// (and the text it makes snippets from), so both sides make the same terms.
//
// Only letters change, never into or out of a word character, so folding
// keeps word boundaries and word positions (phrases still match). Other
// scripts are left alone (й is not и in Russian); combining accents
// (U+0300-U+036F, decomposed text) after a folded letter are dropped.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace news {

// `text` folded. Text that is plain ASCII comes back unchanged (and fast).
std::string fold_accents(std::string_view text);

// Folded text with the way back: `source[i]` is the byte offset in the
// original of the character folded byte i came from (a dropped accent
// belongs to the letter before it); `source[text.size()]` is the original's
// size. Lets a highlighter find folded matches and mark the original text.
struct FoldedText {
    std::string text;
    std::vector<size_t> source;
};
FoldedText fold_accents_mapped(std::string_view text);

}  // namespace news
