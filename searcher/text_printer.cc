// --format text: for people at a terminal, laid out for its width.
#include <algorithm>
#include <cstdio>
#include <cstring>

#include "searcher/printer.h"
#include "searcher/printer_detail.h"
#include "searcher/text_layout.h"

namespace news {
namespace {

const char* kBold = "\033[1m";
const char* kMatch = "\033[1;33m";
const char* kDim = "\033[2m";
const char* kReset = "\033[0m";
const char* const kEllipsis = "…";

// Indent of the lines under a hit's title.
constexpr size_t kIndent = 3;
// Values a facet shows before "+N more" (JSON has them all).
constexpr size_t kFacetValuesShown = 15;

// Highlight spans (code points) as byte ranges of the text.
std::vector<std::pair<size_t, size_t>> byte_spans(const Highlighted& h) {
    std::vector<std::pair<size_t, size_t>> out;
    if (h.spans.empty()) return out;
    std::vector<size_t> offset_of;  // byte offset of each code point, and of the end
    for (size_t i = 0; i < h.text.size(); ++i)
        if ((static_cast<unsigned char>(h.text[i]) & 0xC0) != 0x80) offset_of.push_back(i);
    offset_of.push_back(h.text.size());
    for (const auto& [b, e] : h.spans)
        if (b < e && e < offset_of.size()) out.emplace_back(offset_of[b], offset_of[e]);
    return out;
}

const char* facet_label(FacetKind kind) {
    switch (kind) {
        case FacetKind::kSource: return "Sources:";
        case FacetKind::kYear: return "Years:";
        case FacetKind::kMonth: return "Months:";
        case FacetKind::kDay: return "Days:";
    }
    return "?";
}

class TextPrinter : public Printer {
  public:
    TextPrinter(std::ostream& out, bool color, size_t width) : out_(out), color_(color), width_(width) {}

    void results(const SearchRequest& request, const SearchResult& result) override {
        if (result.corrected)
            out_ << "Showing results for: " << result.suggestion << " (instead of: " << result.query << ")\n";
        else if (!result.suggestion.empty())
            out_ << "Did you mean: " << result.suggestion << (result.suggestion.back() == '?' ? "" : "?") << '\n';
        const std::string& searched = result.corrected ? result.suggestion : result.query;
        const std::string total = counted(result, request.grouping);
        if (result.hits.empty()) {
            // Paging past the end is not the same as a query that matches nothing.
            if (request.offset > 0 && result.total > 0)
                out_ << "No results at offset " << request.offset << " (" << total
                     << (result.total == 1 ? " matches" : " match") << " \"" << searched << "\").\n";
            else
                out_ << "No matches for \"" << searched << "\".\n";
            return;
        }
        out_ << "Results " << result.hits.front().rank << "-" << result.hits.back().rank << " of " << total
             << " for \"" << searched << "\"\n";
        print_facets(result);
        for (const auto& hit : result.hits) print_hit(hit);
    }

    void versions(const std::string& id, Grouping grouping, const std::vector<Version>& versions) override {
        out_ << versions.size() << (versions.size() == 1 ? " version" : " versions") << " in the "
             << to_string(grouping) << " of " << id << ":\n";
        for (const auto& v : versions) {
            char sim[16];
            std::snprintf(sim, sizeof sim, "%.2f", v.similarity);
            out_ << (v.shown ? "* " : "  ") << sim << "  " << v.relation << "  "
                 << (v.article.date ? v.article.date->iso() : std::string("----------")) << "  "
                 << (v.article.source.empty() ? std::string("-") : v.article.source) << "  "
                 << detail::location(v.article) << "\n      " << paint(kBold, truncate_end(v.article.title, room(6)))
                 << '\n';
        }
    }

    void timeline(const Timeline& timeline) override {
        out_ << "Timeline of " << timeline.id << ": " << timeline.entries.size()
             << (timeline.entries.size() == 1 ? " version" : " versions") << ", oldest first (undated last)\n";
        size_t position = 0;
        for (const auto& e : timeline.entries) {
            const std::string number = std::to_string(++position) + ". ";
            out_ << '\n' << number << (e.article.date ? e.article.date->iso() : std::string("undated   ")) << "  "
                 << e.publisher << (e.first ? paint(kBold, "  (first published)") : "") << '\n';
            const std::string indent(kIndent, ' ');
            out_ << indent << paint(kBold, truncate_end(e.article.title, room(kIndent))) << '\n';
            out_ << indent << paint(kDim, truncate_middle(detail::location(e.article), room(kIndent))) << '\n';
            if (e.body_changes) print_changes(position - 1, e);
        }
    }

    void groups(const GroupList& list) override { detail::write_groups_text(list, out_); }
    void pair(const PairReport& report) override { detail::write_pair_text(report, out_); }
    void stats(const DatabaseStats& stats) override { detail::write_stats_text(stats, out_); }

  private:
    // Changes listed per version; the rest are counted (JSON has them all).
    static constexpr size_t kChangesShown = 12;

    // What changed against the previous version: counts, then the changes a
    // reader looks for first (synonym swaps, link lines, numbers), then the rest.
    void print_changes(size_t previous, const TimelineEntry& e) {
        const WordDiff& d = *e.body_changes;
        const std::string indent(kIndent, ' ');
        std::string summary = "against " + std::to_string(previous) + ": ";
        if (d.identical() && e.title_changes->identical()) {
            out_ << indent << summary << "the same words\n";
            return;
        }
        summary += std::to_string(d.inserted) + " words inserted, " + std::to_string(d.deleted) + " deleted, " +
                   std::to_string(d.replaced) + " replaced";
        if (d.synonym_swaps) summary += " (" + std::to_string(d.synonym_swaps) + " synonym swaps)";
        if (!e.title_changes->identical()) summary += "; title changed";
        for (const auto& [b, e2] : wrap_lines(summary, room(kIndent)))
            out_ << indent << summary.substr(b, e2 - b) << '\n';
        std::vector<const DiffOp*> changes;
        auto take = [&](auto wanted) {
            for (const auto& op : d.ops)
                if (op.kind != DiffOp::Kind::kEqual && wanted(op) &&
                    std::find(changes.begin(), changes.end(), &op) == changes.end())
                    changes.push_back(&op);
        };
        take([](const DiffOp& op) { return op.synonym; });
        take([](const DiffOp& op) { return op.link_line; });
        take([](const DiffOp& op) { return op.numbers; });
        take([](const DiffOp&) { return true; });
        const size_t width = room(kIndent + 2);
        for (size_t i = 0; i < changes.size() && i < kChangesShown; ++i) {
            const DiffOp& op = *changes[i];
            std::string line;
            switch (op.kind) {
                case DiffOp::Kind::kInserted: line = "+ " + op.after; break;
                case DiffOp::Kind::kDeleted: line = "- " + op.before; break;
                default: line = "~ " + op.before + " → " + op.after; break;
            }
            if (op.synonym) line += "  (synonym)";
            if (op.link_line) line += "  (link line)";
            if (op.numbers) line += "  (numbers)";
            out_ << indent << "  " << truncate_end(line, width) << '\n';
        }
        if (changes.size() > kChangesShown)
            out_ << indent << "  " << paint(kDim, "+" + std::to_string(changes.size() - kChangesShown) +
                                                      " more changes (--format json lists them all)")
                 << '\n';
    }


    // "37 stories", or "about 40 stories" when Xapian could only estimate.
    static std::string counted(const SearchResult& result, Grouping grouping) {
        return (result.total_exact ? "" : "about ") + std::to_string(result.total) + " " +
               detail::unit_name(grouping, result.total != 1);
    }

    size_t room(size_t used) const { return width_ > used + 10 ? width_ - used : 10; }

    void print_facets(const SearchResult& result) {
        for (const auto& facet : result.facets) {
            const std::string label = facet_label(facet.kind);
            std::string line;
            for (size_t i = 0; i < facet.counts.size() && i < kFacetValuesShown; ++i) {
                const auto& c = facet.counts[i];
                const std::string value =
                    !c.value.empty() ? c.value : facet.kind == FacetKind::kSource ? "(none)" : "(undated)";
                line += (i ? " · " : "") + value + " " + std::to_string(c.count);
            }
            if (facet.counts.size() > kFacetValuesShown)
                line += " · +" + std::to_string(facet.counts.size() - kFacetValuesShown) + " more";
            if (facet.counts.empty()) line = "-";
            const size_t indent = 9;  // the widest label and a space
            bool first = true;
            for (const auto& [b, e] : wrap_lines(line, room(indent))) {
                out_ << (first ? label + std::string(indent - label.size(), ' ') : std::string(indent, ' '))
                     << line.substr(b, e - b) << '\n';
                first = false;
            }
        }
    }

    void print_hit(const Hit& hit) {
        const std::string number = std::to_string(hit.rank) + ". ";
        const std::string more = hit.versions > 1 ? "  [+" + std::to_string(hit.versions - 1) + " version" +
                                                        (hit.versions > 2 ? "s" : "") + "]"
                                                  : "";
        out_ << '\n' << number;
        const std::string title = truncate_end(hit.title.text, room(number.size() + more.size()));
        if (title == hit.title.text) {
            out_ << styled(hit.title, 0, hit.title.text.size(), kBold);
        } else {
            out_ << styled(hit.title, 0, title.size() - std::strlen(kEllipsis), kBold) << paint(kBold, kEllipsis);
        }
        if (!more.empty()) out_ << paint(kBold, more);
        out_ << '\n';

        std::string details;
        if (!hit.article.source.empty()) details += " · " + hit.article.source;
        if (hit.article.date) details += " · " + hit.article.date->iso();
        char score[32];
        std::snprintf(score, sizeof score, " · score %.2f", hit.score);
        details += score;
        if (hit.versions > 1)
            details += " · " + std::to_string(hit.matching_versions) + " of " + std::to_string(hit.versions) +
                       " versions match";
        const std::string where = detail::location(hit.article);
        const std::string indent(kIndent, ' ');
        if (kIndent + display_width(where) + display_width(details) <= width_) {
            out_ << indent << paint(kDim, where + details) << '\n';
        } else {
            // The id on a line of its own, whole even past the width: a
            // shortened id could not be pasted into --versions. The details under it.
            out_ << indent << paint(kDim, where) << '\n';
            const std::string rest = details.substr(std::strlen(" · "));
            for (const auto& [b, e] : wrap_lines(rest, room(kIndent)))
                out_ << indent << paint(kDim, rest.substr(b, e - b)) << '\n';
        }
        for (const auto& [b, e] : wrap_lines(hit.snippet.text, room(kIndent)))
            out_ << indent << styled(hit.snippet, b, e, kMatch) << '\n';
    }

    std::string paint(const char* style, const std::string& s) const {
        return color_ && !s.empty() ? style + s + kReset : s;
    }

    // Bytes [begin, end) of `h`, its highlights in `style` when colouring.
    std::string styled(const Highlighted& h, size_t begin, size_t end, const char* style) const {
        const std::string plain = h.text.substr(begin, end - begin);
        if (!color_) return plain;
        std::string out;
        size_t at = begin;
        for (const auto& [b, e] : byte_spans(h)) {
            const size_t from = std::max(b, begin), to = std::min(e, end);
            if (from >= to) continue;
            out += h.text.substr(at, from - at);
            out += style + h.text.substr(from, to - from) + kReset;
            at = to;
        }
        out += h.text.substr(at, end - at);
        return out;
    }

    std::ostream& out_;
    bool color_;
    size_t width_;
};

}  // namespace

std::unique_ptr<Printer> make_text_printer(std::ostream& out, bool color, size_t width) {
    return std::make_unique<TextPrinter>(out, color, width);
}

}  // namespace news
