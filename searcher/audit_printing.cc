// The printed forms of news-index's audits (common/audit_reports.h): the
// text for people and the JSON documents the json and jsonl printers write.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "searcher/printer.h"
#include "searcher/printer_detail.h"

namespace news::detail {
namespace {

nlohmann::json level_json(const LevelScore& s) {
    nlohmann::json parts = nlohmann::json::array();
    for (const auto& p : s.parts)
        parts.push_back({{"feature", p.feature}, {"value", p.value}, {"contribution", p.contribution}});
    return {{"score", s.score},
            {"threshold", s.threshold},
            {"passes", s.passes()},
            {"intercept", s.intercept},
            {"contributions", parts}};
}

std::string format(const char* fmt, double a, double b = 0) {
    char buf[128];
    std::snprintf(buf, sizeof buf, fmt, a, b);
    return buf;
}

void write_level_text(std::string_view name, const LevelScore& s, std::ostream& out) {
    out << name << " model: score " << format("%+.2f", s.score) << (s.passes() ? " >= " : " < ") << "threshold "
        << format("%+.2f", s.threshold) << (s.passes() ? " (yes)" : " (no)") << '\n';
    auto parts = s.parts;
    std::stable_sort(parts.begin(), parts.end(),
                     [](const auto& x, const auto& y) { return std::fabs(x.contribution) > std::fabs(y.contribution); });
    for (const auto& p : parts) {
        if (std::fabs(p.contribution) < 0.005) continue;
        char line[160];
        std::snprintf(line, sizeof line, "  %-26s %8.3f  %+7.2f\n", p.feature, p.value, p.contribution);
        out << line;
    }
    char line[160];
    std::snprintf(line, sizeof line, "  %-26s %8s  %+7.2f\n", "(intercept)", "", s.intercept);
    out << line;
}

}  // namespace

nlohmann::json group_json(const ArticleGroup& g) {
    nlohmann::json members = nlohmann::json::array();
    for (const auto& a : g.members) members.push_back(article_json(a));
    return {{"key", g.key}, {"size", g.members.size()}, {"members", members}};
}

nlohmann::json groups_document(const GroupList& list) {
    nlohmann::json groups = nlohmann::json::array();
    for (const auto& g : list.groups) groups.push_back(group_json(g));
    return {{"format_version", kJsonFormatVersion}, {"level", to_string(list.level)}, {"groups", groups}};
}

void write_groups_text(const GroupList& list, std::ostream& out) {
    for (const auto& g : list.groups) {
        out << to_string(list.level) << ' ' << g.key << " (" << g.members.size() << " versions)\n";
        for (const auto& a : g.members)
            out << "  " << a.id << "  " << (a.date ? a.date->iso() : std::string("----------")) << "  " << a.title
                << '\n';
    }
}

nlohmann::json pair_document(const PairReport& r) {
    nlohmann::json features = nlohmann::json::array();
    for (const double x : dedup_features(r.evidence)) features.push_back(x);
    nlohmann::json rules = nlohmann::json::array();
    for (const auto& rule : r.decision.rules) rules.push_back({{"name", rule.name}, {"why", rule.why}});
    return {{"format_version", kPairReportFormatVersion},
                              {"a", r.a},
                              {"b", r.b},
                              {"relation", to_string(r.decision.relation)},
                              {"rules", rules},
                              {"story", level_json(r.decision.story)},
                              {"event", level_json(r.decision.event)},
                              {"features", features},
                              {"evidence", nlohmann::json::parse(evidence_json(r.evidence))}};
}

void write_pair_text(const PairReport& r, std::ostream& out) {
    out << r.a << " and " << r.b << ": " << to_string(r.decision.relation) << '\n';
    for (const auto& rule : r.decision.rules) out << "rule " << rule.name << ": " << rule.why << '\n';
    write_level_text(to_string(GroupLevel::kStory), r.decision.story, out);
    write_level_text(to_string(GroupLevel::kEvent), r.decision.event, out);
    const auto& e = r.evidence;
    out << "evidence: cosine " << format("%.3f", e.cosine) << ", shingles " << format("%.3f", e.shingles)
        << ", senses " << format("%.3f/%.3f", e.senses, e.senses_max) << ", numbers " << format("%.3f", e.numbers)
        << ", entities " << format("%.3f", e.entities) << ", length " << format("%.3f", e.length)
        << ", shorter body " << e.shorter_body << " words";
    if (e.minutes) out << ", " << format("%.1f", *e.minutes / 60.0) << " hours apart";
    else if (e.days) out << ", " << *e.days << " days apart";
    out << '\n';
}

nlohmann::json stats_document(const DatabaseStats& s) {
    nlohmann::json top = nlohmann::json::array();
    for (const auto& [name, count] : s.top_sources) top.push_back({{"source", name}, {"articles", count}});
    auto last_build = nlohmann::json::parse(s.last_build, nullptr, false);
    if (!last_build.is_object()) last_build = nullptr;
    const auto optional = [](const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); };
    return {
        {"format_version", kJsonFormatVersion},
        {"database", s.path},
        {"schema_version", s.schema_version.empty() ? nlohmann::json() : nlohmann::json(std::stoi(s.schema_version))},
        {"articles", s.articles},
        {"stories", {{"total", s.stories}, {"with_versions", s.stories_with_versions}}},
        {"events", {{"total", s.events}, {"with_several_articles", s.events_with_articles}}},
        {"sources", {{"total", s.sources}, {"top", top}}},
        {"dates", {{"earliest", optional(s.earliest)}, {"latest", optional(s.latest)}, {"undated", s.undated}}},
        {"waiting_for_grouping", s.waiting_for_grouping},
        {"damaged_grouping_records", s.damaged_records},
        {"size_bytes", s.size_bytes},
        {"last_build", last_build},
    };
}

void write_stats_text(const DatabaseStats& s, std::ostream& out) {
    out << "database:      " << s.path << " (schema " << (s.schema_version.empty() ? "none" : s.schema_version)
        << ", " << s.size_bytes / 1024 << " KiB)\n";
    out << "articles:      " << s.articles << '\n';
    out << "stories:       " << s.stories << " (" << s.stories_with_versions << " with several versions)\n";
    out << "events:        " << s.events << " (" << s.events_with_articles << " with several articles)\n";
    out << "dates:         ";
    if (s.earliest) out << *s.earliest << " to " << *s.latest;
    else out << "none";
    out << " (" << s.undated << " undated)\n";
    out << "sources:       " << s.sources;
    for (size_t i = 0; i < s.top_sources.size(); ++i)
        out << (i ? ", " : ": ") << s.top_sources[i].first << " " << s.top_sources[i].second;
    out << '\n';
    if (s.waiting_for_grouping) out << "ungrouped:     " << s.waiting_for_grouping << " (the next build groups them)\n";
    for (const auto& key : s.damaged_records)
        out << "damaged:       grouping record " << key << " cannot be read (its articles may be left ungrouped)\n";
    const auto last = nlohmann::json::parse(s.last_build, nullptr, false);
    out << "last build:    ";
    if (last.is_object())
        out << last.value("finished", std::string("(time not recorded)")) << ", " << last.value("added", 0) << " added, "
            << last.value("updated", 0) << " updated, " << last.value("problems", 0) << " failed, "
            << last.value("seconds", 0.0) << " s\n";
    else
        out << "none\n";
}

}  // namespace news::detail
