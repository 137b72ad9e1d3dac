// What `news-index dups`, `compare` and `stats` report, as data. They are
// collected by the indexer (indexer/group_report.h, pair_report.h,
// database_stats.h) and printed, like search results, by searcher/printer.h
// in every --format it has for them: collecting and printing stay apart.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/article.h"
#include "common/dedup_decision.h"
#include "common/group_level.h"

namespace news {

// `dups`: the groups of one level with at least min_size members.
struct ArticleGroup {
    std::string key;
    std::vector<Article> members;  // by id
};
struct GroupList {
    GroupLevel level = GroupLevel::kStory;
    std::vector<ArticleGroup> groups;  // largest first, then by first member's id
};

// `compare`: what duplicate detection decides for two articles, and why.
// Its JSON keys are stable; format_version changes when they do.
inline constexpr int kPairReportFormatVersion = 1;
struct PairReport {
    std::string a, b;  // article ids
    Evidence evidence;
    DedupDecision decision;
};

// `stats`: what a database holds.
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
    std::vector<std::string> damaged_records;  // pending-grouping records that cannot be read (their keys)
    uintmax_t size_bytes = 0;         // files of the database directory
    std::string last_build;           // the build summary JSON; empty if none
};

}  // namespace news
