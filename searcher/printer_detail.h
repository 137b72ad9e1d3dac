// What the printers of printer.h share; not part of the searcher's interface.
#pragma once

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

#include "common/article.h"
#include "common/audit_reports.h"
#include "searcher/search.h"

namespace news::detail {

// What names the article in text output: its id, which every command takes
// (--versions, --like, compare, remove); a page's URL, a .txt file's path.
inline std::string location(const Article& a) { return a.id; }

// What the total counts under a grouping: "stories", "events" or "articles".
const char* unit_name(Grouping grouping, bool plural);

// JSON text of a document; a byte that is not UTF-8 becomes U+FFFD (queries
// and file names need not be UTF-8). indent -1: one line.
std::string dump(const nlohmann::json& doc, int indent);
// The fields of an article in every JSON output (id, title, source, url, date, path, line).
nlohmann::json article_json(const Article& a);

// The audits' documents (searcher/audit_printing.cc), shared by the back ends.
nlohmann::json groups_document(const GroupList& list);  // format_version, level, groups
nlohmann::json group_json(const ArticleGroup& group);   // key, size, members
nlohmann::json pair_document(const PairReport& report);
nlohmann::json stats_document(const DatabaseStats& stats);
void write_groups_text(const GroupList& list, std::ostream& out);
void write_pair_text(const PairReport& report, std::ostream& out);
void write_stats_text(const DatabaseStats& stats, std::ostream& out);

}  // namespace news::detail
