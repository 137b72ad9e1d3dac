#include "searcher/facets.h"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "common/error.h"
#include "common/schema.h"

namespace news {
namespace {

Xapian::valueno slot_of(FacetKind kind) {
    return kind == FacetKind::kSource ? schema::slot::kSource : schema::slot::kDate;
}

// The facet value of a slot value: sources as stored, "YYYYMMDD" dates cut to
// the period. Anything that is not a full date key counts as undated.
std::string facet_value(FacetKind kind, const std::string& slot_value) {
    if (kind == FacetKind::kSource) return slot_value;
    if (slot_value.size() != 8) return {};
    switch (kind) {
        case FacetKind::kYear: return slot_value.substr(0, 4);
        case FacetKind::kMonth: return slot_value.substr(0, 4) + "-" + slot_value.substr(4, 2);
        case FacetKind::kDay:
            return slot_value.substr(0, 4) + "-" + slot_value.substr(4, 2) + "-" + slot_value.substr(6, 2);
        case FacetKind::kSource: break;
    }
    return {};
}

// Counts distinct groups per facet value. Group keys are 16 hex digits (a
// 64-bit hash), kept as numbers; a document without a key is its own group.
class GroupValueSpy : public Xapian::MatchSpy {
  public:
    GroupValueSpy(std::vector<FacetKind> kinds, Xapian::valueno group_slot)
        : kinds_(std::move(kinds)), group_slot_(group_slot), seen_(kinds_.size()) {}

    void operator()(const Xapian::Document& doc, double) override {
        const uint64_t group = group_id(doc);
        for (size_t i = 0; i < kinds_.size(); ++i)
            seen_[i][facet_value(kinds_[i], doc.get_value(slot_of(kinds_[i])))].insert(group);
    }
    std::string get_description() const override { return "news::GroupValueSpy"; }

    std::map<std::string, Xapian::doccount> counts(size_t facet) const {
        std::map<std::string, Xapian::doccount> out;
        for (const auto& [value, groups] : seen_[facet]) out[value] = static_cast<Xapian::doccount>(groups.size());
        return out;
    }

  private:
    uint64_t group_id(const Xapian::Document& doc) const {
        const std::string key = doc.get_value(group_slot_);
        char* end = nullptr;
        const unsigned long long n = std::strtoull(key.c_str(), &end, 16);
        if (key.size() == 16 && end == key.c_str() + key.size()) return n;
        // Not a key this program wrote: hash it; no key: the document alone.
        return key.empty() ? (uint64_t{1} << 63) ^ doc.get_docid() : std::hash<std::string>()(key);
    }

    std::vector<FacetKind> kinds_;
    Xapian::valueno group_slot_;
    std::vector<std::unordered_map<std::string, std::unordered_set<uint64_t>>> seen_;
};

}  // namespace

struct FacetCounter::Spies {
    // Ungrouped: Xapian's spy, one per slot; grouped: one spy for all facets.
    std::map<Xapian::valueno, std::unique_ptr<Xapian::ValueCountMatchSpy>> by_slot;
    std::unique_ptr<GroupValueSpy> grouped;
};

const std::vector<std::string>& facet_names() {
    static const std::vector<std::string> names{"source", "year", "month", "day"};
    return names;
}

const char* to_string(FacetKind kind) {
    switch (kind) {
        case FacetKind::kSource: return "source";
        case FacetKind::kYear: return "year";
        case FacetKind::kMonth: return "month";
        case FacetKind::kDay: return "day";
    }
    return "?";
}

std::vector<FacetKind> parse_facets(const std::string& list) {
    std::vector<FacetKind> kinds;
    size_t start = 0;
    while (start <= list.size()) {
        const size_t comma = std::min(list.find(',', start), list.size());
        const std::string name = list.substr(start, comma - start);
        start = comma + 1;
        if (name.empty() && comma == list.size() && !kinds.empty()) break;  // "source,"
        const auto& names = facet_names();
        const auto found = std::find(names.begin(), names.end(), name);
        if (found == names.end())
            throw Error(ErrorKind::kUsage, "unknown facet \"" + name + "\" (--facets takes a comma-separated list of "
                                           "source, year, month, day)");
        const auto kind = static_cast<FacetKind>(found - names.begin());
        if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) kinds.push_back(kind);
    }
    return kinds;
}

FacetCounter::FacetCounter(std::vector<FacetKind> kinds, std::optional<Xapian::valueno> group_slot)
    : kinds_(std::move(kinds)), spies_(std::make_unique<Spies>()) {
    if (kinds_.empty()) return;
    if (group_slot) {
        spies_->grouped = std::make_unique<GroupValueSpy>(kinds_, *group_slot);
    } else {
        for (const FacetKind kind : kinds_) {
            auto& spy = spies_->by_slot[slot_of(kind)];
            if (!spy) spy = std::make_unique<Xapian::ValueCountMatchSpy>(slot_of(kind));
        }
    }
}

FacetCounter::~FacetCounter() = default;

void FacetCounter::attach(Xapian::Enquire& enquire) {
    if (spies_->grouped) enquire.add_matchspy(spies_->grouped.get());
    for (auto& [slot, spy] : spies_->by_slot) enquire.add_matchspy(spy.get());
}

std::vector<Facet> FacetCounter::results() const {
    std::vector<Facet> out;
    for (size_t i = 0; i < kinds_.size(); ++i) {
        const FacetKind kind = kinds_[i];
        std::map<std::string, Xapian::doccount> counts;
        if (spies_->grouped) {
            counts = spies_->grouped->counts(i);
        } else {
            // ValueCountMatchSpy counts raw slot values (periods add up days)
            // and skips empty ones: those are what its total leaves over.
            const auto& spy = *spies_->by_slot.at(slot_of(kind));
            Xapian::doccount with_value = 0;
            for (auto v = spy.values_begin(); v != spy.values_end(); ++v) {
                counts[facet_value(kind, *v)] += v.get_termfreq();
                with_value += v.get_termfreq();
            }
            if (spy.get_total() > with_value) counts[""] += spy.get_total() - with_value;
        }
        Facet facet{kind, {}};
        for (const auto& [value, count] : counts) facet.counts.push_back({value, count});
        std::stable_sort(facet.counts.begin(), facet.counts.end(), [&](const FacetCount& a, const FacetCount& b) {
            if (a.value.empty() != b.value.empty()) return b.value.empty();
            return kind == FacetKind::kSource ? a.count > b.count : false;  // periods: map order is time order
        });
        out.push_back(std::move(facet));
    }
    return out;
}

}  // namespace news
