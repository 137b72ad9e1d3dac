// news-index: builds and inspects a news-search database. A thin command
// line over the indexer library.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>
#include <memory>

#include "common/database.h"
#include "common/error.h"
#include "common/similarity.h"
#include "indexer/article_removal.h"
#include "indexer/database_stats.h"
#include "indexer/group_report.h"
#include "indexer/index_build.h"
#include "indexer/progress.h"

namespace po = boost::program_options;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitSomeInputFailed = 1;
constexpr int kExitError = 2;

const char* kUsage = R"(Usage: news-index [--db PATH] COMMAND [OPTIONS]

Commands:
  build [PATH...]   index articles from files and directories (default: corpus/);
                    .txt and .html/.htm (one article per file), .jsonl (one per
                    line); each may be gzip-compressed (.gz).
                    Re-running replaces changed articles and skips unchanged ones.
                    Killed at any point, the next build completes the work.
                    On a terminal, progress is shown on stderr (not with --quiet).
  remove ID...      delete articles (ids as news-search prints them, or a .txt path)
                    in one commit; their other versions stay grouped together
  stats             articles, stories, events, sources, dates, size, last build
  dups              list the groups of versions duplicate detection found
  compare ID ID     show the evidence duplicate detection weighs for two articles

The database is --db, else $NEWS_DB, else $XDG_DATA_HOME/news-search/db
(~/.local/share/news-search/db).

Exit status: 0 success, 1 some inputs could not be indexed (the rest were) or
some ids to remove were unknown (the rest were removed), 2 error (including a
database locked by another build, which fails at once).
)";

po::options_description global_options() {
    po::options_description opts("Options (before or after the command)");
    opts.add_options()("help,h", "show this help")("db", po::value<std::string>(), "database path");
    return opts;
}

po::options_description build_options() {
    po::options_description opts("build options");
    opts.add_options()("batch-size", po::value<long>()->default_value(10000), "articles per commit")(
        "no-group", "skip duplicate detection (the next build does it)")(
        "jobs,j", po::value<long>()->default_value(0), "threads for duplicate detection (0: one per core)")(
        "strict", "stop at the first bad input (exit 1): what was read before it is kept and grouped, "
                  "nothing after it is read")(
        "quiet,q", "print only errors (and no progress display)")(
        "field", po::value<std::vector<std::string>>()->composing(),
        "FIELD=NAME: read a JSON Lines article field from member NAME (repeatable; FIELD is id, title, body, "
        "date, source or url; NAME may be nested, meta.source), e.g. --field title=headline");
    return opts;
}

po::options_description remove_options() {
    po::options_description opts("remove options");
    opts.add_options()("quiet,q", "print only errors");
    return opts;
}

po::options_description stats_options() {
    po::options_description opts("stats options");
    opts.add_options()("format", po::value<std::string>()->default_value("text"), "text or json");
    return opts;
}

po::options_description dups_options() {
    po::options_description opts("dups options");
    opts.add_options()("level", po::value<std::string>()->default_value("story"), "story or event")(
        "format", po::value<std::string>()->default_value("text"), "text or json")(
        "min-size", po::value<long>()->default_value(2), "smallest group listed");
    return opts;
}

// Parses a command's arguments (global options allowed among them) into `vm`.
void parse_command_line(const std::vector<std::string>& args, const po::options_description& command_options,
                        const char* positional_name, po::variables_map& vm) {
    po::options_description all;
    all.add(global_options()).add(command_options);
    po::positional_options_description pos;
    if (positional_name) {
        po::options_description hidden;
        hidden.add_options()(positional_name, po::value<std::vector<std::string>>());
        all.add(hidden);
        pos.add(positional_name, -1);
    }
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
}

long positive(const po::variables_map& vm, const char* name, long min) {
    const long v = vm[name].as<long>();
    if (v < min)
        throw news::Error(news::ErrorKind::kUsage, std::string("--") + name + " must be at least " + std::to_string(min));
    return v;
}

int run_build(const std::string& db_path, const po::variables_map& vm) {
    news::BuildOptions options;
    options.inputs = vm.count("input") ? vm["input"].as<std::vector<std::string>>()
                                       : std::vector<std::string>{"corpus"};
    options.batch_size = static_cast<size_t>(positive(vm, "batch-size", 1));
    options.group = !vm.count("no-group");
    options.jobs = static_cast<unsigned>(positive(vm, "jobs", 0));
    if (vm.count("field"))
        for (const auto& mapping : vm["field"].as<std::vector<std::string>>()) options.input.jsonl_fields.assign(mapping);
    options.strict = vm.count("strict") > 0;
    std::unique_ptr<news::ProgressDisplay> progress;
    if (isatty(STDERR_FILENO) && !vm.count("quiet")) {
        progress = std::make_unique<news::ProgressDisplay>(stderr, news::count_inputs(options.inputs));
        options.on_article = [&](const news::Article& a) { progress->article(a); };
        options.on_grouping = [&](size_t n) { progress->grouping(n); };
    }
    const auto report = news::build_index(db_path, options, [&](const news::InputProblem& p) {
        if (progress) progress->problem(p.path);
        std::cerr << "news-index: " << p.describe() << '\n';
    });
    if (progress) progress->finish();
    if (report.stopped_early) std::cerr << "news-index: --strict: stopped at the first bad input\n";
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
        for (const auto& a : report.alerts)
            std::printf("saved search %s: %zu new stories, %zu new versions of known stories (news-search --alerts)\n",
                        a.name.c_str(), a.new_stories, a.new_versions);
    }
    return report.problems ? kExitSomeInputFailed : kExitOk;
}

int run_remove(const std::string& db_path, const po::variables_map& vm) {
    const auto ids = vm.count("id") ? vm["id"].as<std::vector<std::string>>() : std::vector<std::string>{};
    if (ids.empty()) throw news::Error(news::ErrorKind::kUsage, "remove takes one or more article ids");
    const auto report = news::remove_articles(db_path, ids);
    for (const auto& id : report.unknown) std::cerr << "news-index: no article with id " << id << '\n';
    if (!vm.count("quiet"))
        std::printf("removed %zu, unknown %zu; %zu versions re-keyed; %s: %zu articles\n", report.removed,
                    report.unknown.size(), report.rekeyed, db_path.c_str(), report.remaining);
    return report.unknown.empty() ? kExitOk : kExitSomeInputFailed;
}

int run_stats(const std::string& db_path, const po::variables_map& vm) {
    const auto format = vm["format"].as<std::string>();
    if (format != "text" && format != "json")
        throw news::Error(news::ErrorKind::kUsage, "--format must be text or json");
    const auto stats = news::collect_stats(news::open_for_reading(db_path), db_path);
    if (format == "json") news::write_stats_json(stats, std::cout);
    else news::write_stats_text(stats, std::cout);
    return kExitOk;
}

int run_dups(const std::string& db_path, const po::variables_map& vm) {
    news::GroupReportOptions options;
    const auto level = vm["level"].as<std::string>();
    const auto format = vm["format"].as<std::string>();
    if (level != "story" && level != "event")
        throw news::Error(news::ErrorKind::kUsage, "--level must be story or event");
    if (format != "text" && format != "json")
        throw news::Error(news::ErrorKind::kUsage, "--format must be text or json");
    options.level = level == "story" ? news::GroupLevel::kStory : news::GroupLevel::kEvent;
    options.json = format == "json";
    options.min_size = static_cast<size_t>(positive(vm, "min-size", 1));
    news::write_group_report(news::open_for_reading(db_path), options, std::cout);
    return kExitOk;
}

int run_compare(const std::string& db_path, const po::variables_map& vm) {
    const auto args = vm.count("id") ? vm["id"].as<std::vector<std::string>>() : std::vector<std::string>{};
    if (args.size() != 2) throw news::Error(news::ErrorKind::kUsage, "compare takes two article ids");
    const Xapian::Database db = news::open_for_reading(db_path);
    news::TermWeights weights(db);
    std::vector<news::WeighedFingerprint> fps;
    for (const auto& id : args) {
        const auto docid = news::find_article(db, id);
        if (!docid) throw news::Error(news::ErrorKind::kUsage, "no article with id " + id);
        fps.push_back(news::load_fingerprint(db.get_document(*docid), weights));
    }
    std::cout << news::evidence_json(news::compare(fps[0], fps[1])) << '\n';
    return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        // The command is the first argument that is neither an option nor
        // the value of --db; options may come before or after it.
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
        const std::string command = command_at == args.end() ? "" : *command_at;
        if (command_at != args.end()) args.erase(command_at);

        po::variables_map vm;
        if (command == "build") {
            parse_command_line(args, build_options(), "input", vm);
        } else if (command == "dups") {
            parse_command_line(args, dups_options(), nullptr, vm);
        } else if (command == "remove") {
            parse_command_line(args, remove_options(), "id", vm);
        } else if (command == "stats") {
            parse_command_line(args, stats_options(), nullptr, vm);
        } else if (command == "compare") {
            parse_command_line(args, po::options_description(), "id", vm);
        } else {
            parse_command_line(args, po::options_description(), nullptr, vm);
            if (!vm.count("help"))
                throw news::Error(news::ErrorKind::kUsage, command.empty() ? "no command given (try --help)"
                                                                           : "unknown command '" + command +
                                                                                 "' (try --help)");
        }
        if (vm.count("help")) {
            std::cout << kUsage << '\n' << global_options() << '\n' << build_options() << '\n' << remove_options() << '\n'
                      << stats_options()
                      << '\n' << dups_options();
            return kExitOk;
        }
        const std::string db_path = news::resolve_database_path(vm.count("db") ? vm["db"].as<std::string>() : "");
        if (command == "build") return run_build(db_path, vm);
        if (command == "dups") return run_dups(db_path, vm);
        if (command == "remove") return run_remove(db_path, vm);
        if (command == "stats") return run_stats(db_path, vm);
        return run_compare(db_path, vm);
    } catch (const po::error& e) {
        std::cerr << "news-index: error: " << e.what() << " (try --help)\n";
    } catch (const news::DatabaseLockedError& e) {
        std::cerr << "news-index: " << e.what() << '\n';
    } catch (const news::Error& e) {
        std::cerr << "news-index: error: " << e.what() << '\n';
    } catch (const Xapian::Error& e) {
        std::cerr << "news-index: error: " << e.get_description() << '\n';
    } catch (const std::exception& e) {
        std::cerr << "news-index: error: " << e.what() << '\n';
    }
    return kExitError;
}
