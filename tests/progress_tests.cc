// Units of the build progress display: the line's format, the walk that
// counts the inputs, and what the display writes (redraws, erasing).
#define BOOST_TEST_MODULE progress_tests
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdio>
#include <thread>

#include "indexer/progress.h"
#include "test_support.h"

BOOST_AUTO_TEST_SUITE(format)

BOOST_AUTO_TEST_CASE(files_articles_rate_and_eta) {
    news::ProgressSnapshot s;
    s.files_done = 3;
    s.files_total = 10;
    s.articles = 12345;
    s.bytes_done = 250;
    s.bytes_total = 1000;
    s.seconds = 10;
    // 1,234.5 articles/s; a quarter of the bytes in 10 s leaves 30 s.
    BOOST_TEST(news::format_progress(s) == "files 3/10  articles 12,345  1,234/s  ETA 0:30");
}

BOOST_AUTO_TEST_CASE(no_eta_before_anything_was_read_or_when_done) {
    news::ProgressSnapshot s;
    s.files_total = 1;
    BOOST_TEST(news::format_progress(s) == "files 0/1  articles 0");
    s.seconds = 2;
    s.articles = 10;
    s.bytes_total = 100;
    BOOST_TEST(news::format_progress(s) == "files 0/1  articles 10  5/s");
    s.bytes_done = 100;
    BOOST_TEST(news::format_progress(s) == "files 0/1  articles 10  5/s");
}

BOOST_AUTO_TEST_CASE(eta_past_an_hour_shows_hours) {
    news::ProgressSnapshot s;
    s.files_total = 2000000;
    s.files_done = 1000;
    s.articles = 1000000;
    s.bytes_done = 1;
    s.bytes_total = 4;
    s.seconds = 1300;  // three times as long again: 3900 s
    BOOST_TEST(news::format_progress(s) == "files 1,000/2,000,000  articles 1,000,000  769/s  ETA 1:05:00");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(walk)

BOOST_AUTO_TEST_CASE(counts_supported_files_as_the_build_reads_them) {
    test::TempDir dir;
    std::filesystem::create_directories(dir / "in/sub");
    std::filesystem::create_directories(dir / "in/.hidden");
    test::write_file(dir / "in/a.txt", "12345");
    test::write_file(dir / "in/sub/b.jsonl", "1234567890");
    test::write_file(dir / "in/.hidden/c.txt", "skipped");
    test::write_file(dir / "in/.d.txt", "skipped");
    test::write_file(dir / "in/notes.md", "unsupported");
    test::write_file(dir / "e.txt", "123");
    const auto totals = news::count_inputs({dir / "in", dir / "e.txt", dir / "missing.txt", dir / "e.txt"});
    BOOST_TEST(totals.files == 3u);  // a file named twice counts once
    BOOST_TEST(totals.bytes == 18u);
    BOOST_TEST(totals.size_of.count(dir / "in/sub/b.jsonl") == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(display)

// What the display wrote to a memory stream.
struct Captured {
    char* data = nullptr;
    size_t size = 0;
    std::FILE* out = open_memstream(&data, &size);
    ~Captured() {
        if (out) std::fclose(out);
        std::free(data);
    }
    std::string text() {
        std::fflush(out);
        return std::string(data, size);
    }
};

BOOST_AUTO_TEST_CASE(redraws_in_place_at_most_a_few_times_a_second_and_erases) {
    Captured c;
    BOOST_TEST_REQUIRE(c.out != nullptr);
    news::InputTotals totals;
    totals.files = 2;
    totals.bytes = 1000;
    totals.size_of = {{"a.jsonl", 500}, {"b.jsonl", 500}};
    news::ProgressDisplay display(c.out, totals);
    news::Article a;
    a.path = "a.jsonl";
    a.body = "text";
    for (int i = 0; i < 1000; ++i) display.article(a);  // well within the first fifth of a second
    std::this_thread::sleep_for(std::chrono::milliseconds(1000 / news::kRedrawsPerSecond + 20));
    a.path = "b.jsonl";
    display.article(a);
    const std::string drawn = c.text();
    // Redrawn (once, or twice on a stalled machine): a carriage return, the
    // line, erase to the end of the line; not once per article.
    BOOST_TEST(test::count_of(drawn, "\r") >= 1u, drawn);
    BOOST_TEST(test::count_of(drawn, "\r") <= 2u, drawn);
    BOOST_TEST(drawn.find("files 1/2  articles 1,001  ") != std::string::npos, drawn);
    BOOST_TEST(drawn.find("\033[K") != std::string::npos);
    BOOST_TEST(drawn.find('\n') == std::string::npos);  // never a new line
    display.problem("b.jsonl");  // erased before a problem line is printed
    BOOST_TEST(c.text().substr(drawn.size()) == "\r\033[K");
    display.grouping(1001);
    BOOST_TEST(c.text().find("finding duplicates among 1,001 articles") != std::string::npos);
    const size_t before_finish = c.text().size();
    display.finish();
    BOOST_TEST(c.text().substr(before_finish) == "\r\033[K");
    display.finish();  // nothing more to erase
    BOOST_TEST(c.text().size() == before_finish + 4);
}

BOOST_AUTO_TEST_SUITE_END()
