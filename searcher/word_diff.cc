#include "searcher/word_diff.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <set>
#include <string_view>

#include "common/text.h"
#include "searcher/synonyms.h"

namespace news {
namespace {

struct Word {
    std::string text;  // as written
    std::string key;   // lower case, surrounding punctuation off: what is compared
    size_t line = 0;   // line of the text it is on
    bool starts_line = false;
};

std::string compare_key(std::string_view word) {
    size_t b = 0, e = word.size();
    while (b < e && std::ispunct(static_cast<unsigned char>(word[b]))) ++b;
    while (e > b && std::ispunct(static_cast<unsigned char>(word[e - 1]))) --e;
    if (b == e) return std::string(word);
    return to_lower(word.substr(b, e - b));
}

std::vector<Word> split_words(const std::string& text) {
    std::vector<Word> words;
    size_t line = 0;
    bool line_start = true;
    size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '\n') {
            ++line;
            line_start = true;
            ++i;
            continue;
        }
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
            continue;
        }
        size_t end = i;
        while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end]))) ++end;
        Word w;
        w.text = text.substr(i, end - i);
        w.key = compare_key(w.text);
        w.line = line;
        w.starts_line = line_start;
        line_start = false;
        words.push_back(std::move(w));
        i = end;
    }
    return words;
}

// Pairs (index in a, index in b) of a longest common subsequence of
// a[a0, a1) and b[b0, b1) by key; empty if the table would pass kMaxCells.
constexpr size_t kMaxCells = 4'000'000;  // 8 MB of 16-bit cells: two 2,000-word texts

using Matches = std::vector<std::pair<size_t, size_t>>;

template <typename Key>
void align(const std::vector<Key>& a, size_t a0, size_t a1, const std::vector<Key>& b, size_t b0, size_t b1,
           Matches& out) {
    // Common ends first: most of a copy is unchanged, and they cost nothing.
    Matches tail;
    while (a0 < a1 && b0 < b1 && a[a0] == b[b0]) out.emplace_back(a0++, b0++);
    while (a1 > a0 && b1 > b0 && a[a1 - 1] == b[b1 - 1]) tail.emplace_back(--a1, --b1);
    const size_t n = a1 - a0, m = b1 - b0;
    if (n && m && (n + 1) * (m + 1) <= kMaxCells) {
        // suffix[i][j]: LCS length of a[a0+i, a1) and b[b0+j, b1).
        std::vector<std::uint16_t> suffix((n + 1) * (m + 1), 0);
        auto at = [&](size_t i, size_t j) -> std::uint16_t& { return suffix[i * (m + 1) + j]; };
        for (size_t i = n; i-- > 0;)
            for (size_t j = m; j-- > 0;)
                at(i, j) = a[a0 + i] == b[b0 + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
        size_t i = 0, j = 0;
        while (i < n && j < m) {
            if (a[a0 + i] == b[b0 + j]) {
                out.emplace_back(a0 + i++, b0 + j++);
            } else if (at(i + 1, j) >= at(i, j + 1)) {
                ++i;
            } else {
                ++j;
            }
        }
    }
    out.insert(out.end(), tail.rbegin(), tail.rend());
}

// Word matches of two texts: directly when small enough, else the lines
// are aligned first and the words of each differing stretch after.
Matches match_words(const std::vector<Word>& a, const std::vector<Word>& b) {
    std::vector<std::string> ka, kb;
    for (const auto& w : a) ka.push_back(w.key);
    for (const auto& w : b) kb.push_back(w.key);
    Matches matches;
    if ((a.size() + 1) * (b.size() + 1) <= kMaxCells) {
        align(ka, 0, ka.size(), kb, 0, kb.size(), matches);
        return matches;
    }
    // Lines as units: [first word, end word) and the line's words' keys.
    struct Line {
        size_t begin = 0, end = 0;
        std::string key;
        bool operator==(const Line& o) const { return key == o.key; }
    };
    auto lines_of = [](const std::vector<Word>& words) {
        std::vector<Line> lines;
        for (size_t i = 0; i < words.size(); ++i) {
            if (lines.empty() || words[i].line != words[lines.back().begin].line) lines.push_back({i, i, ""});
            lines.back().end = i + 1;
            lines.back().key += words[i].key + ' ';
        }
        return lines;
    };
    const auto la = lines_of(a), lb = lines_of(b);
    Matches line_matches;
    align(la, 0, la.size(), lb, 0, lb.size(), line_matches);
    line_matches.emplace_back(la.size(), lb.size());  // sentinel
    size_t pa = 0, pb = 0;
    for (const auto& [ia, ib] : line_matches) {
        // The differing stretch before this matched line, word by word.
        const size_t wa0 = pa < la.size() ? la[pa].begin : a.size(), wa1 = ia < la.size() ? la[ia].begin : a.size();
        const size_t wb0 = pb < lb.size() ? lb[pb].begin : b.size(), wb1 = ib < lb.size() ? lb[ib].begin : b.size();
        align(ka, wa0, wa1, kb, wb0, wb1, matches);
        if (ia == la.size()) break;
        for (size_t k = 0; k < la[ia].end - la[ia].begin; ++k) matches.emplace_back(la[ia].begin + k, lb[ib].begin + k);
        pa = ia + 1;
        pb = ib + 1;
    }
    return matches;
}

std::string join(const std::vector<Word>& words, size_t begin, size_t end) {
    std::string out;
    for (size_t i = begin; i < end; ++i) out += (i == begin ? "" : " ") + words[i].text;
    return out;
}

bool is_number_word(const std::string& key) {
    static const std::set<std::string> words{
        "zero",    "one",      "two",      "three",    "four",    "five",    "six",     "seven",   "eight",
        "nine",    "ten",      "eleven",   "twelve",   "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen", "twenty",  "thirty",   "forty",   "fifty",   "sixty",   "seventy", "eighty",
        "ninety",  "hundred",  "thousand", "million",  "billion", "trillion", "half",   "quarter", "dozen",
        "percent", "once",     "twice",    "double",   "triple"};
    return words.count(key) > 0;
}

bool has_number(const std::vector<Word>& words, size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
        if (is_number_word(words[i].key)) return true;
        if (std::any_of(words[i].text.begin(), words[i].text.end(),
                        [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
            return true;
    }
    return false;
}

// "READ:", "READ MORE:", "ALSO READ:", "RELATED:" opening a line: the link
// lines spinners and aggregators insert.
bool is_link_line(const std::vector<Word>& words, size_t begin, size_t end) {
    if (begin == end || !words[begin].starts_line) return false;
    for (size_t i = begin; i < end && i < begin + 3; ++i) {
        const std::string& t = words[i].text;
        const bool colon = t.back() == ':';
        const std::string_view letters(t.data(), t.size() - (colon ? 1 : 0));
        if (letters.empty() ||
            !std::all_of(letters.begin(), letters.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)); }))
            return false;
        if (colon) return true;
    }
    return false;
}

}  // namespace

WordDiff diff_words(const std::string& before, const std::string& after) {
    const auto a = split_words(before), b = split_words(after);
    Matches matches = match_words(a, b);
    matches.emplace_back(a.size(), b.size());  // sentinel: the end of both
    WordDiff diff;
    diff.words_before = a.size();
    diff.words_after = b.size();
    std::vector<std::pair<std::string, std::string>> swaps;  // one word for one word
    std::vector<size_t> swap_ops;
    size_t ia = 0, ib = 0;
    for (const auto& [ma, mb] : matches) {
        if (ma > ia || mb > ib) {
            DiffOp op;
            op.kind = ma == ia ? DiffOp::Kind::kInserted : mb == ib ? DiffOp::Kind::kDeleted : DiffOp::Kind::kReplaced;
            op.before = join(a, ia, ma);
            op.after = join(b, ib, mb);
            op.words_before = ma - ia;
            op.words_after = mb - ib;
            op.numbers = has_number(a, ia, ma) || has_number(b, ib, mb);
            op.link_line = op.kind == DiffOp::Kind::kInserted && is_link_line(b, ib, mb);
            if (op.kind == DiffOp::Kind::kInserted) diff.inserted += op.words_after;
            if (op.kind == DiffOp::Kind::kDeleted) diff.deleted += op.words_before;
            if (op.kind == DiffOp::Kind::kReplaced) {
                diff.replaced += op.words_after;
                // Spinners swap common words; a changed name ("Antony", "Anthony") is a spelling, not a synonym.
                if (op.words_before == 1 && op.words_after == 1 && !std::isupper(static_cast<unsigned char>(a[ia].text[0])) &&
                    !std::isupper(static_cast<unsigned char>(b[ib].text[0]))) {
                    swaps.emplace_back(a[ia].key, b[ib].key);
                    swap_ops.push_back(diff.ops.size());
                }
            }
            diff.ops.push_back(std::move(op));
        }
        if (ma == a.size()) break;
        // One equal word; runs of them are merged.
        if (diff.ops.empty() || diff.ops.back().kind != DiffOp::Kind::kEqual) {
            diff.ops.push_back({});
        } else {
            diff.ops.back().before += ' ';
            diff.ops.back().after += ' ';
        }
        DiffOp& equal = diff.ops.back();
        equal.before += a[ma].text;
        equal.after += b[mb].text;
        ++equal.words_before;
        ++equal.words_after;
        ia = ma + 1;
        ib = mb + 1;
    }
    const std::vector<bool> synonym = are_synonyms(swaps);
    for (size_t k = 0; k < swap_ops.size(); ++k)
        if (synonym[k]) {
            diff.ops[swap_ops[k]].synonym = true;
            ++diff.synonym_swaps;
        }
    return diff;
}

const char* to_string(DiffOp::Kind kind) {
    switch (kind) {
        case DiffOp::Kind::kEqual: return "equal";
        case DiffOp::Kind::kInserted: return "inserted";
        case DiffOp::Kind::kDeleted: return "deleted";
        case DiffOp::Kind::kReplaced: return "replaced";
    }
    return "?";
}

}  // namespace news
