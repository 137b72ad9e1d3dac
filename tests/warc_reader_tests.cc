// indexer/warc_reader: web archives (.warc, .warc.gz) written by the tests:
// which records become articles, with which id and date, what is skipped
// and counted, and how truncated or malformed records are reported.
#define BOOST_TEST_MODULE warc_reader_tests
#include <zlib.h>

#include <boost/test/unit_test.hpp>
#include <map>
#include <string>
#include <vector>

#include "common/error.h"
#include "indexer/file_source.h"
#include "indexer/warc_reader.h"
#include "test_support.h"
#include "warc_support.h"

namespace {

struct WarcRead {
    std::vector<news::Article> articles;
    std::vector<news::InputProblem> problems;
    std::map<std::string, int> skipped;

    explicit WarcRead(const std::string& path) {
        news::read_warc_file(
            path, [this](news::Article&& a) { articles.push_back(std::move(a)); },
            [this](const news::InputProblem& p) { problems.push_back(p); },
            [this](const std::string& reason) { ++skipped[reason]; });
    }
    std::string describe() const {
        std::string out;
        for (const auto& p : problems) out += "\n  " + p.describe();
        return out;
    }
};

const std::string kFetched = "2023-06-19T08:30:00Z";

// A crawl as crawlers write it: warcinfo, then request/response pairs, a
// metadata record, a redirect and an image among them.
std::vector<std::string> crawl_records() {
    using test::warc_record;
    return {
        warc_record("warcinfo", "", kFetched, "application/warc-fields", "software: test\r\n"),
        warc_record("request", "https://news.example/talks", kFetched, "application/http; msgtype=request",
                    "GET /talks HTTP/1.1\r\nHost: news.example\r\n\r\n"),
        test::warc_page("https://news.example/talks", kFetched,
                        test::news_page("Blinken opens talks in Beijing",
                                        "The secretary of state met his counterpart for seven hours.")),
        warc_record("metadata", "https://news.example/talks", kFetched, "application/warc-fields",
                    "fetchTimeMs: 120\r\n"),
        warc_record("response", "https://news.example/old", kFetched, "application/http; msgtype=response",
                    test::http_response("301 Moved Permanently", "text/html", "<a href=/talks>moved</a>",
                                        "Location: https://news.example/talks\r\n")),
        warc_record("response", "https://news.example/logo.png", kFetched, "application/http; msgtype=response",
                    test::http_response("200 OK", "image/png", std::string("\x89PNG\r\n\x1a\n", 8))),
    };
}

std::string concatenated(const std::vector<std::string>& records) {
    std::string all;
    for (const auto& r : records) all += r;
    return all;
}

}  // namespace

BOOST_AUTO_TEST_CASE(html_responses_are_articles_and_other_records_are_skipped_and_counted) {
    test::TempDir dir;
    test::write_file(dir / "crawl.warc", concatenated(crawl_records()));
    const WarcRead read(dir / "crawl.warc");
    BOOST_TEST(read.problems.empty(), read.describe());
    BOOST_TEST_REQUIRE(read.articles.size() == 1u);
    const auto& a = read.articles[0];
    BOOST_TEST(a.title == "Blinken opens talks in Beijing");
    BOOST_TEST(a.body.find("seven hours") != std::string::npos, a.body);
    // No canonical URL or date in the page: the record's own.
    BOOST_TEST(a.id == "https://news.example/talks");
    BOOST_TEST(a.url == "https://news.example/talks");
    BOOST_TEST_REQUIRE(a.date.has_value());
    BOOST_TEST(a.date->iso() == "2023-06-19");
    BOOST_TEST((read.skipped ==
                std::map<std::string, int>{
                    {"warcinfo", 1}, {"request", 1}, {"metadata", 1}, {"HTTP status 301", 1}, {"not HTML", 1}}));
}

BOOST_AUTO_TEST_CASE(warc_gz_with_one_gzip_member_per_record_reads_like_the_plain_file) {
    test::TempDir dir;
    const auto records = crawl_records();
    test::write_warc_gz(dir / "crawl.warc.gz", records);
    // FileSource reads every member, not just the first.
    BOOST_TEST(news::read_whole_file(dir / "crawl.warc.gz") == concatenated(records));
    const WarcRead read(dir / "crawl.warc.gz");
    BOOST_TEST(read.problems.empty(), read.describe());
    BOOST_TEST_REQUIRE(read.articles.size() == 1u);
    BOOST_TEST(read.articles[0].id == "https://news.example/talks");
    BOOST_TEST(read.skipped.size() == 5u);
}

BOOST_AUTO_TEST_CASE(the_pages_canonical_url_and_date_win_over_the_records) {
    test::TempDir dir;
    const std::string head =
        "<link rel=canonical href=\"https://news.example/2023/06/talks\">"
        "<meta property=\"article:published_time\" content=\"2023-06-18T22:00:00Z\">";
    test::write_file(dir / "a.warc", test::warc_page("https://news.example/talks?utm=feed", kFetched,
                                                     test::news_page("Talks", "Long talks in Beijing.", head)));
    const WarcRead read(dir / "a.warc");
    BOOST_TEST_REQUIRE(read.articles.size() == 1u, read.describe());
    BOOST_TEST(read.articles[0].id == "https://news.example/2023/06/talks");
    BOOST_TEST_REQUIRE(read.articles[0].date.has_value());
    BOOST_TEST(read.articles[0].date->iso() == "2023-06-18");
}

BOOST_AUTO_TEST_CASE(chunked_and_gzip_encoded_bodies_are_decoded) {
    test::TempDir dir;
    const std::string html = test::news_page("Encoded page", "Its body was chunked and compressed.");
    // gzip the page as a server would.
    test::write_gzip(dir / "page.gz", html);
    const std::string gz = test::read_file(dir / "page.gz");
    std::string chunked;
    for (size_t pos = 0; pos < gz.size(); pos += 10) {
        const std::string piece = gz.substr(pos, 10);
        char size[16];
        std::snprintf(size, sizeof size, "%zx", piece.size());
        chunked += std::string(size) + "\r\n" + piece + "\r\n";
    }
    chunked += "0\r\n\r\n";
    const std::string block =
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
        "Transfer-Encoding: chunked\r\n\r\n" +
        chunked;
    test::write_file(dir / "a.warc", test::warc_record("response", "https://news.example/encoded", kFetched,
                                                       "application/http; msgtype=response", block));
    const WarcRead read(dir / "a.warc");
    BOOST_TEST_REQUIRE(read.articles.size() == 1u, read.describe());
    BOOST_TEST(read.articles[0].title == "Encoded page");
}

BOOST_AUTO_TEST_CASE(a_truncated_record_is_named_by_number_and_offset_after_the_records_before_it) {
    test::TempDir dir;
    const std::string first =
        test::warc_page("https://news.example/one", kFetched, test::news_page("First story", "Read whole."));
    const std::string second =
        test::warc_page("https://news.example/two", kFetched, test::news_page("Second story", "Cut short by a crash."));
    test::write_file(dir / "cut.warc", first + second.substr(0, second.size() / 2));
    const WarcRead read(dir / "cut.warc");
    BOOST_TEST_REQUIRE(read.articles.size() == 1u, read.describe());
    BOOST_TEST(read.articles[0].title == "First story");
    BOOST_TEST_REQUIRE(read.problems.size() == 1u, read.describe());
    BOOST_TEST(read.problems[0].path == dir / "cut.warc");
    BOOST_TEST(
        read.problems[0].message.rfind("record 2 (byte " + std::to_string(first.size()) + "): truncated", 0) == 0u,
        read.problems[0].message);
}

BOOST_AUTO_TEST_CASE(a_truncated_gzip_member_is_reported_not_crashed_on) {
    test::TempDir dir;
    test::write_warc_gz(dir / "cut.warc.gz", crawl_records());
    const std::string gz = test::read_file(dir / "cut.warc.gz");
    test::write_file(dir / "cut.warc.gz", gz.substr(0, gz.size() - 20));
    std::vector<news::Article> articles;
    std::vector<std::string> problems;
    try {
        const WarcRead read(dir / "cut.warc.gz");
        for (const auto& p : read.problems) problems.push_back(p.describe());
    } catch (const news::InputError& e) {
        problems.push_back(e.what());
    }
    BOOST_TEST_REQUIRE(problems.size() == 1u);
    BOOST_TEST(problems[0].find(dir / "cut.warc.gz") == 0u, problems[0]);
}

BOOST_AUTO_TEST_CASE(a_page_the_html_reader_rejects_is_named_and_the_next_record_read) {
    test::TempDir dir;
    test::write_file(
        dir / "a.warc",
        test::warc_page("https://news.example/empty", kFetched, "<html><body></body></html>") +
            test::warc_page("https://news.example/good", kFetched, test::news_page("Good story", "Still read.")));
    const WarcRead read(dir / "a.warc");
    BOOST_TEST_REQUIRE(read.articles.size() == 1u, read.describe());
    BOOST_TEST(read.articles[0].title == "Good story");
    BOOST_TEST_REQUIRE(read.problems.size() == 1u);
    BOOST_TEST(read.problems[0].message.rfind("record 1 (byte 0): https://news.example/empty: ", 0) == 0u,
               read.problems[0].message);
}

BOOST_AUTO_TEST_CASE(a_file_that_is_not_a_web_archive_is_one_problem) {
    test::TempDir dir;
    test::write_file(dir / "notes.warc", "these are my notes\nnot an archive\n");
    const WarcRead read(dir / "notes.warc");
    BOOST_TEST(read.articles.empty());
    BOOST_TEST_REQUIRE(read.problems.size() == 1u);
    BOOST_TEST(read.problems[0].message.rfind("record 1 (byte 0): not a WARC record", 0) == 0u,
               read.problems[0].message);
}

BOOST_AUTO_TEST_CASE(a_missing_content_length_is_malformed) {
    test::TempDir dir;
    test::write_file(dir / "a.warc", "WARC/1.0\r\nWARC-Type: response\r\n\r\nHTTP/1.1 200 OK\r\n\r\n");
    const WarcRead read(dir / "a.warc");
    BOOST_TEST_REQUIRE(read.problems.size() == 1u);
    BOOST_TEST(read.problems[0].message.find("Content-Length") != std::string::npos, read.problems[0].message);
}
