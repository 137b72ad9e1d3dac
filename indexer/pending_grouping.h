// The records of articles indexed but not yet grouped into stories
// (schema::metadata::kPendingGrouping): one per batch, committed with the
// batch's articles and removed once their grouping is committed, so an
// interrupted build, or one run with --no-group, is grouped by the next.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

namespace news {

// Articles awaiting grouping, and the story and event keys their replaced
// versions had (those groups are split and regrouped: the new text may no
// longer belong with them).
struct PendingGrouping {
    std::vector<Xapian::docid> docids;
    std::vector<std::string> old_stories, old_events;

    void append(const PendingGrouping& other);
    std::string serialise() const;
    // Nothing if `data` is not a record this program wrote (damaged).
    static std::optional<PendingGrouping> unserialise(const std::string& data);
};

// Every record in a database, merged.
struct PendingRecords {
    PendingGrouping all;                // of the records that could be read
    std::vector<std::string> keys;      // of those records
    std::vector<std::string> damaged;   // keys of records that cannot be read: reported, never deleted
};

PendingRecords read_pending_records(const Xapian::Database& db);

}  // namespace news
