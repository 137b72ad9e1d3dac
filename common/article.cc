#include "common/article.h"

#include <nlohmann/json.hpp>

namespace news {

std::string serialise_article(const Article& a) {
    nlohmann::json j = {{"id", a.id}, {"title", a.title}, {"body", a.body}};
    if (!a.source.empty()) j["source"] = a.source;
    if (!a.url.empty()) j["url"] = a.url;
    if (!a.date_text.empty()) j["date"] = a.date_text;
    if (!a.path.empty()) j["path"] = a.path;
    if (a.line) j["line"] = a.line;
    return j.dump();
}

Article unserialise_article(const std::string& data) {
    Article a;
    const auto j = nlohmann::json::parse(data, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) return a;
    a.id = j.value("id", "");
    a.title = j.value("title", "");
    a.body = j.value("body", "");
    a.source = j.value("source", "");
    a.url = j.value("url", "");
    a.date_text = j.value("date", "");
    a.date = parse_date(a.date_text);
    a.path = j.value("path", "");
    a.line = j.value("line", 0L);
    return a;
}

}  // namespace news
