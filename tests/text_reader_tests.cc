#define BOOST_TEST_MODULE text_reader_tests
#include <boost/test/unit_test.hpp>

#include <string>

#include "common/error.h"
#include "indexer/text_reader.h"
#include "test_support.h"

using news::parse_text_article;

namespace {

news::Article parse_seed(int n) {
    const std::string path = test::seed_path(n);
    return parse_text_article(path, test::read_file(path));
}

// Runs parse_text_article, expecting news::Error(kInput); returns its message.
std::string parse_error(const std::string& path, const std::string& content) {
    try {
        parse_text_article(path, content);
    } catch (const news::Error& e) {
        BOOST_TEST((e.kind() == news::ErrorKind::kInput));
        return e.what();
    }
    BOOST_ERROR("parse_text_article accepted bad content for " << path);
    return {};
}

// "PATH:LINE:" somewhere in the message.
bool names_path_and_line(const std::string& message, const std::string& path) {
    const auto at = message.find(path + ":");
    if (at == std::string::npos) return false;
    // ":<digits>:" right after the path.
    const std::string rest = message.substr(at + path.size());
    if (rest.size() < 3 || rest[0] != ':') return false;
    const auto digits_end = rest.find_first_not_of("0123456789", 1);
    return digits_end != std::string::npos && digits_end > 1 && rest[digits_end] == ':';
}

}  // namespace

BOOST_AUTO_TEST_SUITE(text_reader_tests)

BOOST_AUTO_TEST_CASE(title_skips_top_story_furniture) {
    const auto a = parse_seed(1);
    BOOST_TEST(a.title == "Blinken takes ‘baby steps’ to revive US-China relations");
    BOOST_TEST(a.body.find("Top Story") == std::string::npos);
    BOOST_TEST(a.body.find("Source link") == std::string::npos);
    BOOST_TEST(a.body.substr(0, 34) == "The top US diplomat held talks wit");
    BOOST_TEST(a.path == test::seed_path(1));
    BOOST_TEST(a.line == 0);
}

BOOST_AUTO_TEST_CASE(read_lines_dropped_from_body) {
    const auto a = parse_seed(4);
    BOOST_TEST(a.body.find("READ:") == std::string::npos);
    BOOST_TEST(a.body.find("Krishnamoorthi") == std::string::npos);
    BOOST_TEST(a.body.find("Prince Harry") == std::string::npos);
    BOOST_TEST(a.body.find("Top Story") == std::string::npos);
    BOOST_TEST(a.body.find("Translate This News In") == std::string::npos);
    // The text around the dropped lines stays.
    BOOST_TEST(a.body.find("But diplomats believe a meeting with Xi is likely.") != std::string::npos);
    BOOST_TEST(a.body.find("Blinken began the day by seeing Wang Yi") != std::string::npos);
    BOOST_TEST(a.title == "Blinken talks with China's foreign minister in");
}

BOOST_AUTO_TEST_CASE(date_marker_gives_the_date) {
    const auto a = parse_seed(3);
    BOOST_TEST_REQUIRE(a.date.has_value());
    BOOST_TEST(a.date->iso() == "2023-06-19");
    BOOST_TEST(a.date_text == "2023-06-19");
    // The marker is not part of the title.
    BOOST_TEST(a.title.find("date") == std::string::npos);
    BOOST_TEST(a.title.substr(0, 20) == "Top US diplomat hold");
}

BOOST_AUTO_TEST_CASE(undated_seeds_have_no_date) {
    for (int n : {0, 1, 2, 4}) {
        const auto a = parse_seed(n);
        BOOST_TEST(!a.date.has_value(), "seed " << n);
        BOOST_TEST(a.date_text.empty());
        BOOST_TEST(!a.title.empty());
        BOOST_TEST(a.body.size() > 1000u);
    }
}

BOOST_AUTO_TEST_CASE(leading_blank_lines_are_skipped) {
    const auto a = parse_seed(0);
    BOOST_TEST(a.title.substr(0, 35) == "The top US diplomat is talking to W");
    BOOST_TEST(a.body.substr(0, 30) == "US Secretary of State Antony B");
}

BOOST_AUTO_TEST_CASE(crlf_and_long_first_line) {
    const auto crlf = parse_text_article("x.txt", "Title here\r\n\r\nFirst paragraph.\r\nSecond.\r\n");
    BOOST_TEST(crlf.title == "Title here");
    BOOST_TEST(crlf.body == "First paragraph.\nSecond.");

    const std::string lead(60, 'w');
    std::string long_line;
    for (int i = 0; i < 10; ++i) long_line += lead.substr(0, 20) + " ";
    const auto cut = parse_text_article("y.txt", long_line + "\nMore.\n");
    BOOST_TEST(cut.title.size() <= 160u + 3);
    BOOST_TEST(cut.title.substr(cut.title.size() - 3) == "…");
    BOOST_TEST(cut.body.substr(0, 20) == long_line.substr(0, 20));  // the long line is the lead
}

BOOST_AUTO_TEST_CASE(empty_file_is_an_error_naming_path_and_line) {
    const std::string path = "/some/dir/empty.txt";
    for (const std::string content : {"", "\n\n   \n", "Top Story\n\nREAD: elsewhere\n"}) {
        const std::string msg = parse_error(path, content);
        BOOST_TEST(msg.find(path) != std::string::npos, msg);
        BOOST_TEST(names_path_and_line(msg, path), "no line number in: " << msg);
    }
}

BOOST_AUTO_TEST_CASE(binary_file_is_an_error_naming_path_and_line) {
    const std::string path = "/some/dir/junk.txt";
    static const char junk[] = "Title\nline two\n\x7f" "ELF\0\0\x01\x02\x03";
    const std::string msg = parse_error(path, std::string(junk, sizeof junk - 1));
    BOOST_TEST(msg.find(path) != std::string::npos, msg);
    BOOST_TEST(msg.find("binary") != std::string::npos, msg);
    BOOST_TEST(names_path_and_line(msg, path), "no line number in: " << msg);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_an_error_naming_path_and_line) {
    const std::string path = "/some/dir/latin1.txt";
    const std::string msg = parse_error(path, "Title\n\nCaf\xe9 au lait\n");
    BOOST_TEST(msg.find(path + ":3:") != std::string::npos, msg);
    BOOST_TEST(msg.find("UTF-8") != std::string::npos, msg);
    const std::string overlong = parse_error(path, "T\n\xc0\xaf\n");
    BOOST_TEST(overlong.find(path + ":2:") != std::string::npos, overlong);
}

BOOST_AUTO_TEST_CASE(read_text_article_uses_the_canonical_path_as_id) {
    test::TempDir dir;
    const std::string path = dir / "a.txt";
    test::write_file(path, "A title\n\nA body.\n");
    const auto a = news::read_text_article(dir.path() + "/./a.txt");
    BOOST_TEST(a.id == std::filesystem::canonical(path).string());
    BOOST_TEST(a.title == "A title");
    BOOST_TEST(a.body == "A body.");

    try {
        news::read_text_article(dir / "missing.txt");
        BOOST_ERROR("a missing file was read");
    } catch (const news::Error& e) {
        BOOST_TEST((e.kind() == news::ErrorKind::kInput));
        BOOST_TEST(std::string(e.what()).find(dir / "missing.txt") != std::string::npos);
    }
}

BOOST_AUTO_TEST_SUITE_END()
