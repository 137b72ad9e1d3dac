// Facets (--facets): parsing the list, and exact counts of stories and of
// articles from the real news-search on corpus/ plus a small feed where one
// story has versions from two sources and two months.
#define BOOST_TEST_MODULE facet_tests
#include <boost/test/unit_test.hpp>

#include <map>
#include <string>
#include <vector>

#include "cli_support.h"
#include "common/error.h"
#include "searcher/facets.h"
#include "searcher/search.h"

using nlohmann::json;
using test::show;

namespace {

const std::string kDamBreach =
    "Engineers warned on Friday that the Kakhovka dam on the Dnipro river had suffered a second breach overnight, "
    "flooding villages downstream and forcing thousands of residents to leave their homes. Regional officials said "
    "water levels in Kherson rose by more than three metres and rescue teams used boats to reach people trapped on "
    "roofs. The collapse of the dam also threatens drinking water supplies for farms in the south and the cooling "
    "ponds of the Zaporizhzhia nuclear plant, according to the International Atomic Energy Agency.";

// The Reuters sample plus: story "a" in three copies (AP twice, Reuters once;
// June 30th and July 1st), "b" from AFP, "c" with neither source nor date.
struct FacetCorpus {
    test::TempDir dir;
    std::string db = dir / "db";
    test::RunResult build;
    FacetCorpus() {
        const auto line = [](const std::string& id, const std::string& title, const std::string& body,
                             const std::string& source, const std::string& date) {
            json j = {{"id", id}, {"title", title}, {"body", body}};
            if (!source.empty()) j["source"] = source;
            if (!date.empty()) j["date"] = date;
            return j.dump() + "\n";
        };
        const std::string feed = dir / "feed.jsonl";
        test::write_file(
            feed, line("a1", "Kakhovka dam breached again", kDamBreach, "AP", "2023-06-30T22:00:00Z") +
                      line("a2", "Kakhovka dam breached again", kDamBreach, "Reuters", "2023-07-01T01:00:00Z") +
                      line("a3", "Kakhovka dam breached again", kDamBreach, "AP", "2023-06-30T23:30:00Z") +
                      line("b1", "Swiss dam inspected after tremor",
                           "Inspectors in Switzerland examined the Grande Dixence dam near Sion after a minor "
                           "tremor, reporting no damage to the concrete wall.",
                           "AFP", "2023-07-05") +
                      line("c1", "Beaver dam delights walkers",
                           "A beaver built a dam across a drainage ditch in the Scottish Highlands.", "", ""));
        build = test::index(db, {"build", feed, test::reuters_path()});
    }
    static FacetCorpus& instance() {
        static FacetCorpus corpus;
        return corpus;
    }
};

struct FacetFixture {
    FacetCorpus& corpus = FacetCorpus::instance();
    const std::string& db = corpus.db;
    FacetFixture() { BOOST_TEST_REQUIRE(corpus.build.status == 0, show(corpus.build)); }

    json search_json(std::vector<std::string> args) {
        args.insert(args.begin(), {"--format", "json"});
        const auto r = test::search(db, args);
        BOOST_TEST_REQUIRE(r.status == 0, show(r));
        return test::parse_json(r);
    }
};

std::map<std::string, int> counts_of(const json& facet) {
    std::map<std::string, int> out;
    for (const auto& c : facet) out[c.at("value").get<std::string>()] = c.at("count").get<int>();
    return out;
}

// "28".."31" for "YYYY-MM".
std::string last_day(const std::string& month) {
    const int y = std::stoi(month.substr(0, 4)), m = std::stoi(month.substr(5, 2));
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return std::to_string(days[m - 1] + (m == 2 && leap ? 1 : 0));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(parse_facets)

BOOST_AUTO_TEST_CASE(names_in_order_once_each) {
    using news::FacetKind;
    BOOST_TEST((news::parse_facets("source,month") == std::vector<FacetKind>{FacetKind::kSource, FacetKind::kMonth}));
    BOOST_TEST((news::parse_facets("day,year,day") == std::vector<FacetKind>{FacetKind::kDay, FacetKind::kYear}));
    BOOST_TEST((news::parse_facets("source,") == std::vector<FacetKind>{FacetKind::kSource}));
    for (const auto& name : news::facet_names()) BOOST_TEST(news::parse_facets(name).size() == 1u);
}

BOOST_AUTO_TEST_CASE(unknown_or_empty_names_are_usage_errors) {
    for (const char* bad : {"", "sources", "source,,month", "Month", "source,week", ","}) {
        try {
            news::parse_facets(bad);
            BOOST_ERROR("accepted --facets \"" << bad << "\"");
        } catch (const news::Error& e) {
            BOOST_TEST((e.kind() == news::ErrorKind::kUsage));
            BOOST_TEST(std::string(e.what()).find("facet") != std::string::npos, e.what());
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(facet_counts, FacetFixture)

BOOST_AUTO_TEST_CASE(stories_count_once_per_value_their_versions_have) {
    const auto j = search_json({"--facets", "source,month", "dam"});
    BOOST_TEST(j.at("total").at("count").get<int>() == 5);  // a, b, c and two Reuters sample stories
    BOOST_TEST(j.at("total").at("exact").get<bool>());
    const auto sources = counts_of(j.at("facets").at("source"));
    // Story a counts under both of its sources, once each, though AP has two versions.
    BOOST_TEST((sources == std::map<std::string, int>{{"reuters", 3}, {"ap", 1}, {"afp", 1}, {"", 1}}));
    const auto months = counts_of(j.at("facets").at("month"));
    BOOST_TEST(months.at("2023-06") == 1);
    BOOST_TEST(months.at("2023-07") == 2);  // a (its July version) and b
    BOOST_TEST(months.at("") == 1);         // c is undated
    // Sources are listed by count, the empty value last; periods in time order.
    const auto& source_list = j.at("facets").at("source");
    BOOST_TEST(source_list.front().at("value") == "reuters");
    BOOST_TEST(source_list.back().at("value") == "");
    std::vector<std::string> month_order;
    for (const auto& c : j.at("facets").at("month")) month_order.push_back(c.at("value"));
    BOOST_TEST((month_order == std::vector<std::string>{"1987-03", "2023-06", "2023-07", ""}));
}

BOOST_AUTO_TEST_CASE(without_grouping_facets_count_articles) {
    const auto j = search_json({"--all-versions", "--facets", "source,month,year,day", "dam"});
    BOOST_TEST(j.at("total").at("count").get<int>() == 7);
    BOOST_TEST(j.at("total").at("unit") == "articles");
    BOOST_TEST((counts_of(j.at("facets").at("source")) ==
                std::map<std::string, int>{{"reuters", 3}, {"ap", 2}, {"afp", 1}, {"", 1}}));
    const auto months = counts_of(j.at("facets").at("month"));
    BOOST_TEST(months.at("2023-06") == 2);
    BOOST_TEST(months.at("2023-07") == 2);
    // Every article is counted exactly once per facet.
    for (const char* facet : {"source", "month", "year", "day"}) {
        int sum = 0;
        for (const auto& c : j.at("facets").at(facet)) sum += c.at("count").get<int>();
        BOOST_TEST(sum == 7, facet);
    }
    BOOST_TEST(counts_of(j.at("facets").at("day")).at("2023-06-30") == 2);
    BOOST_TEST(counts_of(j.at("facets").at("year")).at("2023") == 4);
}

// A facet count is the number of stories the query finds with that filter
// added (counted exactly: facets count every match, so --exact-total).
BOOST_AUTO_TEST_CASE(a_count_is_what_its_filter_finds) {
    for (const char* query : {"dam", "oil", "prices", "said"}) {
        const auto j = search_json({"--facets", "source,month", query});
        for (const auto& c : j.at("facets").at("source")) {
            const std::string value = c.at("value");
            if (value.empty()) continue;
            const auto filtered = search_json({"--exact-total", std::string(query) + " source:" + value});
            BOOST_TEST(filtered.at("total").at("count").get<int>() == c.at("count").get<int>(), query << " " << value);
        }
        for (const auto& c : j.at("facets").at("month")) {
            const std::string month = c.at("value");
            if (month.empty()) continue;
            const std::string range = "date:" + month + "-01.." + month + "-" + last_day(month);
            const auto filtered = search_json({"--exact-total", std::string(query) + " " + range});
            BOOST_TEST(filtered.at("total").at("count").get<int>() == c.at("count").get<int>(), query << " " << range);
        }
    }
}

BOOST_AUTO_TEST_CASE(facets_cover_the_whole_result_not_the_page) {
    const auto page = search_json({"--facets", "month", "--limit", "1", "oil"});
    BOOST_TEST(page.at("hits").size() == 1u);
    int sum = 0;
    for (const auto& c : page.at("facets").at("month")) sum += c.at("count").get<int>();
    // Every Reuters story has one date, so month counts add up to the total.
    BOOST_TEST(sum == page.at("total").at("count").get<int>());
    BOOST_TEST(sum > 1);
}

BOOST_AUTO_TEST_CASE(text_output_has_a_facet_block) {
    const auto r = test::search(db, {"--facets", "source,month", "dam"});
    BOOST_TEST_REQUIRE(r.status == 0, show(r));
    const auto lines = test::lines_of(r.out);
    BOOST_TEST_REQUIRE(lines.size() > 3u);
    BOOST_TEST(lines[0] == "Results 1-5 of 5 stories for \"dam\"");
    BOOST_TEST(lines[1] == "Sources: reuters 3 · afp 1 · ap 1 · (none) 1");
    BOOST_TEST(lines[2] == "Months:  1987-03 2 · 2023-06 1 · 2023-07 2 · (undated) 1");
}

BOOST_AUTO_TEST_CASE(jsonl_summary_carries_the_facets) {
    const auto r = test::search(db, {"--format", "jsonl", "--facets", "source", "dam"});
    BOOST_TEST_REQUIRE(r.status == 0, show(r));
    const auto lines = test::lines_of(r.out);
    BOOST_TEST_REQUIRE(!lines.empty());
    const auto summary = test::parse_json(lines.back(), r);
    BOOST_TEST(summary.at("type") == "summary");
    BOOST_TEST(counts_of(summary.at("facets").at("source")).at("ap") == 1);
}

BOOST_AUTO_TEST_CASE(no_facets_unless_asked) {
    BOOST_TEST(search_json({"dam"}).count("facets") == 0u);
}

BOOST_AUTO_TEST_CASE(bad_facet_requests_exit_2) {
    for (const auto& args : {std::vector<std::string>{"--facets", "sauce", "dam"},
                             std::vector<std::string>{"--facets", "source,weekday", "--format", "json", "dam"},
                             std::vector<std::string>{"--facets", "source", "--format", "tsv", "dam"}}) {
        const auto r = test::search(db, args);
        BOOST_TEST(r.status == 2, show(r));
        BOOST_TEST(r.out.empty(), show(r));
        BOOST_TEST(r.err.rfind("news-search: error: ", 0) == 0u, show(r));
    }
    const auto r = test::search(db, {"--facets", "sauce", "dam"});
    BOOST_TEST(r.err.find("\"sauce\"") != std::string::npos, show(r));
}

BOOST_AUTO_TEST_CASE(no_hits_gives_empty_facets_and_exit_1) {
    const auto r = test::search(db, {"--format", "json", "--facets", "source", "zzqxjv"});
    BOOST_TEST(r.status == 1, show(r));
    const auto j = test::parse_json(r);
    BOOST_TEST(j.at("facets").at("source").empty());
    BOOST_TEST(j.at("total").at("count").get<int>() == 0);
}

BOOST_AUTO_TEST_SUITE_END()

// The library: a query matching more articles than the page plus the
// request's exact_total_articles gets Xapian's estimate, marked so, unless
// --exact-total or facets make the match look at everything; one matching
// fewer is counted exactly.
BOOST_FIXTURE_TEST_SUITE(exact_totals, FacetFixture)

// The CLI's JSON says which kind of total it gives: an estimate past the
// bound ("exact": false, "more_than": true: more matched than the match
// looked at), an exact count with --exact-total (both the other way round).
BOOST_AUTO_TEST_CASE(json_total_says_more_than_when_the_match_stopped_early) {
    const auto total_of = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {"--format", "json", "--limit", "1"});
        const auto r = test::search(db, args);
        BOOST_TEST_REQUIRE(r.status == 0, show(r));
        return test::parse_json(r).at("total");
    };
    const json exact = total_of({"--exact-total", "said"});
    BOOST_TEST_REQUIRE(exact.at("count").get<int>() > 101);  // past the page and the 100 after it
    BOOST_TEST(exact.at("exact").get<bool>());
    BOOST_TEST(!exact.at("more_than").get<bool>());
    const json estimated = total_of({"said"});
    BOOST_TEST(!estimated.at("exact").get<bool>());
    BOOST_TEST(estimated.at("more_than").get<bool>());
    const json few = total_of({"richfield OR kherson"});
    BOOST_TEST(few.at("exact").get<bool>());
    BOOST_TEST(!few.at("more_than").get<bool>());
}

BOOST_AUTO_TEST_CASE(past_the_bound_totals_are_estimates_but_exact_total_and_facets_count_all) {
    news::Searcher searcher{Xapian::Database(db)};
    news::SearchRequest request;
    request.query = "said";
    request.limit = 1;
    request.exact_total = true;
    const auto counted = searcher.search(request);
    BOOST_TEST(counted.total_exact);
    BOOST_TEST(counted.total > 100u);
    request.exact_total = false;
    request.exact_total_articles = 0;  // only the page: far fewer than "said" matches
    const auto estimated = searcher.search(request);
    BOOST_TEST(!estimated.total_exact);
    BOOST_TEST(estimated.total >= estimated.matches_lower);
    BOOST_TEST(estimated.total <= estimated.matches_upper);
    BOOST_TEST(estimated.matches_upper >= counted.total);
    BOOST_TEST(estimated.hits.size() == 1u);
    BOOST_TEST(estimated.hits[0].article.id == counted.hits[0].article.id);
    request.exact_total_articles = 1000000;  // more than the corpus has
    const auto bounded = searcher.search(request);
    BOOST_TEST(bounded.total_exact);
    BOOST_TEST(bounded.total == counted.total);
    request.exact_total_articles = 0;
    request.facets = {news::FacetKind::kMonth};
    const auto faceted = searcher.search(request);
    BOOST_TEST(faceted.total_exact);
    BOOST_TEST(faceted.total == counted.total);
    Xapian::doccount sum = 0;
    for (const auto& c : faceted.facets.at(0).counts) sum += c.count;
    BOOST_TEST(sum >= faceted.total);
}

BOOST_AUTO_TEST_SUITE_END()
