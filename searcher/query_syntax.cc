#include "searcher/query_syntax.h"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "common/fold.h"
#include "common/schema.h"

namespace news::query_syntax {
namespace {

// The double quotes Xapian's parser takes as phrase marks: ASCII and the
// typographic pair word processors produce.
size_t quote_length(const std::string& s, size_t i) {
    if (s[i] == '"') return 1;
    if (s.compare(i, 3, "\u201c") == 0 || s.compare(i, 3, "\u201d") == 0) return 3;
    return 0;
}

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

struct Tokens {
    std::vector<std::string> tokens;
    bool open_quote = false;
};

Tokens split(const std::string& text) {
    Tokens out;
    std::string current;
    auto flush = [&] {
        if (!current.empty()) out.tokens.push_back(std::move(current));
        current.clear();
    };
    for (size_t i = 0; i < text.size();) {
        if (const size_t q = quote_length(text, i)) {
            // A phrase runs to the next quote, spaces and all, and stays one token.
            current.append(text, i, q);
            i += q;
            size_t close = i;
            while (close < text.size() && !quote_length(text, close)) ++close;
            if (close == text.size()) {
                current.append(text, i, std::string::npos);
                out.open_quote = true;
                i = close;
            } else {
                const size_t cq = quote_length(text, close);
                current.append(text, i, close + cq - i);
                i = close + cq;
            }
        } else if (is_space(text[i])) {
            flush();
            ++i;
        } else if (text[i] == '(' && (current.empty() || current.back() == ':')) {
            // `title:(a b)` groups words under one field; the bracket pairs up as any other.
            if (!current.empty()) out.tokens.push_back(std::move(current));
            current.clear();
            out.tokens.emplace_back("(");
            ++i;
        } else if (text[i] == ')' && current.find('(') == std::string::npos &&
                   (i + 1 == text.size() || is_space(text[i + 1]) || text[i + 1] == ')')) {
            // A closing bracket ends a token; one inside a word, f(x), is part of it.
            flush();
            out.tokens.emplace_back(")");
            ++i;
        } else {
            current += text[i++];
        }
    }
    flush();
    return out;
}

bool is_binary_operator(const std::string& t) { return is_operator(t) && t != "NOT"; }
bool is_open(const std::string* t) { return !t || *t == "("; }
bool is_close(const std::string* t) { return !t || *t == ")"; }

// A `-thing` or `+thing` (Xapian's love/hate markers need something after them).
bool is_marked(const std::string& t, char mark) { return t.size() > 1 && t[0] == mark && t[1] != mark; }
bool is_marked(const std::string& t) { return is_marked(t, '-') || is_marked(t, '+'); }

}  // namespace

std::vector<std::string> tokenize(const std::string& text) { return split(text).tokens; }

bool quotes_balanced(const std::string& text) { return !split(text).open_quote; }

bool is_operator(const std::string& t) {
    if (t == "AND" || t == "OR" || t == "NOT" || t == "XOR" || t == "NEAR" || t == "ADJ") return true;
    for (const char* proximity : {"NEAR/", "ADJ/"}) {
        const std::string p = proximity;
        if (t.size() > p.size() && t.compare(0, p.size(), p) == 0) {
            bool digits = true;
            for (size_t i = p.size(); i < t.size(); ++i) digits = digits && std::isdigit(static_cast<unsigned char>(t[i]));
            if (digits) return true;
        }
    }
    return false;
}

std::optional<std::string> structural_error(const std::string& text) {
    const Tokens split_text = split(text);
    if (split_text.open_quote) return std::string("unbalanced quote: a phrase is opened with \" but never closed");
    const auto& t = split_text.tokens;
    int depth = 0;
    for (size_t i = 0; i < t.size(); ++i) {
        const std::string* prev = i ? &t[i - 1] : nullptr;
        const std::string* next = i + 1 < t.size() ? &t[i + 1] : nullptr;
        if (t[i] == "(") {
            ++depth;
            if (next && *next == ")") return std::string("empty brackets \"()\"");
        } else if (t[i] == ")") {
            if (--depth < 0) return std::string("unbalanced bracket: \")\" without a \"(\" before it");
        } else if (is_binary_operator(t[i])) {
            if (is_open(prev) || (prev && is_operator(*prev)))
                return t[i] + (prev && is_operator(*prev) ? " right after " + *prev : std::string(" at the start")) +
                       " needs something before it";
            if (is_close(next)) return t[i] + " at the end needs something after it";
            if (is_binary_operator(*next)) return t[i] + " followed by " + *next;
        } else if (t[i] == "NOT") {
            if (is_close(next)) return std::string("NOT at the end needs something after it");
            if (is_binary_operator(*next)) return "NOT followed by " + *next;
        }
    }
    if (depth > 0) return std::string("unbalanced bracket: \"(\" is never closed");
    return std::nullopt;
}

bool looks_like_prose(const std::string& text) {
    // Words as written, phrases' words included.
    size_t words = 0, operators = 0;
    const bool brackets = text.find_first_of("()") != std::string::npos;
    std::string word;
    for (const char c : text + " ") {
        if (!is_space(c)) {
            word += c;
        } else if (!word.empty()) {
            ++words;
            if (is_operator(word)) ++operators;
            word.clear();
        }
    }
    if (words == 0) return false;
    const char end = text[text.find_last_not_of(" \t\r\n")];
    if (end == '?' || end == '!') return true;
    if (end == '.' && words >= 4) return true;
    // In text all in capitals (a pasted headline, a SHOUTED question) the
    // case of AND, OR and NOT says nothing: four or more words are prose.
    const bool has_lower = std::any_of(text.begin(), text.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)); });
    const bool has_upper = std::any_of(text.begin(), text.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
    if (words >= 4 && has_upper && !has_lower && !brackets) return true;
    return words >= 8 && operators <= 1 && !brackets;
}

std::string rewrite_exclusions(const std::string& text) {
    const Tokens split_text = split(text);
    const auto& t = split_text.tokens;
    std::vector<std::string> out;
    bool changed = false;
    for (size_t i = 0; i < t.size();) {
        if (!is_marked(t[i])) {
            out.push_back(t[i++]);
            continue;
        }
        size_t end = i;
        while (end < t.size() && is_marked(t[end])) ++end;
        const std::string* prev = i ? &t[i - 1] : nullptr;
        const std::string* next = end < t.size() ? &t[end] : nullptr;
        // Only where the grammar has no plain word to attach the markers to.
        bool only_exclusions = true;
        for (size_t k = i; k < end; ++k) only_exclusions = only_exclusions && t[k][0] == '-';
        const bool after_operator = prev && is_binary_operator(*prev);
        const bool before_operator = is_open(prev) && next && is_binary_operator(*next);
        const bool nothing_else = is_open(prev) && is_close(next) && only_exclusions;
        if (!after_operator && !before_operator && !nothing_else) {
            for (; i < end; ++i) out.push_back(t[i]);
            continue;
        }
        changed = true;
        for (; i < end; ++i) {
            if (i > 0 && is_marked(t[i - 1]) && out.back() != "AND") out.emplace_back("AND");
            if (t[i][0] == '-') out.emplace_back("NOT");
            out.push_back(t[i].substr(1));
        }
    }
    if (!changed) return text;
    std::string joined;
    for (const auto& token : out) joined += (joined.empty() || joined.back() == ':' ? "" : " ") + token;
    return joined;
}

std::string fold_words(const std::string& text) {
    namespace field = schema::field;
    static constexpr std::string_view kExactFields[] = {field::kSource, field::kSite, field::kId, field::kStory,
                                                        field::kDate};
    std::string out;
    size_t folded_up_to = 0;  // text before this is in `out`
    for (size_t i = 0; i < text.size(); ++i) {
        // A field name starts a token: at the start, after a space, a bracket or +/-.
        const bool token_start = i == 0 || is_space(text[i - 1]) || text[i - 1] == '(' || text[i - 1] == '+' ||
                                 text[i - 1] == '-';
        if (!token_start) continue;
        for (const std::string_view name : kExactFields) {
            if (text.compare(i, name.size(), name) != 0 || i + name.size() >= text.size() ||
                text[i + name.size()] != ':')
                continue;
            // The value runs to its closing quote, or to a space or closing bracket.
            size_t end = i + name.size() + 1;
            if (end < text.size() && text[end] == '"') {
                const size_t close = text.find('"', end + 1);
                end = close == std::string::npos ? text.size() : close + 1;
            } else {
                while (end < text.size() && !is_space(text[end]) && text[end] != ')') ++end;
            }
            out += fold_accents(std::string_view(text).substr(folded_up_to, i - folded_up_to));
            out.append(text, i, end - i);
            folded_up_to = end;
            i = end - 1;
            break;
        }
    }
    out += fold_accents(std::string_view(text).substr(folded_up_to));
    return out;
}

std::string readable_parser_error(const std::string& message) {
    // "Syntax: <expression> AND <expression>"
    const std::string syntax = "Syntax: <expression> ";
    if (message.compare(0, syntax.size(), syntax) == 0) {
        const std::string rest = message.substr(syntax.size());
        const auto space = rest.find(' ');
        const std::string op = rest.substr(0, space);
        return op + (op == "NOT" ? " needs something after it" : " needs something on each side");
    }
    if (message == "Unknown range operation")
        return "unknown range: only dates have ranges, written date:START..END (e.g. date:2023-06..2023-07)";
    return message;
}

}  // namespace news::query_syntax
