// news-search: ranked search over a news-search database, one hit per story.
// A thin command line over the searcher library.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdlib>
#include <iostream>

#include "common/database.h"
#include "common/error.h"
#include "searcher/printer.h"
#include "searcher/search.h"

namespace po = boost::program_options;

namespace {

// Like grep.
constexpr int kExitHits = 0;
constexpr int kExitNoHits = 1;
constexpr int kExitError = 2;

const char* kUsage = R"(Usage: news-search [OPTIONS] QUERY...
       news-search [OPTIONS] --versions ID

Ranked (BM25) search with snippets; versions of one story are shown once.
Query syntax: words (stemmed; all optional, best matches first), "exact phrase",
AND OR NOT in capitals, +required -excluded, title:word, source:reuters,
site:bbc.co.uk, date:2023-06-01..2023-06-30, id:ID, story:KEY.

Exit status: 0 hits found, 1 no hits, 2 error.
)";

bool want_color(const std::string& mode) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    if (mode != "auto") throw news::Error(news::ErrorKind::kUsage, "--color must be auto, always or never");
    const char* no_color = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    return isatty(STDOUT_FILENO) && !(no_color && *no_color) && !(term && std::string(term) == "dumb");
}

news::Grouping parse_grouping(const std::string& g) {
    if (g == "story") return news::Grouping::kStory;
    if (g == "event") return news::Grouping::kEvent;
    if (g == "none") return news::Grouping::kNone;
    throw news::Error(news::ErrorKind::kUsage, "--group must be story, event or none");
}

news::SortOrder parse_sort(const std::string& s) {
    if (s == "relevance") return news::SortOrder::kRelevance;
    if (s == "newest") return news::SortOrder::kNewest;
    if (s == "oldest") return news::SortOrder::kOldest;
    throw news::Error(news::ErrorKind::kUsage, "--sort must be relevance, newest or oldest");
}

int run(int argc, char** argv) {
    po::options_description opts("Options");
    opts.add_options()("help,h", "show this help")("db", po::value<std::string>(),
                                                   "database (else $NEWS_DB, else ~/.local/share/news-search/db)")(
        "limit,n", po::value<unsigned>()->default_value(10), "hits to show")(
        "offset", po::value<unsigned>()->default_value(0), "hits to skip (for paging)")(
        "group", po::value<std::string>()->default_value("story"),
        "collapse versions of one story (story), articles about one event (event), or nothing (none)")(
        "all-versions", "show every version (same as --group none)")(
        "event", "group articles about the same event (same as --group event)")(
        "versions", po::value<std::string>(), "list all versions of the story of article ID")(
        "sort", po::value<std::string>()->default_value("relevance"), "relevance, newest or oldest")(
        "format", po::value<std::string>()->default_value("text"), "text or json")(
        "color", po::value<std::string>()->default_value("auto"), "auto, always or never")(
        "snippet-length", po::value<unsigned>()->default_value(300), "snippet size in bytes");
    po::options_description hidden;
    hidden.add_options()("query", po::value<std::vector<std::string>>());
    po::options_description all;
    all.add(opts).add(hidden);
    po::positional_options_description pos;
    pos.add("query", -1);
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(all).positional(pos).run(), vm);
    if (vm.count("help")) {
        std::cout << kUsage << '\n' << opts;
        return kExitHits;
    }

    news::SearchRequest request;
    if (vm.count("query")) {
        for (const auto& word : vm["query"].as<std::vector<std::string>>())
            request.query += (request.query.empty() ? "" : " ") + word;
    }
    request.limit = vm["limit"].as<unsigned>();
    request.offset = vm["offset"].as<unsigned>();
    request.grouping = parse_grouping(vm["group"].as<std::string>());
    if (vm.count("event")) request.grouping = news::Grouping::kEvent;
    if (vm.count("all-versions")) request.grouping = news::Grouping::kNone;
    request.sort = parse_sort(vm["sort"].as<std::string>());
    request.snippet_bytes = vm["snippet-length"].as<unsigned>();
    const std::string format = vm["format"].as<std::string>();
    if (format != "text" && format != "json")
        throw news::Error(news::ErrorKind::kUsage, "--format must be text or json");
    const bool color = want_color(vm["color"].as<std::string>());
    if (!vm.count("versions") && request.query.empty())
        throw news::Error(news::ErrorKind::kUsage, "no query given (try --help)");

    const std::string db_path = news::resolve_database_path(vm.count("db") ? vm["db"].as<std::string>() : "");
    news::Searcher searcher(news::open_for_reading(db_path));
    auto printer = format == "json" ? news::make_json_printer(std::cout) : news::make_text_printer(std::cout, color);
    if (vm.count("versions")) {
        const std::string id = vm["versions"].as<std::string>();
        const auto grouping = request.grouping == news::Grouping::kNone ? news::Grouping::kStory : request.grouping;
        printer->versions(id, grouping, searcher.versions(id, grouping));
        return kExitHits;
    }
    const auto result = searcher.search(request);
    printer->results(request, result);
    return result.hits.empty() ? kExitNoHits : kExitHits;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const po::error& e) {
        std::cerr << "news-search: error: " << e.what() << " (try --help)\n";
    } catch (const news::Error& e) {
        std::cerr << "news-search: error: " << e.what() << '\n';
    } catch (const Xapian::Error& e) {
        std::cerr << "news-search: error: " << e.get_description() << '\n';
    } catch (const std::exception& e) {
        std::cerr << "news-search: error: " << e.what() << '\n';
    }
    return kExitError;
}
