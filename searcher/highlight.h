// Highlighted text as data: the plain text plus the spans that matched, so
// each printer marks them its own way (bold on a terminal, offsets in JSON).
#pragma once

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <set>
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

// The passage of `text` of at most `bytes` bytes that best matches the query
// of `mset` (MSet::snippet: whole words, the window with the most weight of
// query terms, "…" where it is cut), stemmed forms and phrases highlighted.
// Empty when `bytes` is 0 or no whole word fits.
// When `wanted` (stems, see query_stems) has some the passage lacks and the
// text is long, two passages (see docs/output-format.md).
Highlighted make_snippet(const Xapian::MSet& mset, const std::string& text, size_t bytes,
                         const std::set<std::string>& wanted = {});
// The positive words of `query` (title: words included, excluded words and
// filters left out): each as the unprefixed term a document has for it
// ("Ztalk", or "blinken" for a capitalised word) and its stem, as the
// highlighter compares words.
struct QueryWord {
    std::string term, stem;
};
std::vector<QueryWord> query_words(const Xapian::Query& query);
// Stems of those of `words` the document has (in its title or body).
std::set<std::string> stems_in_document(const Xapian::Document& doc, const std::vector<QueryWord>& words);
// make_snippet with `wanted` the stems of those of `words` that `doc` has
// (stems_in_document), worked out only when the passage lacks one of the
// words: opening the document's term list is then the cost, and a passage
// that shows every word of the query cannot lack one the document has.
Highlighted make_snippet(const Xapian::MSet& mset, const std::string& text, size_t bytes,
                         const std::vector<QueryWord>& words, const Xapian::Document& doc);

// A title whole, with its matches highlighted.
Highlighted make_title(const Xapian::MSet& mset, const std::string& title);

// MSet::snippet only knows unprefixed terms, so `title:word` would never be
// highlighted. If `query` has title terms, this is the query of its positive
// terms (excluded ones left out) with the title prefix taken off, whose MSet
// highlights them; nothing if it has none.
std::optional<Xapian::Query> title_terms_unprefixed(const Xapian::Query& query);

}  // namespace news
