#include "indexer/pair_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace news {
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

void write_level_text(const char* name, const LevelScore& s, std::ostream& out) {
    out << name << " model: score " << format("%+.2f", s.score) << (s.passes() ? " >= " : " < ") << "threshold "
        << format("%+.2f", s.threshold) << (s.passes() ? " (yes)" : " (no)") << '\n';
    auto parts = s.parts;
    std::stable_sort(parts.begin(), parts.end(),
                     [](const auto& x, const auto& y) { return std::fabs(x.contribution) > std::fabs(y.contribution); });
    for (const auto& p : parts) {
        if (std::fabs(p.contribution) < 0.005) continue;
        char line[160];
        std::snprintf(line, sizeof line, "  %-24s %8.3f  %+7.2f\n", p.feature, p.value, p.contribution);
        out << line;
    }
    char line[160];
    std::snprintf(line, sizeof line, "  %-24s %8s  %+7.2f\n", "(intercept)", "", s.intercept);
    out << line;
}

}  // namespace

PairReport make_pair_report(std::string a, std::string b, const Evidence& e) {
    return {std::move(a), std::move(b), e, decide(e)};
}

void write_pair_json(const PairReport& r, std::ostream& out) {
    nlohmann::json features = nlohmann::json::array();
    for (const double x : dedup_features(r.evidence)) features.push_back(x);
    nlohmann::json rules = nlohmann::json::array();
    for (const auto& rule : r.decision.rules) rules.push_back({{"name", rule.name}, {"why", rule.why}});
    const nlohmann::json j = {{"format_version", kPairReportFormatVersion},
                              {"a", r.a},
                              {"b", r.b},
                              {"relation", to_string(r.decision.relation)},
                              {"rules", rules},
                              {"story", level_json(r.decision.story)},
                              {"event", level_json(r.decision.event)},
                              {"features", features},
                              {"evidence", nlohmann::json::parse(evidence_json(r.evidence))}};
    out << j.dump() << '\n';
}

void write_pair_text(const PairReport& r, std::ostream& out) {
    out << r.a << " and " << r.b << ": " << to_string(r.decision.relation) << '\n';
    for (const auto& rule : r.decision.rules) out << "rule " << rule.name << ": " << rule.why << '\n';
    write_level_text("story", r.decision.story, out);
    write_level_text("event", r.decision.event, out);
    const auto& e = r.evidence;
    out << "evidence: cosine " << format("%.3f", e.cosine) << ", shingles " << format("%.3f", e.shingles)
        << ", senses " << format("%.3f/%.3f", e.senses, e.senses_max) << ", numbers " << format("%.3f", e.numbers)
        << ", entities " << format("%.3f", e.entities) << ", length " << format("%.3f", e.length)
        << ", shorter body " << e.shorter_body << " words";
    if (e.minutes) out << ", " << format("%.1f", *e.minutes / 60.0) << " hours apart";
    else if (e.days) out << ", " << *e.days << " days apart";
    out << '\n';
}

}  // namespace news
