// news-index: builds and inspects a news-search database. A thin command
// line over the indexer library: each subcommand is an object with its own
// options, help and run (indexer/commands/), and every error is a
// news::Error whose kind chooses the message form and the exit status
// (common/error.h).
#include <boost/program_options.hpp>
#include <iostream>
#include <memory>

#include "common/database.h"
#include "common/error.h"
#include "common/schema.h"
#include "indexer/commands/command.h"

namespace po = boost::program_options;
using news::cli::Command;

namespace {


const char* kUsageHead = "Usage: news-index [--db PATH] COMMAND [OPTIONS]\n\nCommands:\n";
const char* kUsageTail = R"(
`news-index COMMAND --help` shows one command's options.

The database is --db, else $NEWS_DB, else $XDG_DATA_HOME/news-search/db
(~/.local/share/news-search/db).

Exit status: 0 success, 1 some inputs could not be indexed (the rest were) or
some ids to remove were unknown (the rest were removed), 2 error: a usage error,
an unreadable input under --strict, a database that is missing, damaged, of
another schema version or locked by another build (which fails at once).
)";

int report(const news::Error& e) {
    std::cerr << news::error_line("news-index", e) << '\n';
    return news::exit_status(e.kind());
}

po::options_description global_options() {
    po::options_description opts("Options (before or after the command)");
    opts.add_options()("help,h", "show this help (after a command: that command's)")(
        "version", "show the version and exit")("db", po::value<std::string>(), "database path");
    return opts;
}

void print_version() {
    std::cout << "news-index (news-search) " << NEWS_SEARCH_VERSION << "\ndatabase schema " << news::schema::kVersion
              << ", Xapian " << Xapian::version_string() << '\n';
}

void print_help(const std::vector<std::unique_ptr<Command>>& commands) {
    std::cout << kUsageHead;
    for (const auto& c : commands) std::cout << c->summary();
    std::cout << kUsageTail << '\n' << global_options();
    for (const auto& c : commands) std::cout << '\n' << c->options();
}

void print_command_help(const Command& command) {
    const po::options_description options = command.options();
    std::cout << "Usage: news-index [--db PATH] " << command.synopsis() << "\n\n"
              << command.about() << "\n\n"
              << global_options();
    if (!options.options().empty()) std::cout << '\n' << options;
}

// Parses a command's arguments (global options allowed among them) into `vm`.
po::variables_map parse_command_line(const std::vector<std::string>& args, const Command* command) {
    po::options_description all;
    all.add(global_options());
    po::positional_options_description pos;
    if (command) {
        all.add(command->options());
        if (const char* name = command->positional()) {
            po::options_description hidden;
            hidden.add_options()(name, po::value<std::vector<std::string>>());
            all.add(hidden);
            pos.add(name, -1);
        }
    }
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    return vm;
}

int run(int argc, char** argv) {
    // The command is the first argument that is neither an option nor the
    // value of --db; options may come before or after it.
    std::vector<std::string> args(argv + 1, argv + argc);
    auto command_at = args.end();
    for (auto it = args.begin(); it != args.end(); ++it) {
        if (*it == "--db") {
            if (++it == args.end()) break;
        } else if (it->empty() || (*it)[0] != '-') {
            command_at = it;
            break;
        }
    }
    const std::string name = command_at == args.end() ? "" : *command_at;
    if (command_at != args.end()) args.erase(command_at);

    const auto commands = news::cli::all_commands();
    Command* command = nullptr;
    for (const auto& c : commands)
        if (name == c->name()) command = c.get();
    const po::variables_map vm = parse_command_line(args, command);
    if (vm.count("version")) {
        print_version();
        return news::cli::kExitOk;
    }
    if (vm.count("help")) {
        if (command) print_command_help(*command);
        else print_help(commands);
        return news::cli::kExitOk;
    }
    if (!command)
        throw news::Error(news::ErrorKind::kUsage, name.empty() ? "no command given (try --help)"
                                                                : "unknown command '" + name + "' (try --help)");
    command->setup(vm);
    return command->run(news::resolve_database_path(vm.count("db") ? vm["db"].as<std::string>() : ""));
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const news::Error& e) {
        return report(e);
    } catch (const po::error& e) {
        return report(news::Error(news::ErrorKind::kUsage, std::string(e.what()) + " (try --help)"));
    } catch (const std::exception& e) {  // out of memory, a file system error
        return report(news::Error(news::ErrorKind::kSystem, e.what()));
    }
}
