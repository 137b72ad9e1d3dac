// indexer/file_source: whole files and lines, plain or gzip-compressed, and
// the limits that keep one bad input from exhausting memory.
#define BOOST_TEST_MODULE file_source_tests
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "common/error.h"
#include "indexer/file_source.h"
#include "test_support.h"

using news::LineReader;

namespace {

// The reason read_whole_file refuses `path` (empty if it was read).
std::string whole_file_error(const std::string& path, size_t max_bytes = news::kMaxArticleFileBytes) {
    try {
        news::read_whole_file(path, max_bytes);
    } catch (const news::InputError& e) {
        BOOST_TEST(e.path() == path);
        return e.reason();
    }
    return {};
}

struct Line {
    LineReader::Result result;
    std::string text;
    long number;
    bool operator==(const Line& o) const { return result == o.result && text == o.text && number == o.number; }
};
std::ostream& operator<<(std::ostream& out, const Line& l) {
    return out << "{" << static_cast<int>(l.result) << ", \"" << l.text.substr(0, 40) << "\", " << l.number << "}";
}

std::vector<Line> all_lines(const std::string& path, size_t max_line_bytes = news::kMaxLineBytes) {
    LineReader reader(path, max_line_bytes);
    std::vector<Line> out;
    std::string line;
    for (LineReader::Result r; (r = reader.next(line)) != LineReader::Result::kEnd;)
        out.push_back({r, line, reader.line_number()});
    return out;
}

const auto kLine = LineReader::Result::kLine;
const auto kTooLong = LineReader::Result::kTooLong;

}  // namespace

BOOST_AUTO_TEST_SUITE(file_source_tests)

BOOST_AUTO_TEST_CASE(gz_suffix_is_not_the_type) {
    BOOST_TEST(news::without_gz_suffix("a/b.html.gz") == "a/b.html");
    BOOST_TEST(news::without_gz_suffix("a/b.jsonl") == "a/b.jsonl");
    BOOST_TEST(news::without_gz_suffix(".gz") == ".gz");
    BOOST_TEST(news::describe_size(16u << 20) == "16 MB");
    BOOST_TEST(news::describe_size(1000) == "1000 bytes");
}

BOOST_AUTO_TEST_CASE(plain_and_compressed_files_read_the_same) {
    test::TempDir dir;
    std::string content = "first line\nsecond line\n";
    for (int i = 0; i < 20000; ++i) content += "line " + std::to_string(i) + " of a file bigger than one buffer\n";
    test::write_file(dir / "a.txt", content);
    test::write_gzip(dir / "a.txt.gz", content);
    BOOST_TEST(news::read_whole_file(dir / "a.txt") == content);
    BOOST_TEST(news::read_whole_file(dir / "a.txt.gz") == content);
    test::write_file(dir / "empty.txt", "");
    BOOST_TEST(news::read_whole_file(dir / "empty.txt").empty());
}

BOOST_AUTO_TEST_CASE(truncated_gzip_is_an_error_for_whole_files_and_lines) {
    test::TempDir dir;
    std::string content;
    for (int i = 0; i < 5000; ++i) content += "{\"id\":\"" + std::to_string(i) + "\",\"title\":\"t\"}\n";
    test::write_gzip(dir / "full.gz", content);
    const std::string gz = test::read_file(dir / "full.gz");
    const std::string cut = dir / "cut.html.gz";
    test::write_file(cut, gz.substr(0, gz.size() / 2));
    BOOST_TEST(whole_file_error(cut) == "truncated or corrupt gzip data");
    try {
        all_lines(cut);
        BOOST_ERROR("a truncated file was read to the end");
    } catch (const news::InputError& e) {
        BOOST_TEST(e.reason() == "truncated or corrupt gzip data");
        BOOST_TEST(e.path() == cut);
    }
}

BOOST_AUTO_TEST_CASE(unreadable_and_oversized_files) {
    test::TempDir dir;
    BOOST_TEST(whole_file_error(dir / "missing.txt") == "cannot read: No such file or directory");
    test::write_file(dir / "big.txt", std::string(5000, 'x'));
    BOOST_TEST(whole_file_error(dir / "big.txt", 4096) == "larger than 4096 bytes, not an article file; skipped");
    BOOST_TEST(whole_file_error(dir / "big.txt", 5000).empty());
    // A directory opens but cannot be read.
    BOOST_TEST(whole_file_error(dir.path()).rfind("read error", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(lines_with_crlf_blank_lines_and_no_final_newline) {
    test::TempDir dir;
    test::write_file(dir / "a.jsonl", "one\r\n\ntwo\nthree");
    const std::vector<Line> expected{{kLine, "one", 1}, {kLine, "", 2}, {kLine, "two", 3}, {kLine, "three", 4}};
    BOOST_TEST(all_lines(dir / "a.jsonl") == expected, boost::test_tools::per_element());
    test::write_gzip(dir / "a.jsonl.gz", "one\r\n\ntwo\nthree");
    BOOST_TEST(all_lines(dir / "a.jsonl.gz") == expected, boost::test_tools::per_element());
    test::write_file(dir / "empty.jsonl", "");
    BOOST_TEST(all_lines(dir / "empty.jsonl").empty());
}

BOOST_AUTO_TEST_CASE(too_long_lines_are_skipped_and_numbered) {
    test::TempDir dir;
    // Longer than the limit and than the reader's buffer, so the line
    // streams past in pieces; a line of exactly the limit is kept.
    const size_t limit = 200000;
    const std::string content = "short\n" + std::string(3 * limit, 'x') + "\n" + std::string(limit, 'y') + "\n" +
                                std::string(limit + 1, 'z') + "\nlast";
    test::write_file(dir / "long.jsonl", content);
    const auto lines = all_lines(dir / "long.jsonl", limit);
    const std::vector<Line> expected{
        {kLine, "short", 1}, {kTooLong, "", 2}, {kLine, std::string(limit, 'y'), 3}, {kTooLong, "", 4}, {kLine, "last", 5}};
    BOOST_TEST(lines == expected, boost::test_tools::per_element());
    // At the end of the file, too.
    test::write_gzip(dir / "tail.jsonl.gz", "a\n" + std::string(limit + 10, 'x'));
    const std::vector<Line> tail{{kLine, "a", 1}, {kTooLong, "", 2}};
    BOOST_TEST(all_lines(dir / "tail.jsonl.gz", limit) == tail, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
