// news-index: builds and inspects a news-search database. A thin command
// line over the indexer library.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>

#include "common/database.h"
#include "common/error.h"
#include "common/keys.h"
#include "common/similarity.h"
#include "indexer/group_report.h"
#include "indexer/index_build.h"

namespace po = boost::program_options;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitSomeInputFailed = 1;
constexpr int kExitError = 2;

const char* kUsage = R"(Usage: news-index [--db PATH] COMMAND [OPTIONS]

Commands:
  build [PATH...]   index articles from files and directories (default: corpus/);
                    .txt (one article per file), .jsonl and .jsonl.gz (one per line).
                    Re-running replaces changed articles and skips unchanged ones.
  dups              list the groups of versions duplicate detection found
  compare ID ID     show the evidence duplicate detection weighs for two articles

The database is --db, else $NEWS_DB, else $XDG_DATA_HOME/news-search/db
(~/.local/share/news-search/db).

Exit status: 0 success, 1 some inputs could not be indexed (the rest were), 2 error.
)";

int run_build(const std::string& db_path, const std::vector<std::string>& args) {
    po::options_description opts("build options");
    opts.add_options()("batch-size", po::value<size_t>()->default_value(10000), "articles per commit")(
        "no-group", "skip duplicate detection")(
        "jobs,j", po::value<unsigned>()->default_value(0), "threads for duplicate detection (0: one per core)")(
        "quiet,q", "print only errors");
    po::options_description hidden;
    hidden.add_options()("input", po::value<std::vector<std::string>>());
    po::options_description all;
    all.add(opts).add(hidden);
    po::positional_options_description pos;
    pos.add("input", -1);
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);

    news::BuildOptions options;
    options.inputs = vm.count("input") ? vm["input"].as<std::vector<std::string>>()
                                       : std::vector<std::string>{"corpus"};
    options.batch_size = std::max<size_t>(1, vm["batch-size"].as<size_t>());
    options.group = !vm.count("no-group");
    options.jobs = vm["jobs"].as<unsigned>();
    options.progress = isatty(STDERR_FILENO) && !vm.count("quiet");
    const auto report = news::build_index(db_path, options, [](const news::InputProblem& p) {
        std::cerr << "news-index: " << p.describe() << '\n';
    });
    if (!vm.count("quiet")) {
        std::printf("added %zu, updated %zu, unchanged %zu, failed %zu (files or lines)\n", report.added,
                    report.updated, report.unchanged, report.problems);
        if (options.group)
            std::printf("duplicate detection: %zu articles checked, %zu comparisons, %zu story links, "
                        "%zu event links; %.2f s\n",
                        report.grouping.articles, report.grouping.comparisons, report.grouping.story_links,
                        report.grouping.event_links, report.grouping_seconds);
        else
            std::printf("duplicate detection skipped: %zu articles wait for the next build to group them\n",
                        report.waiting_for_grouping);
        const double rate = report.seconds > 0 ? (report.added + report.updated) / report.seconds : 0;
        std::printf("%s: %zu articles, %zu stories with several versions; %.2f s (%.0f articles/s)\n",
                    db_path.c_str(), report.total, report.stories, report.seconds, rate);
    }
    return report.problems ? kExitSomeInputFailed : kExitOk;
}

int run_dups(const std::string& db_path, const std::vector<std::string>& args) {
    po::options_description opts("dups options");
    opts.add_options()("level", po::value<std::string>()->default_value("story"), "story or event")(
        "format", po::value<std::string>()->default_value("text"), "text or json")(
        "min-size", po::value<size_t>()->default_value(2), "smallest group listed");
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(opts).run(), vm);
    news::GroupReportOptions options;
    const auto level = vm["level"].as<std::string>();
    const auto format = vm["format"].as<std::string>();
    if (level != "story" && level != "event")
        throw news::Error(news::ErrorKind::kUsage, "--level must be story or event");
    if (format != "text" && format != "json")
        throw news::Error(news::ErrorKind::kUsage, "--format must be text or json");
    options.level = level == "story" ? news::GroupLevel::kStory : news::GroupLevel::kEvent;
    options.json = format == "json";
    options.min_size = std::max<size_t>(1, vm["min-size"].as<size_t>());
    news::write_group_report(news::open_for_reading(db_path), options, std::cout);
    return kExitOk;
}

int run_compare(const std::string& db_path, const std::vector<std::string>& args) {
    if (args.size() != 2) throw news::Error(news::ErrorKind::kUsage, "compare takes two article ids");
    const Xapian::Database db = news::open_for_reading(db_path);
    news::TermWeights weights(db);
    std::vector<news::WeighedFingerprint> fps;
    for (const auto& id : args) {
        const std::string term = news::id_term(id);
        auto p = db.postlist_begin(term);
        if (p == db.postlist_end(term)) throw news::Error(news::ErrorKind::kUsage, "no article with id " + id);
        fps.push_back(news::load_fingerprint(db.get_document(*p), weights));
    }
    std::cout << news::evidence_json(news::compare(fps[0], fps[1])) << '\n';
    return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        po::options_description global("global options");
        global.add_options()("help,h", "show this help")("db", po::value<std::string>(), "database path");
        po::options_description cmd;
        cmd.add_options()("command", po::value<std::string>())(
            "args", po::value<std::vector<std::string>>());
        po::options_description all;
        all.add(global).add(cmd);
        po::positional_options_description pos;
        pos.add("command", 1).add("args", -1);
        po::variables_map vm;
        po::parsed_options parsed =
            po::command_line_parser(argc, argv).options(all).positional(pos).allow_unregistered().run();
        po::store(parsed, vm);
        if (vm.count("help") || !vm.count("command")) {
            std::cout << kUsage << '\n' << global;
            return vm.count("help") ? kExitOk : kExitError;
        }
        const std::string command = vm["command"].as<std::string>();
        std::vector<std::string> rest = po::collect_unrecognized(parsed.options, po::include_positional);
        rest.erase(rest.begin());  // the command itself
        const std::string db_path = news::resolve_database_path(vm.count("db") ? vm["db"].as<std::string>() : "");
        if (command == "build") return run_build(db_path, rest);
        if (command == "dups") return run_dups(db_path, rest);
        if (command == "compare") return run_compare(db_path, rest);
        throw news::Error(news::ErrorKind::kUsage, "unknown command '" + command + "' (try --help)");
    } catch (const po::error& e) {
        std::cerr << "news-index: error: " << e.what() << " (try --help)\n";
    } catch (const news::Error& e) {
        std::cerr << "news-index: error: " << e.what() << '\n';
    } catch (const Xapian::Error& e) {
        std::cerr << "news-index: error: " << e.get_description() << '\n';
    } catch (const std::exception& e) {
        std::cerr << "news-index: error: " << e.what() << '\n';
    }
    return kExitError;
}
