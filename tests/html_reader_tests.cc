// indexer/html_reader: metadata and main text from hand-written news pages
// (tests/data/html/) and from small pages built in the tests.
#define BOOST_TEST_MODULE html_reader_tests
#include <boost/test/unit_test.hpp>
#include <zlib.h>

#include <string>
#include <vector>

#include "common/error.h"
#include "indexer/html_reader.h"
#include "test_support.h"

using news::parse_html_article;

namespace {

std::string page(const std::string& name) { return test::data_dir() + "/html/" + name; }

news::Article parse(const std::string& html) { return parse_html_article("/in/page.html", html); }

// The reason a page is refused (empty if it was accepted).
std::string refusal(const std::string& content, long* line = nullptr) {
    try {
        parse_html_article("/in/bad.html", content);
    } catch (const news::InputError& e) {
        BOOST_TEST(e.path() == "/in/bad.html");
        if (line) *line = e.line();
        return e.reason();
    }
    return {};
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::vector<std::string> paragraphs(const std::string& body) {
    std::vector<std::string> out;
    for (size_t start = 0; start <= body.size();) {
        size_t end = body.find("\n\n", start);
        if (end == std::string::npos) end = body.size();
        out.push_back(body.substr(start, end - start));
        start = end + 2;
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(html_reader_tests)

BOOST_AUTO_TEST_CASE(news_page_metadata) {
    const auto a = news::read_html_article(page("news-page.html"));
    // og:title, with the " | Lakeshore Courier" the site appends removed.
    BOOST_TEST(a.title == "Ferry operator fined over Lakeport harbour collision");
    BOOST_TEST(a.source == "Lakeshore Courier");
    BOOST_TEST(a.url == "https://www.lakeshorecourier.example/news/2024/03/ferry-operator-fined");
    BOOST_TEST(a.id == a.url);  // the canonical URL, not the file
    BOOST_TEST_REQUIRE(a.date.has_value());
    BOOST_TEST(a.date->iso() == "2024-03-14");
    BOOST_TEST(a.date_text == "2024-03-14T07:30:00+00:00");
    BOOST_TEST(a.path == page("news-page.html"));
}

BOOST_AUTO_TEST_CASE(news_page_body_is_the_article_and_nothing_else) {
    const auto a = news::read_html_article(page("news-page.html"));
    const auto ps = paragraphs(a.body);
    BOOST_TEST_REQUIRE(ps.size() == 6u, a.body);
    // Entities decoded: &pound; &amp; &rsquo; &ldquo;.
    BOOST_TEST(ps[0] == "A ferry operator has been fined £40,000 after one of its vessels struck a moored fishing boat "
                        "in Lakeport harbour last spring.");
    BOOST_TEST(has(ps[1], "working a 15-hour shift & had not"));
    BOOST_TEST(has(ps[1], "company’s own safety plan"));
    BOOST_TEST(ps[3] == "‘A wake-up call’");
    BOOST_TEST(ps[4].rfind("“This should be", 0) == 0u, ps[4]);
    // Navigation, adverts, the inline "Read more" link, the caption, share
    // buttons, the newsletter box, related links, sidebar, footer, scripts
    // and styles are all left out.
    for (const char* furniture :
         {"Bingo", "Gondolier", "Advertisement", "Crumblewick", "Read more", "Harbour dredging", "Zephyrine",
          "Share on", "Copy link", "Daily Tidewater", "Subscribe", "New ferry timetable", "Lighthouse", "Quayside",
          "Marzipan", "Most read", "Registered in", "Cookie", "quillfeather", "velvetine", "Skip to", "Maren",
          "14 March 2024", "Related"})
        BOOST_TEST(!has(a.body, furniture), "body has \"" << furniture << "\":\n" << a.body);
    // The headline is the title, not the body's first line.
    BOOST_TEST(!has(a.body, "Ferry operator fined"));
}

BOOST_AUTO_TEST_CASE(page_with_only_a_time_element) {
    const auto a = news::read_html_article(page("time-only.htm"));
    BOOST_TEST_REQUIRE(a.date.has_value());
    BOOST_TEST(a.date->iso() == "2023-04-02");
    // No <h1>, no og:title: the window title, without the site name its home link gives.
    BOOST_TEST(a.title == "Village hall roof repaired in time for the spring fair");
    BOOST_TEST(a.source.empty());
    BOOST_TEST(a.url.empty());
    BOOST_TEST(a.id == std::filesystem::weakly_canonical(page("time-only.htm")).string());
    BOOST_TEST(paragraphs(a.body).size() == 3u, a.body);
    BOOST_TEST(!has(a.body, "Posted on"), a.body);  // the byline is page furniture
    BOOST_TEST(!has(a.body, "run by volunteers"), a.body);
}

BOOST_AUTO_TEST_CASE(minimal_page) {
    const auto a = news::read_html_article(page("minimal.html"));
    BOOST_TEST(a.title == "Minimal page");
    BOOST_TEST(a.body == "Just one short paragraph of text about a heron.");
    BOOST_TEST(!a.date.has_value());
    BOOST_TEST(a.date_text.empty());
    BOOST_TEST(a.id == std::filesystem::weakly_canonical(page("minimal.html")).string());
}

BOOST_AUTO_TEST_CASE(json_ld_array_and_text_density) {
    const auto a = news::read_html_article(page("div-layout.html"));
    // A JSON-LD array, an @type given as an array, a publisher given as an
    // array; the broken second block is ignored.
    BOOST_TEST(a.title == "Council approves new cycle lanes on Mill Road");
    BOOST_TEST(a.source == "Riverside Gazette");
    BOOST_TEST(a.url == "https://riversidegazette.example/2022/11/08/cycle-lanes");
    BOOST_TEST(a.id == a.url);
    BOOST_TEST_REQUIRE(a.date.has_value());
    BOOST_TEST(a.date->iso() == "2022-11-08");
    // No <article> or <main>: the container of most paragraph text wins over teasers.
    const auto ps = paragraphs(a.body);
    BOOST_TEST_REQUIRE(ps.size() == 4u, a.body);
    BOOST_TEST(ps[0].rfind("Councillors voted", 0) == 0u);
    BOOST_TEST(!has(a.body, "pumpkin"));
    BOOST_TEST(!has(a.body, "Weather"));
}

BOOST_AUTO_TEST_CASE(title_sources_in_order) {
    const std::string body = "<p>Some article text that is long enough to count as a paragraph.</p>";
    BOOST_TEST(parse("<title>T | Site</title><meta property='og:title' content='From OG'><h1>From H1</h1>" + body).title ==
               "From OG");
    BOOST_TEST(parse("<title>From title</title><h1>From H1</h1>" + body).title == "From H1");
    BOOST_TEST(parse(R"(<title>From title</title><script type="application/ld+json">{"@type":"NewsArticle",)"
                     R"("headline":"From JSON-LD"}</script><h1>From H1</h1>)" + body)
                   .title == "From JSON-LD");
    // An <h1> in the site header is the logo, not the headline.
    BOOST_TEST(parse("<title>Window title</title><header><h1>Site Logo</h1></header>" + body).title == "Window title");
}

BOOST_AUTO_TEST_CASE(site_names_are_trimmed_sensibly) {
    const auto title_of = [](const std::string& head) {
        return parse("<head>" + head + "</head><body><p>Text of the article itself.</p></body>").title;
    };
    BOOST_TEST(title_of("<title>Blinken lands in Beijing | BBC News</title><meta property='og:site_name' content='BBC News'>") ==
               "Blinken lands in Beijing");
    BOOST_TEST(title_of("<title>Reuters - Oil prices fall on supply fears</title><meta property='og:site_name' content='Reuters'>") ==
               "Oil prices fall on supply fears");
    // The host names the site when nothing else does.
    BOOST_TEST(title_of("<title>Oil prices fall - Reuters</title><link rel=canonical href='https://www.reuters.com/x'>") ==
               "Oil prices fall");
    // A section left behind the site name goes too.
    BOOST_TEST(title_of("<title>Storm closes ports | World | The Gazette</title><meta property='og:site_name' content='The Gazette'>") ==
               "Storm closes ports");
    BOOST_TEST(title_of("<title>Markets rally | BBC News</title><link rel=canonical href='https://www.bbc.co.uk/news/1'>") ==
               "Markets rally");
    // A headline that starts with the site's name keeps it.
    BOOST_TEST(title_of("<title>Reuters poll - economists see two cuts</title><meta property='og:site_name' content='Reuters'>") ==
               "Reuters poll - economists see two cuts");
    // A dash inside a headline is kept: it is not the site.
    BOOST_TEST(title_of("<title>Fed holds rates - and signals cuts</title>") == "Fed holds rates - and signals cuts");
    BOOST_TEST(title_of("<meta property='og:title' content='Talks resume | Analysis'>") == "Talks resume | Analysis");
    // Nothing but the site name: kept rather than emptied.
    BOOST_TEST(title_of("<title>BBC News</title><meta property='og:site_name' content='BBC News'>") == "BBC News");
}

BOOST_AUTO_TEST_CASE(date_sources) {
    const std::string body = "<p>Text of the article itself.</p>";
    // Metadata is preferred to a <time> of the page.
    auto a = parse("<meta property='article:published_time' content='2021-05-06T10:00:00Z'>"
                   "<article><time datetime='2021-05-09'>9 May</time>" + body + "</article>");
    BOOST_TEST_REQUIRE(a.date.has_value());
    BOOST_TEST(a.date->iso() == "2021-05-06");
    // JSON-LD inside @graph.
    a = parse(R"(<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},)"
              R"({"@type":"ReportageNewsArticle","headline":"H","datePublished":"2020-02-29"}]}</script>)" + body);
    BOOST_TEST_REQUIRE(a.date.has_value());
    BOOST_TEST(a.date->iso() == "2020-02-29");
    // A <time> in the navigation (today's date) is not the article's; a
    // duration is not a date; the marked publication time wins.
    a = parse("<nav><time datetime='2024-01-01'>Monday</time></nav><article><time datetime='PT3M'>3 min read</time>"
              "<time datetime='2019-07-01'>updated</time><time itemprop='datePublished' datetime='2019-06-30'>30 June</time>" +
              body + "</article>");
    BOOST_TEST_REQUIRE(a.date.has_value());
    BOOST_TEST(a.date->iso() == "2019-06-30");
    // A stated date that cannot be read is kept as text (the walker reports it).
    a = parse("<meta property='article:published_time' content='last Tuesday'>" + body);
    BOOST_TEST(!a.date.has_value());
    BOOST_TEST(a.date_text == "last Tuesday");
}

BOOST_AUTO_TEST_CASE(source_and_url_fallbacks) {
    const std::string body = "<p>Text of the article itself.</p>";
    auto a = parse("<meta property='og:url' content='https://www.example.org/a/1'>" + body);
    BOOST_TEST(a.url == "https://www.example.org/a/1");
    BOOST_TEST(a.id == a.url);
    BOOST_TEST(a.source == "example.org");
    a = parse("<link rel='canonical' href='https://news.example.net/b'><meta property='og:url' content='https://m.example.net/b'>" + body);
    BOOST_TEST(a.url == "https://news.example.net/b");  // the canonical address first
    BOOST_TEST(a.source == "news.example.net");
    // A relative canonical link is no address: the file path stays the id.
    a = parse("<link rel='canonical' href='/b'>" + body);
    BOOST_TEST(a.url.empty());
    BOOST_TEST(a.id.empty());
}

BOOST_AUTO_TEST_CASE(related_blocks_without_class_names) {
    const auto a = parse(
        "<article><p>First paragraph of the story about the bridge.</p>"
        "<h3>More on this story</h3><ul><li><a href='/1'>Bridge closed</a></li><li><a href='/2'>Bridge reopens</a></li></ul>"
        "<p>Read: <a href='/3'>Bridge history</a></p>"
        "<p><a href='/4'>Everything about bridges in one link-only paragraph</a></p>"
        "<p>Second paragraph, after the links, with a <a href='/5'>link</a> inside it.</p></article>");
    BOOST_TEST(a.body == "First paragraph of the story about the bridge.\n\nSecond paragraph, after the links, with a "
                         "link inside it.");
}

BOOST_AUTO_TEST_CASE(hidden_and_unknown_elements) {
    const auto a = parse(
        "<article><p>Visible text.</p><div hidden><p>Hidden one.</p></div>"
        "<div style='display: none'><p>Hidden two.</p></div><div aria-hidden='true'><p>Hidden three.</p></div>"
        "<amp-ad width=300><p>Ad text.</p></amp-ad><div role='complementary'><p>Aside text.</p></div>"
        "<noscript><p>Enable JavaScript.</p></noscript><template><p>Template text.</p></template></article>");
    BOOST_TEST(a.body == "Visible text.");
}

BOOST_AUTO_TEST_CASE(class_modifiers_do_not_hide_the_article) {
    // "has-sidebar" describes the container; it is not a sidebar.
    const auto a = parse("<div class='content has-sidebar'><div class='story-text with-ads share-enabled'>"
                         "<p>The paragraph that must survive, long enough to be the article.</p></div></div>"
                         "<div class='sidebar'><p>Sidebar text that must not.</p></div>");
    BOOST_TEST(a.body == "The paragraph that must survive, long enough to be the article.");
}

BOOST_AUTO_TEST_CASE(json_ld_article_body_when_the_markup_has_none) {
    const auto a = parse(R"(<script type="application/ld+json">{"@type":"NewsArticle","headline":"H",)"
                         R"("articleBody":"The whole text, from JSON-LD."}</script><div id="app"></div>)");
    BOOST_TEST(a.title == "H");
    BOOST_TEST(a.body == "The whole text, from JSON-LD.");
}

BOOST_AUTO_TEST_CASE(bad_pages_are_refused_with_one_reason) {
    long line = 0;
    BOOST_TEST(has(refusal("<html><body><p>Caf\xe9 au lait</p>\n</body></html>", &line), "invalid UTF-8"));
    BOOST_TEST(line == 1);
    BOOST_TEST(has(refusal("<html>\n<body>\n<p>ok</p><p>bad \xff</p>", &line), "invalid UTF-8"));
    BOOST_TEST(line == 3);
    BOOST_TEST(has(refusal(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)), "binary"));
    BOOST_TEST(has(refusal(""), "empty"));
    BOOST_TEST(has(refusal("  \n\t\n"), "empty"));
    // Markup with nothing to read: only navigation and scripts.
    BOOST_TEST(has(refusal("<html><head><script>var x = 1;</script></head><body><nav><a href='/'>Home</a></nav></body></html>"),
                   "no headline or article text"));
}

BOOST_AUTO_TEST_CASE(byte_order_mark_and_control_characters) {
    const auto a = parse("\xEF\xBB\xBF<title>Bell\x07 title</title><p>Text\x01 here.</p>");
    BOOST_TEST(a.title == "Bell title");
    BOOST_TEST(a.body == "Text here.");
}

BOOST_AUTO_TEST_CASE(gzip_compressed_page) {
    test::TempDir dir;
    const std::string path = dir / "page.html.gz";
    const std::string html = test::read_file(page("news-page.html"));
    gzFile gz = gzopen(path.c_str(), "wb");
    BOOST_TEST_REQUIRE(gz != nullptr);
    BOOST_TEST_REQUIRE(gzwrite(gz, html.data(), static_cast<unsigned>(html.size())) == static_cast<int>(html.size()));
    gzclose(gz);
    const auto plain = news::read_html_article(page("news-page.html"));
    const auto compressed = news::read_html_article(path);
    BOOST_TEST(compressed.title == plain.title);
    BOOST_TEST(compressed.body == plain.body);
    BOOST_TEST(compressed.id == plain.id);
}

BOOST_AUTO_TEST_CASE(deeply_nested_markup_does_not_overflow) {
    std::string html = "<title>Deep</title>";
    for (int i = 0; i < 5000; ++i) html += "<div>";
    html += "<p>Buried text.</p>";
    const auto a = parse(html);  // what lies below the depth limit is not read, but nothing crashes
    BOOST_TEST(a.title == "Deep");
}

BOOST_AUTO_TEST_SUITE_END()
