// news-index: builds and inspects a news-search database. A thin command
// line over the indexer library.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include "common/database.h"
#include "common/error.h"
#include "common/schema.h"
#include "common/similarity.h"
#include "indexer/article_removal.h"
#include "indexer/database_compaction.h"
#include "indexer/database_stats.h"
#include "indexer/group_report.h"
#include "indexer/index_build.h"
#include "indexer/pair_report.h"
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
                    line), .warc web archives (each HTML response record); each
                    may be gzip-compressed (.gz).
                    Re-running replaces changed articles and skips unchanged ones.
                    Killed at any point, the next build completes the work.
                    A new database is written by --jobs threads in parallel;
                    a build that wrote at least half the database ends by
                    compacting it (not with --no-compact).
                    On a terminal, progress is shown on stderr (not with --quiet).
  remove ID...      delete articles (ids as news-search prints them, or the path of
                    an article file)
                    in one commit; their other versions stay grouped together
  compact           rewrite the database compactly (smaller, faster to search);
                    searches running meanwhile are not disturbed
  stats             articles, stories, events, sources, dates, size, last build
  dups              list the groups of versions duplicate detection found
  compare ID ID     explain what duplicate detection decides for two articles and
                    why: each evidence feature's contribution to the story and event
                    models' scores, the thresholds, the rules that fired
                    (--format json: the same as JSON; --pairs: read "ID ID" lines
                    from stdin, write one JSON line per pair)

`news-index COMMAND --help` shows one command's options.

The database is --db, else $NEWS_DB, else $XDG_DATA_HOME/news-search/db
(~/.local/share/news-search/db).

Exit status: 0 success, 1 some inputs could not be indexed (the rest were) or
some ids to remove were unknown (the rest were removed), 2 error (including a
database locked by another build, which fails at once).
)";

// What `news-index COMMAND --help` says above the command's options.
struct CommandHelp {
    const char* name;
    const char* synopsis;
    const char* about;
};
const CommandHelp kCommandHelp[] = {
    {"build", "build [OPTIONS] [PATH...]",
     "Indexes articles from files and directories (default: corpus/, only where there is\n"
     "one): .txt and .html/.htm (one article per file), .jsonl (one per line), .warc web\n"
     "archives (each HTML response record); each may be gzip-compressed (.gz).\n"
     "Re-running replaces changed articles and skips unchanged ones. A bad file or line\n"
     "is named on stderr and the rest indexed (exit 1); a lost field (an unreadable date,\n"
     "a bad character replaced) is a warning and the article is indexed (exit 0).\n"
     "Never writes into a folder of other files, and makes no database when it finds no\n"
     "input."},
    {"remove", "remove [OPTIONS] ID...",
     "Deletes articles in one commit: ids as news-search shows them (a URL, an id, or\n"
     "an article file's path). Their other versions stay grouped together."},
    {"stats", "stats [OPTIONS]", "Articles, stories, events, sources, dates, size and the last build."},
    {"dups", "dups [OPTIONS]", "Lists the groups of versions duplicate detection found."},
    {"compact", "compact [OPTIONS]",
     "Rewrites the database compactly (smaller, faster to search), under the build lock."},
    {"compare", "compare [OPTIONS] ID ID", "Shows the evidence duplicate detection weighs for two articles."},
};

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

po::options_description build_options() {
    po::options_description opts("build options");
    opts.add_options()("batch-size", po::value<long>()->default_value(10000), "articles per commit")(
        "no-group", "skip duplicate detection (the next build does it)")(
        "jobs,j", po::value<long>()->default_value(0),
        "threads writing a new database and detecting duplicates (0: one per core)")(
        "no-compact", "do not compact the database after a build that wrote at least half of it")(
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

po::options_description compact_options() {
    po::options_description opts("compact options");
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

po::options_description compare_options() {
    po::options_description opts("compare options");
    opts.add_options()("format", po::value<std::string>()->default_value("text"), "text or json")(
        "pairs", "read pairs of ids from stdin, one pair a line; write JSON lines");
    return opts;
}

// The options of `command` (none for an unknown one), and the name its
// positional arguments are stored under (null if it takes none).
po::options_description options_of(const std::string& command, const char*& positional) {
    positional = command == "build" ? "input" : command == "remove" || command == "compare" ? "id" : nullptr;
    if (command == "build") return build_options();
    if (command == "dups") return dups_options();
    if (command == "remove") return remove_options();
    if (command == "stats") return stats_options();
    if (command == "compact") return compact_options();
    if (command == "compare") return compare_options();
    return po::options_description();
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

void print_compaction(const news::CompactionReport& c) {
    std::printf("compacted: %.1f MB -> %.1f MB; %.2f s\n", c.bytes_before / 1e6, c.bytes_after / 1e6, c.seconds);
}

int run_compact(const std::string& db_path, const po::variables_map& vm) {
    if (!std::filesystem::exists(db_path))
        throw news::Error(news::ErrorKind::kDatabase, "no database at " + db_path);
    Xapian::WritableDatabase db = news::open_for_writing(db_path);
    news::remove_compaction_leftovers(db_path);
    const auto report = news::compact_in_place(db_path, db);
    if (!vm.count("quiet")) print_compaction(report);
    return kExitOk;
}

// True if a build of `inputs` into `db_path` would only make an empty
// database: there is none yet and no input file to put in it. The missing
// inputs are reported as a build reports them.
bool nothing_to_build(const std::string& db_path, const std::vector<std::string>& inputs) {
    const auto kind = news::database_path_kind(db_path);
    if (kind != news::DatabasePathKind::kMissing && kind != news::DatabasePathKind::kEmptyFolder) return false;
    if (news::count_inputs(inputs).files > 0) return false;
    for (const auto& input : inputs) {
        std::error_code ec;
        if (!std::filesystem::exists(input, ec)) std::cerr << "news-index: " << input << ": no such file or directory\n";
        else std::cerr << "news-index: " << input << ": no .txt, .html, .htm, .jsonl or .warc files (each optionally .gz)\n";
    }
    std::cerr << "news-index: nothing to index; no database created at " << db_path << '\n';
    return true;
}

int run_build(const std::string& db_path, const po::variables_map& vm) {
    news::BuildOptions options;
    if (!vm.count("input") && !std::filesystem::is_directory("corpus"))
        throw news::Error(news::ErrorKind::kUsage,
                          "build needs files or directories to index (only the project's own folder has a corpus/ "
                          "to read by default)");
    options.inputs = vm.count("input") ? vm["input"].as<std::vector<std::string>>()
                                       : std::vector<std::string>{"corpus"};
    if (nothing_to_build(db_path, options.inputs)) return kExitSomeInputFailed;
    options.batch_size = static_cast<size_t>(positive(vm, "batch-size", 1));
    options.group = !vm.count("no-group");
    options.jobs = static_cast<unsigned>(positive(vm, "jobs", 0));
    options.compact = !vm.count("no-compact");
    if (vm.count("field"))
        for (const auto& mapping : vm["field"].as<std::vector<std::string>>()) options.input.jsonl_fields.assign(mapping);
    options.strict = vm.count("strict") > 0;
    std::map<std::string, size_t> skipped_records;  // web archive records that are not articles, by why
    options.input.on_skipped_record = [&](const std::string& reason) { ++skipped_records[reason]; };
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
        std::printf("added %zu, updated %zu, unchanged %zu, failed %zu (files or lines), warnings %zu\n",
                    report.added, report.updated, report.unchanged, report.problems, report.warnings);
        if (!skipped_records.empty()) {
            size_t skipped = 0;
            std::string reasons;
            for (const auto& [reason, count] : skipped_records) {
                skipped += count;
                reasons += (reasons.empty() ? "" : ", ") + reason + " " + std::to_string(count);
            }
            std::printf("web archive records skipped (not articles): %zu (%s)\n", skipped, reasons.c_str());
        }
        if (options.group)
            std::printf("duplicate detection: %zu articles checked, %zu comparisons, %zu story links, "
                        "%zu event links; %.2f s\n",
                        report.grouping.articles, report.grouping.comparisons, report.grouping.story_links,
                        report.grouping.event_links, report.grouping_seconds);
        else
            std::printf("duplicate detection skipped: %zu articles wait for the next build to group them\n",
                        report.waiting_for_grouping);
        if (report.parts)
            std::printf("written in parallel: %zu parts merged\n", report.parts);
        if (report.compacted) print_compaction(report.compaction);
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

news::WeighedFingerprint fingerprint_of(const Xapian::Database& db, news::TermWeights& weights,
                                       const std::string& id, const std::string& where) {
    const auto docid = news::find_article(db, id);
    if (!docid) throw news::Error(news::ErrorKind::kUsage, where + "no article with id " + id);
    return news::load_fingerprint(db.get_document(*docid), weights);
}

int run_compare(const std::string& db_path, const po::variables_map& vm) {
    const auto args = vm.count("id") ? vm["id"].as<std::vector<std::string>>() : std::vector<std::string>{};
    const auto format = vm["format"].as<std::string>();
    if (format != "text" && format != "json")
        throw news::Error(news::ErrorKind::kUsage, "--format must be text or json");
    const Xapian::Database db = news::open_for_reading(db_path);
    news::TermWeights weights(db);
    if (vm.count("pairs")) {
        if (!args.empty()) throw news::Error(news::ErrorKind::kUsage, "compare --pairs takes no ids");
        std::string line;
        for (long number = 1; std::getline(std::cin, line); ++number) {
            std::istringstream fields(line);
            std::string a, b, extra;
            if (!(fields >> a)) continue;  // blank line
            const std::string where = "stdin line " + std::to_string(number) + ": ";
            if (!(fields >> b) || fields >> extra)
                throw news::Error(news::ErrorKind::kUsage, where + "expected two article ids");
            const auto e = news::compare(fingerprint_of(db, weights, a, where), fingerprint_of(db, weights, b, where));
            news::write_pair_json(news::make_pair_report(a, b, e), std::cout);
        }
        return kExitOk;
    }
    if (args.size() != 2) throw news::Error(news::ErrorKind::kUsage, "compare takes two article ids");
    const auto e = news::compare(fingerprint_of(db, weights, args[0], ""), fingerprint_of(db, weights, args[1], ""));
    const auto report = news::make_pair_report(args[0], args[1], e);
    if (format == "json") news::write_pair_json(report, std::cout);
    else news::write_pair_text(report, std::cout);
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
        const char* positional = nullptr;
        const po::options_description command_options = options_of(command, positional);
        parse_command_line(args, command_options, positional, vm);
        const CommandHelp* help = nullptr;
        for (const auto& h : kCommandHelp)
            if (command == h.name) help = &h;
        if (vm.count("version")) {
            print_version();
            return kExitOk;
        }
        if (vm.count("help") && help) {
            std::cout << "Usage: news-index [--db PATH] " << help->synopsis << "\n\n" << help->about << "\n\n"
                      << global_options();
            if (!command_options.options().empty()) std::cout << '\n' << command_options;
            return kExitOk;
        }
        if (vm.count("help")) {
            std::cout << kUsage << '\n' << global_options() << '\n' << build_options() << '\n' << remove_options() << '\n'
                      << compact_options() << '\n'
                      << stats_options()
                      << '\n' << dups_options() << '\n' << compare_options();
            return kExitOk;
        }
        if (!help)
            throw news::Error(news::ErrorKind::kUsage, command.empty() ? "no command given (try --help)"
                                                                       : "unknown command '" + command +
                                                                             "' (try --help)");
        const std::string db_path = news::resolve_database_path(vm.count("db") ? vm["db"].as<std::string>() : "");
        if (command == "build") return run_build(db_path, vm);
        if (command == "dups") return run_dups(db_path, vm);
        if (command == "remove") return run_remove(db_path, vm);
        if (command == "stats") return run_stats(db_path, vm);
        if (command == "compact") return run_compact(db_path, vm);
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
