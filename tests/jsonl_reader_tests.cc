#define BOOST_TEST_MODULE jsonl_reader_tests
#include <boost/test/unit_test.hpp>
#include <zlib.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "common/error.h"
#include "indexer/jsonl_reader.h"
#include "test_support.h"

using news::parse_jsonl_article;

namespace {

std::string parse_error(const std::string& line) {
    try {
        parse_jsonl_article("in.jsonl", 7, line);
    } catch (const news::Error& e) {
        BOOST_TEST((e.kind() == news::ErrorKind::kInput));
        return e.what();
    }
    BOOST_ERROR("accepted a bad line: " << line);
    return {};
}

struct Collected {
    std::vector<news::Article> articles;
    std::vector<news::InputProblem> problems;
    void read(const std::string& path, const news::JsonlFields& fields = {},
              size_t max_line_bytes = news::kMaxLineBytes) {
        news::read_jsonl_file(
            path, [this](news::Article&& a) { articles.push_back(std::move(a)); },
            [this](const news::InputProblem& p) { problems.push_back(p); }, fields, max_line_bytes);
    }
};

news::JsonlFields fields(std::initializer_list<const char*> mappings) {
    news::JsonlFields f;
    for (const char* m : mappings) f.assign(m);
    return f;
}

// The usage error JsonlFields::assign gives for `mapping` (empty if accepted).
std::string mapping_error(const std::string& mapping) {
    news::JsonlFields f;
    try {
        f.assign(mapping);
    } catch (const news::Error& e) {
        BOOST_TEST((e.kind() == news::ErrorKind::kUsage));
        return e.what();
    }
    return {};
}

const char* kThreeGoodOneBad =
    "{\"id\":\"a-1\",\"title\":\"First\",\"body\":\"one\"}\n"
    "{\"id\":\"a-2\",\"title\":\"Second\",\"body\":\"two\"}\n"
    "{\"id\":\"a-3\",\"title\":\"Broken\",\"body\":\n"
    "\n"
    "{\"id\":\"a-5\",\"title\":\"Fifth\",\"body\":\"five\"}\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(jsonl_reader_tests)

BOOST_AUTO_TEST_CASE(fields_are_read) {
    const auto a = parse_jsonl_article(
        "/c/x.jsonl", 3,
        R"({"id":"reuters-5","title":"COCOA","body":"Body text.","date":"26-FEB-1987 15:01:01.79",)"
        R"("source":"Reuters","url":"https://www.reuters.com/a","topics":["cocoa"]})");
    BOOST_TEST(a.id == "reuters-5");
    BOOST_TEST(a.title == "COCOA");
    BOOST_TEST(a.body == "Body text.");
    BOOST_TEST(a.source == "Reuters");
    BOOST_TEST(a.url == "https://www.reuters.com/a");
    BOOST_TEST(a.date_text == "26-FEB-1987 15:01:01.79");
    BOOST_TEST_REQUIRE(a.date.has_value());
    BOOST_TEST(a.date->iso() == "1987-02-26");
    BOOST_TEST(a.path == "/c/x.jsonl");
    BOOST_TEST(a.line == 3);
}

BOOST_AUTO_TEST_CASE(text_is_the_body_fallback) {
    const auto a = parse_jsonl_article("x.jsonl", 1, R"({"id":"b","title":"T","text":"From text."})");
    BOOST_TEST(a.body == "From text.");
    const auto both = parse_jsonl_article("x.jsonl", 1, R"({"id":"b","title":"T","body":"B","text":"X"})");
    BOOST_TEST(both.body == "B");
    const auto empty_body = parse_jsonl_article("x.jsonl", 1, R"({"id":"b","body":"","text":"X"})");
    BOOST_TEST(empty_body.body == "X");
}

// Reuters-21578's headline-only flashes carry "******Blah blah blah." as
// their body: a flash, not a story about blah.
BOOST_AUTO_TEST_CASE(the_reuters_placeholder_body_reads_as_none) {
    const auto flash = parse_jsonl_article(
        "x.jsonl", 1, R"({"id":"r-1","title":"ACME SAYS IT GOT BID","body":"******Blah blah blah.\n"})");
    BOOST_TEST(flash.title == "ACME SAYS IT GOT BID");
    BOOST_TEST(flash.body.empty());
    BOOST_TEST(parse_jsonl_article("x.jsonl", 1, R"({"id":"r","title":"T","body":" blah BLAH blah "})").body.empty());
    // Only the placeholder alone: a story that says it keeps its body.
    const auto story = parse_jsonl_article("x.jsonl", 1, R"({"id":"r","title":"T","body":"Blah blah blah, he said."})");
    BOOST_TEST(story.body == "Blah blah blah, he said.");
    // Nothing but the placeholder is no text at all.
    BOOST_TEST(!parse_error(R"({"id":"x","body":"******Blah blah blah."})").empty());
}

BOOST_AUTO_TEST_CASE(id_falls_back_to_url) {
    const auto a = parse_jsonl_article("x.jsonl", 1, R"({"url":"https://e.com/n/1","title":"T","body":"B"})");
    BOOST_TEST(a.id == "https://e.com/n/1");
    const auto numeric = parse_jsonl_article("x.jsonl", 1, R"({"id":17,"title":"T"})");
    BOOST_TEST(numeric.id == "17");
}

BOOST_AUTO_TEST_CASE(control_characters_are_stripped) {
    const auto a = parse_jsonl_article("x.jsonl", 1, R"({"id":"c","title":"T\u0003","body":"a\r\nb\u0003"})");
    BOOST_TEST(a.title == "T");
    BOOST_TEST(a.body == "a\nb");
}

BOOST_AUTO_TEST_CASE(malformed_json_is_an_error) {
    BOOST_TEST(parse_error(R"({"id":"x","title":)").find("malformed JSON") != std::string::npos);
    BOOST_TEST(parse_error("not json at all").find("malformed JSON") != std::string::npos);
    BOOST_TEST(!parse_error(R"({"id":"x" "title":"t"})").empty());
}

BOOST_AUTO_TEST_CASE(non_object_is_an_error) {
    for (const char* line : {"[1,2,3]", "\"a string\"", "42", "null"})
        BOOST_TEST(parse_error(line).find("object") != std::string::npos, line);
}

BOOST_AUTO_TEST_CASE(missing_id_is_an_error) {
    BOOST_TEST(parse_error(R"({"title":"T","body":"B"})").find("id") != std::string::npos);
    BOOST_TEST(parse_error(R"({"id":"","url":"","title":"T"})").find("id") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(no_text_is_an_error) {
    BOOST_TEST(!parse_error(R"({"id":"x","title":"  ","body":""})").empty());
}

BOOST_AUTO_TEST_CASE(bad_date_is_reported_and_the_article_kept_undated) {
    const auto a = news::parse_jsonl_article("f.jsonl", 1, R"({"id":"x","title":"T","date":"2023-02-30"})");
    BOOST_TEST(a.date_text == "2023-02-30");
    BOOST_TEST(!a.date.has_value());

    test::TempDir dir;
    const std::string path = dir / "dates.jsonl";
    test::write_file(path, R"({"id":"x","title":"T","date":"last Tuesday"})"
                           "\n"
                           R"({"id":"y","title":"U","date":1687168800})"
                           "\n");
    Collected c;
    c.read(path);
    BOOST_TEST_REQUIRE(c.articles.size() == 2u);
    BOOST_TEST(!c.articles[0].date.has_value());
    BOOST_TEST_REQUIRE(c.problems.size() == 1u);
    BOOST_TEST(c.problems[0].line == 1);
    BOOST_TEST(c.problems[0].message.find("last Tuesday") != std::string::npos, c.problems[0].message);
    // A number is seconds since 1970: 1687168800 is 2023-06-19 10:00 UTC.
    BOOST_TEST_REQUIRE(c.articles[1].date.has_value());
    BOOST_TEST(c.articles[1].date->iso() == "2023-06-19");
    BOOST_TEST(c.articles[1].date->seconds_of_day == 36000);
}

BOOST_AUTO_TEST_CASE(control_characters_are_removed_from_every_field) {
    const auto a = news::parse_jsonl_article(
        "f.jsonl", 1, R"({"id":"x\u001b[31m","title":"T","source":"Evil\u001b]0;pwned\u0007","url":"u\u0007"})");
    for (const std::string* field : {&a.id, &a.source, &a.url})
        BOOST_TEST(field->find_first_of("\x1b\x07") == std::string::npos, *field);
}

BOOST_AUTO_TEST_CASE(truncated_gzip_is_reported) {
    test::TempDir dir;
    const std::string plain = dir / "t.jsonl";
    std::string content;
    for (int i = 0; i < 2000; ++i)
        content += R"({"id":"a-)" + std::to_string(i) + R"(","title":"Title","body":"Some body text here."})" "\n";
    test::write_file(plain, content);
    BOOST_TEST_REQUIRE(std::system(("gzip -k " + plain).c_str()) == 0);
    const std::string gz = test::read_file(plain + ".gz");
    const std::string cut = dir / "cut.jsonl.gz";
    test::write_file(cut, gz.substr(0, gz.size() / 2));
    Collected c;
    bool reported = false;
    try {
        c.read(cut);
    } catch (const news::InputError& e) {
        reported = std::string(e.what()).find("gzip") != std::string::npos;
    }
    for (const auto& p : c.problems) reported = reported || p.message.find("gzip") != std::string::npos;
    BOOST_TEST(reported);
    BOOST_TEST(c.articles.size() < 2000u);
}

BOOST_AUTO_TEST_CASE(wrong_field_type_is_an_error) {
    BOOST_TEST(parse_error(R"({"id":"x","title":["T"]})").find("title") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_an_error) {
    const std::string msg = parse_error("{\"id\":\"x\",\"title\":\"Caf\xe9\"}");
    BOOST_TEST(msg.find("UTF-8") != std::string::npos, msg);
    BOOST_TEST(!parse_error("{\"id\":\"x\",\"title\":\"\xc0\xae\"}").empty());  // overlong
    static const char with_nul[] = "{\"id\":\"x\",\"title\":\"a\0b\"}";
    BOOST_TEST(!parse_error(std::string(with_nul, sizeof with_nul - 1)).empty());
}

BOOST_AUTO_TEST_CASE(bad_line_in_the_middle_does_not_stop_the_file) {
    test::TempDir dir;
    const std::string path = dir / "mixed.jsonl";
    test::write_file(path, kThreeGoodOneBad);
    Collected c;
    c.read(path);
    BOOST_TEST_REQUIRE(c.articles.size() == 3u);
    BOOST_TEST(c.articles[0].id == "a-1");
    BOOST_TEST(c.articles[1].id == "a-2");
    BOOST_TEST(c.articles[2].id == "a-5");
    BOOST_TEST(c.articles[2].line == 5);  // blank lines still count
    BOOST_TEST_REQUIRE(c.problems.size() == 1u);
    BOOST_TEST(c.problems[0].path == path);
    BOOST_TEST(c.problems[0].line == 3);
    BOOST_TEST(c.problems[0].describe().find(path + ":3: ") == 0u, c.problems[0].describe());
}

BOOST_AUTO_TEST_CASE(crlf_and_missing_final_newline) {
    test::TempDir dir;
    const std::string path = dir / "crlf.jsonl";
    test::write_file(path, "{\"id\":\"a\",\"title\":\"A\"}\r\n{\"id\":\"b\",\"title\":\"B\"}");
    Collected c;
    c.read(path);
    BOOST_TEST(c.problems.empty());
    BOOST_TEST_REQUIRE(c.articles.size() == 2u);
    BOOST_TEST(c.articles[1].id == "b");
    BOOST_TEST(c.articles[1].title == "B");
}

BOOST_AUTO_TEST_CASE(empty_and_missing_files_are_problems) {
    test::TempDir dir;
    const std::string path = dir / "empty.jsonl";
    test::write_file(path, "\n  \n");
    Collected c;
    c.read(path);
    BOOST_TEST(c.articles.empty());
    BOOST_TEST_REQUIRE(c.problems.size() == 1u);
    BOOST_TEST(c.problems[0].path == path);
    BOOST_CHECK_THROW(Collected().read(dir / "missing.jsonl"), news::Error);
}

BOOST_AUTO_TEST_CASE(gzip_file_written_with_zlib) {
    test::TempDir dir;
    const std::string path = dir / "z.jsonl.gz";
    gzFile gz = gzopen(path.c_str(), "wb");
    BOOST_TEST_REQUIRE(gz != nullptr);
    const std::string content = kThreeGoodOneBad;
    BOOST_TEST_REQUIRE(gzwrite(gz, content.data(), static_cast<unsigned>(content.size())) ==
                       static_cast<int>(content.size()));
    BOOST_TEST_REQUIRE(gzclose(gz) == Z_OK);
    BOOST_TEST(test::read_file(path).substr(0, 2) == "\x1f\x8b");  // really compressed
    Collected c;
    c.read(path);
    BOOST_TEST(c.articles.size() == 3u);
    BOOST_TEST_REQUIRE(c.problems.size() == 1u);
    BOOST_TEST(c.problems[0].line == 3);
}

BOOST_AUTO_TEST_CASE(gzip_file_written_by_the_gzip_tool) {
    test::TempDir dir;
    const std::string plain = dir / "r.jsonl";
    // The Reuters sample, compressed: long lines cross zlib's buffers.
    test::write_file(plain, test::read_file(test::reuters_path()));
    const auto gzip = test::run({"/bin/sh", "-c", "gzip -9 '" + plain + "'"});
    if (gzip.status != 0) {
        BOOST_TEST_MESSAGE("gzip not available, skipped: " << gzip.err);
        return;
    }
    Collected c;
    c.read(plain + ".gz");
    BOOST_TEST(c.problems.empty());
    BOOST_TEST_REQUIRE(c.articles.size() == 400u);
    BOOST_TEST(c.articles.front().id == "reuters-1");
    BOOST_TEST(c.articles.front().title == "BAHIA COCOA REVIEW");
    BOOST_TEST(c.articles.back().line == 400);
}

BOOST_AUTO_TEST_CASE(field_names_can_be_mapped) {
    const auto f = fields({"id=guid", "title=headline", "body=content", "date=published_at", "source=publisher",
                           "url=link"});
    const auto a = parse_jsonl_article(
        "x.jsonl", 1,
        R"({"guid":"g-7","headline":"Mapped title","content":"Mapped body.","published_at":"2024-01-02T03:04:05Z",)"
        R"("publisher":"Wire","link":"https://e.com/7","id":"ignored","title":"ignored","body":"ignored"})",
        f);
    BOOST_TEST(a.id == "g-7");
    BOOST_TEST(a.title == "Mapped title");
    BOOST_TEST(a.body == "Mapped body.");
    BOOST_TEST_REQUIRE(a.date.has_value());
    BOOST_TEST(a.date->iso() == "2024-01-02");
    BOOST_TEST(a.source == "Wire");
    BOOST_TEST(a.url == "https://e.com/7");
    // Errors name the mapped fields.
    try {
        parse_jsonl_article("x.jsonl", 1, R"({"title":"T"})", f);
        BOOST_ERROR("accepted a line without its id");
    } catch (const news::Error& e) {
        BOOST_TEST(std::string(e.what()).find("\"guid\" (or \"link\")") != std::string::npos, e.what());
    }
    // A mapped body has no "text" fallback: the mapping says where the body is.
    const auto no_body = parse_jsonl_article("x.jsonl", 1, R"({"guid":"g","headline":"T","text":"X"})", f);
    BOOST_TEST(no_body.body.empty());
    // Epoch seconds through a mapped date field.
    const auto epoch = parse_jsonl_article("x.jsonl", 1, R"({"guid":"g","headline":"T","published_at":86400})", f);
    BOOST_TEST_REQUIRE(epoch.date.has_value());
    BOOST_TEST(epoch.date->iso() == "1970-01-02");
}

BOOST_AUTO_TEST_CASE(nested_field_names) {
    const auto f = fields({"source=meta.source", "date=meta.dates.published", "title=a.b"});
    const auto a = parse_jsonl_article(
        "x.jsonl", 1,
        R"({"id":"n","a.b":"Literal dotted key wins","a":{"b":"nested"},)"
        R"("meta":{"source":"Nested Wire","dates":{"published":"2020-05-06"}}})",
        f);
    BOOST_TEST(a.source == "Nested Wire");
    BOOST_TEST_REQUIRE(a.date.has_value());
    BOOST_TEST(a.date->iso() == "2020-05-06");
    BOOST_TEST(a.title == "Literal dotted key wins");
    // Missing or not-an-object steps are simply absent.
    const auto b = parse_jsonl_article("x.jsonl", 1, R"({"id":"n","a":{"c":1},"meta":"flat","body":"B"})", f);
    BOOST_TEST(b.source.empty());
    BOOST_TEST(b.title.empty());
    try {
        parse_jsonl_article("x.jsonl", 1, R"({"id":"n","body":"B","meta":{"source":{"x":1}}})", f);
        BOOST_ERROR("accepted an object as the source");
    } catch (const news::Error& e) {
        BOOST_TEST(std::string(e.what()) == "field \"meta.source\" is not a string");
    }
}

BOOST_AUTO_TEST_CASE(bad_field_mappings_are_usage_errors) {
    BOOST_TEST(mapping_error("title=headline").empty());
    BOOST_TEST(mapping_error("headline=title").find("unknown field 'headline'") != std::string::npos);
    BOOST_TEST(mapping_error("title").find("FIELD=NAME") != std::string::npos);
    BOOST_TEST(mapping_error("title=").find("FIELD=NAME") != std::string::npos);
    BOOST_TEST(mapping_error("=x").find("unknown field ''") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(over_long_line_is_reported_and_reading_goes_on) {
    test::TempDir dir;
    const std::string path = dir / "long.jsonl";
    const size_t limit = 1000;
    test::write_file(path, R"({"id":"a","title":"Before"})" "\n" R"({"id":"b","title":")" + std::string(5000, 'x') +
                               "\"}\n" R"({"id":"c","title":"After"})" "\n");
    Collected c;
    c.read(path, {}, limit);
    BOOST_TEST_REQUIRE(c.articles.size() == 2u);
    BOOST_TEST(c.articles[0].title == "Before");
    BOOST_TEST(c.articles[1].title == "After");
    BOOST_TEST(c.articles[1].line == 3);
    BOOST_TEST_REQUIRE(c.problems.size() == 1u);
    BOOST_TEST(c.problems[0].describe() == path + ":2: line longer than 1000 bytes, skipped");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(lone_surrogate_escapes_are_replaced_and_pairs_kept) {
    auto replaced = [](std::string line) {
        const size_t n = news::replace_lone_surrogates(line);
        return std::to_string(n) + " " + line;
    };
    BOOST_TEST(replaced(R"({"t":"a\ud800b"})") == R"(1 {"t":"a\ufffdb"})");
    BOOST_TEST(replaced(R"({"t":"\udc00"})") == R"(1 {"t":"\ufffd"})");
    BOOST_TEST(replaced(R"({"t":"\ud83d\ude00"})") == R"(0 {"t":"\ud83d\ude00"})");  // a pair: one emoji
    BOOST_TEST(replaced(R"({"t":"\\ud800"})") == R"(0 {"t":"\\ud800"})");           // escaped backslash: text
    BOOST_TEST(replaced(R"({"t":"\ud800\ud800\u00e9"})") == R"(2 {"t":"\ufffd\ufffd\u00e9"})");
    BOOST_TEST(replaced(R"({"t":"\u00e9"})") == R"(0 {"t":"\u00e9"})");
}

BOOST_AUTO_TEST_CASE(a_line_with_a_lone_surrogate_is_indexed_with_a_warning) {
    test::TempDir dir;
    test::write_file(dir / "f.jsonl", "{\"id\":\"s-1\",\"title\":\"Broken \\ud800 emoji\",\"body\":\"Scraped.\"}\n");
    Collected c;
    c.read(dir / "f.jsonl");
    BOOST_TEST_REQUIRE(c.articles.size() == 1u);
    BOOST_TEST(c.articles[0].title == "Broken \xEF\xBF\xBD emoji");
    BOOST_TEST_REQUIRE(c.problems.size() == 1u);
    BOOST_TEST(c.problems[0].warning);
    BOOST_TEST(c.problems[0].describe() == dir / "f.jsonl" +
                                               ":1: warning: 1 lone UTF-16 surrogate escape (\\ud800-\\udfff) "
                                               "replaced with U+FFFD");
}
