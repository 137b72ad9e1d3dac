// `news-index compact`: rewrites the database compactly, under the build lock.
#include <filesystem>

#include "common/database.h"
#include "common/error.h"
#include "indexer/commands/command.h"
#include "indexer/database_compaction.h"

namespace news::cli {
namespace {

class CompactCommand : public Command {
  public:
    const char* name() const override { return "compact"; }
    const char* synopsis() const override { return "compact [OPTIONS]"; }
    const char* summary() const override {
        return "  compact           rewrite the database compactly (smaller, faster to search);\n"
               "                    searches running meanwhile are not disturbed\n";
    }
    const char* about() const override {
        return "Rewrites the database compactly (smaller, faster to search), under the build lock.";
    }
    po::options_description options() const override {
        po::options_description opts("compact options");
        opts.add_options()("quiet,q", "print only errors");
        return opts;
    }
    void setup(const po::variables_map& vm) override { quiet_ = vm.count("quiet") > 0; }
    int run(const std::string& db_path) override {
        if (!std::filesystem::exists(db_path)) throw Error(ErrorKind::kDatabase, "no database at " + db_path);
        Xapian::WritableDatabase db = open_for_writing(db_path);
        remove_compaction_leftovers(db_path);
        const auto report = compact_in_place(db_path, db);
        if (!quiet_) print_compaction(report);
        return kExitOk;
    }

  private:
    bool quiet_ = false;
};

}  // namespace

std::unique_ptr<Command> make_compact_command() { return std::make_unique<CompactCommand>(); }

}  // namespace news::cli
