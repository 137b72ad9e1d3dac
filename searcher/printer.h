// Output of news-search: one interface, a back end per --format, so every
// command gets every format. The JSON shapes are specified, with their
// version, in docs/output-format.md.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "common/audit_reports.h"
#include "searcher/search.h"
#include "searcher/timeline.h"

namespace news {

class Printer {
  public:
    virtual ~Printer() = default;
    virtual void results(const SearchRequest& request, const SearchResult& result) = 0;
    virtual void versions(const std::string& id, Grouping grouping, const std::vector<Version>& versions) = 0;
    // --timeline: a story's versions in publication order with their changes.
    virtual void timeline(const Timeline& timeline) = 0;

    // news-index's audits (common/audit_reports.h). A back end without a
    // form for one throws news::Error(kUsage); each command checks its
    // --format against the formats it offers first.
    // `dups`: the groups of one level.
    virtual void groups(const GroupList& groups);
    // `compare`: the decision for a pair of articles and why.
    virtual void pair(const PairReport& report);
    // `stats`: what the database holds.
    virtual void stats(const DatabaseStats& stats);
};

// Version of the JSON and JSON Lines shapes; raised only for incompatible
// changes (fields added keep it).
inline constexpr int kJsonFormatVersion = 1;

// The --format names, in the order --help lists them.
const std::vector<std::string>& format_names();
// Throws news::Error(kUsage) for an unknown format. `width`: terminal
// columns the text format lays out for; `color` adds bold titles and
// highlighted matches (ANSI) to it.
std::unique_ptr<Printer> make_printer(const std::string& format, std::ostream& out, bool color, size_t width);

// Human-readable, wrapped to `width` columns.
std::unique_ptr<Printer> make_text_printer(std::ostream& out, bool color, size_t width = 80);
// One JSON document per call; keys are stable and versioned ("format_version").
std::unique_ptr<Printer> make_json_printer(std::ostream& out);
// JSON Lines: one object per hit (or version), then one summary object.
std::unique_ptr<Printer> make_jsonl_printer(std::ostream& out);
// Tab-separated values with a header line, for cut and awk.
std::unique_ptr<Printer> make_tsv_printer(std::ostream& out);

// Escapes a TSV field: backslash, tab, newline and carriage return become
// \\ \t \n \r, so every record is one line of the same number of fields.
std::string tsv_escape(const std::string& field);

// The JSON document of --format json for a result and for a timeline; the
// server (news-serve) answers with exactly these.
std::string results_json(const SearchRequest& request, const SearchResult& result);
std::string timeline_json(const Timeline& timeline);

const char* to_string(Grouping g);

}  // namespace news
