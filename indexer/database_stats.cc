#include "indexer/database_stats.h"

#include <algorithm>
#include <filesystem>

#include "common/schema.h"
#include "common/xapian_error.h"
#include "indexer/pending_grouping.h"

namespace news {
namespace {

// (distinct terms, terms on more than one document) under `prefix`.
std::pair<size_t, size_t> count_groups(const Xapian::Database& db, std::string_view prefix) {
    size_t all = 0, several = 0;
    const std::string p(prefix);
    for (auto t = db.allterms_begin(p); t != db.allterms_end(p); ++t) {
        ++all;
        if (t.get_termfreq() > 1) ++several;
    }
    return {all, several};
}

std::string iso_of_key(const std::string& key) {  // "YYYYMMDD" -> "YYYY-MM-DD"
    if (key.size() != 8) return key;
    return key.substr(0, 4) + "-" + key.substr(4, 2) + "-" + key.substr(6, 2);
}

uintmax_t directory_size(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) return fs::file_size(path, ec);  // a stub file
    uintmax_t total = 0;
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        std::error_code size_ec;
        if (it->is_regular_file(size_ec)) {
            const auto size = it->file_size(size_ec);
            if (!size_ec) total += size;
        }
    }
    return total;
}

DatabaseStats read_stats(const Xapian::Database& db, const std::string& path) {
    DatabaseStats s;
    s.path = path;
    s.schema_version = db.get_metadata(std::string(schema::metadata::kSchemaVersion));
    s.articles = db.get_doccount();
    std::tie(s.stories, s.stories_with_versions) = count_groups(db, schema::prefix::kStory);
    std::tie(s.events, s.events_with_articles) = count_groups(db, schema::prefix::kEvent);
    // Source names are stored lower-cased behind their prefix.
    const std::string source_prefix(schema::prefix::kSource);
    std::vector<std::pair<std::string, size_t>> sources;
    for (auto t = db.allterms_begin(source_prefix); t != db.allterms_end(source_prefix); ++t)
        sources.emplace_back((*t).substr(source_prefix.size()), t.get_termfreq());
    s.sources = sources.size();
    const size_t top = std::min(kTopSources, sources.size());
    std::partial_sort(sources.begin(), sources.begin() + top, sources.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    s.top_sources.assign(sources.begin(), sources.begin() + top);
    // The value stream of the date slot holds exactly the dated articles;
    // the slot's stored bounds may be loose after deletions, so read it.
    size_t dated = 0;
    std::string earliest, latest;
    for (auto v = db.valuestream_begin(schema::slot::kDate); v != db.valuestream_end(schema::slot::kDate); ++v) {
        const std::string key = *v;
        if (key.empty()) continue;
        ++dated;
        if (earliest.empty() || key < earliest) earliest = key;
        if (latest.empty() || key > latest) latest = key;
    }
    if (dated) {
        s.earliest = iso_of_key(earliest);
        s.latest = iso_of_key(latest);
    }
    s.undated = s.articles - std::min(dated, s.articles);
    const PendingRecords pending = read_pending_records(db);
    s.waiting_for_grouping = pending.all.docids.size();
    s.damaged_records = pending.damaged;
    s.size_bytes = directory_size(path);
    s.last_build = db.get_metadata(std::string(schema::metadata::kLastBuild));
    return s;
}

}  // namespace

DatabaseStats collect_stats(const Xapian::Database& db, const std::string& path) {
    return translating_xapian_errors("reading " + path, [&] { return read_stats(db, path); });
}

}  // namespace news
