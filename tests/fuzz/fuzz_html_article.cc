// libFuzzer target: a whole .html page through parse_html_article (gumbo, then
// our extraction of headline, date, source and text), and a usable article on
// through the document builder and the stored-data round trip. A rejected page
// must be a news::Error of kind kInput.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "common/article.h"
#include "common/error.h"
#include "indexer/document_builder.h"
#include "indexer/html_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static news::DocumentBuilder builder;
    const std::string content(reinterpret_cast<const char*>(data), size);
    news::Article article;
    try {
        article = news::parse_html_article("/fuzz/page.html", content);
    } catch (const news::Error& e) {
        if (e.kind() != news::ErrorKind::kInput) std::abort();
        return 0;
    }
    builder.build(article);
    if (news::unserialise_article(news::serialise_article(article)).title != article.title) std::abort();
    return 0;
}
