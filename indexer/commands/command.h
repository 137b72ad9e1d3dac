// One `news-index` subcommand, as osmium-tool shapes its commands on
// Boost.ProgramOptions: a name, its own options and help, setup() that reads
// the parsed command line (usage errors only, no work) and run() that does
// the work. indexer/main.cc finds the command in all_commands(), parses the
// command line with the command's options, and maps news::Error to the exit
// status; one file per command (indexer/commands/<name>.cc).
#pragma once

#include <boost/program_options.hpp>

#include <memory>
#include <string>
#include <vector>

namespace news {
struct CompactionReport;
}

namespace news::cli {

namespace po = boost::program_options;

// run()'s results; errors are thrown as news::Error and mapped by main.
inline constexpr int kExitOk = 0;
inline constexpr int kExitSomeFailed = 1;  // some inputs or ids were lost; the rest was done

class Command {
  public:
    virtual ~Command() = default;
    virtual const char* name() const = 0;
    // "build [OPTIONS] [PATH...]", after "Usage: news-index [--db PATH] ".
    virtual const char* synopsis() const = 0;
    // The command's lines in the global --help's command list, indented as they are there.
    virtual const char* summary() const = 0;
    // The paragraph `news-index COMMAND --help` shows above the options.
    virtual const char* about() const = 0;
    // Its own options, captioned "<name> options".
    virtual po::options_description options() const = 0;
    // The name its positional arguments are stored under; null if it takes none.
    virtual const char* positional() const { return nullptr; }
    // Reads the parsed command line; throws news::Error(kUsage) for bad values.
    virtual void setup(const po::variables_map& vm) = 0;
    // Does the work on the database at `db_path`; returns kExitOk or kExitSomeFailed.
    virtual int run(const std::string& db_path) = 0;
};

// Every command, in the order --help lists them.
std::vector<std::unique_ptr<Command>> all_commands();

std::unique_ptr<Command> make_build_command();
std::unique_ptr<Command> make_remove_command();
std::unique_ptr<Command> make_compact_command();
std::unique_ptr<Command> make_stats_command();
std::unique_ptr<Command> make_dups_command();
std::unique_ptr<Command> make_compare_command();

// Helpers the commands share.

// vm[name] as a long, at least `min`; else news::Error(kUsage).
long at_least(const po::variables_map& vm, const char* name, long min);
// The positional arguments stored under `name` (none if absent).
std::vector<std::string> positional_values(const po::variables_map& vm, const char* name);
// vm["format"] if it is one of `offered`; else news::Error(kUsage) listing them.
std::string format_option(const po::variables_map& vm, const std::vector<std::string>& offered);
// "compacted: 3.1 MB -> 2.0 MB; 0.21 s" on stdout (build and compact).
void print_compaction(const CompactionReport& report);

}  // namespace news::cli
