// `news-index build [PATH...]`: indexes articles and groups their versions.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

#include "common/database.h"
#include "common/error.h"
#include "indexer/commands/command.h"
#include "indexer/index_build.h"
#include "indexer/progress.h"

namespace news::cli {
namespace {

// True if a build of `inputs` into `db_path` would only make an empty
// database: there is none yet and no input file to put in it. The missing
// inputs are reported as a build reports them.
bool nothing_to_build(const std::string& db_path, const std::vector<std::string>& inputs) {
    const auto kind = database_path_kind(db_path);
    if (kind != DatabasePathKind::kMissing && kind != DatabasePathKind::kEmptyFolder) return false;
    if (count_inputs(inputs).files > 0) return false;
    for (const auto& input : inputs) {
        std::error_code ec;
        if (!std::filesystem::exists(input, ec)) std::cerr << "news-index: " << input << ": no such file or directory\n";
        else std::cerr << "news-index: " << input << ": no .txt, .html, .htm, .jsonl or .warc files (each optionally .gz)\n";
    }
    std::cerr << "news-index: nothing to index; no database created at " << db_path << '\n';
    return true;
}

void print_summary(const std::string& db_path, const BuildOptions& options, const BuildReport& report,
                   const std::map<std::string, size_t>& skipped_records) {
    std::printf("added %zu, updated %zu, unchanged %zu, failed %zu (files or lines), warnings %zu\n", report.added,
                report.updated, report.unchanged, report.problems, report.warnings);
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
        std::printf("duplicate detection: %zu articles checked, %zu candidates matched in their date windows, "
                    "%zu fingerprints read, %zu comparisons (%zu of them different by cosine alone; %zu candidates too "
                    "far apart to link), %zu story links (%zu refused at %zu hubs), %zu event links; %.2f s, of which %.2f s "
                    "writing %zu new group keys\n",
                    report.grouping.articles, report.grouping.matched, report.grouping.fingerprints_read,
                    report.grouping.comparisons, report.grouping.ruled_out, report.grouping.out_of_reach,
                    report.grouping.story_links, report.grouping.story_links_refused, report.grouping.story_hubs,
                    report.grouping.event_links, report.grouping_seconds, report.grouping.rewrite_seconds,
                    report.grouping.rekeyed);
    if (options.group && !report.grouping.story_hub_ids.empty()) {
        // Which articles lost story links to the hub bound (indexer/story_hub_bound.h): why
        // `compare` may call a pair one story that the groups keep apart.
        constexpr size_t kHubsListed = 10;
        const auto& hubs = report.grouping.story_hub_ids;
        std::string listed;
        for (size_t k = 0; k < hubs.size() && k < kHubsListed; ++k) listed += (k ? ", " : "") + hubs[k];
        if (hubs.size() > kHubsListed) listed += ", and " + std::to_string(hubs.size() - kHubsListed) + " more";
        std::printf("story hubs (linked to several stories not linked to each other; kept only their strongest "
                    "link's story): %s\n",
                    listed.c_str());
    }
    if (!options.group)
        std::printf("duplicate detection skipped: %zu articles wait for the next build to group them\n",
                    report.waiting_for_grouping);
    if (report.parts)
        std::printf("written in parallel: %zu parts merged; %.2f s\n", report.parts, report.merge_seconds);
    if (report.compacted) print_compaction(report.compaction);
    const double rate = report.seconds > 0 ? (report.added + report.updated) / report.seconds : 0;
    std::printf("%s: %zu articles, %zu stories with several versions; %.2f s (%.0f articles/s)\n", db_path.c_str(),
                report.total, report.stories, report.seconds, rate);
    for (const auto& a : report.alerts)
        std::printf("saved search %s: %zu new stories, %zu new versions of known stories (news-search --alerts)\n",
                    a.name.c_str(), a.new_stories, a.new_versions);
}

class BuildCommand : public Command {
  public:
    const char* name() const override { return "build"; }
    const char* synopsis() const override { return "build [OPTIONS] [PATH...]"; }
    const char* summary() const override {
        return "  build [PATH...]   index articles from files and directories (default: corpus/);\n"
               "                    .txt and .html/.htm (one article per file), .jsonl (one per\n"
               "                    line), .warc web archives (each HTML response record); each\n"
               "                    may be gzip-compressed (.gz).\n"
               "                    Re-running replaces changed articles and skips unchanged ones.\n"
               "                    Killed at any point, the next build completes the work.\n"
               "                    A new database is written by --jobs threads in parallel;\n"
               "                    a build that wrote at least half the database ends by\n"
               "                    compacting it (not with --no-compact).\n"
               "                    On a terminal, progress is shown on stderr (not with --quiet).\n";
    }
    const char* about() const override {
        return "Indexes articles from files and directories (default: corpus/, only where there is\n"
               "one): .txt and .html/.htm (one article per file), .jsonl (one per line), .warc web\n"
               "archives (each HTML response record); each may be gzip-compressed (.gz).\n"
               "Re-running replaces changed articles and skips unchanged ones. A bad file or line\n"
               "is named on stderr and the rest indexed (exit 1); a lost field (an unreadable date,\n"
               "a bad character replaced) is a warning and the article is indexed (exit 0).\n"
               "Never writes into a folder of other files, and makes no database when it finds no\n"
               "input.";
    }
    po::options_description options() const override {
        po::options_description opts("build options");
        opts.add_options()("batch-size", po::value<long>()->default_value(10000), "articles per commit (a batch also ends at 4 MB of article text)")(
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
    const char* positional() const override { return "input"; }

    void setup(const po::variables_map& vm) override {
        if (!vm.count("input") && !std::filesystem::is_directory("corpus"))
            throw Error(ErrorKind::kUsage,
                        "build needs files or directories to index (only the project's own folder has a corpus/ "
                        "to read by default)");
        options_.inputs = vm.count("input") ? positional_values(vm, "input") : std::vector<std::string>{"corpus"};
        options_.batch_size = static_cast<size_t>(at_least(vm, "batch-size", 1));
        options_.group = !vm.count("no-group");
        options_.jobs = static_cast<unsigned>(at_least(vm, "jobs", 0));
        options_.compact = !vm.count("no-compact");
        if (vm.count("field"))
            for (const auto& mapping : vm["field"].as<std::vector<std::string>>())
                options_.input.jsonl_fields.assign(mapping);
        options_.strict = vm.count("strict") > 0;
        quiet_ = vm.count("quiet") > 0;
    }

    int run(const std::string& db_path) override {
        if (nothing_to_build(db_path, options_.inputs)) return kExitSomeFailed;
        std::map<std::string, size_t> skipped_records;  // web archive records that are not articles, by why
        options_.input.on_skipped_record = [&](const std::string& reason) { ++skipped_records[reason]; };
        std::unique_ptr<ProgressDisplay> progress;
        if (isatty(STDERR_FILENO) && !quiet_) {
            progress = std::make_unique<ProgressDisplay>(stderr, count_inputs(options_.inputs));
            options_.on_article = [&](const Article& a) { progress->article(a); };
            options_.on_grouping = [&](size_t n) { progress->grouping(n); };
        }
        const auto report = build_index(db_path, options_, [&](const InputProblem& p) {
            if (progress) progress->problem(p.path);
            std::cerr << "news-index: " << p.describe() << '\n';
        });
        if (progress) progress->finish();
        for (const auto& key : report.damaged_records)
            std::cerr << "news-index: warning: grouping record " << key
                      << " in the database is damaged and cannot be read; left in place (the articles it names "
                         "may stay ungrouped: rebuild the database into a new folder to regroup them)\n";
        if (report.stopped_early) std::cerr << "news-index: --strict: stopped at the first bad input\n";
        if (!quiet_) print_summary(db_path, options_, report, skipped_records);
        return report.problems ? kExitSomeFailed : kExitOk;
    }

  private:
    BuildOptions options_;
    bool quiet_ = false;
};

}  // namespace

std::unique_ptr<Command> make_build_command() { return std::make_unique<BuildCommand>(); }

}  // namespace news::cli
