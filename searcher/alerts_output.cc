#include "searcher/alerts_output.h"

#include <nlohmann/json.hpp>

#include "searcher/printer.h"

namespace news {
namespace {

size_t count_new_stories(const SavedSearch& s) {
    size_t n = 0;
    for (const auto& a : s.unread) n += a.new_story;
    return n;
}

}  // namespace

std::string saved_searches_json(const std::vector<SavedSearch>& searches, bool alerts) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& s : searches) {
        nlohmann::json j = {{"name", s.name},
                            {"query", s.query},
                            {"since", s.since},
                            {"until", s.until},
                            {"new_stories", count_new_stories(s)},
                            {"new_versions", s.unread.size() - count_new_stories(s)}};
        if (alerts) {
            nlohmann::json items = nlohmann::json::array();
            for (const auto& a : s.unread)
                items.push_back({{"story", a.story}, {"id", a.id}, {"title", a.title}, {"source", a.source},
                                 {"date", a.date}, {"new_story", a.new_story}});
            j["unread"] = std::move(items);
        }
        list.push_back(std::move(j));
    }
    const nlohmann::json doc = {{"format_version", kJsonFormatVersion}, {"saved_searches", list}};
    return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void print_saved_searches_text(std::ostream& out, const std::vector<SavedSearch>& searches, bool alerts) {
    if (searches.empty()) out << "No saved searches (news-search --save NAME QUERY saves one).\n";
    for (const auto& s : searches) {
        const size_t stories = count_new_stories(s), versions = s.unread.size() - stories;
        out << s.name << ": " << s.query;
        if (!s.since.empty()) out << " --since " << s.since;
        if (!s.until.empty()) out << " --until " << s.until;
        out << "  (" << stories << " new " << (stories == 1 ? "story" : "stories") << ", " << versions << " new "
            << (versions == 1 ? "version" : "versions") << " of known stories)\n";
        if (!alerts) continue;
        for (const auto& a : s.unread)
            out << "  " << (a.new_story ? "new story    " : "new version  ") << (a.date.empty() ? "----------" : a.date)
                << "  " << a.title << "\n      " << a.id << '\n';
    }
}

}  // namespace news
