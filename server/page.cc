#include "server/page.h"

#include <algorithm>

#include "server/html.h"

namespace news::serve {
namespace {

using html::escape;

// Equal stretches of a diff longer than this many words show their ends only.
constexpr size_t kEqualWordsShown = 24;

std::string head(const std::string& title) {
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
           "<title>" + escape(title) + "</title>"
           "<link rel=\"stylesheet\" href=\"/static/style.css\">"
           "<script src=\"/static/app.js\" defer></script></head><body>\n";
}

const char* kFoot = "</body></html>\n";

std::string form(const PageRequest& r) {
    auto option = [&](const char* value, const char* label) {
        return std::string("<option value=\"") + value + "\"" + (r.sort == value ? " selected" : "") + ">" + label +
               "</option>";
    };
    std::string out = "<header><form class=\"search\" action=\"/\" method=\"get\" role=\"search\">"
                      "<a class=\"home\" href=\"/\">news-search</a> "
                      "<input type=\"search\" name=\"q\" id=\"q\" size=\"50\" maxlength=\"" +
                      std::to_string(kMaxQueryBytes) + "\" value=\"" + escape(r.q) +
                      "\" aria-label=\"Query\" placeholder=\"words, &quot;a phrase&quot;, title:word, source:name\"> "
                      "<label>Sort <select name=\"sort\">" +
                      option("relevance", "relevance") + option("newest", "newest") + option("oldest", "oldest") +
                      "</select></label> <label>From <input type=\"date\" name=\"since\" value=\"" + escape(r.since) +
                      "\"></label> <label>To <input type=\"date\" name=\"until\" value=\"" + escape(r.until) +
                      "\"></label>";
    if (!r.source.empty()) out += "<input type=\"hidden\" name=\"source\" value=\"" + escape(r.source) + "\">";
    if (!r.month.empty()) out += "<input type=\"hidden\" name=\"month\" value=\"" + escape(r.month) + "\">";
    out += " <button type=\"submit\">Search</button></form></header>\n";
    return out;
}

std::string chosen_filters(const PageRequest& r) {
    std::string out;
    if (!r.source.empty())
        out += "<a class=\"chip\" href=\"/" + html::query_href(r.with("source", "")) + "\">source: " +
               escape(r.source) + " ✕</a> ";
    if (!r.month.empty())
        out += "<a class=\"chip\" href=\"/" + html::query_href(r.with("month", "")) + "\">month: " +
               escape(r.month) + " ✕</a> ";
    return out.empty() ? "" : "<p class=\"filters\">" + out + "</p>\n";
}

std::string facets(const PageRequest& r, const SearchResult& result) {
    std::string out = "<aside class=\"facets\">";
    for (const auto& facet : result.facets) {
        const bool source = facet.kind == FacetKind::kSource;
        out += std::string("<section class=\"facet\" data-facet=\"") + to_string(facet.kind) + "\"><h2>" +
               (source ? "Source" : "Month") + "</h2><ul>";
        size_t shown = 0;
        for (const auto& c : facet.counts) {
            if (c.value.empty() || ++shown > 20) continue;  // the undated and unnamed cannot be filtered on
            out += "<li><a href=\"/" + html::query_href(r.with(source ? "source" : "month", c.value)) + "\">" +
                   escape(c.value) + "</a> <span class=\"count\">" + std::to_string(c.count) + "</span></li>";
        }
        out += "</ul></section>";
    }
    return out + "</aside>\n";
}

std::string hit_html(const Hit& hit) {
    std::string out = "<li class=\"hit\"><h3>";
    const std::string link = html::safe_link(hit.article.url);
    const std::string title = html::highlighted(hit.title);
    out += link.empty() ? title : "<a href=\"" + escape(link) + "\">" + title + "</a>";
    out += "</h3><p class=\"meta\">";
    const auto [publisher, from] = publisher_of(hit.article);
    out += escape(publisher);
    if (hit.article.date) out += " · " + hit.article.date->iso();
    out += "</p><p class=\"snippet\">" + html::highlighted(hit.snippet) + "</p>";
    const std::string timeline_href = "/timeline" + html::query_href({{"id", hit.article.id}});
    if (hit.versions > 1) {
        out += "<details class=\"versions\" data-timeline=\"" + timeline_href + "&amp;fragment=1\"><summary>" +
               std::to_string(hit.versions) + " versions</summary><div class=\"timeline-slot\"><a href=\"" +
               timeline_href + "\">Show the timeline of this story</a></div></details>";
    } else {
        out += "<p class=\"one-version\"><a href=\"" + timeline_href + "\">1 version</a></p>";
    }
    return out + "</li>\n";
}

std::string paging(const PageRequest& r, const SearchResult& result) {
    const unsigned long long pages = (result.total + r.per_page - 1) / r.per_page;
    if (pages <= 1 && r.page == 1) return "";
    std::string out = "<nav class=\"pages\">";
    if (r.page > 1)
        out += "<a rel=\"prev\" href=\"/" + html::query_href(r.with("page", std::to_string(r.page - 1))) +
               "\">← Previous</a> ";
    out += "<span>Page " + std::to_string(r.page) + " of " + (result.total_exact ? "" : "about ") +
           std::to_string(std::max<unsigned long long>(pages, 1)) + "</span>";
    if (static_cast<unsigned long long>(r.page) < pages && r.page < kMaxPage)
        out += " <a rel=\"next\" href=\"/" + html::query_href(r.with("page", std::to_string(r.page + 1))) +
               "\">Next →</a>";
    return out + "</nav>\n";
}

std::string alerts_html(const std::vector<AlertLine>& alerts) {
    if (alerts.empty()) return "";
    std::string out = "<section class=\"alerts\"><h2>Saved searches</h2><ul>";
    for (const auto& a : alerts) {
        out += "<li><a href=\"/" + html::query_href({{"q", a.query}}) + "\">" + escape(a.name) + "</a> <code>" +
               escape(a.query) + "</code>";
        if (a.unread)
            out += " <a class=\"unread\" href=\"/alerts" + html::query_href({{"name", a.name}}) + "\">" +
                   std::to_string(a.unread) + " new " + (a.unread == 1 ? "story" : "stories") + "</a>";
        out += "</li>";
    }
    return out + "</ul></section>\n";
}

// A diff as running text: unchanged words plain (long stretches shortened),
// deletions struck through, insertions underlined, marked by kind.
std::string diff_html(const WordDiff& diff) {
    std::string out;
    for (const auto& op : diff.ops) {
        switch (op.kind) {
            case DiffOp::Kind::kEqual: {
                if (op.words_after <= kEqualWordsShown) {
                    out += escape(op.after) + " ";
                    break;
                }
                // First and last words of the stretch, split at spaces.
                size_t head_end = 0, tail_begin = op.after.size();
                for (size_t k = 0; k < kEqualWordsShown / 2 && head_end != std::string::npos; ++k)
                    head_end = op.after.find(' ', head_end + 1);
                for (size_t k = 0; k < kEqualWordsShown / 2 && tail_begin != std::string::npos && tail_begin > 0; ++k)
                    tail_begin = op.after.rfind(' ', tail_begin - 1);
                if (head_end == std::string::npos || tail_begin == std::string::npos || tail_begin <= head_end) {
                    out += escape(op.after) + " ";
                    break;
                }
                out += escape(op.after.substr(0, head_end)) + " <span class=\"skipped\">[… " +
                       std::to_string(op.words_after - kEqualWordsShown) + " words the same …]</span> " +
                       escape(op.after.substr(tail_begin + 1)) + " ";
                break;
            }
            default: {
                std::string classes = std::string("change ") + to_string(op.kind);
                if (op.synonym) classes += " synonym";
                if (op.link_line) classes += " link-line";
                if (op.numbers) classes += " numbers";
                std::string label = op.synonym ? "synonym swap" : op.link_line ? "link line added" :
                                    op.numbers ? "number changed" : to_string(op.kind);
                out += "<span class=\"" + classes + "\" title=\"" + label + "\">";
                if (!op.before.empty()) out += "<del>" + escape(op.before) + "</del>";
                if (!op.after.empty()) out += "<ins>" + escape(op.after) + "</ins>";
                out += "</span> ";
            }
        }
    }
    return out;
}

std::string changes_summary(size_t previous, const TimelineEntry& e) {
    const WordDiff& d = *e.body_changes;
    if (d.identical() && e.title_changes->identical()) return "Same words as version " + std::to_string(previous);
    std::string s = "Against version " + std::to_string(previous) + ": " + std::to_string(d.inserted) +
                    " words inserted, " + std::to_string(d.deleted) + " deleted, " + std::to_string(d.replaced) +
                    " replaced";
    if (d.synonym_swaps) s += ", " + std::to_string(d.synonym_swaps) + " synonym swaps";
    size_t numbers = 0, links = 0;
    for (const auto& op : d.ops) {
        numbers += op.numbers;
        links += op.link_line;
    }
    if (numbers) s += ", " + std::to_string(numbers) + " number changes";
    if (links) s += ", " + std::to_string(links) + " link lines added";
    if (!e.title_changes->identical()) s += "; title changed";
    return s;
}

}  // namespace

std::string timeline_fragment(const Timeline& timeline) {
    std::string out = "<ol class=\"timeline\" data-story=\"" + escape(timeline.story) + "\">\n";
    for (size_t i = 0; i < timeline.entries.size(); ++i) {
        const auto& e = timeline.entries[i];
        out += std::string("<li class=\"version") + (e.first ? " first" : "") + "\" data-id=\"" + escape(e.article.id) +
               "\"><p class=\"when\"><span class=\"position\">" + std::to_string(i + 1) + ".</span> " +
               (e.article.date ? e.article.date->iso() : std::string("undated")) + " · <span class=\"publisher\">" +
               escape(e.publisher) + "</span>" +
               (e.first ? " <strong class=\"first-badge\">first published</strong>" : "") + "</p>";
        out += "<h4>" + escape(e.article.title) + "</h4>";
        if (e.body_changes) {
            out += "<p class=\"changes-summary\">" + escape(changes_summary(i, e)) + "</p>";
            if (!e.title_changes->identical()) out += "<p class=\"diff title-diff\">" + diff_html(*e.title_changes) + "</p>";
            out += "<details class=\"diff-body\"" + std::string(i == 1 ? " open" : "") +
                   "><summary>What changed</summary><p class=\"diff\">" + diff_html(*e.body_changes) +
                   "</p></details>";
        } else {
            out += "<details class=\"diff-body\"><summary>Text</summary><p class=\"body\">" + escape(e.article.body) +
                   "</p></details>";
        }
        out += "</li>\n";
    }
    return out + "</ol>\n";
}

std::string timeline_page(const Timeline& timeline) {
    PageRequest empty;
    std::string out = head("Timeline — news-search") + form(empty) + "<main><h1>Timeline of a story: " +
                      std::to_string(timeline.entries.size()) + " versions, oldest first</h1>\n";
    return out + timeline_fragment(timeline) + "</main>" + kFoot;
}

std::string search_page(const PageRequest& request, const SearchResult* result,
                        const std::vector<AlertLine>& alerts) {
    std::string out = head(request.q.empty() ? "news-search" : request.q + " — news-search") + form(request);
    out += "<main>\n" + chosen_filters(request);
    if (!result) return out + alerts_html(alerts) + "</main>" + kFoot;
    if (!result->suggestion.empty()) {
        if (result->corrected)
            out += "<p class=\"didyoumean\">Showing results for <strong>" + escape(result->suggestion) + "</strong></p>";
        else
            out += "<p class=\"didyoumean\">Did you mean: <a href=\"/" +
                   html::query_href(request.with("q", result->suggestion)) + "\">" + escape(result->suggestion) +
                   "</a>?</p>";
    }
    const std::string unit = result->total == 1 ? "story" : "stories";
    if (result->hits.empty()) {
        out += "<p class=\"summary\">No matches for <strong>" + escape(request.q) + "</strong>" +
               (request.page > 1 && result->total ? " on this page" : "") + ".</p>";
    } else {
        out += "<p class=\"summary\">Results " + std::to_string(result->hits.front().rank) + "–" +
               std::to_string(result->hits.back().rank) + " of " + (result->total_exact ? "" : "about ") +
               std::to_string(result->total) + " " + unit + "</p>\n";
    }
    out += "<div class=\"layout\">" + facets(request, *result) + "<section class=\"results\">";
    if (!result->hits.empty()) {
        out += "<ol class=\"hits\" start=\"" + std::to_string(result->hits.front().rank) + "\">\n";
        for (const auto& hit : result->hits) out += hit_html(hit);
        out += "</ol>\n";
    }
    out += paging(request, *result) + "</section></div>" + alerts_html(alerts) + "</main>" + kFoot;
    return out;
}

std::string alerts_page(const std::vector<SavedSearch>& searches) {
    PageRequest empty;
    std::string out = head("Alerts — news-search") + form(empty) + "<main><h1>Alerts</h1>\n";
    if (searches.empty()) out += "<p>No saved searches: <code>news-search --save NAME QUERY</code> saves one.</p>";
    for (const auto& s : searches) {
        out += "<section class=\"alert\"><h2><a href=\"/" + html::query_href({{"q", s.query}}) + "\">" +
               escape(s.name) + "</a> <code>" + escape(s.query) + "</code></h2>";
        if (s.unread.empty()) out += "<p>Nothing new.</p>";
        out += "<ul>";
        for (const auto& a : s.unread)
            out += std::string("<li class=\"") + (a.new_story ? "new-story" : "new-version") + "\">" +
                   (a.new_story ? "New story" : "New version") + ": <a href=\"/timeline" +
                   html::query_href({{"id", a.id}}) + "\">" + escape(a.title.empty() ? a.id : a.title) + "</a> " +
                   escape(a.source) + " " + escape(a.date) + "</li>";
        out += "</ul></section>\n";
    }
    return out + "</main>" + kFoot;
}

std::string error_page(int status, const std::string& message, const PageRequest* request) {
    PageRequest empty;
    return head("Error " + std::to_string(status) + " — news-search") + form(request ? *request : empty) +
           "<main><p class=\"error\" role=\"alert\">Error " + std::to_string(status) + ": " + escape(message) +
           "</p></main>" + kFoot;
}

}  // namespace news::serve
