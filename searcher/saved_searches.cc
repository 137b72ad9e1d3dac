#include "searcher/saved_searches.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

#include "common/article.h"
#include "common/error.h"
#include "common/schema.h"
#include "common/xapian_error.h"
#include "searcher/request_query.h"

namespace news {
namespace {

// Unread alerts kept per saved search; the oldest go first when more come.
constexpr size_t kMaxUnread = 1000;

std::string key_of(const std::string& name) { return std::string(schema::metadata::kSavedSearch) + name; }

nlohmann::json to_json(const SavedSearch& s) {
    nlohmann::json unread = nlohmann::json::array();
    for (const auto& a : s.unread)
        unread.push_back({{"story", a.story}, {"id", a.id}, {"title", a.title}, {"source", a.source},
                          {"date", a.date}, {"new_story", a.new_story}});
    return {{"name", s.name}, {"query", s.query}, {"since", s.since}, {"until", s.until},
            {"checked_through", s.checked_through}, {"unread", unread}};
}

SavedSearch from_json(const std::string& data) {
    const auto j = nlohmann::json::parse(data);
    SavedSearch s;
    s.name = j.value("name", "");
    s.query = j.value("query", "");
    s.since = j.value("since", "");
    s.until = j.value("until", "");
    s.checked_through = j.value("checked_through", Xapian::docid{0});
    for (const auto& a : j.value("unread", nlohmann::json::array()))
        s.unread.push_back({a.value("story", ""), a.value("id", ""), a.value("title", ""), a.value("source", ""),
                            a.value("date", ""), a.value("new_story", true)});
    return s;
}

SearchRequest request_of(const SavedSearch& s) {
    SearchRequest r;
    r.query = s.query;
    r.since = s.since;
    r.until = s.until;
    r.recency = false;
    return r;
}

// Only documents with docids in (after, ...]: the articles added since.
class AddedSince : public Xapian::MatchDecider {
  public:
    explicit AddedSince(Xapian::docid after) : after_(after) {}
    bool operator()(const Xapian::Document& doc) const override { return doc.get_docid() > after_; }

  private:
    Xapian::docid after_;
};

// Whether every version of the story was added after `after`: then the story
// itself is new; else it was known and this is a new version of it.
bool story_is_new(const Xapian::Database& db, const std::string& story, Xapian::docid after) {
    if (story.empty()) return true;
    const std::string term = schema::term(schema::prefix::kStory, story);
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p)
        if (*p <= after) return false;
    return true;
}

// New stories and versions among the articles added after `s.checked_through`,
// one item per story (collapsed like search results).
std::vector<AlertItem> find_new(const Xapian::Database& db, const SavedSearch& s) {
    SearchResult ignored;
    Xapian::Enquire enquire(db);
    enquire.set_query(request_query(db, request_of(s), ignored).matching);
    enquire.set_collapse_key(schema::slot::kStory);
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const AddedSince decider(s.checked_through);
    const Xapian::doccount added = db.get_lastdocid() - s.checked_through;
    const Xapian::MSet mset = enquire.get_mset(0, added, added, nullptr, &decider);
    std::vector<AlertItem> items;
    for (auto m = mset.begin(); m != mset.end(); ++m) {
        const Xapian::Document doc = m.get_document();
        const Article a = unserialise_article(doc.get_data());
        AlertItem item;
        item.story = doc.get_value(schema::slot::kStory);
        item.id = a.id;
        item.title = a.title;
        item.source = a.source;
        item.date = a.date ? a.date->iso() : "";
        item.new_story = story_is_new(db, item.story, s.checked_through);
        items.push_back(std::move(item));
    }
    return items;
}

void store(Xapian::WritableDatabase& db, const SavedSearch& s) { db.set_metadata(key_of(s.name), to_json(s).dump()); }

}  // namespace

void check_saved_search_name(const std::string& name) {
    const bool ok = !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
               c == '.';
    });
    if (!ok)
        throw Error(ErrorKind::kUsage, "a saved search's name is 1 to 64 letters, digits, '-', '_' or '.': \"" +
                                           name.substr(0, 80) + "\"");
}

static std::vector<SavedSearch> read_saved_searches(const Xapian::Database& db) {
    std::vector<SavedSearch> out;
    const std::string prefix(schema::metadata::kSavedSearch);
    for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
        const std::string data = db.get_metadata(*k);
        if (data.empty()) continue;
        try {
            out.push_back(from_json(data));
        } catch (const nlohmann::json::exception& e) {
            throw Error(ErrorKind::kDatabase, "saved search " + *k + " is damaged: " + e.what());
        }
    }
    return out;
}

static void store_new_search(Xapian::WritableDatabase& db, SavedSearch search) {
    check_saved_search_name(search.name);
    if (search.query.empty()) throw Error(ErrorKind::kUsage, "--save needs a query");
    SearchResult ignored;
    request_query(db, request_of(search), ignored);  // throws for a query that does not parse
    search.checked_through = db.get_lastdocid();
    search.unread.clear();
    store(db, search);
    db.commit();
}

static bool delete_saved_search(Xapian::WritableDatabase& db, const std::string& name) {
    if (db.get_metadata(key_of(name)).empty()) return false;
    db.set_metadata(key_of(name), "");
    db.commit();
    return true;
}

std::vector<AlertReport> match_saved_searches(Xapian::WritableDatabase& db) {
    std::vector<AlertReport> reports;
    for (SavedSearch& s : read_saved_searches(db)) {
        AlertReport report{s.name, 0, 0};
        if (db.get_lastdocid() > s.checked_through) {
            for (auto& item : find_new(db, s)) {
                ++(item.new_story ? report.new_stories : report.new_versions);
                s.unread.push_back(std::move(item));
            }
            if (s.unread.size() > kMaxUnread) s.unread.erase(s.unread.begin(), s.unread.end() - kMaxUnread);
            s.checked_through = db.get_lastdocid();
            store(db, s);
        }
        reports.push_back(report);
    }
    return reports;
}

static std::vector<SavedSearch> take_alerts(Xapian::WritableDatabase& db, const std::string& name, bool keep) {
    std::vector<SavedSearch> all = read_saved_searches(db), out;
    for (auto& s : all) {
        if (!name.empty() && s.name != name) continue;
        out.push_back(s);
        if (!keep && !s.unread.empty()) {
            s.unread.clear();
            store(db, s);
        }
    }
    if (!name.empty() && out.empty()) throw Error(ErrorKind::kUsage, "no saved search named " + name);
    if (!keep) db.commit();
    return out;
}

// The public calls, with Xapian's exceptions as news::Error.
std::vector<SavedSearch> saved_searches(const Xapian::Database& db) {
    return translating_xapian_errors("reading the saved searches", [&] { return read_saved_searches(db); });
}

void save_search(Xapian::WritableDatabase& db, SavedSearch search) {
    translating_xapian_errors("saving a search", [&] { store_new_search(db, std::move(search)); });
}

bool remove_saved_search(Xapian::WritableDatabase& db, const std::string& name) {
    return translating_xapian_errors("removing a saved search", [&] { return delete_saved_search(db, name); });
}

std::vector<SavedSearch> read_alerts(Xapian::WritableDatabase& db, const std::string& name, bool keep) {
    return translating_xapian_errors("reading alerts", [&] { return take_alerts(db, name, keep); });
}

}  // namespace news
