#include "indexer/html_reader.h"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/error.h"
#include "common/text.h"
#include "indexer/file_source.h"
#include "indexer/text_reader.h"

namespace news {
namespace {

using Node = GumboNode;

// Markup nested deeper than this is not an article's; the limit also bounds
// the recursion of every walk below.
constexpr int kMaxDepth = 400;

// ---- Gumbo tree access ------------------------------------------------------

bool is_element(const Node* n) { return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE; }
bool is_text(const Node* n) {
    return n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA;
}
GumboTag tag_of(const Node* n) { return is_element(n) ? n->v.element.tag : GUMBO_TAG_UNKNOWN; }

const GumboVector& children_of(const Node* n) {
    return n->type == GUMBO_NODE_DOCUMENT ? n->v.document.children : n->v.element.children;
}
template <typename F>
void for_each_child(const Node* n, F f) {
    if (!is_element(n) && n->type != GUMBO_NODE_DOCUMENT) return;
    const GumboVector& c = children_of(n);
    for (unsigned i = 0; i < c.length; ++i) f(static_cast<const Node*>(c.data[i]));
}

const char* attribute(const Node* n, const char* name) {
    if (!is_element(n)) return nullptr;
    const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
    return a ? a->value : nullptr;
}
std::string attribute_or_empty(const Node* n, const char* name) {
    const char* v = attribute(n, name);
    return v ? v : "";
}

// Lower-case name of an element gumbo does not know (custom elements such as <amp-ad>).
std::string unknown_tag_name(const Node* n) {
    GumboStringPiece piece = n->v.element.original_tag;
    if (!piece.data) return {};
    gumbo_tag_from_original_text(&piece);
    return to_lower(std::string_view(piece.data, piece.length));
}

// ---- Text -------------------------------------------------------------------

// Collapses runs of white space (including no-break spaces) to one space and trims.
std::string collapse_whitespace(std::string_view s) {
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

void gather_text(const Node* n, std::string& out, int depth) {
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

std::string text_of(const Node* n) {
    std::string raw;
    gather_text(n, raw, 0);
    return collapse_whitespace(raw);
}

// Like gather_text, but gives up (false) once `out` passes `limit` bytes, so
// asking whether a big element is a short label costs little.
bool gather_short_text(const Node* n, std::string& out, size_t limit, int depth) {
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

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

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
    const std::string name = to_lower(token);
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
    if (const char* role = attribute(n, "role"); role && kFurnitureRoles.count(to_lower(role))) return true;
    if (const char* style = attribute(n, "style")) {
        std::string s = to_lower(style);
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
    const std::string form = label_form(text);
    if (kExact.count(form)) return true;
    static constexpr std::string_view kStarts[] = {
        "read more:", "read:", "read also:", "also read:", "related:", "see also:", "sign up for", "sign up to",
        "subscribe to", "click here to", "follow us on", "follow us:", "get our newsletter", "©", "copyright ©",
        "this article was originally published", "your email address will not be published"};
    const std::string lower = to_lower(trim(text));
    for (auto s : kStarts)
        if (starts_with(lower, s)) return true;
    return false;
}

// Bytes of visible text in `n`, and how many of them are link text.
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

// ---- Metadata ---------------------------------------------------------------

bool is_absolute_url(std::string_view url);

struct TimeElement {
    std::string value;  // datetime attribute, else the element's text
    bool marked = false;  // itemprop=datePublished or the pubdate attribute
    bool in_chrome = false;
};

// Everything one pass over the page collects.
struct PageScan {
    std::map<std::string, std::string> meta;  // lower-cased property/name/itemprop -> first content
    std::string canonical;
    std::string title_element;
    std::string first_h1;
    std::string home_link_text;
    std::vector<std::string> json_ld;
    std::vector<TimeElement> times;
    std::vector<const Node*> article_bodies, articles, mains;
    std::vector<std::pair<const Node*, size_t>> paragraphs;  // <p> outside furniture, with its non-link text bytes

    // `furniture`: inside something the body leaves out. `chrome`: inside
    // the page's own navigation, footer, sidebars (but not the article's
    // own <header>, which holds its headline and date).
    void scan(const Node* n, bool furniture, bool chrome, bool in_article, int depth) {
        if (depth > kMaxDepth || !is_element(n)) return;
        const GumboTag tag = tag_of(n);
        if (is_furniture(n)) {
            furniture = true;
            // Inside the article, its header, byline and meta line hold its
            // headline and date; only asides and navigation there are chrome.
            if (!in_article || tag == GUMBO_TAG_NAV || tag == GUMBO_TAG_ASIDE || tag == GUMBO_TAG_FOOTER ||
                tag == GUMBO_TAG_FORM || attribute_or_empty(n, "role") == "complementary")
                chrome = true;
        }
        switch (tag) {
        case GUMBO_TAG_META: {
            const std::string content = attribute_or_empty(n, "content");
            for (const char* key : {"property", "name", "itemprop"})
                if (const char* k = attribute(n, key); k && *k) meta.emplace(to_lower(k), content);
            return;
        }
        case GUMBO_TAG_LINK: {
            const std::string rel = to_lower(attribute_or_empty(n, "rel"));
            if (canonical.empty() && contains(" " + rel + " ", " canonical ")) canonical = attribute_or_empty(n, "href");
            return;
        }
        case GUMBO_TAG_SCRIPT:
            if (contains(to_lower(attribute_or_empty(n, "type")), "ld+json")) {
                std::string raw;
                for_each_child(n, [&](const Node* c) {
                    if (is_text(c)) raw += c->v.text.text;
                });
                json_ld.push_back(std::move(raw));
            }
            return;
        case GUMBO_TAG_TITLE:
            // Only the document's: an <svg> has <title>s too.
            if (title_element.empty() && n->parent && tag_of(n->parent) == GUMBO_TAG_HEAD) title_element = text_of(n);
            return;
        case GUMBO_TAG_A:
            // The logo link home usually names the site.
            if (home_link_text.empty()) {
                const std::string href = attribute_or_empty(n, "href");
                if (href == "/" || (is_absolute_url(href) && href.find('/', href.find("//") + 2) == href.size() - 1))
                    home_link_text = text_of(n);
            }
            break;
        case GUMBO_TAG_H1:
            if (first_h1.empty() && !chrome) first_h1 = text_of(n);
            break;
        case GUMBO_TAG_TIME: {
            TimeElement t;
            t.value = attribute_or_empty(n, "datetime");
            if (trim(t.value).empty()) t.value = text_of(n);
            t.marked = attribute(n, "pubdate") || contains(attribute_or_empty(n, "itemprop"), "datePublished");
            t.in_chrome = chrome;
            times.push_back(std::move(t));
            break;
        }
        case GUMBO_TAG_P:
            if (!furniture) {
                size_t total = 0, linked = 0;
                measure_text(n, false, total, linked, 0);
                paragraphs.emplace_back(n, total - linked);
            }
            break;
        case GUMBO_TAG_ARTICLE:
            if (!furniture) articles.push_back(n);
            in_article = true;
            break;
        case GUMBO_TAG_MAIN:
            if (!furniture) mains.push_back(n);
            in_article = true;
            break;
        default:
            break;
        }
        if (!furniture && contains(attribute_or_empty(n, "itemprop"), "articleBody")) article_bodies.push_back(n);
        for_each_child(n, [&](const Node* c) { scan(c, furniture, chrome, in_article, depth + 1); });
    }

    std::string meta_value(std::initializer_list<const char*> keys) const {
        for (const char* k : keys)
            if (auto it = meta.find(k); it != meta.end() && !trim(it->second).empty())
                return collapse_whitespace(it->second);
        return {};
    }
};

// The article described by the page's JSON-LD (schema.org) blocks.
struct LinkedData {
    std::string headline, date_published, url, publisher, body;
    bool from_article = false;  // found on an object typed as an article

    static std::string string_of(const nlohmann::json& j) {
        if (j.is_string()) return j.get<std::string>();
        if (j.is_array() && !j.empty()) return string_of(j.front());
        return {};
    }
    static bool is_article_type(const nlohmann::json& type) {
        if (type.is_array()) return std::any_of(type.begin(), type.end(), is_article_type);
        if (!type.is_string()) return false;
        const std::string t = type.get<std::string>();
        return (t.size() >= 7 && t.compare(t.size() - 7, 7, "Article") == 0) || t == "BlogPosting" ||
               t == "LiveBlogPosting" || t == "Report";
    }

    void visit(const nlohmann::json& j, int depth = 0) {
        if (depth > 16) return;
        if (j.is_array()) {
            for (const auto& item : j) visit(item, depth + 1);
            return;
        }
        if (!j.is_object()) return;
        if (auto graph = j.find("@graph"); graph != j.end()) visit(*graph, depth + 1);
        const bool article = j.contains("@type") && is_article_type(j.at("@type"));
        const bool has_headline = j.contains("headline") && !string_of(j.at("headline")).empty();
        if (!(article && !from_article) && !(headline.empty() && has_headline && !from_article)) return;
        from_article = article;
        auto field = [&](const char* name) { return j.contains(name) ? string_of(j.at(name)) : std::string(); };
        headline = field("headline");
        date_published = field("datePublished");
        if (date_published.empty()) date_published = field("dateCreated");
        url = field("url");
        if (url.empty() && j.contains("mainEntityOfPage")) {
            const auto& m = j.at("mainEntityOfPage");
            url = m.is_object() && m.contains("@id") ? string_of(m.at("@id")) : string_of(m);
        }
        publisher.clear();
        if (j.contains("publisher")) {
            const auto& p = j.at("publisher").is_array() && !j.at("publisher").empty() ? j.at("publisher").front()
                                                                                      : j.at("publisher");
            publisher = p.is_object() && p.contains("name") ? string_of(p.at("name")) : string_of(p);
        }
        body = field("articleBody");
    }

    explicit LinkedData(const std::vector<std::string>& blocks) {
        for (const auto& block : blocks) {
            // Real pages carry JSON-LD with trailing commas or HTML comments;
            // a block that does not parse is ignored, the page is still read.
            const auto j = nlohmann::json::parse(block, nullptr, /*allow_exceptions=*/false);
            if (!j.is_discarded()) visit(j);
        }
    }
};

bool is_absolute_url(std::string_view url) { return starts_with(url, "http://") || starts_with(url, "https://"); }

// "https://www.example.com/a" -> "example.com"
std::string host_of(const std::string& url) {
    if (!is_absolute_url(url)) return {};
    const size_t begin = url.find("//") + 2;
    const size_t end = std::min(url.find_first_of("/?#:", begin), url.size());
    std::string host = to_lower(std::string_view(url).substr(begin, end - begin));
    if (starts_with(host, "www.")) host.erase(0, 4);
    return host;
}

size_t word_count(std::string_view s) {
    size_t n = 0;
    bool in_word = false;
    for (char c : s) {
        const bool space = c == ' ';
        if (!space && !in_word) ++n;
        in_word = !space;
    }
    return n;
}

// Removes the site's name from a headline: "Blinken lands in Beijing | BBC
// News" -> "Blinken lands in Beijing" (also "Site - Headline"), then a
// section name left behind ("... | World"). A part is the site's name if it
// is the site name or host, or (at the end only) the host's first label
// with at most a "News" after it ("BBC News" on bbc.co.uk); "Reuters poll -
// ..." keeps its words, and a " - " inside a headline is kept.
std::string without_site_name(std::string title, const std::string& site, const std::string& host,
                              bool from_title_element) {
    static constexpr std::string_view kSeparators[] = {" | ", " - ", " – ", " — ", " :: ", " · ", " // "};
    const std::string site_lower = to_lower(site);
    const std::string host_label = host.substr(0, host.find('.'));
    const auto is_site = [&](std::string_view part, bool at_end) {
        const std::string p = to_lower(trim(part));
        if (p.empty()) return false;
        if (p == site_lower || p == host || p == "www." + host) return true;
        if (!at_end || host_label.size() < 2 || word_count(p) > 3) return false;
        std::string squeezed;
        for (char c : p)
            if (c != ' ') squeezed += c;
        if (!starts_with(squeezed, host_label)) return false;
        const std::string rest = squeezed.substr(host_label.size());
        return rest.empty() || rest == "news" || rest == "online" || rest == ".com" || rest == "com";
    };
    bool removed_site = false;
    for (int round = 0; round < 3; ++round) {
        size_t last = std::string::npos, last_len = 0, first = std::string::npos, first_len = 0;
        for (auto sep : kSeparators) {
            const size_t r = title.rfind(sep);
            if (r != std::string::npos && (last == std::string::npos || r > last)) last = r, last_len = sep.size();
            const size_t f = title.find(sep);
            if (f != std::string::npos && (first == std::string::npos || f < first)) first = f, first_len = sep.size();
        }
        if (last == std::string::npos) break;
        const std::string head = title.substr(0, last), tail = title.substr(last + last_len);
        if (is_site(tail, true) && word_count(head) >= 2) {
            title = head;
            removed_site = true;
            continue;
        }
        const std::string lead = title.substr(0, first), rest = title.substr(first + first_len);
        if (is_site(lead, false) && word_count(rest) >= 2) {
            title = rest;
            removed_site = true;
            continue;
        }
        // "Headline | World" once the site is gone, or in a bare <title>.
        const bool pipe = title.compare(last, last_len, " | ") == 0;
        if (pipe && (removed_site || from_title_element) && word_count(tail) <= 3 && head.size() >= 2 * tail.size()) {
            title = head;
            continue;
        }
        break;
    }
    return std::string(trim(title));
}

size_t line_of_offset(const std::string& s, size_t offset) {
    return 1 + std::count(s.begin(), s.begin() + std::min(offset, s.size()), '\n');
}

struct GumboOutputDeleter {
    void operator()(GumboOutput* output) const { gumbo_destroy_output(&kGumboDefaultOptions, output); }
};

// The element holding the article's text: the largest marked article body,
// else the largest <article>, else <main>, else the element whose
// paragraphs hold the most text (each <p> counting fully for its parent and
// half for its grandparent, so the container of many paragraphs wins over
// a box with one long teaser).
const Node* main_container(const PageScan& page, const Node* root) {
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

}  // namespace

Article parse_html_article(const std::string& path, const std::string& content) {
    if (looks_binary(content)) throw InputError(path, 0, "binary data, not an HTML page");
    if (auto bad = find_invalid_utf8(content))
        throw InputError(path, static_cast<long>(line_of_offset(content, *bad)),
                         "invalid UTF-8 (byte offset " + std::to_string(*bad) + "; pages must be UTF-8)");
    if (trim(content).empty()) throw InputError(path, 0, "empty file, no article text");
    // Control characters must not reach terminals or JSON consumers; gumbo
    // would turn them into U+FFFD, so they go before parsing.
    const bool bom = content.compare(0, 3, "\xEF\xBB\xBF") == 0;
    const std::string html = strip_controls(std::string_view(content).substr(bom ? 3 : 0));
    const std::unique_ptr<GumboOutput, GumboOutputDeleter> output(
        gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()));

    PageScan page;
    page.scan(output->root, false, false, false, 0);
    const LinkedData linked(page.json_ld);

    Article article;
    article.path = path;

    // URL and id: the page's own statement of its address.
    for (const std::string& candidate : {page.canonical, page.meta_value({"og:url"}), linked.url}) {
        const std::string url(trim(candidate));
        if (is_absolute_url(url)) {
            article.url = url;
            break;
        }
    }
    article.id = article.url;

    article.source = page.meta_value({"og:site_name", "application-name"});
    if (article.source.empty()) article.source = collapse_whitespace(linked.publisher);
    const std::string host = host_of(article.url);
    if (article.source.empty()) article.source = host;

    // Headline: what the page says it is for sharing and for search engines,
    // else its first top-level heading, else the window title.
    std::string site_name = page.meta_value({"og:site_name"});
    if (site_name.empty()) site_name = collapse_whitespace(linked.publisher);
    if (site_name.empty()) site_name = page.home_link_text;
    const std::pair<std::string, bool> titles[] = {{page.meta_value({"og:title", "twitter:title"}), false},
                                                   {collapse_whitespace(linked.headline), false},
                                                   {page.first_h1, false},
                                                   {page.title_element, true}};
    for (const auto& [title, is_title_element] : titles) {
        if (trim(title).empty()) continue;
        article.title = without_site_name(title, site_name, host, is_title_element);
        break;
    }

    // Date: machine-readable metadata first, then the article's <time>.
    std::vector<std::string> stated{page.meta_value({"article:published_time", "og:article:published_time",
                                                     "datepublished", "pubdate", "publishdate", "publish-date",
                                                     "parsely-pub-date", "sailthru.date", "dc.date.issued", "dc.date",
                                                     "dcterms.created", "date"}),
                                    linked.date_published};
    for (const auto& text : stated) {
        if (trim(text).empty()) continue;
        if (article.date_text.empty()) article.date_text = std::string(trim(text));
        if (auto d = parse_date(trim(text))) {
            article.date_text = std::string(trim(text));
            article.date = d;
            break;
        }
    }
    if (!article.date) {
        // <time> also marks durations and "updated" stamps: only a readable one counts.
        for (int pass = 0; pass < 2 && !article.date; ++pass)
            for (const auto& t : page.times) {
                if (t.in_chrome || (pass == 0 && !t.marked)) continue;
                if (auto d = parse_date(trim(t.value))) {
                    article.date_text = std::string(trim(t.value));
                    article.date = d;
                    break;
                }
            }
    }

    BodyCollector body;
    body.collect(main_container(page, output->root));
    article.body = body.text();
    if (article.body.empty() && !trim(linked.body).empty()) article.body = std::string(trim(linked.body));

    // Also from JSON-LD, whose escapes (\u0007) gumbo never saw.
    for (std::string* field : {&article.title, &article.body, &article.source, &article.url, &article.id,
                               &article.date_text})
        *field = strip_controls(*field);
    if (trim(article.title).empty() && trim(article.body).empty())
        throw InputError(path, 0, "no headline or article text found in the page");
    return article;
}

Article read_html_article(const std::string& path) {
    Article article = parse_html_article(path, read_whole_file(path));
    if (article.id.empty()) article.id = file_identity(path);
    return article;
}

}  // namespace news
