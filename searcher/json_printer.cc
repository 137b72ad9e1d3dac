// --format json and jsonl (docs/output-format.md).
#include <nlohmann/json.hpp>

#include <sstream>

#include "searcher/printer.h"
#include "searcher/printer_detail.h"

namespace news {
namespace detail {

// Queries come from the command line and ids from file names, neither of which
// need be UTF-8; a bad byte becomes U+FFFD instead of losing the whole output.
std::string dump(const nlohmann::json& doc, int indent) {
    return doc.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json article_json(const Article& a) {
    nlohmann::json j = {{"id", a.id}, {"title", a.title}, {"source", a.source}, {"url", a.url},
                        {"date", a.date ? a.date->iso() : ""}, {"path", a.path}};
    if (a.line) j["line"] = a.line;
    return j;
}

}  // namespace detail

namespace {

using detail::article_json;
using detail::dump;

nlohmann::json highlighted_json(const Highlighted& h) {
    nlohmann::json spans = nlohmann::json::array();
    for (const auto& [b, e] : h.spans) spans.push_back({b, e});
    return {{"text", h.text}, {"highlights", spans}};
}

nlohmann::json hit_json(const Hit& hit) {
    nlohmann::json j = article_json(hit.article);
    j["rank"] = hit.rank;
    j["score"] = hit.score;
    j["story"] = hit.story;
    j["event"] = hit.event;
    j["versions"] = hit.versions;
    j["matching_versions"] = hit.matching_versions;
    j["title_highlighted"] = highlighted_json(hit.title);
    j["snippet"] = highlighted_json(hit.snippet);
    return j;
}

nlohmann::json version_json(const Version& v) {
    nlohmann::json j = article_json(v.article);
    j["story"] = v.story;
    j["similarity"] = v.similarity;
    j["relation"] = v.relation;
    j["shown"] = v.shown;
    return j;
}

nlohmann::json ops_json(const WordDiff& diff) {
    nlohmann::json ops = nlohmann::json::array();
    for (const auto& op : diff.ops) {
        nlohmann::json j = {{"op", to_string(op.kind)}};
        if (op.kind == DiffOp::Kind::kEqual) {
            j["text"] = op.after;
        } else {
            if (op.kind != DiffOp::Kind::kInserted) j["before"] = op.before;
            if (op.kind != DiffOp::Kind::kDeleted) j["after"] = op.after;
            if (op.synonym) j["synonym"] = true;
            if (op.link_line) j["link_line"] = true;
            if (op.numbers) j["numbers"] = true;
        }
        ops.push_back(std::move(j));
    }
    return ops;
}

nlohmann::json changes_json(const TimelineEntry& e) {
    if (!e.body_changes) return nullptr;
    const WordDiff& body = *e.body_changes;
    nlohmann::json numbers = nlohmann::json::array();
    nlohmann::json link_lines = nlohmann::json::array();
    for (const auto& op : body.ops) {
        if (op.numbers) numbers.push_back({{"before", op.before}, {"after", op.after}});
        if (op.link_line) link_lines.push_back(op.after);
    }
    return {{"identical", body.identical() && e.title_changes->identical()},
            {"words_before", body.words_before},
            {"words_after", body.words_after},
            {"inserted", body.inserted},
            {"deleted", body.deleted},
            {"replaced", body.replaced},
            {"synonym_swaps", body.synonym_swaps},
            {"numbers", numbers},
            {"link_lines", link_lines},
            {"title", ops_json(*e.title_changes)},
            {"body", ops_json(body)}};
}

nlohmann::json timeline_document(const Timeline& timeline) {
    nlohmann::json entries = nlohmann::json::array();
    for (size_t i = 0; i < timeline.entries.size(); ++i) {
        const auto& e = timeline.entries[i];
        nlohmann::json j = article_json(e.article);
        j["position"] = i + 1;
        j["publisher"] = e.publisher;
        j["publisher_from"] = e.publisher_from;
        j["first"] = e.first;
        j["shown"] = e.shown;
        j["changes"] = changes_json(e);
        entries.push_back(std::move(j));
    }
    return {{"format_version", kJsonFormatVersion},
            {"id", timeline.id},
            {"story", timeline.story},
            {"versions", timeline.entries.size()},
            {"timeline", std::move(entries)}};
}

// Everything about a result but its hits: the JSON document's top level, and
// the summary line of JSON Lines.
nlohmann::json result_summary(const SearchRequest& request, const SearchResult& result) {
    nlohmann::json j = {{"format_version", kJsonFormatVersion},
                        {"query", result.query},
                        {"parsed_query", result.parsed},
                        {"suggestion", result.suggestion.empty() ? nlohmann::json() : nlohmann::json(result.suggestion)},
                        {"corrected", result.corrected},
                        {"grouping", to_string(request.grouping)},
                        {"offset", request.offset},
                        {"limit", request.limit},
                        {"total", {{"count", result.total},
                                   {"exact", result.total_exact},
                                   // The match stopped before it saw every match:
                                   // more matched than it looked at, and `count` is
                                   // Xapian's estimate (docs/output-format.md).
                                   {"more_than", !result.total_exact},
                                   {"unit", detail::unit_name(request.grouping, true)}}},
                        {"matches_estimated", result.matches_estimated},
                        {"matches_lower_bound", result.matches_lower},
                        {"matches_upper_bound", result.matches_upper}};
    if (!request.facets.empty()) {
        nlohmann::json facets = nlohmann::json::object();
        for (const auto& facet : result.facets) {
            nlohmann::json counts = nlohmann::json::array();
            for (const auto& c : facet.counts) counts.push_back({{"value", c.value}, {"count", c.count}});
            facets[to_string(facet.kind)] = std::move(counts);
        }
        j["facets"] = std::move(facets);
    }
    return j;
}

class JsonPrinter : public Printer {
  public:
    explicit JsonPrinter(std::ostream& out) : out_(out) {}

    void results(const SearchRequest& request, const SearchResult& result) override {
        nlohmann::json doc = result_summary(request, result);
        nlohmann::json hits = nlohmann::json::array();
        for (const auto& hit : result.hits) hits.push_back(hit_json(hit));
        doc["hits"] = std::move(hits);
        out_ << dump(doc, 2) << '\n';
    }

    void versions(const std::string& id, Grouping grouping, const std::vector<Version>& versions) override {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& v : versions) list.push_back(version_json(v));
        const nlohmann::json doc = {{"format_version", kJsonFormatVersion},
                                    {"id", id},
                                    {"grouping", to_string(grouping)},
                                    {"versions", list}};
        out_ << dump(doc, 2) << '\n';
    }

    void timeline(const Timeline& timeline) override { out_ << timeline_json(timeline); }

    void groups(const GroupList& list) override { out_ << dump(detail::groups_document(list), 2) << '\n'; }
    void pair(const PairReport& report) override { out_ << dump(detail::pair_document(report), 2) << '\n'; }
    void stats(const DatabaseStats& stats) override { out_ << dump(detail::stats_document(stats), 2) << '\n'; }

  private:
    std::ostream& out_;
};

// Lines are written as they are made, so `head` can stop early; the summary
// comes last because a consumer that wants only hits can stop at it.
class JsonLinesPrinter : public Printer {
  public:
    explicit JsonLinesPrinter(std::ostream& out) : out_(out) {}

    void results(const SearchRequest& request, const SearchResult& result) override {
        for (const auto& hit : result.hits) {
            nlohmann::json j = hit_json(hit);
            j["type"] = "hit";
            out_ << dump(j, -1) << '\n';
        }
        nlohmann::json summary = result_summary(request, result);
        summary["type"] = "summary";
        summary["hits"] = result.hits.size();
        out_ << dump(summary, -1) << '\n';
    }

    void versions(const std::string& id, Grouping grouping, const std::vector<Version>& versions) override {
        for (const auto& v : versions) {
            nlohmann::json j = version_json(v);
            j["type"] = "version";
            out_ << dump(j, -1) << '\n';
        }
        const nlohmann::json summary = {{"type", "summary"},
                                        {"format_version", kJsonFormatVersion},
                                        {"id", id},
                                        {"grouping", to_string(grouping)},
                                        {"versions", versions.size()}};
        out_ << dump(summary, -1) << '\n';
    }

    void timeline(const Timeline& timeline) override {
        nlohmann::json doc = timeline_document(timeline);
        for (auto& entry : doc["timeline"]) {
            entry["type"] = "version";
            out_ << dump(entry, -1) << '\n';
        }
        doc.erase("timeline");
        doc["type"] = "summary";
        out_ << dump(doc, -1) << '\n';
    }

    void groups(const GroupList& list) override {
        for (const auto& g : list.groups) {
            nlohmann::json j = detail::group_json(g);
            j["type"] = "group";
            out_ << dump(j, -1) << '\n';
        }
        const nlohmann::json summary = {{"type", "summary"},
                                        {"format_version", kJsonFormatVersion},
                                        {"level", to_string(list.level)},
                                        {"groups", list.groups.size()}};
        out_ << dump(summary, -1) << '\n';
    }
    // One line per pair: `compare --pairs` writes a stream of them.
    void pair(const PairReport& report) override { out_ << dump(detail::pair_document(report), -1) << '\n'; }
    void stats(const DatabaseStats& stats) override { out_ << dump(detail::stats_document(stats), -1) << '\n'; }

  private:
    std::ostream& out_;
};

}  // namespace

std::string results_json(const SearchRequest& request, const SearchResult& result) {
    std::ostringstream out;
    JsonPrinter(out).results(request, result);
    return out.str();
}

std::string timeline_json(const Timeline& timeline) { return dump(timeline_document(timeline), 2) + "\n"; }

std::unique_ptr<Printer> make_json_printer(std::ostream& out) { return std::make_unique<JsonPrinter>(out); }
std::unique_ptr<Printer> make_jsonl_printer(std::ostream& out) { return std::make_unique<JsonLinesPrinter>(out); }

}  // namespace news
