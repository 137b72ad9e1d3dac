#include "common/schema.h"

namespace news::schema {

std::string term(std::string_view prefix, std::string_view value) {
    std::string t;
    t.reserve(prefix.size() + value.size());
    t.append(prefix);
    t.append(value);
    return t;
}

}  // namespace news::schema
