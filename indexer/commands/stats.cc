// `news-index stats`: what the database holds.
#include <iostream>

#include "common/database.h"
#include "indexer/commands/command.h"
#include "indexer/database_stats.h"
#include "searcher/printer.h"

namespace news::cli {
namespace {

const std::vector<std::string> kFormats{"text", "json"};

class StatsCommand : public Command {
  public:
    const char* name() const override { return "stats"; }
    const char* synopsis() const override { return "stats [OPTIONS]"; }
    const char* summary() const override {
        return "  stats             articles, stories, events, sources, dates, size, last build\n";
    }
    const char* about() const override { return "Articles, stories, events, sources, dates, size and the last build."; }
    po::options_description options() const override {
        po::options_description opts("stats options");
        opts.add_options()("format", po::value<std::string>()->default_value("text"), "text or json");
        return opts;
    }
    void setup(const po::variables_map& vm) override { format_ = format_option(vm, kFormats); }
    int run(const std::string& db_path) override {
        const auto stats = collect_stats(open_for_reading(db_path), db_path);
        make_printer(format_, std::cout, false, 80)->stats(stats);
        return kExitOk;
    }

  private:
    std::string format_;
};

}  // namespace

std::unique_ptr<Command> make_stats_command() { return std::make_unique<StatsCommand>(); }

}  // namespace news::cli
