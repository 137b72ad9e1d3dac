// libFuzzer target: one JSON Lines input line through parse_jsonl_article,
// and a usable article on through the document builder and the stored-data
// round trip. A rejected line must be a news::Error of kind kInput; any
// other exception, crash or sanitizer report is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "common/article.h"
#include "common/error.h"
#include "indexer/document_builder.h"
#include "indexer/jsonl_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static news::DocumentBuilder builder;
    const std::string line(reinterpret_cast<const char*>(data), size);
    news::Article article;
    try {
        article = news::parse_jsonl_article("fuzz.jsonl", 1, line);
    } catch (const news::Error& e) {
        if (e.kind() != news::ErrorKind::kInput) std::abort();
        return 0;
    }
    builder.build(article);
    if (news::unserialise_article(news::serialise_article(article)).id != article.id) std::abort();
    return 0;
}
