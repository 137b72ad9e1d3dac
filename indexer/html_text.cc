#include "indexer/html_text.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/text.h"
#include "indexer/html_dom.h"

namespace news::html {
namespace {

// ---- What is page furniture rather than article ----------------------------

// Words in class and id names (split at '-' and '_') that mark furniture.
const std::unordered_set<std::string_view>& furniture_words() {
    static const std::unordered_set<std::string_view> words{
        "ad",         "ads",         "adslot",      "advert",     "adverts",    "advertisement", "advertising",
        "banner",     "sponsor",     "sponsored",   "promo",      "promoted",   "promotion",     "related",
        "recommended", "recommendations", "share",  "sharing",    "social",     "newsletter",    "subscribe",
        "subscription", "signup",    "comment",     "comments",   "cookie",     "cookies",       "consent",
        "breadcrumb", "breadcrumbs", "sidebar",     "outbrain",   "taboola",    "popup",         "modal",
        "paywall",    "nav",         "navbar",      "navigation", "menu",       "footer",        "masthead",
        "header",     "byline",      "author",      "trending",   "popular",    "mostread",      "readmore",
        "caption",    "credit",      "toolbar",     "skip",       "tags",       "widget",        "dialog",
        "meta",       "timestamp"};
    return words;
}

// Prefixes of class and id names that mark furniture even when run
// together ("relatedArticles", "shareBar", "adContainer" is too short to tell).
constexpr std::string_view kFurniturePrefixes[] = {"related",  "advert",  "newsletter", "social",   "sharebar",
                                                   "sharing",  "promo",   "sponsor",    "outbrain", "taboola",
                                                   "comments", "cookie",  "breadcrumb", "sidebar",  "paywall",
                                                   "recommend", "readmore", "mostread"};

bool is_furniture_name(std::string_view token) {
    const std::string name = ascii_lower(token);
    // State modifiers describe the element, not what it is ("has-sidebar").
    for (std::string_view modifier : {"has-", "has_", "with-", "no-", "is-"})
        if (starts_with(name, modifier)) return false;
    for (std::string_view state : {"-enabled", "-disabled", "-active", "-visible", "-open"})
        if (name.size() > state.size() && name.compare(name.size() - state.size(), state.size(), state) == 0)
            return false;
    if (furniture_words().count(name)) return true;
    for (auto prefix : kFurniturePrefixes)
        if (starts_with(name, prefix)) return true;
    size_t start = 0;
    while (start <= name.size()) {
        size_t end = name.find_first_of("-_:", start);
        if (end == std::string::npos) end = name.size();
        if (end > start && furniture_words().count(std::string_view(name).substr(start, end - start))) return true;
        start = end + 1;
    }
    return false;
}

bool is_furniture_tag(GumboTag tag) {
    switch (tag) {
    case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_NAV: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_INPUT: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_MENU: case GUMBO_TAG_LABEL: case GUMBO_TAG_OPTION:
        return true;
    default:
        return false;
    }
}

// Elements that hold the article itself; their class names are not judged
// (a <body class="has-ads"> or <article class="story with-sidebar"> is still the page).
bool is_content_root(const Node* n) {
    const GumboTag tag = tag_of(n);
    if (tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN)
        return true;
    const char* itemprop = attribute(n, "itemprop");
    return itemprop && contains(itemprop, "articleBody");
}

}  // namespace

// Navigation, adverts, share bars, forms, hidden elements, related links...
bool is_furniture(const Node* n) {
    if (!is_element(n)) return false;
    const GumboTag tag = tag_of(n);
    if (is_furniture_tag(tag)) return true;
    if (tag == GUMBO_TAG_UNKNOWN) {
        const std::string name = unknown_tag_name(n);
        if (name == "dialog" || is_furniture_name(name)) return true;
    }
    if (attribute(n, "hidden")) return true;
    if (attribute_or_empty(n, "aria-hidden") == "true") return true;
    static const std::unordered_set<std::string> kFurnitureRoles{
        "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert", "menu", "menubar",
        "toolbar", "form"};
    if (const char* role = attribute(n, "role"); role && kFurnitureRoles.count(ascii_lower(role))) return true;
    if (const char* style = attribute(n, "style")) {
        std::string s = ascii_lower(style);
        s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
        if (contains(s, "display:none") || contains(s, "visibility:hidden")) return true;
    }
    if (is_content_root(n)) return false;
    if (const char* id = attribute(n, "id"); id && is_furniture_name(id)) return true;
    if (const char* cls = attribute(n, "class")) {
        std::string_view rest(cls);
        while (!rest.empty()) {
            const size_t b = rest.find_first_not_of(" \t\n\r\f");
            if (b == std::string_view::npos) break;
            rest.remove_prefix(b);
            const size_t e = std::min(rest.find_first_of(" \t\n\r\f"), rest.size());
            if (is_furniture_name(rest.substr(0, e))) return true;
            rest.remove_prefix(e);
        }
    }
    return false;
}

namespace {

std::string label_form(std::string_view text) {
    std::string s = to_lower(trim(text));
    while (!s.empty() && (s.back() == ':' || s.back() == ' ' || s.back() == '.')) s.pop_back();
    return s;
}

bool is_block(GumboTag tag);
bool is_heading(GumboTag tag);

// Headings that introduce a block of links to other stories.
bool is_section_label(std::string_view text) {
    static const std::unordered_set<std::string> kLabels{
        "related", "related articles", "related stories", "related content", "related news", "related links",
        "related coverage", "related topics", "read more", "read also", "also read", "more on this story",
        "more on this topic", "more stories", "more news", "more from this section", "you may also like",
        "you might also like", "recommended", "recommended for you", "recommended stories", "most read",
        "most popular", "most viewed", "trending", "trending now", "see also", "further reading", "top stories",
        "latest news", "latest stories", "editor's picks", "editors' picks", "don't miss", "in other news"};
    return text.size() < 60 && kLabels.count(label_form(text));
}

// A heading or block that is only such a label.
bool is_label(const Node* n) {
    if (!is_element(n) || !(is_heading(tag_of(n)) || is_block(tag_of(n)))) return false;
    std::string text;
    return gather_short_text(n, text, 120, 0) && is_section_label(collapse_whitespace(text));
}

// Paragraphs that are furniture by what they say.
bool is_furniture_text(std::string_view text) {
    if (is_section_label(text)) return true;
    static const std::unordered_set<std::string> kExact{
        "advertisement", "advertisment", "ad", "sponsored", "share", "share this", "share this article",
        "share this story", "share on facebook", "share on twitter", "top story", "source link", "leave a reply",
        "back to top", "skip to content", "skip to main content", "skip advert", "subscribe", "sign up",
        "print", "email", "listen to this article", "story continues below advertisement"};
    if (text.size() < 80 && kExact.count(label_form(text))) return true;
    static constexpr std::string_view kStarts[] = {
        "read more:", "read:", "read also:", "also read:", "related:", "see also:", "sign up for", "sign up to",
        "subscribe to", "click here to", "follow us on", "follow us:", "get our newsletter", "©", "copyright ©",
        "this article was originally published", "your email address will not be published"};
    // The longest prefix above is 44 bytes: a paragraph's first 64 are enough.
    const std::string lower = to_lower(trim(text).substr(0, 64));
    for (auto s : kStarts)
        if (starts_with(lower, s)) return true;
    return false;
}

}  // namespace

void measure_text(const Node* n, bool in_link, size_t& total, size_t& linked, int depth) {
    if (depth > kMaxDepth) return;
    if (is_text(n)) {
        size_t k = 0;
        for (const char* p = n->v.text.text; *p; ++p)
            if (!std::isspace(static_cast<unsigned char>(*p))) ++k;
        total += k;
        if (in_link) linked += k;
        return;
    }
    if (is_furniture(n)) return;
    const bool link = in_link || tag_of(n) == GUMBO_TAG_A;
    for_each_child(n, [&](const Node* c) { measure_text(c, link, total, linked, depth + 1); });
}

namespace {

double link_density(const Node* n) {
    size_t total = 0, linked = 0;
    measure_text(n, false, total, linked, 0);
    return total ? static_cast<double>(linked) / static_cast<double>(total) : 0.0;
}

bool is_block(GumboTag tag) {
    switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_HGROUP: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_LI:
    case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_BR:
    case GUMBO_TAG_HR: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_BODY: case GUMBO_TAG_CENTER:
        return true;
    default:
        return false;
    }
}

bool is_heading(GumboTag tag) {
    return tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 || tag == GUMBO_TAG_H4 || tag == GUMBO_TAG_H5 ||
           tag == GUMBO_TAG_H6;
}

// ---- The article text -------------------------------------------------------

// Paragraphs of a container's text, furniture left out.
class BodyCollector {
  public:
    void collect(const Node* n, bool in_link = false, int depth = 0) {
        if (depth > kMaxDepth) return;
        if (is_text(n)) {
            current_ += n->v.text.text;
            if (in_link) current_link_bytes_ += std::strlen(n->v.text.text);
            return;
        }
        if (!is_element(n) || is_furniture(n)) return;
        const GumboTag tag = tag_of(n);
        if (tag == GUMBO_TAG_H1) return;  // the headline is the title, not the body
        if ((tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL) && link_density(n) >= 0.5) return;
        const bool block = is_block(tag);
        if (block) flush();
        const bool link = in_link || tag == GUMBO_TAG_A;
        bool after_label = false;
        for_each_child(n, [&](const Node* c) {
            if (after_label) {
                // The links after a "Related articles" heading belong to it.
                if (c->type == GUMBO_NODE_WHITESPACE || c->type == GUMBO_NODE_COMMENT) return;
                if (is_element(c) && (tag_of(c) == GUMBO_TAG_UL || tag_of(c) == GUMBO_TAG_OL || link_density(c) >= 0.5))
                    return;
                after_label = false;
            }
            if (is_label(c)) {
                after_label = true;
                return;
            }
            collect(c, link, depth + 1);
        });
        if (block) flush();
    }

    std::string text() {
        flush();
        std::string out;
        for (const auto& p : paragraphs_) {
            if (!out.empty()) out += "\n\n";
            out += p;
        }
        return out;
    }

  private:
    void flush() {
        std::string p = collapse_whitespace(current_);
        const size_t raw = current_.size();
        const size_t linked = current_link_bytes_;
        current_.clear();
        current_link_bytes_ = 0;
        if (p.empty() || is_furniture_text(p)) return;
        // A paragraph that is (almost) all link is a pointer to another story.
        if (raw > 0 && linked * 10 >= raw * 8) return;
        paragraphs_.push_back(std::move(p));
    }

    std::vector<std::string> paragraphs_;
    std::string current_;
    size_t current_link_bytes_ = 0;
};

}  // namespace

// Each <p> counts fully for its parent and half for its grandparent, so the
// container of many paragraphs wins over a box with one long teaser.
const Node* main_container(const ContainerCandidates& page, const Node* root) {
    std::unordered_map<const Node*, size_t> contained;  // paragraph text under each element
    std::unordered_map<const Node*, double> density;
    for (const auto& [p, bytes] : page.paragraphs) {
        int up = 0;
        for (const Node* a = p->parent; a && up < kMaxDepth; a = a->parent, ++up) contained[a] += bytes;
        if (bytes < 20) continue;
        if (p->parent) density[p->parent] += static_cast<double>(bytes);
        if (p->parent && p->parent->parent) density[p->parent->parent] += bytes / 2.0;
    }
    const auto largest = [&](const std::vector<const Node*>& candidates) -> const Node* {
        const Node* best = nullptr;
        size_t best_bytes = 0;
        for (const Node* c : candidates) {
            auto it = contained.find(c);
            const size_t bytes = it == contained.end() ? 0 : it->second;
            if (!best || bytes > best_bytes) best = c, best_bytes = bytes;
        }
        return best_bytes > 0 ? best : nullptr;
    };
    if (const Node* n = largest(page.article_bodies)) return n;
    if (const Node* n = largest(page.articles)) return n;
    if (const Node* n = largest(page.mains)) return n;
    const Node* best = nullptr;
    double best_score = 0;
    for (const auto& [n, score] : density)
        if (score > best_score || (score == best_score && best && n < best)) best = n, best_score = score;
    return best ? best : root;
}

std::string article_text(const Node* container) {
    BodyCollector body;
    body.collect(container);
    return body.text();
}

}  // namespace news::html
