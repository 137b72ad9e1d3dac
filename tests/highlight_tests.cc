#define BOOST_TEST_MODULE highlight_tests
#include <boost/test/unit_test.hpp>

#include <string>
#include <utility>
#include <vector>

#include "searcher/highlight.h"
#include "test_support.h"

using news::parse_snippet;
using Spans = std::vector<std::pair<size_t, size_t>>;

namespace {
const std::string S = news::kHighlightStart;
const std::string E = news::kHighlightEnd;

std::vector<std::string> marked(const news::Highlighted& h) {
    std::vector<std::string> out;
    for (const auto& [b, e] : h.spans) out.push_back(test::slice_code_points(h.text, b, e));
    return out;
}
}  // namespace

namespace std {
inline std::ostream& operator<<(std::ostream& os, const std::pair<size_t, size_t>& p) {
    return os << '[' << p.first << ',' << p.second << ')';
}
}  // namespace std

BOOST_AUTO_TEST_SUITE(highlight_tests)

BOOST_AUTO_TEST_CASE(markers_become_spans) {
    const auto h = parse_snippet("a " + S + "spy" + E + " " + S + "balloon" + E + " flew");
    BOOST_TEST(h.text == "a spy balloon flew");
    BOOST_TEST((h.spans == Spans{{2, 5}, {6, 13}}));
    BOOST_TEST((marked(h) == std::vector<std::string>{"spy", "balloon"}));
}

BOOST_AUTO_TEST_CASE(spans_count_code_points_not_bytes) {
    const auto h = parse_snippet("…China’s " + S + "talks" + E + " in 北京 " + S + "Blinken" + E);
    BOOST_TEST(h.text == "…China’s talks in 北京 Blinken");
    BOOST_TEST((h.spans == Spans{{9, 14}, {21, 28}}));
    BOOST_TEST((marked(h) == std::vector<std::string>{"talks", "Blinken"}));
    const auto accented = parse_snippet(S + "café" + E + " é " + S + "ü" + E);
    BOOST_TEST((accented.spans == Spans{{0, 4}, {7, 8}}));
}

BOOST_AUTO_TEST_CASE(html_entities_are_unescaped) {
    const auto h = parse_snippet("AT&amp;T &lt;" + S + "b&amp;w" + E + "&gt; &quot;q&quot; it&#39;s");
    BOOST_TEST(h.text == "AT&T <b&w> \"q\" it's");
    BOOST_TEST((h.spans == Spans{{6, 9}}));
    BOOST_TEST((marked(h) == std::vector<std::string>{"b&w"}));
}

BOOST_AUTO_TEST_CASE(white_space_is_collapsed) {
    const auto h = parse_snippet("  Showers continued\n    throughout the\n\n" + S + "week" + E + " \t in\r\nthe zone  \n");
    BOOST_TEST(h.text == "Showers continued throughout the week in the zone");
    BOOST_TEST((marked(h) == std::vector<std::string>{"week"}));
    const auto around = parse_snippet("a \n " + S + "b" + E + "\n\n c");
    BOOST_TEST(around.text == "a b c");
    BOOST_TEST((around.spans == Spans{{2, 3}}));
}

BOOST_AUTO_TEST_CASE(plain_and_empty_input) {
    const auto plain = parse_snippet("no matches here");
    BOOST_TEST(plain.text == "no matches here");
    BOOST_TEST(plain.spans.empty());
    const auto empty = parse_snippet("");
    BOOST_TEST(empty.text.empty());
    BOOST_TEST(empty.spans.empty());
    const auto empty_span = parse_snippet("x" + S + E + "y");
    BOOST_TEST(empty_span.text == "xy");
    BOOST_TEST(empty_span.spans.empty());
}

BOOST_AUTO_TEST_CASE(spans_stay_inside_the_text) {
    for (const std::string& snippet :
         {S + " lead" + E + " x", "x " + S + "tail" + E + "\n", S + "all" + E, "…" + S + "Qin Gang" + E + "…"}) {
        const auto h = parse_snippet(snippet);
        const size_t length = test::utf8_to_u32(h.text).size();
        for (const auto& [b, e] : h.spans) {
            BOOST_TEST(b < e);
            BOOST_TEST(e <= length, "span [" << b << "," << e << ") past text \"" << h.text << "\"");
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
