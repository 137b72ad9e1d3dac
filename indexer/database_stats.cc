#include "indexer/database_stats.h"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "common/schema.h"

namespace news {
namespace {

// (distinct terms, terms on more than one document) under `prefix`.
std::pair<size_t, size_t> count_groups(const Xapian::Database& db, std::string_view prefix) {
    size_t all = 0, several = 0;
    const std::string p(prefix);
    for (auto t = db.allterms_begin(p); t != db.allterms_end(p); ++t) {
        ++all;
        if (t.get_termfreq() > 1) ++several;
    }
    return {all, several};
}

std::string iso_of_key(const std::string& key) {  // "YYYYMMDD" -> "YYYY-MM-DD"
    if (key.size() != 8) return key;
    return key.substr(0, 4) + "-" + key.substr(4, 2) + "-" + key.substr(6, 2);
}

uintmax_t directory_size(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) return fs::file_size(path, ec);  // a stub file
    uintmax_t total = 0;
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        std::error_code size_ec;
        if (it->is_regular_file(size_ec)) {
            const auto size = it->file_size(size_ec);
            if (!size_ec) total += size;
        }
    }
    return total;
}

size_t count_waiting(const Xapian::Database& db) {
    size_t n = 0;
    const std::string prefix(schema::metadata::kPendingGrouping);
    for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
        const auto j = nlohmann::json::parse(db.get_metadata(*k), nullptr, false);
        if (j.is_object() && j.contains("docids") && j["docids"].is_array()) n += j["docids"].size();
    }
    return n;
}

}  // namespace

DatabaseStats collect_stats(const Xapian::Database& db, const std::string& path) {
    DatabaseStats s;
    s.path = path;
    s.schema_version = db.get_metadata(std::string(schema::metadata::kSchemaVersion));
    s.articles = db.get_doccount();
    std::tie(s.stories, s.stories_with_versions) = count_groups(db, schema::prefix::kStory);
    std::tie(s.events, s.events_with_articles) = count_groups(db, schema::prefix::kEvent);
    // Source names are stored lower-cased behind their prefix.
    const std::string source_prefix(schema::prefix::kSource);
    std::vector<std::pair<std::string, size_t>> sources;
    for (auto t = db.allterms_begin(source_prefix); t != db.allterms_end(source_prefix); ++t)
        sources.emplace_back((*t).substr(source_prefix.size()), t.get_termfreq());
    s.sources = sources.size();
    const size_t top = std::min(kTopSources, sources.size());
    std::partial_sort(sources.begin(), sources.begin() + top, sources.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    s.top_sources.assign(sources.begin(), sources.begin() + top);
    // The value stream of the date slot holds exactly the dated articles;
    // the slot's stored bounds may be loose after deletions, so read it.
    size_t dated = 0;
    std::string earliest, latest;
    for (auto v = db.valuestream_begin(schema::slot::kDate); v != db.valuestream_end(schema::slot::kDate); ++v) {
        const std::string key = *v;
        if (key.empty()) continue;
        ++dated;
        if (earliest.empty() || key < earliest) earliest = key;
        if (latest.empty() || key > latest) latest = key;
    }
    if (dated) {
        s.earliest = iso_of_key(earliest);
        s.latest = iso_of_key(latest);
    }
    s.undated = s.articles - std::min(dated, s.articles);
    s.waiting_for_grouping = count_waiting(db);
    s.size_bytes = directory_size(path);
    s.last_build = db.get_metadata(std::string(schema::metadata::kLastBuild));
    return s;
}

void write_stats_json(const DatabaseStats& s, std::ostream& out) {
    nlohmann::json top = nlohmann::json::array();
    for (const auto& [name, count] : s.top_sources) top.push_back({{"source", name}, {"articles", count}});
    auto last_build = nlohmann::json::parse(s.last_build, nullptr, false);
    if (!last_build.is_object()) last_build = nullptr;
    const auto optional = [](const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); };
    const nlohmann::json j = {
        {"format_version", 1},
        {"database", s.path},
        {"schema_version", s.schema_version.empty() ? nlohmann::json() : nlohmann::json(std::stoi(s.schema_version))},
        {"articles", s.articles},
        {"stories", {{"total", s.stories}, {"with_versions", s.stories_with_versions}}},
        {"events", {{"total", s.events}, {"with_several_articles", s.events_with_articles}}},
        {"sources", {{"total", s.sources}, {"top", top}}},
        {"dates", {{"earliest", optional(s.earliest)}, {"latest", optional(s.latest)}, {"undated", s.undated}}},
        {"waiting_for_grouping", s.waiting_for_grouping},
        {"size_bytes", s.size_bytes},
        {"last_build", last_build},
    };
    out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
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
    const auto last = nlohmann::json::parse(s.last_build, nullptr, false);
    out << "last build:    ";
    if (last.is_object())
        out << last.value("finished", std::string("(time not recorded)")) << ", " << last.value("added", 0) << " added, "
            << last.value("updated", 0) << " updated, " << last.value("problems", 0) << " failed, "
            << last.value("seconds", 0.0) << " s\n";
    else
        out << "none\n";
}

}  // namespace news
