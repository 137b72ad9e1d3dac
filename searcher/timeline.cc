#include "searcher/timeline.h"

#include <algorithm>
#include <filesystem>

namespace news {
namespace {

std::string url_host(const std::string& url) {
    const size_t scheme = url.find("://");
    if (scheme == std::string::npos) return "";
    const size_t begin = scheme + 3;
    const size_t end = url.find_first_of("/?#:", begin);
    std::string host = url.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
    if (host.rfind("www.", 0) == 0) host.erase(0, 4);
    return host;
}

// Earlier first; undated after every date; then by id, so the order is the
// same on every run.
bool published_before(const Article& a, const Article& b) {
    if (a.date.has_value() != b.date.has_value()) return a.date.has_value();
    if (a.date && b.date && a.date->unix_seconds() != b.date->unix_seconds())
        return a.date->unix_seconds() < b.date->unix_seconds();
    return a.id < b.id;
}

}  // namespace

std::pair<std::string, std::string> publisher_of(const Article& article) {
    if (!article.source.empty()) return {article.source, "source"};
    if (auto host = url_host(article.url); !host.empty()) return {host, "site"};
    if (!article.path.empty()) return {std::filesystem::path(article.path).filename().string(), "file"};
    return {article.id, "file"};
}

Timeline make_timeline(const std::string& id, const std::vector<Version>& versions) {
    Timeline timeline;
    timeline.id = id;
    std::vector<const Version*> ordered;
    for (const auto& v : versions) {
        ordered.push_back(&v);
        if (v.shown) timeline.story = v.story;
    }
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const Version* a, const Version* b) { return published_before(a->article, b->article); });
    for (const Version* v : ordered) {
        TimelineEntry entry;
        entry.article = v->article;
        std::tie(entry.publisher, entry.publisher_from) = publisher_of(v->article);
        entry.shown = v->shown;
        if (!timeline.entries.empty()) {
            const Article& previous = timeline.entries.back().article;
            entry.title_changes = diff_words(previous.title, v->article.title);
            entry.body_changes = diff_words(previous.body, v->article.body);
        }
        timeline.entries.push_back(std::move(entry));
    }
    // First publisher: the earliest date, when any version has one.
    if (!timeline.entries.empty() && timeline.entries.front().article.date) {
        const double earliest = timeline.entries.front().article.date->unix_seconds();
        for (auto& e : timeline.entries)
            if (e.article.date && e.article.date->unix_seconds() == earliest) e.first = true;
    }
    return timeline;
}

}  // namespace news
