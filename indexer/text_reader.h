// Plain-text articles (.txt, .txt.gz): one article per file, as scraped news pages
// usually are. The title is the first short non-empty line; page furniture
// ("Top Story", "Source link", inserted "READ: ..." link lines) is dropped;
// a "date YYYY-MM-DD" marker gives the date.
#pragma once

#include <string>

#include "common/article.h"

namespace news {

// Parses `content` read from `path`. Throws news::Error(kInput) for binary
// data, invalid UTF-8 or a file with no text; the message names the line.
Article parse_text_article(const std::string& path, const std::string& content);

// Reads and parses the file (gzip-compressed or not); also throws
// news::Error(kInput) if it is unreadable. The id is file_identity(path).
Article read_text_article(const std::string& path);

// A whole-file article's id when it names no URL of its own: its absolute,
// canonical path, so re-indexing the same file replaces it.
std::string file_identity(const std::string& path);

}  // namespace news
