#include "searcher/printer.h"

#include <cstdio>

#include "common/error.h"
#include "searcher/printer_detail.h"

namespace news {
namespace detail {

const char* unit_name(Grouping grouping, bool plural) {
    switch (grouping) {
        case Grouping::kStory: return plural ? "stories" : "story";
        case Grouping::kEvent: return plural ? "events" : "event";
        case Grouping::kNone: break;
    }
    return plural ? "articles" : "article";
}

}  // namespace detail

namespace {

class TsvPrinter : public Printer {
  public:
    explicit TsvPrinter(std::ostream& out) : out_(out) {}

    void results(const SearchRequest&, const SearchResult& result) override {
        out_ << "rank\tscore\tid\tdate\tsource\tversions\tstory\ttitle\turl\n";
        for (const auto& hit : result.hits) {
            char score[32];
            std::snprintf(score, sizeof score, "%.4f", hit.score);
            out_ << hit.rank << '\t' << score << '\t' << tsv_escape(hit.article.id) << '\t'
                 << (hit.article.date ? hit.article.date->iso() : "") << '\t' << tsv_escape(hit.article.source)
                 << '\t' << hit.versions << '\t' << hit.story << '\t' << tsv_escape(hit.article.title) << '\t'
                 << tsv_escape(hit.article.url) << '\n';
        }
    }

    void versions(const std::string&, Grouping, const std::vector<Version>& versions) override {
        out_ << "shown\tsimilarity\trelation\tid\tdate\tsource\tstory\ttitle\turl\n";
        for (const auto& v : versions) {
            char sim[16];
            std::snprintf(sim, sizeof sim, "%.4f", v.similarity);
            out_ << (v.shown ? "1" : "0") << '\t' << sim << '\t' << v.relation << '\t' << tsv_escape(v.article.id)
                 << '\t' << (v.article.date ? v.article.date->iso() : "") << '\t' << tsv_escape(v.article.source)
                 << '\t' << v.story << '\t' << tsv_escape(v.article.title) << '\t' << tsv_escape(v.article.url)
                 << '\n';
        }
    }

    void timeline(const Timeline& timeline) override {
        out_ << "position\tfirst\tdate\tpublisher\tinserted\tdeleted\treplaced\tsynonym_swaps\tid\ttitle\n";
        size_t position = 0;
        for (const auto& e : timeline.entries) {
            const WordDiff none;
            const WordDiff& d = e.body_changes ? *e.body_changes : none;
            out_ << ++position << '\t' << (e.first ? "1" : "0") << '\t'
                 << (e.article.date ? e.article.date->iso() : "") << '\t' << tsv_escape(e.publisher) << '\t'
                 << d.inserted << '\t' << d.deleted << '\t' << d.replaced << '\t' << d.synonym_swaps << '\t'
                 << tsv_escape(e.article.id) << '\t' << tsv_escape(e.article.title) << '\n';
        }
    }

    // One member a line, with its group's key and size: `cut -f1 | uniq -c` counts the groups.
    void groups(const GroupList& list) override {
        out_ << "key\tsize\tid\tdate\tsource\ttitle\n";
        for (const auto& g : list.groups)
            for (const auto& a : g.members)
                out_ << tsv_escape(g.key) << '\t' << g.members.size() << '\t' << tsv_escape(a.id) << '\t'
                     << (a.date ? a.date->iso() : "") << '\t' << tsv_escape(a.source) << '\t' << tsv_escape(a.title)
                     << '\n';
    }

  private:
    std::ostream& out_;
};

}  // namespace

void Printer::groups(const GroupList&) {
    throw Error(ErrorKind::kUsage, "the groups cannot be printed in this format");
}
void Printer::pair(const PairReport&) {
    throw Error(ErrorKind::kUsage, "a comparison cannot be printed in this format");
}
void Printer::stats(const DatabaseStats&) {
    throw Error(ErrorKind::kUsage, "the statistics cannot be printed in this format");
}

std::string tsv_escape(const std::string& field) {
    std::string out;
    out.reserve(field.size());
    for (const char c : field) {
        switch (c) {
            case '\\': out += "\\\\"; break;
            case '\t': out += "\\t"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            default: out += c;
        }
    }
    return out;
}

const char* to_string(Grouping g) {
    switch (g) {
        case Grouping::kStory: return "story";
        case Grouping::kEvent: return "event";
        case Grouping::kNone: break;
    }
    return "none";
}

const std::vector<std::string>& format_names() {
    static const std::vector<std::string> names{"text", "json", "jsonl", "tsv"};
    return names;
}

std::unique_ptr<Printer> make_tsv_printer(std::ostream& out) { return std::make_unique<TsvPrinter>(out); }

std::unique_ptr<Printer> make_printer(const std::string& format, std::ostream& out, bool color, size_t width) {
    if (format == "text") return make_text_printer(out, color, width);
    if (format == "json") return make_json_printer(out);
    if (format == "jsonl") return make_jsonl_printer(out);
    if (format == "tsv") return make_tsv_printer(out);
    throw Error(ErrorKind::kUsage, "--format must be text, json, jsonl or tsv");
}

}  // namespace news
