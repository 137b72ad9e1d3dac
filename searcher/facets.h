// Facets: how many hits of the whole result set fall under each source or
// period, counted exactly while the match runs (Xapian match spies).
//
// With grouping on, a facet counts STORIES (or events), not versions: a
// story counts once under every value that at least one of its matching
// versions has. So the count for a value is exactly the number of stories
// the query finds when restricted to that value (`source:reuters`,
// `date:1987-03-01..1987-03-31`), and counts may add up to more than the
// total when versions differ. Xapian's MatchSpy sees every matching document
// before collapsing (Xapian 1.4 matcher), so a story-counting spy keeps the
// story keys it has seen per value; with --group none, Xapian's own
// ValueCountMatchSpy counts articles.
#pragma once

#include <xapian.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace news {

enum class FacetKind { kSource, kYear, kMonth, kDay };

// The names --facets takes, in the order --help lists them.
const std::vector<std::string>& facet_names();
const char* to_string(FacetKind kind);
// "source,month" -> {kSource, kMonth}; repeated names count once. Throws
// news::Error(kUsage) naming an unknown facet.
std::vector<FacetKind> parse_facets(const std::string& list);

struct FacetCount {
    // The source as `source:` takes it, or the period as "YYYY", "YYYY-MM" or
    // "YYYY-MM-DD"; empty for hits without a source or date.
    std::string value;
    Xapian::doccount count = 0;
};

struct Facet {
    FacetKind kind;
    // Sources by count (largest first), periods in time order; empty value last.
    std::vector<FacetCount> counts;
};

// Attaches the spies to an Enquire and reads them after its get_mset. Counts
// are exact only if the match saw every matching document, that is with
// get_mset's check_at_least at least the database's document count.
class FacetCounter {
  public:
    // `group_slot`: the collapse key's slot, or nothing to count articles.
    FacetCounter(std::vector<FacetKind> kinds, std::optional<Xapian::valueno> group_slot);
    ~FacetCounter();
    FacetCounter(const FacetCounter&) = delete;
    FacetCounter& operator=(const FacetCounter&) = delete;

    void attach(Xapian::Enquire& enquire);
    std::vector<Facet> results() const;

  private:
    struct Spies;
    std::vector<FacetKind> kinds_;
    std::unique_ptr<Spies> spies_;
};

}  // namespace news
