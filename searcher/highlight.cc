#include "searcher/highlight.h"

#include <cctype>
#include <vector>

#include "common/schema.h"
#include "common/text.h"
#include "searcher/query.h"

namespace news {

Highlighted parse_snippet(const std::string& snippet) {
    Highlighted out;
    size_t chars = 0, span_start = 0;
    bool open = false;
    std::string piece;
    // Wire copy is hard-wrapped: runs of white space become one space.
    auto flush = [&] {
        for (char c : html_unescape(piece)) {
            const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
            if (space) {
                if (out.text.empty() || out.text.back() == ' ') continue;
                c = ' ';
            }
            out.text += c;
            if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++chars;
        }
        piece.clear();
    };
    for (char c : snippet) {
        if (c == kHighlightStart[0]) {
            flush();
            span_start = chars;
            open = true;
        } else if (c == kHighlightEnd[0]) {
            flush();
            if (open && chars > span_start) out.spans.emplace_back(span_start, chars);
            open = false;
        } else {
            piece += c;
        }
    }
    flush();
    if (!out.text.empty() && out.text.back() == ' ') out.text.pop_back();
    return out;
}

namespace {

// Positive terms of `q`: the right-hand side of AND_NOT is what a hit lacks.
void positive_terms(const Xapian::Query& q, std::vector<std::string>& out) {
    if (q.get_type() == Xapian::Query::LEAF_TERM) {
        out.push_back(*q.get_terms_begin());
        return;
    }
    const size_t n = q.get_type() == Xapian::Query::OP_AND_NOT ? 1 : q.get_num_subqueries();
    for (size_t i = 0; i < n && i < q.get_num_subqueries(); ++i) positive_terms(q.get_subquery(i), out);
}

// "Sword" -> "word", "ZSword" -> "Zword"; empty for other terms.
std::string without_title_prefix(const std::string& term) {
    const std::string title(schema::prefix::kTitle);
    const std::string stemmed_title = std::string(schema::prefix::kStemmed) + title;
    if (term.compare(0, stemmed_title.size(), stemmed_title) == 0 && term.size() > stemmed_title.size())
        return std::string(schema::prefix::kStemmed) + term.substr(stemmed_title.size());
    if (term.compare(0, title.size(), title) == 0 && term.size() > title.size() &&
        !std::isupper(static_cast<unsigned char>(term[title.size()])))
        return term.substr(title.size());
    return {};
}

// True if `s` has a letter or digit (any non-ASCII character but "…" counts).
bool has_word_character(const std::string& s) {
    const std::string ellipsis = "…";
    for (size_t i = 0; i < s.size(); ++i) {
        if (s.compare(i, ellipsis.size(), ellipsis) == 0) {
            i += ellipsis.size() - 1;
            continue;
        }
        const auto c = static_cast<unsigned char>(s[i]);
        if (std::isalnum(c) || c >= 0x80) return true;
    }
    return false;
}

}  // namespace

Highlighted make_snippet(const Xapian::MSet& mset, const std::string& text, size_t bytes) {
    if (text.empty() || bytes == 0) return {};
    const std::string snippet =
        mset.snippet(text, bytes, english_stemmer(),
                     Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE, kHighlightStart,
                     kHighlightEnd, "…");
    // A limit shorter than any word leaves only an ellipsis or punctuation.
    if (!has_word_character(snippet)) return {};
    return parse_snippet(snippet);
}

Highlighted make_title(const Xapian::MSet& mset, const std::string& title) {
    if (title.empty()) return {};
    Highlighted h = parse_snippet(
        mset.snippet(title, title.size() * 4 + 64, english_stemmer(), 0, kHighlightStart, kHighlightEnd, ""));
    if (h.text.empty()) h.text = title;
    return h;
}

std::optional<Xapian::Query> title_terms_unprefixed(const Xapian::Query& query) {
    std::vector<std::string> terms;
    positive_terms(query, terms);
    std::vector<Xapian::Query> unprefixed;
    bool any_title = false;
    for (const auto& term : terms) {
        const std::string stripped = without_title_prefix(term);
        any_title |= !stripped.empty();
        unprefixed.emplace_back(stripped.empty() ? term : stripped);
    }
    if (!any_title) return std::nullopt;
    return Xapian::Query(Xapian::Query::OP_OR, unprefixed.begin(), unprefixed.end());
}

}  // namespace news
