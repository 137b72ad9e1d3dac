#include "searcher/printer.h"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace news {
namespace {

constexpr int kJsonFormatVersion = 1;

// Queries come from the command line and ids from file names, neither of which
// need be UTF-8; a bad byte becomes U+FFFD instead of losing the whole output.
std::string dump(const nlohmann::json& doc) {
    return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

const char* kBold = "\033[1m";
const char* kMatch = "\033[1;33m";
const char* kDim = "\033[2m";
const char* kReset = "\033[0m";

// Where the article can be found: its file for whole-file articles, else its id.
std::string location(const Article& a) { return a.line == 0 && !a.path.empty() ? a.path : a.id; }

class TextPrinter : public Printer {
  public:
    TextPrinter(std::ostream& out, bool color) : out_(out), color_(color) {}

    void results(const SearchRequest& request, const SearchResult& result) override {
        if (result.corrected)
            out_ << "Showing results for: " << result.suggestion << " (instead of: " << result.query << ")\n";
        else if (!result.suggestion.empty())
            out_ << "Did you mean: " << result.suggestion << (result.suggestion.back() == '?' ? "" : "?") << '\n';
        const std::string& searched = result.corrected ? result.suggestion : result.query;
        if (result.hits.empty()) {
            // Paging past the end is not the same as a query that matches nothing.
            if (request.offset > 0 && result.matches_estimated > 0)
                out_ << "No results at offset " << request.offset << " (about "
                     << counted(result.matches_estimated, request.grouping)
                     << (result.matches_estimated == 1 ? " matches" : " match") << " \"" << searched
                     << "\").\n";
            else
                out_ << "No matches for \"" << searched << "\".\n";
            return;
        }
        out_ << "Results " << result.hits.front().rank << "-" << result.hits.back().rank << " of about "
             << counted(result.matches_estimated, request.grouping) << " for \"" << searched << "\"\n";
        for (const auto& hit : result.hits) {
            out_ << '\n' << hit.rank << ". " << styled(hit.title, kBold);
            if (hit.versions > 1) {
                out_ << "  " << paint(kBold, "[+" + std::to_string(hit.versions - 1) + " version" +
                                                 (hit.versions > 2 ? "s" : "") + "]");
            }
            out_ << '\n';
            std::string meta = location(hit.article);
            if (!hit.article.source.empty()) meta += " · " + hit.article.source;
            if (hit.article.date) meta += " · " + hit.article.date->iso();
            char score[32];
            std::snprintf(score, sizeof score, " · score %.2f", hit.score);
            meta += score;
            if (hit.versions > 1)
                meta += " · " + std::to_string(hit.matching_versions) + " of " + std::to_string(hit.versions) +
                        " versions match";
            out_ << "   " << paint(kDim, meta) << '\n';
            if (!hit.snippet.text.empty()) out_ << "   " << styled(hit.snippet, kMatch) << '\n';
        }
    }

    void versions(const std::string& id, Grouping grouping, const std::vector<Version>& versions) override {
        out_ << versions.size() << (versions.size() == 1 ? " version" : " versions") << " in the "
             << to_string(grouping) << " of " << id << ":\n";
        for (const auto& v : versions) {
            char sim[16];
            std::snprintf(sim, sizeof sim, "%.2f", v.similarity);
            out_ << (v.shown ? "* " : "  ") << sim << "  " << v.relation << "  "
                 << (v.article.date ? v.article.date->iso() : std::string("----------")) << "  "
                 << (v.article.source.empty() ? std::string("-") : v.article.source) << "  "
                 << location(v.article) << "\n      " << (color_ ? kBold : "") << v.article.title
                 << (color_ ? kReset : "") << '\n';
        }
    }

  private:
    // "1 story", "3 stories", or articles when nothing is grouped.
    static std::string counted(Xapian::doccount n, Grouping grouping) {
        const char* noun = grouping == Grouping::kNone ? (n == 1 ? " article" : " articles")
                                                       : (n == 1 ? " story" : " stories");
        return std::to_string(n) + noun;
    }
    std::string paint(const char* style, const std::string& s) const {
        return color_ ? style + s + kReset : s;
    }
    std::string styled(const Highlighted& h, const char* style) const {
        if (!color_) return h.text;
        // Spans are in code points; walk the UTF-8 text counting them.
        std::string out;
        size_t cp = 0, span = 0;
        for (size_t i = 0; i < h.text.size(); ++i) {
            const bool lead = (static_cast<unsigned char>(h.text[i]) & 0xC0) != 0x80;
            if (lead) {
                if (span < h.spans.size() && cp == h.spans[span].second) {
                    out += kReset;
                    ++span;
                }
                if (span < h.spans.size() && cp == h.spans[span].first) out += style;
                ++cp;
            }
            out += h.text[i];
        }
        if (span < h.spans.size()) out += kReset;
        return out;
    }

    std::ostream& out_;
    bool color_;
};

nlohmann::json highlighted_json(const Highlighted& h) {
    nlohmann::json spans = nlohmann::json::array();
    for (const auto& [b, e] : h.spans) spans.push_back({b, e});
    return {{"text", h.text}, {"highlights", spans}};
}

nlohmann::json article_json(const Article& a) {
    nlohmann::json j = {{"id", a.id}, {"title", a.title}, {"source", a.source}, {"url", a.url},
                        {"date", a.date ? a.date->iso() : ""}, {"path", a.path}};
    if (a.line) j["line"] = a.line;
    return j;
}

class JsonPrinter : public Printer {
  public:
    explicit JsonPrinter(std::ostream& out) : out_(out) {}

    void results(const SearchRequest& request, const SearchResult& result) override {
        nlohmann::json hits = nlohmann::json::array();
        for (const auto& hit : result.hits) {
            nlohmann::json j = article_json(hit.article);
            j["rank"] = hit.rank;
            j["score"] = hit.score;
            j["story"] = hit.story;
            j["event"] = hit.event;
            j["versions"] = hit.versions;
            j["matching_versions"] = hit.matching_versions;
            j["title_highlighted"] = highlighted_json(hit.title);
            j["snippet"] = highlighted_json(hit.snippet);
            hits.push_back(std::move(j));
        }
        const nlohmann::json doc = {{"format_version", kJsonFormatVersion},
                                    {"query", result.query},
                                    {"parsed_query", result.parsed},
                                    {"suggestion", result.suggestion.empty() ? nlohmann::json() : nlohmann::json(result.suggestion)},
                                    {"corrected", result.corrected},
                                    {"grouping", to_string(request.grouping)},
                                    {"offset", request.offset},
                                    {"limit", request.limit},
                                    {"matches_estimated", result.matches_estimated},
                                    {"matches_lower_bound", result.matches_lower},
                                    {"matches_upper_bound", result.matches_upper},
                                    {"hits", hits}};
        out_ << dump(doc) << '\n';
    }

    void versions(const std::string& id, Grouping grouping, const std::vector<Version>& versions) override {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& v : versions) {
            nlohmann::json j = article_json(v.article);
            j["story"] = v.story;
            j["similarity"] = v.similarity;
            j["relation"] = v.relation;
            j["shown"] = v.shown;
            list.push_back(std::move(j));
        }
        const nlohmann::json doc = {{"format_version", kJsonFormatVersion},
                                    {"id", id},
                                    {"grouping", to_string(grouping)},
                                    {"versions", list}};
        out_ << dump(doc) << '\n';
    }

  private:
    std::ostream& out_;
};

}  // namespace

const char* to_string(Grouping g) {
    switch (g) {
        case Grouping::kStory: return "story";
        case Grouping::kEvent: return "event";
        case Grouping::kNone: break;
    }
    return "none";
}

std::unique_ptr<Printer> make_text_printer(std::ostream& out, bool color) {
    return std::make_unique<TextPrinter>(out, color);
}

std::unique_ptr<Printer> make_json_printer(std::ostream& out) { return std::make_unique<JsonPrinter>(out); }

}  // namespace news
