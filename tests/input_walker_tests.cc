// indexer/input_walker: which files are read and by which reader, and how a
// walk goes on past directories and files it cannot read.
#define BOOST_TEST_MODULE input_walker_tests
#include <boost/test/unit_test.hpp>
#include <sys/stat.h>

#include <map>
#include <string>
#include <vector>

#include "indexer/input_walker.h"
#include "test_support.h"

namespace fs = std::filesystem;

namespace {

struct Walk {
    std::vector<news::Article> articles;
    std::vector<news::InputProblem> problems;
    std::function<void(const news::Article&)> after_article;  // to change the tree mid-walk

    void read(const std::vector<std::string>& paths, const news::InputOptions& options = {}) {
        news::read_inputs(
            paths,
            [this](news::Article&& a) {
                articles.push_back(std::move(a));
                if (after_article) after_article(articles.back());
            },
            [this](const news::InputProblem& p) { problems.push_back(p); }, options);
    }
    std::vector<std::string> titles() const {
        std::vector<std::string> out;
        for (const auto& a : articles) out.push_back(a.title);
        return out;
    }
    std::string describe_problems() const {
        std::string out;
        for (const auto& p : problems) out += "\n  " + p.describe();
        return out;
    }
};

std::string text_article(const std::string& title) { return title + "\n\nBody of " + title + ".\n"; }
std::string html_article(const std::string& title) {
    return "<title>" + title + "</title><article><p>Body of " + title + ".</p></article>";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(input_walker_tests)

BOOST_AUTO_TEST_CASE(every_format_plain_or_compressed) {
    test::TempDir dir;
    const std::string in = dir / "in";
    fs::create_directories(in + "/sub");
    fs::create_directories(in + "/.hidden");
    test::write_file(in + "/a.txt", text_article("A text"));
    test::write_gzip(in + "/b.txt.gz", text_article("B text gz"));
    test::write_file(in + "/c.html", html_article("C html"));
    test::write_gzip(in + "/d.htm.gz", html_article("D htm gz"));
    test::write_file(in + "/sub/e.jsonl", R"({"id":"e","title":"E jsonl"})" "\n");
    test::write_gzip(in + "/sub/f.jsonl.gz", R"({"id":"f","title":"F jsonl gz"})" "\n");
    test::write_file(in + "/sub/G.HTML", html_article("G upper-case name"));
    test::write_file(in + "/notes.pdf", "%PDF-1.4");
    test::write_file(in + "/archive.gz", "not an article type");
    test::write_file(in + "/.hidden/h.txt", text_article("Hidden"));
    Walk w;
    w.read({in});
    BOOST_TEST(w.problems.empty(), w.describe_problems());
    // Sorted by path, depth first.
    const std::vector<std::string> expected{"A text", "B text gz", "C html", "D htm gz",
                                            "G upper-case name", "E jsonl", "F jsonl gz"};
    BOOST_TEST(w.titles() == expected, boost::test_tools::per_element());
    BOOST_TEST(news::is_supported_input("x/y.html.gz"));
    BOOST_TEST(!news::is_supported_input("x/y.gz"));
    BOOST_TEST(!news::is_supported_input("x/y.pdf"));
}

BOOST_AUTO_TEST_CASE(unsupported_or_missing_path_given_directly) {
    test::TempDir dir;
    test::write_file(dir / "a.pdf", "%PDF");
    Walk w;
    w.read({dir / "a.pdf", dir / "missing"});
    BOOST_TEST_REQUIRE(w.problems.size() == 2u, w.describe_problems());
    BOOST_TEST(w.problems[0].message.find("unsupported file type") == 0u);
    BOOST_TEST(w.problems[0].message.find(".html") != std::string::npos);
    BOOST_TEST(w.problems[1].message == "no such file or directory");
}

BOOST_AUTO_TEST_CASE(unreadable_directory_is_reported_and_the_rest_read) {
    test::TempDir dir;
    const std::string in = dir / "in";
    fs::create_directories(in + "/locked");
    test::write_file(in + "/locked/secret.txt", text_article("Secret"));
    test::write_file(in + "/open.txt", text_article("Open"));
    if (geteuid() == 0) {
        // chmod 000 does not stop root from listing the directory.
        BOOST_TEST_MESSAGE("running as root: an unreadable directory cannot be made; check skipped");
        return;
    }
    BOOST_TEST_REQUIRE(chmod((in + "/locked").c_str(), 0) == 0);
    Walk w;
    w.read({in});
    BOOST_TEST((w.titles() == std::vector<std::string>{"Open"}));
    BOOST_TEST_REQUIRE(w.problems.size() == 1u, w.describe_problems());
    BOOST_TEST(w.problems[0].path == in + "/locked");
    BOOST_TEST(w.problems[0].message.find("cannot read directory") == 0u, w.problems[0].message);
}

BOOST_AUTO_TEST_CASE(files_and_directories_that_vanish_mid_walk) {
    test::TempDir dir;
    const std::string in = dir / "in";
    fs::create_directories(in + "/b-dir");
    test::write_file(in + "/a.txt", text_article("First"));
    test::write_file(in + "/b-dir/x.txt", text_article("In a vanishing directory"));
    test::write_file(in + "/c.txt", text_article("Vanishing file"));
    test::write_file(in + "/d.txt", text_article("Last"));
    Walk w;
    // Once the first article is read, a later file and a later directory go.
    w.after_article = [&](const news::Article& a) {
        if (a.title != "First") return;
        fs::remove(in + "/c.txt");
        fs::remove_all(in + "/b-dir");
    };
    w.read({in});
    BOOST_TEST((w.titles() == std::vector<std::string>{"First", "Last"}));
    BOOST_TEST_REQUIRE(w.problems.size() == 2u, w.describe_problems());
    BOOST_TEST(w.problems[0].path == in + "/b-dir");
    BOOST_TEST(w.problems[0].message == "cannot read directory: No such file or directory");
    BOOST_TEST(w.problems[1].path == in + "/c.txt");
    BOOST_TEST(w.problems[1].message == "cannot read: No such file or directory");
}

BOOST_AUTO_TEST_CASE(links_fifos_and_loops) {
    test::TempDir dir;
    const std::string in = dir / "in";
    fs::create_directories(in);
    test::write_file(in + "/a.txt", text_article("Real"));
    fs::create_directory_symlink(in, in + "/loop");  // followed, it would never end
    fs::create_symlink(in + "/a.txt", in + "/b-link.txt");
    fs::create_symlink(in + "/nowhere.txt", in + "/c-dangling.txt");
    BOOST_TEST_REQUIRE(mkfifo((in + "/d-fifo.txt").c_str(), 0600) == 0);  // reading it would block
    Walk w;
    w.read({in});
    BOOST_TEST((w.titles() == std::vector<std::string>{"Real", "Real"}));  // the file and the link to it
    BOOST_TEST_REQUIRE(w.problems.size() == 1u, w.describe_problems());
    BOOST_TEST(w.problems[0].path == in + "/c-dangling.txt");
    BOOST_TEST(w.problems[0].message.find("cannot read") == 0u);
}

BOOST_AUTO_TEST_CASE(html_with_an_unreadable_date_is_indexed_and_reported) {
    test::TempDir dir;
    test::write_file(dir / "p.html",
                     "<meta property='article:published_time' content='sometime in spring'><title>Undated</title>"
                     "<p>Text.</p>");
    Walk w;
    w.read({dir / "p.html"});
    BOOST_TEST_REQUIRE(w.articles.size() == 1u);
    BOOST_TEST(!w.articles[0].date.has_value());
    BOOST_TEST_REQUIRE(w.problems.size() == 1u);
    BOOST_TEST(w.problems[0].describe() ==
               dir / "p.html" + ": warning: unreadable date \"sometime in spring\" (indexed without a date)");
}

BOOST_AUTO_TEST_CASE(jsonl_field_names_reach_the_reader) {
    test::TempDir dir;
    test::write_file(dir / "f.jsonl", R"({"guid":"g-1","headline":"Mapped","content":"Mapped body."})" "\n");
    news::InputOptions options;
    options.jsonl_fields.assign("id=guid");
    options.jsonl_fields.assign("title=headline");
    options.jsonl_fields.assign("body=content");
    Walk w;
    w.read({dir.path()}, options);
    BOOST_TEST_REQUIRE(w.articles.size() == 1u, w.describe_problems());
    BOOST_TEST(w.articles[0].id == "g-1");
    BOOST_TEST(w.articles[0].title == "Mapped");
    BOOST_TEST(w.articles[0].body == "Mapped body.");
}

BOOST_AUTO_TEST_SUITE_END()
