// news-search: ranked search over a news-search database, one hit per story.
// A thin command line over the searcher library.
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "common/database.h"
#include "common/error.h"
#include "common/schema.h"
#include "searcher/alerts_output.h"
#include "searcher/printer.h"
#include "searcher/saved_searches.h"
#include "searcher/query.h"
#include "searcher/search.h"
#include "searcher/spelling_distance.h"

namespace po = boost::program_options;

namespace {

// Like grep.
constexpr int kExitHits = 0;
constexpr int kExitNoHits = 1;

const char* kUsage = R"(Usage: news-search [OPTIONS] QUERY...
       news-search [OPTIONS] --versions ID
       news-search [OPTIONS] --timeline ID
       news-search [--since D] [--until D] --save NAME QUERY...
       news-search --saved [--remove NAME]     news-search --alerts [NAME] [--keep]

Ranked (BM25) search with highlighted snippets. Copies, corrections, edits and
rewrites of one article are one hit, marked "[+N versions]".

Query syntax:
  words            stemmed (English), stop words dropped, all optional: the best
                   matches come first
  "exact phrase"   the words in this order
  AND OR NOT XOR   operators, in capitals only (a lower-case "not" is a word);
  ( )              a query starting with NOT matches everything else
  a NEAR b         within 10 words of each other (NEAR/3: within 3), any order
  a ADJ b          the same, in this order (ADJ/3)
  +required        every hit has it
  -excluded        no hit has it (also next to operators: -oil AND -gas); a
                   query of nothing but exclusions matches everything else
  wild*            words starting with "wild" (its 200 most frequent)
  title:word       in the title
  source:reuters   from that source (any case)
  site:bbc.co.uk   its URL is on that host
  date:2023-06-01..2023-06-30   published in that range; also months and years
                   (date:2023-06..2023-07, date:1987), open ends (date:2023..)
  id:ID            the article with that id
  story:KEY        every version of one story (the "story" key of a JSON hit)
A malformed expression (unbalanced quote or bracket, "oil AND", a bad date) is
a "query syntax error" (exit 2). Text that reads as a sentence (ends with ? or
!, or . after 4+ words, or has 8+ words with at most one operator and no
brackets, or is 4+ words all in capitals) is searched as plain words: operators
and stray quotes are words, and capitalised words are stemmed too.
A misspelt word gets "Did you mean: ..." from the corpus's own vocabulary (one
edit away for words of up to 5 letters, two for longer ones); when the query
finds nothing and the suggestion does, the suggestion's hits are shown
("Showing results for: ..."). Curly apostrophes and quotes count as straight ones.
Put -- before a query that starts with "-", e.g. news-search -- -oil.

Database: --db, else $NEWS_DB, else $XDG_DATA_HOME/news-search/db
(~/.local/share/news-search/db). A Xapian stub file listing shards or remote
databases (lines "remote tcp HOST PORT", served by xapian-tcpsrv) works as
--db.

--sort newest and oldest list undated articles last. Relevance gives newer
articles a mild boost (at most 5% of the query's top possible score, halved
every 30 days older than the newest article in the database); --no-recency
turns it off. --like ID finds articles like that one, leaving out its own
story; a QUERY with it (and --since/--until) only filters them. --color auto
colours only a terminal, and not when NO_COLOR is set.

Output (--format): text is wrapped to the terminal's width (80 columns when
piped). json (format_version 1) gives per hit the article fields, score, story
and event keys, versions, matching_versions, and highlights as [begin, end)
code points; jsonl gives one hit per line, then a summary line ("type":
"summary"); tsv gives a header line and one hit per line with the columns rank,
score, id, date, source, versions, story, title, url (tabs, newlines and
backslashes in fields written as \t \n \\). Schema: docs/output-format.md.
The total counts stories (with --event events, with --all-versions articles),
not the versions collapsed into them: exactly when the query matches at most
100 articles past the page (or always with --exact-total or --facets), else
Xapian's estimate ("about 4000 stories"). --limit and --offset page by stories.

--facets source,month counts the whole result by source or period (source,
year, month, day); with grouping on, a story counts once under each value any
of its matching versions has, so a count is what adding that filter finds.

Exit status: 0 hits found, 1 no hits, 2 error (like grep).
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

// Read as signed: an unsigned option would take "-1" as 4294967295.
int count_option(const po::variables_map& vm, const std::string& name, int minimum) {
    const int value = vm[name].as<int>();
    if (value < minimum)
        throw news::Error(news::ErrorKind::kUsage,
                          "--" + name + (minimum == 0 ? std::string(" must not be negative")
                                                      : " must be at least " + std::to_string(minimum)));
    return value;
}

// Columns of the terminal on stdout; 80 when piped, as most readers use.
size_t terminal_width() {
    winsize ws{};
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20) return ws.ws_col;
    return 80;
}

news::SortOrder parse_sort(const std::string& s) {
    if (s == "relevance") return news::SortOrder::kRelevance;
    if (s == "newest") return news::SortOrder::kNewest;
    if (s == "oldest") return news::SortOrder::kOldest;
    throw news::Error(news::ErrorKind::kUsage, "--sort must be relevance, newest or oldest");
}

// Options that contradict each other, or that the search would ignore
// without a word: a usage error rather than a surprise.
void reject_contradictions(const po::variables_map& vm) {
    if (vm.count("versions") && vm.count("like"))
        throw news::Error(news::ErrorKind::kUsage,
                          "--versions and --like cannot be combined: --versions lists one article's versions, "
                          "--like finds other stories like it");
    if (vm.count("versions")) {
        std::vector<std::string> ignored;
        if (vm.count("query")) {
            std::string query;
            for (const auto& word : vm["query"].as<std::vector<std::string>>()) query += (query.empty() ? "" : " ") + word;
            ignored.push_back("a query (\"" + query + "\")");
        }
        for (const char* option : {"since", "until", "facets", "correct", "offset", "sort"})
            if (vm.count(option) && !vm[option].defaulted()) ignored.push_back(std::string("--") + option);
        if (!ignored.empty()) {
            std::string list;
            for (const auto& item : ignored) list += (list.empty() ? "" : " and ") + item;
            throw news::Error(news::ErrorKind::kUsage,
                              "--versions ID lists every version of one article, so " + list +
                                  " would be ignored (search first, then give a hit's id to --versions)");
        }
    }
}

// "NEAR/x" or "ADJ/" would reach Xapian's parser as plain words, dropping
// the proximity the user asked for: say so instead.
void reject_malformed_distance(const std::string& query) {
    for (const char* op : {"NEAR/", "ADJ/"}) {
        for (size_t at = query.find(op); at != std::string::npos; at = query.find(op, at + 1)) {
            const size_t start = at + std::strlen(op);
            const size_t end = query.find_first_of(" \t\")()", start);
            const std::string distance = query.substr(start, end == std::string::npos ? end : end - start);
            if (distance.empty() || distance.find_first_not_of("0123456789") != std::string::npos)
                throw news::QuerySyntaxError(query.substr(at, start - at) + distance +
                                             ": the distance must be a number of words, e.g. " + op + "5");
        }
    }
}

// --save, --saved and --alerts: they write to the database (alerts are marked read).
int saved_searches_command(const po::variables_map& vm, const news::SearchRequest& request, const std::string& format) {
    if (format != "text" && format != "json")
        throw news::Error(news::ErrorKind::kUsage, "--save, --saved and --alerts print text or json only");
    const std::string db_path = news::resolve_database_path(vm.count("db") ? vm["db"].as<std::string>() : "");
    auto db = news::open_for_writing(db_path);
    const bool json = format == "json";
    if (vm.count("save")) {
        news::SavedSearch s;
        s.name = vm["save"].as<std::string>();
        s.query = request.query;
        s.since = request.since;
        s.until = request.until;
        news::save_search(db, s);
        std::cerr << "news-search: saved \"" << s.query << "\" as " << s.name
                  << "; each news-index build reports its new stories (news-search --alerts " << s.name << ")\n";
        return kExitHits;
    }
    if (vm.count("saved")) {
        if (vm.count("remove")) {
            const std::string name = vm["remove"].as<std::string>();
            if (!news::remove_saved_search(db, name))
                throw news::Error(news::ErrorKind::kUsage, "no saved search named " + name);
            std::cerr << "news-search: removed the saved search " << name << '\n';
            return kExitHits;
        }
        const auto searches = news::saved_searches(db);
        if (json) std::cout << news::saved_searches_json(searches, false);
        else news::print_saved_searches_text(std::cout, searches, false);
        return searches.empty() ? kExitNoHits : kExitHits;
    }
    const auto alerts = news::read_alerts(db, vm["alerts"].as<std::string>(), vm.count("keep") > 0);
    if (json) std::cout << news::saved_searches_json(alerts, true);
    else news::print_saved_searches_text(std::cout, alerts, true);
    const bool any = std::any_of(alerts.begin(), alerts.end(), [](const auto& s) { return !s.unread.empty(); });
    return any ? kExitHits : kExitNoHits;
}

int run(int argc, char** argv) {
    po::options_description opts("Options");
    opts.add_options()("help,h", "show this help")("version", "show the version and exit")(
        "db", po::value<std::string>(),
        "database (else $NEWS_DB, else $XDG_DATA_HOME/news-search/db or ~/.local/share/news-search/db)")(
        "limit,n", po::value<int>()->default_value(10), "hits to show (at least 1)")(
        "offset", po::value<int>()->default_value(0), "hits to skip (for paging)")(
        "group", po::value<std::string>()->default_value("story"),
        "collapse versions of one story (story), articles about one event (event), or nothing (none)")(
        "all-versions", "show every version (same as --group none)")(
        "event", "group articles about the same event (same as --group event)")(
        "versions", po::value<std::string>(),
        "list all versions of the story (with --event: the event) of article ID, with their similarity")(
        "sort", po::value<std::string>()->default_value("relevance"),
        "relevance, newest or oldest (undated articles last)")(
        "format", po::value<std::string>()->default_value("text"), "text, json, jsonl or tsv")(
        "facets", po::value<std::string>(), "count the whole result by source, year, month and/or day (comma-separated)")(
        "exact-total", "count every match for the total (else past 100 articles it is an estimate)")(
        "color", po::value<std::string>()->default_value("auto"),
        "auto (a terminal without NO_COLOR), always or never")(
        "snippet-length", po::value<int>()->default_value(300), "snippet size in bytes (0: no snippet)")(
        "since", po::value<std::string>(), "only articles dated DATE or later (YYYY-MM-DD, YYYY-MM or YYYY)")(
        "until", po::value<std::string>(), "only articles dated DATE or earlier (same forms)")(
        "no-recency", "pure BM25 relevance: no boost for newer articles")(
        "correct", "search the \"Did you mean\" correction instead of a misspelt query")(
        "like", po::value<std::string>(), "articles like article ID (not its own story)")(
        "timeline", po::value<std::string>(),
        "every version of the story of article ID in publication order, with what each changed")(
        "save", po::value<std::string>(), "save QUERY (with --since/--until) as NAME; each build then reports its new stories")(
        "saved", "list the saved searches (with --remove NAME: remove one)")(
        "remove", po::value<std::string>(), "with --saved: remove the saved search NAME")(
        "alerts", po::value<std::string>()->implicit_value(""),
        "new stories of every saved search (or of NAME) since the last --alerts")(
        "keep", "with --alerts: leave the alerts unread");
    po::options_description hidden;
    // --ranking NAME=VALUE,...: overrides the ranking parameters, for
    // scripts/eval-ranking and scripts/tune-ranking (searcher/ranking.h).
    hidden.add_options()("query", po::value<std::vector<std::string>>())("ranking", po::value<std::string>());
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
    if (vm.count("version")) {
        std::cout << "news-search " << NEWS_SEARCH_VERSION << "\ndatabase schema " << news::schema::kVersion
                  << ", Xapian " << Xapian::version_string() << '\n';
        return kExitHits;
    }
    reject_contradictions(vm);

    news::SearchRequest request;
    if (vm.count("query")) {
        for (const auto& word : vm["query"].as<std::vector<std::string>>())
            request.query += (request.query.empty() ? "" : " ") + word;
    }
    request.limit = count_option(vm, "limit", 1);
    request.offset = count_option(vm, "offset", 0);
    request.grouping = parse_grouping(vm["group"].as<std::string>());
    if (vm.count("event")) request.grouping = news::Grouping::kEvent;
    if (vm.count("all-versions")) request.grouping = news::Grouping::kNone;
    request.sort = parse_sort(vm["sort"].as<std::string>());
    request.snippet_bytes = count_option(vm, "snippet-length", 0);
    const std::string format = vm["format"].as<std::string>();
    const auto& formats = news::format_names();
    if (std::find(formats.begin(), formats.end(), format) == formats.end())
        throw news::Error(news::ErrorKind::kUsage, "--format must be text, json, jsonl or tsv");
    if (vm.count("facets")) {
        request.facets = news::parse_facets(vm["facets"].as<std::string>());
        if (format == "tsv")
            throw news::Error(news::ErrorKind::kUsage, "--facets needs --format text, json or jsonl, not tsv");
    }
    const bool color = want_color(vm["color"].as<std::string>());
    if (vm.count("since")) request.since = vm["since"].as<std::string>();
    if (vm.count("until")) request.until = vm["until"].as<std::string>();
    // Curly apostrophes and quotes as the index has them ("China’s" is "china's").
    request.query = news::with_ascii_quotes(request.query);
    reject_malformed_distance(request.query);
    request.recency = !vm.count("no-recency");
    request.exact_total = vm.count("exact-total") > 0;
    request.correct = vm.count("correct") > 0;
    if (vm.count("like")) request.like = vm["like"].as<std::string>();
    if (vm.count("ranking")) request.ranking = news::parse_ranking_params(vm["ranking"].as<std::string>());
    if (vm.count("saved") || vm.count("alerts") || vm.count("save"))
        return saved_searches_command(vm, request, format);
    if (!vm.count("versions") && !vm.count("timeline") && request.like.empty() && request.query.empty())
        throw news::Error(news::ErrorKind::kUsage, std::string(vm.count("query") ? "empty query" : "no query given") +
                                                       ": give words to search for (try --help)");

    const std::string db_path = news::resolve_database_path(vm.count("db") ? vm["db"].as<std::string>() : "");
    news::Searcher searcher(news::open_for_reading(db_path));
    auto printer = news::make_printer(format, std::cout, color, terminal_width());
    if (vm.count("versions")) {
        const std::string id = vm["versions"].as<std::string>();
        const auto grouping = request.grouping == news::Grouping::kNone ? news::Grouping::kStory : request.grouping;
        printer->versions(id, grouping, searcher.versions(id, grouping));
        return kExitHits;
    }
    if (vm.count("timeline")) {
        const std::string id = vm["timeline"].as<std::string>();
        printer->timeline(news::make_timeline(id, searcher.versions(id, news::Grouping::kStory)));
        return kExitHits;
    }
    auto result = searcher.search(request);
    // Nothing found but the suggestion finds something: show that, as web search does.
    if (result.hits.empty() && !result.suggestion.empty() && !request.correct && request.offset == 0) {
        news::SearchRequest corrected = request;
        corrected.correct = true;
        if (auto retry = searcher.search(corrected); !retry.hits.empty()) result = std::move(retry);
    }
    printer->results(request, result);
    return result.hits.empty() ? kExitNoHits : kExitHits;
}

int report(const news::Error& e) {
    std::cerr << news::error_line("news-search", e) << '\n';
    return news::exit_status(e.kind());
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const news::Error& e) {
        return report(e);
    } catch (const po::unknown_option& e) {
        // Most often a query word with a leading minus, meant as an exclusion.
        return report(news::Error(news::ErrorKind::kUsage,
                                        std::string(e.what()) + " (to search for a query starting with \"-\", put -- " +
                                            "before it: news-search -- " + e.get_option_name() + "; see --help)"));
    } catch (const po::error& e) {
        return report(news::Error(news::ErrorKind::kUsage, std::string(e.what()) + " (try --help)"));
    } catch (const std::exception& e) {  // out of memory, a file system error
        return report(news::Error(news::ErrorKind::kSystem, e.what()));
    }
}
