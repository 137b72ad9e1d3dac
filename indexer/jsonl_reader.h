// JSON Lines articles (.jsonl, or .jsonl.gz): one JSON object per line with
// "id", "title", "body" (or "text"), "date", "source" and "url" — or other
// names for them given by a JsonlFields mapping.
#pragma once

#include <string>

#include "common/article.h"
#include "indexer/file_source.h"
#include "indexer/input_problem.h"

namespace news {

// Which JSON member holds each article field. A name with dots
// ("meta.source") reaches into nested objects when no member has the
// whole name.
struct JsonlFields {
    std::string id = "id";  // if absent or empty, the url is the id
    std::string title = "title";
    std::string body = "body";  // while left as "body", "text" is its fallback
    std::string date = "date";
    std::string source = "source";
    std::string url = "url";

    // Applies "FIELD=NAME" (FIELD one of id, title, body, date, source, url);
    // throws news::Error(kUsage) for anything else.
    void assign(const std::string& mapping);
};

// Parses one line (1-based `line_number`). Throws news::Error(kInput) with
// the reason if the line is not a usable article. A date it cannot read is
// kept as text with no parsed date (the caller reports it).
Article parse_jsonl_article(const std::string& path, long line_number, const std::string& line,
                            const JsonlFields& fields = {});

// Replaces each "\\uXXXX" escape of a lone UTF-16 surrogate (a high one not
// followed by a low one, or a low one alone), which JSON parsers reject and
// scraped feeds often hold, with "\\ufffd"; returns how many.
size_t replace_lone_surrogates(std::string& line);

// Reads every line of a (possibly gzip-compressed) JSON Lines file; good
// lines go to `on_article`, bad ones to `on_problem`. An unreadable date or
// a lone surrogate escape is a warning to `on_problem` and the article is
// indexed (without the date; with U+FFFD for the surrogate). Lines longer
// than `max_line_bytes` are reported and skipped without being held whole.
void read_jsonl_file(const std::string& path, const ArticleHandler& on_article,
                     const ProblemHandler& on_problem, const JsonlFields& fields = {},
                     size_t max_line_bytes = kMaxLineBytes);

}  // namespace news
