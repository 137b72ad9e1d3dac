// `news-index compare ID ID`: what duplicate detection decides for two
// articles and why; --pairs: for many pairs, one JSON line each.
#include <iostream>
#include <sstream>

#include "common/database.h"
#include "common/error.h"
#include "common/similarity.h"
#include "common/xapian_error.h"
#include "indexer/commands/command.h"
#include "indexer/pair_report.h"
#include "searcher/printer.h"

namespace news::cli {
namespace {

const std::vector<std::string> kFormats{"text", "json", "jsonl"};

WeighedFingerprint fingerprint_of(const Xapian::Database& db, TermWeights& weights, const std::string& id,
                                  const std::string& where) {
    const auto docid = find_article(db, id);
    if (!docid) throw Error(ErrorKind::kUsage, where + "no article with id " + id);
    return load_fingerprint(db.get_document(*docid), weights);
}

// The fingerprint as if its text named no one and gave no figures (as
// scientific abstracts, lower-cased or machine-translated text read): what
// scripts/train-dedup fits the decision on too, so that "no names or figures,
// so none differ" is not read as agreement.
WeighedFingerprint without_names_and_figures(WeighedFingerprint w) {
    w.fp.numbers.clear();
    w.fp.entities.clear();
    w.fp.title_numbers.clear();
    w.fp.heading_times.clear();
    w.fp.tickers.clear();
    w.fp.anchors.clear();  // the names and figures in their order
    w.number_values.clear();
    w.numbers_in_other_forms = false;
    w.rare_numbers.clear();
    w.rare_entities.clear();
    return w;
}

class CompareCommand : public Command {
  public:
    const char* name() const override { return "compare"; }
    const char* synopsis() const override { return "compare [OPTIONS] ID ID"; }
    const char* summary() const override {
        return "  compare ID ID     explain what duplicate detection decides for two articles and\n"
               "                    why: each evidence feature's contribution to the story and event\n"
               "                    models' scores, the thresholds, the rules that fired\n"
               "                    (--format json: the same as JSON; --pairs: read \"ID ID\" lines\n"
               "                    from stdin, write one JSON line per pair)\n";
    }
    const char* about() const override {
        return "Shows the evidence duplicate detection weighs for two articles.";
    }
    po::options_description options() const override {
        po::options_description opts("compare options");
        opts.add_options()("format", po::value<std::string>()->default_value("text"), "text, json or jsonl")(
            "pairs", "read pairs of ids from stdin, one pair a line; write JSON lines")(
            "without-names-and-figures", "compare as if neither text had names or numbers (for fitting)");
        return opts;
    }
    const char* positional() const override { return "id"; }
    void setup(const po::variables_map& vm) override {
        ids_ = positional_values(vm, "id");
        format_ = format_option(vm, kFormats);
        pairs_ = vm.count("pairs") > 0;
        stripped_ = vm.count("without-names-and-figures") > 0;
        if (pairs_ && !ids_.empty()) throw Error(ErrorKind::kUsage, "compare --pairs takes no ids");
        if (!pairs_ && ids_.size() != 2) throw Error(ErrorKind::kUsage, "compare takes two article ids");
    }
    int run(const std::string& db_path) override {
        const Xapian::Database db = open_for_reading(db_path);
        return translating_xapian_errors("reading " + db_path, [&] {
            TermWeights weights(db);
            if (pairs_) {
                compare_stdin_pairs(db, weights);
            } else {
                const auto e = compare(load(db, weights, ids_[0], ""), load(db, weights, ids_[1], ""));
                make_printer(format_, std::cout, false, 80)->pair(make_pair_report(ids_[0], ids_[1], e));
            }
            return kExitOk;
        });
    }

  private:
    void compare_stdin_pairs(const Xapian::Database& db, TermWeights& weights) {
        const auto printer = make_printer("jsonl", std::cout, false, 80);
        std::string line;
        for (long number = 1; std::getline(std::cin, line); ++number) {
            std::istringstream fields(line);
            std::string a, b, extra;
            if (!(fields >> a)) continue;  // blank line
            const std::string where = "stdin line " + std::to_string(number) + ": ";
            if (!(fields >> b) || fields >> extra) throw Error(ErrorKind::kUsage, where + "expected two article ids");
            const auto e = compare(load(db, weights, a, where), load(db, weights, b, where));
            printer->pair(make_pair_report(a, b, e));
        }
    }

    WeighedFingerprint load(const Xapian::Database& db, TermWeights& weights, const std::string& id,
                            const std::string& where) const {
        auto w = fingerprint_of(db, weights, id, where);
        return stripped_ ? without_names_and_figures(std::move(w)) : w;
    }

    std::vector<std::string> ids_;
    std::string format_;
    bool pairs_ = false;
    bool stripped_ = false;
};

}  // namespace

std::unique_ptr<Command> make_compare_command() { return std::make_unique<CompareCommand>(); }

}  // namespace news::cli
