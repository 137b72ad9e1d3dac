#include "indexer/pending_grouping.h"

#include <nlohmann/json.hpp>

#include "common/schema.h"

namespace news {

void PendingGrouping::append(const PendingGrouping& other) {
    docids.insert(docids.end(), other.docids.begin(), other.docids.end());
    old_stories.insert(old_stories.end(), other.old_stories.begin(), other.old_stories.end());
    old_events.insert(old_events.end(), other.old_events.begin(), other.old_events.end());
}

std::string PendingGrouping::serialise() const {
    return nlohmann::json{{"docids", docids}, {"old_stories", old_stories}, {"old_events", old_events}}.dump();
}

std::optional<PendingGrouping> PendingGrouping::unserialise(const std::string& data) {
    const auto j = nlohmann::json::parse(data, nullptr, false);
    if (!j.is_object() || !j.contains("docids")) return std::nullopt;
    try {
        PendingGrouping p;
        p.docids = j.at("docids").get<std::vector<Xapian::docid>>();
        p.old_stories = j.value("old_stories", std::vector<std::string>{});
        p.old_events = j.value("old_events", std::vector<std::string>{});
        return p;
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;  // a member of the wrong type
    }
}

PendingRecords read_pending_records(const Xapian::Database& db) {
    PendingRecords records;
    const std::string prefix(schema::metadata::kPendingGrouping);
    for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
        const std::string data = db.get_metadata(*k);
        if (data.empty()) continue;  // removed (Xapian lists a key set to "" until the next compaction)
        if (auto record = PendingGrouping::unserialise(data)) {
            records.keys.push_back(*k);
            records.all.append(*record);
        } else {
            records.damaged.push_back(*k);
        }
    }
    return records;
}

}  // namespace news
