#include "indexer/article_removal.h"

#include <set>

#include "common/database.h"
#include "common/error.h"
#include "common/schema.h"
#include "common/xapian_error.h"
#include "indexer/story_grouper.h"

namespace news {

RemovalReport remove_articles(const std::string& db_path, const std::vector<std::string>& ids) {
    RemovalReport report;
    Xapian::WritableDatabase db = open_for_writing(db_path, WriteMode::kOpenExisting);
    try {
        db.begin_transaction();
        // All ids are looked up first, so an article named twice (or by two
        // spellings of its path) is removed once and never reported unknown.
        std::set<Xapian::docid> removed;
        for (const auto& id : ids) {
            if (const auto docid = find_article(db, id)) removed.insert(*docid);
            else report.unknown.push_back(id);
        }
        std::vector<std::string> stories, events;
        for (const Xapian::docid docid : removed) {
            const Xapian::Document doc = db.get_document(docid);
            stories.push_back(doc.get_value(schema::slot::kStory));
            events.push_back(doc.get_value(schema::slot::kEvent));
            db.delete_document(docid);
        }
        report.removed = removed.size();
        report.rekeyed = rekey_remaining(db, stories, events);
        db.commit_transaction();
        report.remaining = db.get_doccount();
    } catch (const Xapian::Error& e) {
        throw from_xapian(e, "removing articles from " + db_path);
    }
    return report;
}

}  // namespace news
