// `news-index dups`: the groups of versions duplicate detection found.
#include <iostream>

#include "common/database.h"
#include "common/error.h"
#include "indexer/commands/command.h"
#include "indexer/group_report.h"
#include "searcher/printer.h"

namespace news::cli {
namespace {

class DupsCommand : public Command {
  public:
    const char* name() const override { return "dups"; }
    const char* synopsis() const override { return "dups [OPTIONS]"; }
    const char* summary() const override {
        return "  dups              list the groups of versions duplicate detection found\n";
    }
    const char* about() const override { return "Lists the groups of versions duplicate detection found."; }
    po::options_description options() const override {
        po::options_description opts("dups options");
        opts.add_options()("level", po::value<std::string>()->default_value("story"), "story or event")(
            "format", po::value<std::string>()->default_value("text"), "text, json, jsonl or tsv")(
            "min-size", po::value<long>()->default_value(2), "smallest group listed");
        return opts;
    }
    void setup(const po::variables_map& vm) override {
        const auto level = parse_group_level(vm["level"].as<std::string>());
        if (!level) throw Error(ErrorKind::kUsage, "--level must be story or event");
        level_ = *level;
        format_ = format_option(vm, format_names());
        min_size_ = static_cast<size_t>(at_least(vm, "min-size", 1));
    }
    int run(const std::string& db_path) override {
        const GroupList groups = collect_groups(open_for_reading(db_path), level_, min_size_);
        make_printer(format_, std::cout, false, 80)->groups(groups);
        return kExitOk;
    }

  private:
    GroupLevel level_ = GroupLevel::kStory;
    std::string format_;
    size_t min_size_ = 2;
};

}  // namespace

std::unique_ptr<Command> make_dups_command() { return std::make_unique<DupsCommand>(); }

}  // namespace news::cli
