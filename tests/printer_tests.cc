// Units of the output side: terminal layout of UTF-8 text (widths, wrapping,
// truncation never splitting a character), TSV escaping, and the printers on
// made-up results.
#define BOOST_TEST_MODULE printer_tests
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/text.h"
#include "searcher/printer.h"
#include "searcher/text_layout.h"
#include "test_support.h"

namespace {

// Texts with two-byte (ü), three-byte (—, “, 习) and four-byte (𝔘) characters
// and wide (CJK) ones.
const std::vector<std::string> kTexts = {
    "Talks in Zürich — the delegation met 习近平 and 王毅 in Beijing; “very well” — said Zürich’s mayor",
    "中华人民共和国外交部发言人表示会谈取得进展并将继续保持沟通",
    "Ünïcödé 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 words — and a verylongwordwithoutanyspacesatallthatmustbebroken here",
    "plain ascii text of some length for wrapping at many widths",
};

bool valid_utf8(const std::string& s) { return !news::find_invalid_utf8(s); }

std::string collapse_spaces(const std::string& s) {
    std::string out;
    for (const char c : s)
        if (c != ' ' || (!out.empty() && out.back() != ' ')) out += c;
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

news::Hit make_hit(int rank, const std::string& title, const std::string& body) {
    news::Hit hit;
    hit.rank = rank;
    hit.article.id = "feed-" + std::to_string(rank);
    hit.article.title = title;
    hit.article.body = body;
    hit.article.source = "Wire\tService";
    hit.article.url = "https://example.com/" + std::string(120, 'x') + "/end";
    hit.article.date = news::parse_date("2023-06-19");
    hit.score = 1.5;
    hit.story = "0123456789abcdef";
    hit.versions = 3;
    hit.matching_versions = 2;
    hit.title.text = title;
    hit.snippet.text = body;
    hit.snippet.spans = {{0, 4}};
    return hit;
}

news::SearchResult make_result() {
    news::SearchResult result;
    result.query = "talks";
    result.total = 2;
    result.total_exact = true;
    result.hits.push_back(make_hit(1, "A title with a\ttab and a\nnewline", "Talks went well"));
    result.hits.push_back(make_hit(2, std::string(30, 'T') + " Zürich — " + std::string(80, 'W'),
                                   kTexts[0] + " " + kTexts[1] + " " + kTexts[0]));
    return result;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(text_layout)

BOOST_AUTO_TEST_CASE(display_width_counts_columns) {
    BOOST_TEST(news::display_width("abc") == 3u);
    BOOST_TEST(news::display_width("Zürich") == 6u);
    BOOST_TEST(news::display_width("—") == 1u);
    BOOST_TEST(news::display_width("习近平") == 6u);
    BOOST_TEST(news::display_width("e\xcc\x81") == 1u);  // e + combining acute
    BOOST_TEST(news::display_width("") == 0u);
}

BOOST_AUTO_TEST_CASE(wrapped_lines_fit_keep_every_word_and_every_character_whole) {
    for (const auto& text : kTexts) {
        for (size_t width = 1; width <= 100; ++width) {
            const auto lines = news::wrap_lines(text, width);
            std::string joined;
            for (const auto& [b, e] : lines) {
                const std::string line = text.substr(b, e - b);
                BOOST_TEST_REQUIRE(valid_utf8(line), "width " << width << ": " << line);
                // A line is wider only if it is a single wide character.
                BOOST_TEST((news::display_width(line) <= width || (width == 1 && news::display_width(line) == 2)),
                           "width " << width << ": " << line);
                BOOST_TEST(!line.empty());
                BOOST_TEST(line.front() != ' ');
                BOOST_TEST(line.back() != ' ');
                joined += line;
                // Where a line ended at a space, the space is left out.
                if (e < text.size() && text[e] == ' ') joined += ' ';
            }
            BOOST_TEST(collapse_spaces(joined) == collapse_spaces(text), "width " << width);
        }
    }
    BOOST_TEST(news::wrap_lines("", 10).empty());
    BOOST_TEST(news::wrap_lines("   ", 10).empty());
    const auto two = news::wrap_lines("aaa bbb", 5);
    BOOST_TEST_REQUIRE(two.size() == 2u);
    BOOST_TEST((two[0] == std::pair<size_t, size_t>{0, 3}));
    BOOST_TEST((two[1] == std::pair<size_t, size_t>{4, 7}));
}

BOOST_AUTO_TEST_CASE(truncation_fits_and_never_splits_a_character) {
    for (const auto& text : kTexts) {
        for (size_t width = 0; width <= news::display_width(text) + 2; ++width) {
            for (const std::string& cut : {news::truncate_end(text, width), news::truncate_middle(text, width)}) {
                BOOST_TEST_REQUIRE(valid_utf8(cut), "width " << width << ": " << cut);
                BOOST_TEST(news::display_width(cut) <= width, "width " << width << ": " << cut);
                if (news::display_width(text) <= width) BOOST_TEST(cut == text);
                else if (width > 0) BOOST_TEST(cut.find("…") != std::string::npos, cut);
            }
            const std::string end = news::truncate_end(text, width);
            if (end != text && end.size() >= 3)
                BOOST_TEST(text.compare(0, end.size() - 3, end, 0, end.size() - 3) == 0, end);
        }
    }
    // A word boundary near the limit is preferred to a cut word.
    BOOST_TEST(news::truncate_end("Blinken meets Wang Yi in Beijing", 20) == "Blinken meets Wang…");
    const std::string url = "https://example.com/" + std::string(100, 'a') + "/story-1";
    const std::string middle = news::truncate_middle(url, 40);
    BOOST_TEST(middle.rfind("https://example.com/", 0) == 0u, middle);
    BOOST_TEST(middle.substr(middle.size() - 8) == "/story-1", middle);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(printers)

BOOST_AUTO_TEST_CASE(tsv_escape_keeps_one_record_per_line) {
    BOOST_TEST(news::tsv_escape("a\tb\nc\\d\re") == "a\\tb\\nc\\\\d\\re");
    BOOST_TEST(news::tsv_escape("Zürich — 习近平") == "Zürich — 习近平");
    BOOST_TEST(news::tsv_escape("") == "");
}

BOOST_AUTO_TEST_CASE(tsv_rows_have_nine_fields_whatever_the_titles_hold) {
    std::ostringstream out;
    news::make_tsv_printer(out)->results(news::SearchRequest{}, make_result());
    const auto lines = test::lines_of(out.str());
    BOOST_TEST_REQUIRE(lines.size() == 3u, out.str());
    for (const auto& line : lines) BOOST_TEST(test::count_of(line, "\t") == 8u, line);
    BOOST_TEST(lines[1] == "1\t1.5000\tfeed-1\t2023-06-19\tWire\\tService\t3\t0123456789abcdef\t"
                           "A title with a\\ttab and a\\nnewline\thttps://example.com/" + std::string(120, 'x') + "/end");
}

BOOST_AUTO_TEST_CASE(jsonl_lines_are_json_objects) {
    std::ostringstream out;
    news::make_jsonl_printer(out)->results(news::SearchRequest{}, make_result());
    const auto lines = test::lines_of(out.str());
    BOOST_TEST_REQUIRE(lines.size() == 3u);
    BOOST_TEST(nlohmann::json::parse(lines[0]).at("type") == "hit");
    BOOST_TEST(nlohmann::json::parse(lines[0]).at("title") == "A title with a\ttab and a\nnewline");
    const auto summary = nlohmann::json::parse(lines[2]);
    BOOST_TEST(summary.at("type") == "summary");
    BOOST_TEST(summary.at("total").at("count").get<int>() == 2);
    BOOST_TEST(summary.at("total").at("exact").get<bool>());
    BOOST_TEST(summary.count("facets") == 0u);  // not asked for
}

BOOST_AUTO_TEST_CASE(text_fits_the_width_and_marks_estimates) {
    for (const size_t width : {40u, 60u, 80u, 132u}) {
        for (const bool color : {false, true}) {
            std::ostringstream out;
            auto result = make_result();
            news::make_text_printer(out, color, width)->results(news::SearchRequest{}, result);
            for (const auto& line : test::lines_of(out.str())) {
                std::string plain;
                for (size_t i = 0; i < line.size(); ++i) {
                    if (line[i] == '\033') {
                        while (i < line.size() && line[i] != 'm') ++i;
                    } else {
                        plain += line[i];
                    }
                }
                BOOST_TEST(valid_utf8(plain), plain);
                BOOST_TEST(news::display_width(plain) <= width, "width " << width << ": " << plain);
            }
            BOOST_TEST(out.str().rfind("Results 1-2 of 2 stories for \"talks\"", 0) == 0u, out.str());
            BOOST_TEST(out.str().find("[+2 versions]") != std::string::npos);
        }
    }
    std::ostringstream estimated;
    auto result = make_result();
    result.total = 40;
    result.total_exact = false;
    news::make_text_printer(estimated, false, 80)->results(news::SearchRequest{}, result);
    BOOST_TEST(estimated.str().rfind("Results 1-2 of about 40 stories", 0) == 0u, estimated.str());
}

BOOST_AUTO_TEST_CASE(make_printer_knows_every_format_name) {
    std::ostringstream out;
    for (const auto& name : news::format_names()) BOOST_TEST(static_cast<bool>(news::make_printer(name, out, false, 80)), name);
    BOOST_CHECK_THROW(news::make_printer("xml", out, false, 80), std::exception);
}

BOOST_AUTO_TEST_SUITE_END()
