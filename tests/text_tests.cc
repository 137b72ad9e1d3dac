#define BOOST_TEST_MODULE text_tests
#include <boost/test/unit_test.hpp>

#include <string>

#include "common/text.h"

using news::find_invalid_utf8;

namespace {
std::string bytes(std::initializer_list<int> b) {
    std::string s;
    for (int c : b) s += static_cast<char>(c);
    return s;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(text_tests)

BOOST_AUTO_TEST_CASE(valid_utf8_is_accepted) {
    BOOST_TEST(!find_invalid_utf8("").has_value());
    BOOST_TEST(!find_invalid_utf8("plain ASCII").has_value());
    BOOST_TEST(!find_invalid_utf8("Blinken takes ‘baby steps’ — café, 北京, 😀").has_value());
    BOOST_TEST(!find_invalid_utf8(bytes({0xF4, 0x8F, 0xBF, 0xBF})).has_value());  // U+10FFFF
    BOOST_TEST(!find_invalid_utf8(bytes({0xED, 0x9F, 0xBF})).has_value());        // U+D7FF
}

BOOST_AUTO_TEST_CASE(stray_bytes_report_their_offset) {
    BOOST_TEST(find_invalid_utf8("ab\xff").value() == 2u);
    BOOST_TEST(find_invalid_utf8("\x80xyz").value() == 0u);  // lone continuation byte
    BOOST_TEST(find_invalid_utf8("abc\xfe").value() == 3u);
    BOOST_TEST(find_invalid_utf8(bytes({'a', 0xF8, 0x88, 0x80, 0x80, 0x80})).value() == 1u);  // 5-byte form
}

BOOST_AUTO_TEST_CASE(overlong_forms_are_invalid) {
    BOOST_TEST(find_invalid_utf8(bytes({0xC0, 0x80})).value() == 0u);               // NUL in 2 bytes
    BOOST_TEST(find_invalid_utf8(bytes({0xC1, 0xBF})).value() == 0u);               // U+007F in 2 bytes
    BOOST_TEST(find_invalid_utf8(bytes({'x', 0xE0, 0x80, 0xAF})).value() == 1u);    // '/' in 3 bytes
    BOOST_TEST(find_invalid_utf8(bytes({0xF0, 0x8F, 0xBF, 0xBF})).value() == 0u);  // U+FFFF in 4 bytes
}

BOOST_AUTO_TEST_CASE(surrogates_and_out_of_range_are_invalid) {
    BOOST_TEST(find_invalid_utf8(bytes({0xED, 0xA0, 0x80})).value() == 0u);        // U+D800
    BOOST_TEST(find_invalid_utf8(bytes({0xED, 0xBF, 0xBF})).value() == 0u);        // U+DFFF
    BOOST_TEST(find_invalid_utf8(bytes({0xF4, 0x90, 0x80, 0x80})).value() == 0u);  // U+110000
    BOOST_TEST(find_invalid_utf8(bytes({0xF5, 0x80, 0x80, 0x80})).value() == 0u);
}

BOOST_AUTO_TEST_CASE(truncated_sequences_are_invalid) {
    BOOST_TEST(find_invalid_utf8(bytes({'a', 'b', 0xE2, 0x80})).value() == 2u);  // cut at the end
    BOOST_TEST(find_invalid_utf8(bytes({0xC3})).value() == 0u);
    BOOST_TEST(find_invalid_utf8(bytes({0xF0, 0x9F, 0x98})).value() == 0u);
    BOOST_TEST(find_invalid_utf8(bytes({0xE2, 0x80, 'x', 'y'})).value() == 0u);  // cut mid-string
    BOOST_TEST(find_invalid_utf8(bytes({'o', 'k', 0xC3, 0xA9, 0xC3, ' '})).value() == 4u);
}

BOOST_AUTO_TEST_CASE(looks_binary_detects_nul_and_control_bytes) {
    BOOST_TEST(!news::looks_binary(""));
    BOOST_TEST(!news::looks_binary("Title\r\n\tBody text\f"));
    BOOST_TEST(!news::looks_binary("Blinken takes ‘baby steps’"));
    BOOST_TEST(news::looks_binary(std::string("text\0more", 9)));
    BOOST_TEST(news::looks_binary(bytes({0x01, 0x02, 0x03, 0x04, 'a', 'b'})));
    // A few framing controls in a long text (Reuters' \x03) are not binary.
    std::string wire(200, 'x');
    wire += "\x03";
    BOOST_TEST(!news::looks_binary(wire));
}

BOOST_AUTO_TEST_CASE(strip_controls_normalises_line_ends) {
    BOOST_TEST(news::strip_controls("a\r\nb\r\n") == "a\nb\n");
    BOOST_TEST(news::strip_controls("a\rb") == "a\nb");  // bare CR
    BOOST_TEST(news::strip_controls("a\r") == "a\n");
    BOOST_TEST(news::strip_controls("a\r\r\nb") == "a\n\nb");
}

BOOST_AUTO_TEST_CASE(strip_controls_removes_other_controls) {
    BOOST_TEST(news::strip_controls("Reuters\x03") == "Reuters");
    BOOST_TEST(news::strip_controls("a\x1b[31mb") == "a[31mb");  // no terminal escapes survive
    BOOST_TEST(news::strip_controls("tab\there\nnl") == "tab\there\nnl");
    BOOST_TEST(news::strip_controls("del\x7f.") == "del.");
    BOOST_TEST(news::strip_controls("a\fb\vc") == "a b c");
    BOOST_TEST(news::strip_controls("café ‘x’") == "café ‘x’");
}

BOOST_AUTO_TEST_CASE(trim_and_lower) {
    BOOST_TEST(news::trim("  \t a b \r\n") == "a b");
    BOOST_TEST(news::trim(" \n ").empty());
    BOOST_TEST(news::to_lower("Reuters ÉCOLE") == "reuters école");
}

BOOST_AUTO_TEST_CASE(html_unescape_and_utf8_length) {
    BOOST_TEST(news::html_unescape("a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#x27; &apos;") == "a & b <c> \"d\" 'e' '");
    BOOST_TEST(news::html_unescape("&amp;lt;") == "&lt;");  // one level only
    BOOST_TEST(news::html_unescape("AT&T &unknown;") == "AT&T &unknown;");
    BOOST_TEST(news::utf8_length("") == 0u);
    BOOST_TEST(news::utf8_length("abc") == 3u);
    BOOST_TEST(news::utf8_length("‘baby’ 😀") == 8u);
}

BOOST_AUTO_TEST_SUITE_END()
