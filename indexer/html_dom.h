// Small helpers over gumbo's parse tree and its text, shared by the HTML
// reader's parts (indexer/html_text.cc, indexer/html_reader.cc).
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>

#include "common/text.h"

namespace news::html {

using Node = GumboNode;

// Markup nested deeper than this is not an article's; the limit also bounds
// the recursion of every walk below.
inline constexpr int kMaxDepth = 400;

// ---- Gumbo tree access ------------------------------------------------------

inline bool is_element(const Node* n) { return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE; }
inline bool is_text(const Node* n) {
    return n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA;
}
inline GumboTag tag_of(const Node* n) { return is_element(n) ? n->v.element.tag : GUMBO_TAG_UNKNOWN; }

inline const GumboVector& children_of(const Node* n) {
    return n->type == GUMBO_NODE_DOCUMENT ? n->v.document.children : n->v.element.children;
}
template <typename F>
inline void for_each_child(const Node* n, F f) {
    if (!is_element(n) && n->type != GUMBO_NODE_DOCUMENT) return;
    const GumboVector& c = children_of(n);
    for (unsigned i = 0; i < c.length; ++i) f(static_cast<const Node*>(c.data[i]));
}

inline const char* attribute(const Node* n, const char* name) {
    if (!is_element(n)) return nullptr;
    const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
    return a ? a->value : nullptr;
}
inline std::string attribute_or_empty(const Node* n, const char* name) {
    const char* v = attribute(n, name);
    return v ? v : "";
}

// Lower-case name of an element gumbo does not know (custom elements such as <amp-ad>).
inline std::string unknown_tag_name(const Node* n) {
    GumboStringPiece piece = n->v.element.original_tag;
    if (!piece.data) return {};
    gumbo_tag_from_original_text(&piece);
    return to_lower(std::string_view(piece.data, piece.length));
}

// ---- Text -------------------------------------------------------------------

// Collapses runs of white space (including no-break spaces) to one space and trims.
inline std::string collapse_whitespace(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool space = false;
    for (size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        const bool nbsp = c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || nbsp) {
            space = true;
            if (nbsp) ++i;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += static_cast<char>(c);
    }
    return out;
}

inline void gather_text(const Node* n, std::string& out, int depth) {
    if (depth > kMaxDepth) return;
    if (is_text(n)) {
        out += n->v.text.text;
        return;
    }
    const GumboTag tag = tag_of(n);
    if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_TEMPLATE) return;
    for_each_child(n, [&](const Node* c) {
        gather_text(c, out, depth + 1);
        if (tag == GUMBO_TAG_BR) out += ' ';
    });
    if (is_element(n)) out += ' ';  // "<li>a</li><li>b</li>" is two words
}

inline std::string text_of(const Node* n) {
    std::string raw;
    gather_text(n, raw, 0);
    return collapse_whitespace(raw);
}

// Like gather_text, but gives up (false) once `out` passes `limit` bytes, so
// asking whether a big element is a short label costs little.
inline bool gather_short_text(const Node* n, std::string& out, size_t limit, int depth) {
    if (depth > kMaxDepth) return true;
    if (is_text(n)) {
        out += n->v.text.text;
        return out.size() <= limit;
    }
    const GumboTag tag = tag_of(n);
    if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_TEMPLATE) return true;
    if (!is_element(n)) return true;
    const GumboVector& c = n->v.element.children;
    for (unsigned i = 0; i < c.length; ++i)
        if (!gather_short_text(static_cast<const Node*>(c.data[i]), out, limit, depth + 1)) return false;
    out += ' ';
    return out.size() <= limit;
}

// Lower case for ASCII names (class names, attribute values): cheaper than
// the Unicode-aware to_lower, and all these names need.
inline std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

inline bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
inline bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

}  // namespace news::html
