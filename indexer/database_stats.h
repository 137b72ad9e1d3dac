// `news-index stats`: what a database holds, in text or as JSON with a
// stable shape (documented in README.md, "Database statistics").
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace news {

struct DatabaseStats {
    std::string path;
    std::string schema_version;  // as stored; empty for a new, empty database
    size_t articles = 0;
    size_t stories = 0;                // distinct story keys (every article has one)
    size_t stories_with_versions = 0;  // story groups of more than one article
    size_t events = 0;
    size_t events_with_articles = 0;   // event groups of more than one article
    size_t sources = 0;
    std::vector<std::pair<std::string, size_t>> top_sources;  // most articles first
    std::optional<std::string> earliest, latest;              // "YYYY-MM-DD"
    size_t undated = 0;
    size_t waiting_for_grouping = 0;  // articles recorded as not yet grouped
    uintmax_t size_bytes = 0;         // files of the database directory
    std::string last_build;           // the build summary JSON; empty if none
};

inline constexpr size_t kTopSources = 10;

DatabaseStats collect_stats(const Xapian::Database& db, const std::string& path);

void write_stats_text(const DatabaseStats& stats, std::ostream& out);
// {"format_version": 1, ...}: see README.md.
void write_stats_json(const DatabaseStats& stats, std::ostream& out);

}  // namespace news
