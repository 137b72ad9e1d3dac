#include "common/keys.h"

#include <xxhash.h>

#include <cstdio>

#include "common/schema.h"
#include "common/text.h"

namespace news {
namespace {
// Xapian terms may be at most 245 bytes; leave room for the prefix.
constexpr size_t kMaxTermValue = 200;
}  // namespace

std::string hex64(unsigned long long h) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", h);
    return buf;
}

std::string bounded_term_value(const std::string& value) {
    if (value.size() <= kMaxTermValue) return value;
    return value.substr(0, kMaxTermValue - 17) + "#" + hex64(XXH3_64bits(value.data(), value.size()));
}

std::string id_term(const std::string& id) {
    return schema::term(schema::prefix::kId, bounded_term_value(id));
}

std::string source_value(const std::string& source) { return bounded_term_value(to_lower(trim(source))); }

std::string source_term(const std::string& source) {
    return schema::term(schema::prefix::kSource, source_value(source));
}

std::string site_term(const std::string& host) {
    return schema::term(schema::prefix::kSite, bounded_term_value(to_lower(trim(host))));
}

std::string group_key(const std::string& id) { return hex64(XXH3_64bits(id.data(), id.size())); }

}  // namespace news
