#include "indexer/html_reader.h"

#include <gumbo.h>

#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/text.h"
#include "indexer/file_source.h"
#include "indexer/html_dom.h"
#include "indexer/html_text.h"
#include "indexer/text_reader.h"

namespace news {
namespace {

using namespace html;

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
    ContainerCandidates candidates;

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
                if (const char* k = attribute(n, key); k && *k) meta.emplace(ascii_lower(k), content);
            return;
        }
        case GUMBO_TAG_LINK: {
            const std::string rel = ascii_lower(attribute_or_empty(n, "rel"));
            if (canonical.empty() && contains(" " + rel + " ", " canonical ")) canonical = attribute_or_empty(n, "href");
            return;
        }
        case GUMBO_TAG_SCRIPT:
            if (contains(ascii_lower(attribute_or_empty(n, "type")), "ld+json")) {
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
                candidates.paragraphs.emplace_back(n, total - linked);
            }
            break;
        case GUMBO_TAG_ARTICLE:
            if (!furniture) candidates.articles.push_back(n);
            in_article = true;
            break;
        case GUMBO_TAG_MAIN:
            if (!furniture) candidates.mains.push_back(n);
            in_article = true;
            break;
        default:
            break;
        }
        if (!furniture && contains(attribute_or_empty(n, "itemprop"), "articleBody")) candidates.article_bodies.push_back(n);
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

    article.body = html::article_text(html::main_container(page.candidates, output->root));
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
