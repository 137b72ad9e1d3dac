// Ranked search with duplicate stories collapsed, and the listing of all
// versions of one story.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

#include "common/article.h"
#include "common/group_level.h"
#include "searcher/facets.h"
#include "searcher/highlight.h"
#include "searcher/ranking.h"

namespace news {

// How results are collapsed: by a group level (common/group_level.h) or not at all.
enum class Grouping { kStory, kEvent, kNone };
// The level a grouping collapses by; nothing for kNone.
constexpr std::optional<GroupLevel> group_level(Grouping g) {
    if (g == Grouping::kStory) return GroupLevel::kStory;
    if (g == Grouping::kEvent) return GroupLevel::kEvent;
    return std::nullopt;
}
enum class SortOrder { kRelevance, kNewest, kOldest };

struct SearchRequest {
    std::string query;
    Xapian::doccount offset = 0;
    Xapian::doccount limit = 10;
    Grouping grouping = Grouping::kStory;
    SortOrder sort = SortOrder::kRelevance;
    size_t snippet_bytes = 300;
    std::vector<FacetKind> facets;  // counted over the whole result set
    // The match looks at (at least) this many matching articles beyond the
    // page: a query matching no more is counted exactly, one matching more
    // gets Xapian's estimate ("about N"). Counting every match of a common
    // word would cost most of a search (README, "Search speed"); 100 costs
    // about 1% of one, 10,000 twice its instructions.
    Xapian::doccount exact_total_articles = 100;
    // Count every match, however many (--exact-total); facets do anyway.
    bool exact_total = false;
    // Query side (searcher/request_query.h).
    std::string since, until;  // dates (whole or partial); empty: open
    bool recency = true;       // mild boost of newer articles under relevance
    bool correct = false;      // search the spelling correction, if there is one
    std::string like;          // more like this article id (with `query` as a filter)
    RankingParams ranking;     // weighting scheme and rank-only query additions
};

struct Hit {
    Xapian::doccount rank = 0;  // 1-based, counting from the first result
    Article article;
    double score = 0;
    std::string story;  // story key
    std::string event;  // event key
    // Versions the hit stands for under the request's grouping, exactly:
    // all of them in the database, and those among them matching the query.
    Xapian::doccount versions = 1;
    Xapian::doccount matching_versions = 1;
    Highlighted title;
    Highlighted snippet;
};

struct SearchResult {
    std::string query;
    std::string parsed;  // Xapian's description of the parsed query
    std::string suggestion;  // "did you mean": the query with misspellings corrected
    bool corrected = false;  // the suggestion was searched instead of the query
    bool plain_text = false; // the query read as a pasted sentence: operators are words
    Xapian::doccount matches_estimated = 0;
    Xapian::doccount matches_lower = 0;
    Xapian::doccount matches_upper = 0;
    // Hits under the request's grouping (stories, events or articles), and
    // whether that is exact (the match saw every matching document) or
    // Xapian's estimate.
    Xapian::doccount total = 0;
    bool total_exact = false;
    std::vector<Hit> hits;
    std::vector<Facet> facets;  // in the order requested
};

struct Version {
    Article article;
    std::string story;
    double similarity = 0;  // cosine of distinctive-term vectors with the shown version
    std::string relation;   // judge() between this version and the shown one
    bool shown = false;     // the version the listing was asked for
};

class Searcher {
  public:
    explicit Searcher(Xapian::Database db);
    SearchResult search(const SearchRequest& request);
    // All versions of the story (or event) the article `id` belongs to.
    // Throws news::Error(kUsage) if no article has that id.
    std::vector<Version> versions(const std::string& id, Grouping grouping);

  private:
    Xapian::Database db_;
};

}  // namespace news
