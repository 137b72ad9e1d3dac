// End-to-end tests of the results side of news-search on corpus/: paging
// with collapsing, exact story totals, the jsonl and tsv formats, the text
// layout, title highlighting and exit statuses with every format.
#define BOOST_TEST_MODULE cli_results_tests
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>
#include <vector>

#include "cli_support.h"
#include "searcher/text_layout.h"

using nlohmann::json;
using test::show;

namespace {

std::vector<std::string> split_tabs(const std::string& line) {
    std::vector<std::string> fields;
    size_t start = 0;
    for (size_t tab = line.find('\t'); tab != std::string::npos; tab = line.find('\t', start)) {
        fields.push_back(line.substr(start, tab - start));
        start = tab + 1;
    }
    fields.push_back(line.substr(start));
    return fields;
}

std::string without_ansi(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\033') {
            while (i < s.size() && s[i] != 'm') ++i;
            continue;
        }
        out += s[i];
    }
    return out;
}

struct Fixture : test::CorpusFixture {
    json search_json(std::vector<std::string> args, int expected_status = 0) {
        args.insert(args.begin(), {"--format", "json"});
        const auto r = test::search(db, args);
        BOOST_TEST_REQUIRE(r.status == expected_status, show(r));
        return test::parse_json(r);
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(paging, Fixture)

// Page by page, one story at a time: no story twice, and together the pages
// are the unpaged result, in the same order.
BOOST_AUTO_TEST_CASE(pages_never_repeat_a_story_and_add_up_to_the_result) {
    for (const std::vector<std::string>& options :
         {std::vector<std::string>{}, {"--sort", "newest"}, {"--sort", "oldest"}, {"--event"}}) {
        auto args = options;
        args.insert(args.end(), {"--limit", "1000", "oil"});
        const auto all = search_json(args);
        const auto total = all.at("total").at("count").get<size_t>();
        BOOST_TEST_REQUIRE(all.at("total").at("exact").get<bool>());
        BOOST_TEST_REQUIRE(all.at("hits").size() == total);
        BOOST_TEST_REQUIRE(total > 5u);
        const char* key = options == std::vector<std::string>{"--event"} ? "event" : "story";
        std::vector<std::string> unpaged;
        for (const auto& h : all.at("hits")) unpaged.push_back(h.at(key));

        std::vector<std::string> paged;
        std::set<std::string> seen;
        for (size_t offset = 0;; ++offset) {
            auto page_args = options;
            page_args.insert(page_args.end(), {"--format", "json", "--limit", "1", "--offset",
                                               std::to_string(offset), "oil"});
            const auto r = test::search(db, page_args);
            if (offset == total) {
                BOOST_TEST(r.status == 1, show(r));  // past the end
                break;
            }
            BOOST_TEST_REQUIRE(r.status == 0, show(r));
            const auto page = test::parse_json(r);
            BOOST_TEST_REQUIRE(page.at("hits").size() == 1u);
            BOOST_TEST(page.at("hits")[0].at("rank").get<size_t>() == offset + 1);
            BOOST_TEST(page.at("total").at("count").get<size_t>() == total);
            const std::string story = page.at("hits")[0].at(key);
            BOOST_TEST(seen.insert(story).second, "story " << story << " repeated at offset " << offset);
            paged.push_back(story);
        }
        BOOST_TEST((paged == unpaged));
    }
}

BOOST_AUTO_TEST_CASE(total_counts_stories_not_versions) {
    const auto stories = search_json({"--limit", "1000", "spy balloon"});
    const auto articles = search_json({"--all-versions", "--limit", "1000", "spy balloon"});
    BOOST_TEST(stories.at("total").at("unit") == "stories");
    BOOST_TEST(articles.at("total").at("unit") == "articles");
    BOOST_TEST(stories.at("total").at("count").get<size_t>() == stories.at("hits").size());
    BOOST_TEST(articles.at("total").at("count").get<size_t>() == articles.at("hits").size());
    // Each story stands for its matching versions; the seed stories have several.
    int folded = 0;
    for (const auto& hit : stories.at("hits")) folded += hit.at("matching_versions").get<int>() - 1;
    BOOST_TEST(folded >= 2);
    BOOST_TEST(articles.at("total").at("count").get<int>() - stories.at("total").at("count").get<int>() == folded);
    const auto text = test::search(db, {"spy balloon"});
    BOOST_TEST(text.out.rfind("Results 1-" + std::to_string(std::min<int>(10, stories.at("total").at("count"))) +
                                  " of " + std::to_string(stories.at("total").at("count").get<int>()) +
                                  " stories for \"spy balloon\"\n",
                              0) == 0u,
               text.out);
    BOOST_TEST(text.out.find("about") == std::string::npos, text.out);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(formats, Fixture)

BOOST_AUTO_TEST_CASE(jsonl_is_one_hit_per_line_then_a_summary) {
    const auto r = test::search(db, {"--format", "jsonl", "--limit", "5", "oil"});
    BOOST_TEST_REQUIRE(r.status == 0, show(r));
    const auto lines = test::lines_of(r.out);
    BOOST_TEST_REQUIRE(lines.size() == 6u, r.out);
    const auto whole = search_json({"--limit", "5", "oil"});
    for (size_t i = 0; i < 5; ++i) {
        auto hit = test::parse_json(lines[i], r);
        BOOST_TEST(hit.at("type") == "hit");
        hit.erase("type");
        BOOST_TEST(hit == whole.at("hits")[i], "line " << i);  // the JSON format's hit, exactly
    }
    const auto summary = test::parse_json(lines[5], r);
    BOOST_TEST(summary.at("type") == "summary");
    BOOST_TEST(summary.at("hits").get<int>() == 5);
    BOOST_TEST(summary.at("format_version").get<int>() == 1);
    BOOST_TEST(summary.at("total") == whole.at("total"));
    BOOST_TEST(summary.at("query") == "oil");

    const auto none = test::search(db, {"--format", "jsonl", "zzqxjv"});
    BOOST_TEST(none.status == 1, show(none));
    const auto none_lines = test::lines_of(none.out);
    BOOST_TEST_REQUIRE(none_lines.size() == 1u, none.out);
    BOOST_TEST(test::parse_json(none_lines[0], none).at("hits").get<int>() == 0);
}

BOOST_AUTO_TEST_CASE(tsv_has_a_header_and_one_line_per_hit) {
    const auto r = test::search(db, {"--format", "tsv", "--limit", "20", "spy balloon"});
    BOOST_TEST_REQUIRE(r.status == 0, show(r));
    const auto lines = test::lines_of(r.out);
    const auto whole = search_json({"--limit", "20", "spy balloon"});
    BOOST_TEST_REQUIRE(lines.size() == whole.at("hits").size() + 1);
    BOOST_TEST(lines[0] == "rank\tscore\tid\tdate\tsource\tversions\tstory\ttitle\turl");
    for (size_t i = 1; i < lines.size(); ++i) {
        const auto fields = split_tabs(lines[i]);
        BOOST_TEST_REQUIRE(fields.size() == 9u, lines[i]);
        const auto& hit = whole.at("hits")[i - 1];
        BOOST_TEST(fields[0] == std::to_string(i));
        BOOST_TEST(std::abs(std::stod(fields[1]) - hit.at("score").get<double>()) < 1e-3);
        BOOST_TEST(fields[2] == hit.at("id").get<std::string>());
        BOOST_TEST(fields[3] == hit.at("date").get<std::string>());
        BOOST_TEST(fields[4] == hit.at("source").get<std::string>());
        BOOST_TEST(fields[5] == std::to_string(hit.at("versions").get<int>()));
        BOOST_TEST(fields[6] == hit.at("story").get<std::string>());
        BOOST_TEST(fields[7] == hit.at("title").get<std::string>());
    }
    const auto none = test::search(db, {"--format", "tsv", "zzqxjv"});
    BOOST_TEST(none.status == 1, show(none));
    BOOST_TEST(none.out == "rank\tscore\tid\tdate\tsource\tversions\tstory\ttitle\turl\n");
}

BOOST_AUTO_TEST_CASE(versions_in_every_format) {
    const std::string id = test::seed_id(1);
    const auto tsv = test::search(db, {"--format", "tsv", "--versions", id});
    BOOST_TEST_REQUIRE(tsv.status == 0, show(tsv));
    const auto lines = test::lines_of(tsv.out);
    BOOST_TEST_REQUIRE(lines.size() == 5u, tsv.out);  // header and seeds 0, 1, 3 and the HTML copy of 1
    BOOST_TEST(split_tabs(lines[0]).size() == split_tabs(lines[1]).size());
    BOOST_TEST(lines[1].rfind("1\t1.0000\tshown\t" + id + "\t", 0) == 0u, lines[1]);
    const auto jsonl = test::search(db, {"--format", "jsonl", "--versions", id});
    const auto jl = test::lines_of(jsonl.out);
    BOOST_TEST_REQUIRE(jl.size() == 5u, jsonl.out);
    BOOST_TEST(test::parse_json(jl[0], jsonl).at("type") == "version");
    BOOST_TEST(test::parse_json(jl[4], jsonl).at("versions").get<int>() == 4);
}

BOOST_AUTO_TEST_CASE(unknown_format_is_a_usage_error) {
    const auto r = test::search(db, {"--format", "xml", "oil"});
    BOOST_TEST(r.status == 2, show(r));
    BOOST_TEST(r.out.empty());
    BOOST_TEST(r.err.find("--format must be text, json, jsonl or tsv") != std::string::npos, show(r));
}

BOOST_AUTO_TEST_CASE(help_lists_the_formats_and_facets) {
    const auto r = test::run({test::search_bin(), "--help"});
    for (const char* item : {"jsonl", "tsv", "--facets", "source", "month", "docs/output-format.md", "exact"})
        BOOST_TEST(r.out.find(item) != std::string::npos, "--help does not mention " << item);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(text_layout, Fixture)

// Piped output is laid out for 80 columns: no line wider, in colour or not,
// whatever the titles, paths and snippets (the seeds have curly quotes and
// long absolute paths).
BOOST_AUTO_TEST_CASE(text_fits_80_columns) {
    for (const char* query : {"spy balloon", "oil", "Blinken Wang Yi", "title:blinken", "cocoa"}) {
        for (const char* color : {"--color=never", "--color=always"}) {
            const auto r = test::search(db, {color, "--limit", "20", "--facets", "source,month,day", query});
            BOOST_TEST_REQUIRE(r.status == 0, show(r));
            for (const auto& line : test::lines_of(r.out)) {
                // An id is shown whole, even past the width, so it can be pasted into --versions.
                const std::string plain = without_ansi(line);
                const bool whole_id = plain.find(' ', plain.find_first_not_of(' ')) == std::string::npos;
                BOOST_TEST((news::display_width(plain) <= 80u || whole_id), query << ": " << line);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(snippets_are_wrapped_and_indented_and_keep_every_word) {
    const auto j = search_json({"--limit", "3", "spy balloon"});
    const auto r = test::search(db, {"--limit", "3", "spy balloon"});
    const auto lines = test::lines_of(r.out);
    for (const auto& hit : j.at("hits")) {
        // The snippet's lines, joined again, are the snippet.
        const std::string title = hit.at("title");
        size_t at = 0;
        while (at < lines.size() && lines[at].find(title.substr(0, 20)) == std::string::npos) ++at;
        BOOST_TEST_REQUIRE(at < lines.size(), "title not found: " << title);
        // Under the title: one or two lines of location and details, then the snippet.
        std::vector<std::string> block;
        for (size_t k = at + 1; k < lines.size() && !lines[k].empty(); ++k) {
            BOOST_TEST(lines[k].rfind("   ", 0) == 0u, lines[k]);
            block.push_back(lines[k].substr(std::min<size_t>(3, lines[k].size())));
        }
        const std::string snippet = hit.at("snippet").at("text");
        bool found = false;
        for (size_t first = 1; first <= 2 && first < block.size(); ++first) {
            std::string joined;
            for (size_t k = first; k < block.size(); ++k) joined += (joined.empty() ? "" : " ") + block[k];
            found |= joined == snippet;
        }
        BOOST_TEST(found, "snippet not found wrapped under " << title << ":\n" << r.out);
    }
}

BOOST_AUTO_TEST_CASE(title_queries_highlight_the_title) {
    const auto j = search_json({"--all-versions", "title:blinken"});
    BOOST_TEST_REQUIRE(!j.at("hits").empty());
    for (const auto& hit : j.at("hits")) {
        const auto& t = hit.at("title_highlighted");
        BOOST_TEST_REQUIRE(!t.at("highlights").empty(), t);
        for (const auto& span : t.at("highlights")) {
            const std::string piece = test::slice_code_points(t.at("text"), span.at(0), span.at(1));
            BOOST_TEST(test::ascii_lower(piece) == "blinken");
        }
    }
    // An excluded title word is not highlighted.
    const auto k = search_json({"--all-versions", "--", "title:blinken -title:baby"});
    for (const auto& hit : k.at("hits"))
        for (const auto& span : hit.at("title_highlighted").at("highlights"))
            BOOST_TEST(test::ascii_lower(test::slice_code_points(hit.at("title_highlighted").at("text"), span.at(0),
                                                                 span.at(1))) == "blinken");
}

BOOST_AUTO_TEST_SUITE_END()
