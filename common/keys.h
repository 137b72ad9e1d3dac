// The computed keys the schema stores: unique-id terms and group keys.
#pragma once

#include <string>

namespace news {

// The `Q` term for an id; ids too long for a Xapian term (245 bytes) are
// shortened with a hash of the whole id so they stay unique.
std::string id_term(const std::string& id);

// The boolean filter terms for a source name and a URL host; values are
// lower-cased, so `source:Reuters` and `source:reuters` agree.
std::string source_term(const std::string& source);
std::string site_term(const std::string& host);
// The value of a source as kSource terms and the kSource value slot hold it.
std::string source_value(const std::string& source);

// Makes a term value fit in a Xapian term, as id_term does.
std::string bounded_term_value(const std::string& value);

// 16 hex digits naming the group whose smallest member id is `id`.
std::string group_key(const std::string& id);

// 16 hex digits of a 64-bit hash.
std::string hex64(unsigned long long h);

}  // namespace news
