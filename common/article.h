// An article as read from a corpus file, before and after indexing.
#pragma once

#include <optional>
#include <string>

#include "common/date.h"

namespace news {

struct Article {
    std::string id;      // unique within the database; the `Q` term
    std::string title;
    std::string body;
    std::string source;  // publisher name, e.g. "Reuters"; may be empty
    std::string url;
    std::string date_text;     // the date as written in the input
    std::optional<Date> date;  // parsed date, when date_text could be read
    std::string path;          // file it came from
    long line = 0;             // line within `path` (JSONL), 0 for whole files
};

// Stored document data: the fields a hit displays, each as a varint of its
// size and its bytes, then the line. Smaller than the JSON object it was
// (schema 9): no field names or escapes, 0.6 MB less of Reuters' index after
// Xapian's compression. A damaged one reads as an Article with no fields.
std::string serialise_article(const Article& article);
Article unserialise_article(const std::string& data);

}  // namespace news
