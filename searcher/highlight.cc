#include "searcher/highlight.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/fold.h"
#include "common/schema.h"
#include "common/text.h"
#include "searcher/query.h"

namespace news {

Highlighted parse_snippet(const std::string& snippet) {
    Highlighted out;
    out.text.reserve(snippet.size());
    size_t chars = 0, span_start = 0, from = 0;
    bool open = false;
    // Wire copy is hard-wrapped: runs of white space become one space. The
    // text between markers is unescaped only if it has an entity (a search
    // parses ten snippets and titles, most of them with none).
    auto flush = [&](size_t end) {
        const std::string_view raw(snippet.data() + from, end - from);
        std::string unescaped;
        std::string_view piece = raw;
        if (raw.find('&') != std::string_view::npos) piece = unescaped = html_unescape(raw);
        for (char c : piece) {
            const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
            if (space) {
                if (out.text.empty() || out.text.back() == ' ') continue;
                c = ' ';
            }
            out.text += c;
            if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++chars;
        }
    };
    for (size_t i = 0; i < snippet.size(); ++i) {
        const char c = snippet[i];
        if (c == kHighlightStart[0]) {
            flush(i);
            from = i + 1;
            span_start = chars;
            open = true;
        } else if (c == kHighlightEnd[0]) {
            flush(i);
            from = i + 1;
            if (open && chars > span_start) out.spans.emplace_back(span_start, chars);
            open = false;
        }
    }
    flush(snippet.size());
    if (!out.text.empty() && out.text.back() == ' ') out.text.pop_back();
    return out;
}

namespace {

// The English stemmer remembering its answers. MSet::snippet stems every
// word of the text it is given, and a page stems the same words again and
// again (ten bodies, passages looked at twice): stemming was a sixth of a
// search's snippet work. Bounded, for a long-running news-serve.
class RememberingStemmer : public Xapian::StemImplementation {
  public:
    std::string operator()(const std::string& word) override {
        if (const auto found = stems_.find(word); found != stems_.end()) return found->second;
        if (stems_.size() >= kMaxWords) stems_.clear();
        return stems_.emplace(word, english_stemmer()(word)).first->second;
    }
    std::string get_description() const override { return "remembering " + english_stemmer().get_description(); }

  private:
    static constexpr size_t kMaxWords = 100000;
    std::unordered_map<std::string, std::string> stems_;
};

// One per thread, as english_stemmer() (news-serve searches on several threads).
const Xapian::Stem& snippet_stemmer() {
    static thread_local const Xapian::Stem stemmer(new RememberingStemmer);
    return stemmer;
}

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

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

// CJK text is split into n-grams as the indexer split it (FLAG_CJK_NGRAM).
constexpr unsigned kSnippetFlags = Xapian::MSet::SNIPPET_CJK_NGRAM;

std::string html_escape(std::string_view s) {
    std::string out;
    for (const char c : s) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else out += c;
    }
    return out;
}

// Accents are folded in the index and the query (common/fold.h), so
// MSet::snippet is given folded text to find "cafe" in "Café". This puts a
// snippet of `folded` (MSet::snippet's form: HTML-escaped, highlight markers,
// "…" where cut) back on the original text, markers on the same words.
std::string on_original(const std::string& snippet, const std::string& original, const FoldedText& folded) {
    const std::string ellipsis = "…";
    std::string plain, piece;
    std::vector<std::pair<size_t, char>> markers;  // offset in `plain`, marker
    const auto flush = [&] {
        plain += html_unescape(piece);
        piece.clear();
    };
    for (const char c : snippet) {
        if (c == kHighlightStart[0] || c == kHighlightEnd[0]) {
            flush();
            markers.emplace_back(plain.size(), c);
        } else {
            piece += c;
        }
    }
    flush();
    size_t lead = plain.compare(0, ellipsis.size(), ellipsis) == 0 ? ellipsis.size() : 0;
    size_t length = plain.size() - lead;
    size_t at = folded.text.find(plain.substr(lead, length));
    if (at == std::string::npos && length >= ellipsis.size()) {
        length -= ellipsis.size();  // a trailing "…" of the snippet's own
        at = folded.text.find(plain.substr(lead, length));
    }
    if (at == std::string::npos) return snippet;  // MSet::snippet copies its text, so never
    std::string out = plain.substr(0, lead);
    size_t from = folded.source[at];
    for (const auto& [offset, marker] : markers) {
        const size_t in_text = std::min(std::max(offset, lead), lead + length) - lead;
        const size_t to = folded.source[at + in_text];
        out += html_escape(std::string_view(original).substr(from, to - from));
        out += marker;
        from = to;
    }
    out += html_escape(std::string_view(original).substr(from, folded.source[at + length] - from));
    return out + plain.substr(lead + length);
}

// Where a passage of MSet::snippet lies in `text`, and its matches: byte
// offsets [begin, end) of the passage, of the first match's start and of the
// last match's end.
struct Placement {
    size_t begin, end, first_match, last_match;
};

// Nothing if the passage has no match or is not found verbatim in `text`.
std::optional<Placement> place(const std::string& text, const std::string& snippet) {
    const std::string ellipsis = "…";
    std::string plain, piece;
    size_t first = std::string::npos, last = 0;
    const auto flush = [&] {
        plain += html_unescape(piece);
        piece.clear();
    };
    for (const char c : snippet) {
        if (c == kHighlightStart[0]) {
            flush();
            if (first == std::string::npos) first = plain.size();
        } else if (c == kHighlightEnd[0]) {
            flush();
            last = plain.size();
        } else {
            piece += c;
        }
    }
    flush();
    if (first == std::string::npos || last <= first) return std::nullopt;
    const size_t lead = plain.compare(0, ellipsis.size(), ellipsis) == 0 ? ellipsis.size() : 0;
    size_t length = plain.size() - lead;
    if (length >= ellipsis.size() && plain.compare(plain.size() - ellipsis.size(), ellipsis.size(), ellipsis) == 0)
        length -= ellipsis.size();
    if (first < lead || last > lead + length) return std::nullopt;
    const size_t at = text.find(plain.substr(lead, length));
    if (at == std::string::npos) return std::nullopt;
    return Placement{at, at + length, at + first - lead, at + last - lead};
}

// MSet::snippet picks the window with the most weight, which may put the
// matches at its very edge ("…the discovery of an alleged Chinese spy
// balloon…"). When the matches are within a fifth of the passage's length of
// a cut edge, the passage is moved to have them in its middle, cut at white
// space, and highlighted again by MSet::snippet. Nothing when it is fine.
std::optional<std::string> centre_matches(const Xapian::MSet& mset, const std::string& text,
                                          const std::string& snippet, size_t bytes) {
    const auto p = place(text, snippet);
    if (!p) return std::nullopt;
    const size_t margin = bytes / 5, matched = p->last_match - p->first_match;
    const bool tight_left = p->begin > 0 && p->first_match - p->begin < margin;
    const bool tight_right = p->end < text.size() && p->end - p->last_match < margin;
    if ((!tight_left && !tight_right) || matched + 2 * margin > bytes) return std::nullopt;
    // The same length, the matches in the middle, within the text.
    size_t start = p->first_match > (bytes - matched) / 2 ? p->first_match - (bytes - matched) / 2 : 0;
    size_t end = std::min(text.size(), start + bytes);
    if (end - start < bytes && end == text.size()) start = end > bytes ? end - bytes : 0;
    // Cut at white space, never inside a word or a character, nor the matches.
    while (start > 0 && start < p->first_match && !is_space(text[start - 1])) ++start;
    while (end < text.size() && end > p->last_match && !is_space(text[end])) --end;
    while (start < end && is_space(text[start])) ++start;
    while (end > start && is_space(text[end - 1])) --end;
    if (start >= end) return std::nullopt;
    const std::string window = text.substr(start, end - start);
    const std::string marked =
        mset.snippet(window, window.size() * 2 + 64, snippet_stemmer(), kSnippetFlags, kHighlightStart, kHighlightEnd, "");
    if (marked.find(kHighlightStart[0]) == std::string::npos) return std::nullopt;
    return (start > 0 ? "…" : "") + marked + (end < text.size() ? "…" : "");
}

// The best passage of `text` (MSet::snippet, matches centred), in
// MSet::snippet's form; empty if no word fits in `bytes`.
std::string passage(const Xapian::MSet& mset, const std::string& text, size_t bytes) {
    // SNIPPET_BACKGROUND_MODEL costs a B-tree read per other word of the text
    // (about 120 of a search's 580 at 1x, README "Search speed"), but without
    // it a passage tie goes to the article's tail ("... Reuter"), not to the
    // passage of rare words that says what the hit is about.
    const std::string snippet =
        mset.snippet(text, bytes, snippet_stemmer(),
                     kSnippetFlags | Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE, kHighlightStart,
                     kHighlightEnd, "…");
    // A limit shorter than any word leaves only an ellipsis or punctuation.
    if (!has_word_character(snippet)) return {};
    if (auto centred = centre_matches(mset, text, snippet, bytes)) return *centred;
    return snippet;
}

// Stems of the highlighted words of a passage.
std::set<std::string> matched_stems(const std::string& snippet) {
    std::set<std::string> stems;
    const Highlighted h = parse_snippet(snippet);
    std::vector<size_t> offset;  // byte offset of each code point
    for (size_t i = 0; i <= h.text.size(); ++i)
        if (i == h.text.size() || (static_cast<unsigned char>(h.text[i]) & 0xC0) != 0x80) offset.push_back(i);
    for (const auto& [b, e] : h.spans)
        if (e < offset.size()) stems.insert(snippet_stemmer()(to_lower(h.text.substr(offset[b], offset[e] - offset[b]))));
    return stems;
}

// Below this many bytes one passage is all there is room for.
constexpr size_t kTwoPassageMinBytes = 160;

// A long text whose best passage lacks some of the query's words found
// elsewhere gets two half-length passages, in text order, joined by " … ":
// the best one and, before or after it, the one adding the most words it
// lacks. Nothing when one passage shows them all.
struct TwoPassages {
    std::string first, second;  // in text order
};
std::optional<TwoPassages> two_passages(const Xapian::MSet& mset, const std::string& text, const std::string& one,
                                        size_t bytes) {
    if (bytes < kTwoPassageMinBytes || text.size() <= bytes) return std::nullopt;
    const std::set<std::string> in_one = matched_stems(one);
    const size_t half = bytes / 2 - 2;
    const std::string first = passage(mset, text, half);
    const auto placed = first.empty() ? std::nullopt : place(text, first);
    if (!placed) return std::nullopt;
    const std::set<std::string> in_first = matched_stems(first);
    std::optional<std::string> best;
    size_t best_new = 0;
    bool best_before = false;
    for (const bool before : {true, false}) {
        const std::string rest = before ? text.substr(0, placed->begin) : text.substr(placed->end);
        const std::string second = rest.empty() ? std::string() : passage(mset, rest, half);
        if (second.empty()) continue;
        size_t added = 0;
        for (const auto& stem : matched_stems(second)) added += in_first.count(stem) == 0;
        if (added > best_new) best = second, best_new = added, best_before = before;
    }
    // Worth it only if the two show more of the query than the one passage.
    std::set<std::string> both = in_first;
    if (best)
        for (const auto& stem : matched_stems(*best)) both.insert(stem);
    if (!best || both.size() <= in_one.size()) return std::nullopt;
    if (best_before) return TwoPassages{*best, first};
    return TwoPassages{first, *best};
}

// Two passages as one: each keeps its outer ellipsis; between them one " … ".
std::string joined(const TwoPassages& two) {
    const std::string e = "…";
    const auto trim_ellipses = [&](std::string s) {
        if (s.compare(0, e.size(), e) == 0) s.erase(0, e.size());
        if (s.size() >= e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0) s.erase(s.size() - e.size());
        return s;
    };
    const std::string& a = two.first;
    const std::string& b = two.second;
    const bool a_lead = a.compare(0, e.size(), e) == 0;
    const bool b_tail = b.size() >= e.size() && b.compare(b.size() - e.size(), e.size(), e) == 0;
    return (a_lead ? e : "") + trim_ellipses(a) + " " + e + " " + trim_ellipses(b) + (b_tail ? e : "");
}

// `text` as MSet::snippet is given it: folded (see on_original), with the
// way back; nothing when folding changes nothing (plain ASCII and most text).
std::optional<FoldedText> folded_if_changed(const std::string& text) {
    if (fold_accents(text) == text) return std::nullopt;
    return fold_accents_mapped(text);
}

}  // namespace

namespace {

// make_snippet with `lacking(shown)` telling whether the document has a
// word of the query that `shown` (the stems highlighted in the best
// passage) lacks.
template <typename Lacking>
Highlighted snippet_of(const Xapian::MSet& mset, const std::string& original, size_t bytes, Lacking lacking) {
    if (original.empty() || bytes == 0) return {};
    const std::optional<FoldedText> folded = folded_if_changed(original);
    const std::string& text = folded ? folded->text : original;
    const auto restore = [&](const std::string& snippet) {
        return folded ? on_original(snippet, original, *folded) : snippet;
    };
    const std::string one = passage(mset, text, bytes);
    if (one.empty()) return {};
    // A second passage costs three more MSet::snippet calls: only for words
    // the document has and the passage lacks.
    if (lacking(matched_stems(one)))
        if (const auto two = two_passages(mset, text, one, bytes))
            return parse_snippet(joined({restore(two->first), restore(two->second)}));
    return parse_snippet(restore(one));
}

bool lacks_any(const std::set<std::string>& wanted, const std::set<std::string>& shown) {
    return std::any_of(wanted.begin(), wanted.end(), [&](const auto& s) { return !shown.count(s); });
}

}  // namespace

Highlighted make_snippet(const Xapian::MSet& mset, const std::string& original, size_t bytes,
                         const std::set<std::string>& wanted) {
    return snippet_of(mset, original, bytes, [&](const std::set<std::string>& shown) { return lacks_any(wanted, shown); });
}

Highlighted make_snippet(const Xapian::MSet& mset, const std::string& original, size_t bytes,
                         const std::vector<QueryWord>& words, const Xapian::Document& doc) {
    return snippet_of(mset, original, bytes, [&](const std::set<std::string>& shown) {
        // The stems the document has are some of the words' stems.
        const bool shows_all =
            std::all_of(words.begin(), words.end(), [&](const QueryWord& w) { return shown.count(w.stem) > 0; });
        return !shows_all && lacks_any(stems_in_document(doc, words), shown);
    });
}

std::vector<QueryWord> query_words(const Xapian::Query& query) {
    std::vector<std::string> terms;
    positive_terms(query, terms);
    std::vector<QueryWord> words;
    const std::string stemmed(schema::prefix::kStemmed);
    for (std::string term : terms) {
        if (const std::string t = without_title_prefix(term); !t.empty()) term = t;
        if (term.compare(0, stemmed.size(), stemmed) == 0)
            words.push_back({term, term.substr(stemmed.size())});
        else if (!term.empty() && !std::isupper(static_cast<unsigned char>(term[0])))
            words.push_back({term, english_stemmer()(term)});  // unstemmed: a capitalised or phrase word
    }
    return words;
}

std::set<std::string> stems_in_document(const Xapian::Document& doc, const std::vector<QueryWord>& words) {
    // One pass over the document's term list (opening it is the cost), the
    // words in term order.
    std::vector<const QueryWord*> by_term;
    for (const auto& word : words) by_term.push_back(&word);
    std::sort(by_term.begin(), by_term.end(), [](const auto* a, const auto* b) { return a->term < b->term; });
    std::set<std::string> found;
    if (by_term.empty()) return found;
    Xapian::TermIterator t = doc.termlist_begin();
    for (const QueryWord* word : by_term) {
        t.skip_to(word->term);
        if (t == doc.termlist_end()) break;
        if (*t == word->term) found.insert(word->stem);
    }
    return found;
}

Highlighted make_title(const Xapian::MSet& mset, const std::string& title) {
    if (title.empty()) return {};
    const std::optional<FoldedText> folded = folded_if_changed(title);
    const std::string& text = folded ? folded->text : title;
    const std::string snippet =
        mset.snippet(text, text.size() * 4 + 64, snippet_stemmer(), kSnippetFlags, kHighlightStart, kHighlightEnd, "");
    Highlighted h = parse_snippet(folded ? on_original(snippet, title, *folded) : snippet);
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
