// libFuzzer target: a whole .txt file's content through parse_text_article,
// and a usable article on through the document builder and the stored-data
// round trip. A rejected file must be a news::Error of kind kInput.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "common/article.h"
#include "common/error.h"
#include "indexer/document_builder.h"
#include "indexer/text_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static news::DocumentBuilder builder;
    const std::string content(reinterpret_cast<const char*>(data), size);
    news::Article article;
    try {
        article = news::parse_text_article("/fuzz/article.txt", content);
    } catch (const news::Error& e) {
        if (e.kind() != news::ErrorKind::kInput) std::abort();
        return 0;
    }
    builder.build(article);
    if (news::unserialise_article(news::serialise_article(article)).title != article.title) std::abort();
    return 0;
}
