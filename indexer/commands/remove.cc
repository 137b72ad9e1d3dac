// `news-index remove ID...`: deletes articles in one commit.
#include <cstdio>
#include <iostream>

#include "common/error.h"
#include "indexer/article_removal.h"
#include "indexer/commands/command.h"

namespace news::cli {
namespace {

class RemoveCommand : public Command {
  public:
    const char* name() const override { return "remove"; }
    const char* synopsis() const override { return "remove [OPTIONS] ID..."; }
    const char* summary() const override {
        return "  remove ID...      delete articles in one commit (ids as news-search prints them,\n"
               "                    or the path of an article file); their other versions stay\n"
               "                    grouped together\n";
    }
    const char* about() const override {
        return "Deletes articles in one commit: ids as news-search shows them (a URL, an id, or\n"
               "an article file's path). Their other versions stay grouped together.";
    }
    po::options_description options() const override {
        po::options_description opts("remove options");
        opts.add_options()("quiet,q", "print only errors");
        return opts;
    }
    const char* positional() const override { return "id"; }
    void setup(const po::variables_map& vm) override {
        ids_ = positional_values(vm, "id");
        if (ids_.empty()) throw Error(ErrorKind::kUsage, "remove takes one or more article ids");
        quiet_ = vm.count("quiet") > 0;
    }
    int run(const std::string& db_path) override {
        const auto report = remove_articles(db_path, ids_);
        for (const auto& id : report.unknown) std::cerr << "news-index: no article with id " << id << '\n';
        if (!quiet_)
            std::printf("removed %zu, unknown %zu; %zu versions re-keyed; %s: %zu articles\n", report.removed,
                        report.unknown.size(), report.rekeyed, db_path.c_str(), report.remaining);
        return report.unknown.empty() ? kExitOk : kExitSomeFailed;
    }

  private:
    std::vector<std::string> ids_;
    bool quiet_ = false;
};

}  // namespace

std::unique_ptr<Command> make_remove_command() { return std::make_unique<RemoveCommand>(); }

}  // namespace news::cli
