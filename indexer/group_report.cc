#include "indexer/group_report.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <vector>

#include "common/article.h"
#include "common/schema.h"

namespace news {

size_t write_group_report(const Xapian::Database& db, const GroupReportOptions& options, std::ostream& out) {
    const std::string prefix(options.level == GroupLevel::kStory ? schema::prefix::kStory
                                                                 : schema::prefix::kEvent);
    struct Group {
        std::string key;
        std::vector<Article> members;
    };
    std::vector<Group> groups;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        if (t.get_termfreq() < options.min_size) continue;
        Group g{(*t).substr(prefix.size()), {}};
        for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p)
            g.members.push_back(unserialise_article(db.get_document(*p).get_data()));
        std::sort(g.members.begin(), g.members.end(),
                  [](const Article& a, const Article& b) { return a.id < b.id; });
        groups.push_back(std::move(g));
    }
    std::stable_sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) {
        return a.members.size() != b.members.size() ? a.members.size() > b.members.size()
                                                    : a.members[0].id < b.members[0].id;
    });
    const char* level = options.level == GroupLevel::kStory ? "story" : "event";
    if (options.json) {
        nlohmann::json j = {{"level", level}, {"groups", nlohmann::json::array()}};
        for (const auto& g : groups) {
            nlohmann::json members = nlohmann::json::array();
            for (const auto& a : g.members)
                members.push_back({{"id", a.id}, {"title", a.title}, {"date", a.date_text},
                                   {"source", a.source}});
            j["groups"].push_back({{"key", g.key}, {"size", g.members.size()}, {"members", members}});
        }
        out << j.dump(2) << '\n';
    } else {
        for (const auto& g : groups) {
            out << level << ' ' << g.key << " (" << g.members.size() << " versions)\n";
            for (const auto& a : g.members)
                out << "  " << a.id << "  " << (a.date ? a.date->iso() : std::string("----------"))
                    << "  " << a.title << '\n';
        }
    }
    return groups.size();
}

}  // namespace news
