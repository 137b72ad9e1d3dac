// JSON Lines articles (.jsonl, or .jsonl.gz): one JSON object per line with
// "id", "title", "body" (or "text"), "date", "source" and "url".
#pragma once

#include <string>

#include "common/article.h"
#include "indexer/input_walker.h"

namespace news {

// Parses one line (1-based `line_number`). Throws news::Error(kInput) with
// the reason if the line is not a usable article. A date it cannot read is
// kept as text with no parsed date (the caller reports it).
Article parse_jsonl_article(const std::string& path, long line_number, const std::string& line);

// Reads every line of a (possibly gzip-compressed) JSON Lines file; good
// lines go to `on_article`, bad ones to `on_problem`. An unreadable date is
// reported to `on_problem` and the article indexed without one.
void read_jsonl_file(const std::string& path, const ArticleHandler& on_article,
                     const ProblemHandler& on_problem);

}  // namespace news
