#include "common/article.h"

#include <array>
#include <cstdint>

#include "common/error.h"
#include "common/varint.h"

namespace news {
namespace {

// The fields in their stored order: each as varint(size) and its bytes.
template <typename A>
auto stored_fields(A& a) {
    return std::array<decltype(&a.id), 7>{&a.id, &a.title, &a.body, &a.source, &a.url, &a.date_text, &a.path};
}

}  // namespace

std::string serialise_article(const Article& a) {
    std::string out;
    size_t size = 10;
    for (const std::string* field : stored_fields(a)) size += field->size() + 2;
    out.reserve(size);
    for (const std::string* field : stored_fields(a)) {
        put_varint(out, field->size());
        out += *field;
    }
    put_varint(out, static_cast<uint64_t>(a.line));
    return out;
}

Article unserialise_article(const std::string& data) {
    Article a;
    try {
        size_t pos = 0;
        for (std::string* field : stored_fields(a)) {
            const uint64_t size = get_varint(data, pos, "article data");
            if (size > data.size() - pos) return Article();
            field->assign(data, pos, size);
            pos += size;
        }
        a.line = static_cast<long>(get_varint(data, pos, "article data"));
    } catch (const Error&) {
        return Article();  // damaged: shown as an article with no fields, as before
    }
    a.date = parse_date(a.date_text);
    return a;
}

}  // namespace news
