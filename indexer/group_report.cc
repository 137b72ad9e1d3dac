#include "indexer/group_report.h"

#include <algorithm>

#include "common/xapian_error.h"

namespace news {

GroupList collect_groups(const Xapian::Database& db, GroupLevel level, size_t min_size) {
    return translating_xapian_errors("listing the groups", [&] {
        const std::string prefix(group_prefix(level));
        GroupList list;
        list.level = level;
        for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
            if (t.get_termfreq() < min_size) continue;
            ArticleGroup g{(*t).substr(prefix.size()), {}};
            for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p)
                g.members.push_back(unserialise_article(db.get_document(*p).get_data()));
            std::sort(g.members.begin(), g.members.end(),
                      [](const Article& a, const Article& b) { return a.id < b.id; });
            list.groups.push_back(std::move(g));
        }
        std::stable_sort(list.groups.begin(), list.groups.end(), [](const ArticleGroup& a, const ArticleGroup& b) {
            return a.members.size() != b.members.size() ? a.members.size() > b.members.size()
                                                        : a.members[0].id < b.members[0].id;
        });
        return list;
    });
}

}  // namespace news
