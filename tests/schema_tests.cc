#define BOOST_TEST_MODULE schema_tests
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>
#include <vector>

#include "common/keys.h"
#include "common/schema.h"

namespace schema = news::schema;

namespace {
const std::vector<std::string_view> kPrefixes = {
    schema::prefix::kId,    schema::prefix::kTitle, schema::prefix::kSource, schema::prefix::kSite,
    schema::prefix::kStory, schema::prefix::kEvent, schema::prefix::kUndated,
    schema::prefix::kDay};
const std::vector<Xapian::valueno> kSlots = {schema::slot::kDate,        schema::slot::kStory,
                                             schema::slot::kEvent,       schema::slot::kContentHash,
                                             schema::slot::kFingerprint, schema::slot::kTimestamp,
                                             schema::slot::kSource,      schema::slot::kRecencyWeight};
}  // namespace

BOOST_AUTO_TEST_SUITE(schema_tests)

BOOST_AUTO_TEST_CASE(no_prefix_is_a_leading_part_of_another) {
    for (auto a : kPrefixes) {
        BOOST_TEST(!a.empty());
        for (auto b : kPrefixes) {
            if (a == b) continue;
            BOOST_TEST_INFO(std::string(a) << " vs " << std::string(b));
            BOOST_TEST(a.substr(0, b.size()) != b);
        }
    }
    BOOST_TEST(schema::detail::prefixes_distinct());
}

BOOST_AUTO_TEST_CASE(prefixes_follow_xapian_conventions) {
    // Upper-case prefixes, so lower-case values after them are unambiguous.
    for (auto p : kPrefixes)
        for (char c : p) BOOST_TEST((c >= 'A' && c <= 'Z'), "prefix " << std::string(p));
    BOOST_TEST(schema::prefix::kId == "Q");
    BOOST_TEST(schema::prefix::kTitle == "S");
    BOOST_TEST(schema::prefix::kSite == "H");
}

BOOST_AUTO_TEST_CASE(slots_are_distinct_and_keep_their_numbers) {
    BOOST_TEST(std::set<Xapian::valueno>(kSlots.begin(), kSlots.end()).size() == kSlots.size());
    BOOST_TEST(schema::detail::slots_distinct());
    // Slot numbers are part of the on-disk format.
    BOOST_TEST(schema::slot::kDate == 0u);
    BOOST_TEST(schema::slot::kStory == 1u);
    BOOST_TEST(schema::slot::kEvent == 2u);
    BOOST_TEST(schema::slot::kContentHash == 3u);
    BOOST_TEST(schema::slot::kFingerprint == 4u);
    BOOST_TEST(schema::slot::kTimestamp == 5u);
    BOOST_TEST(schema::slot::kSource == 6u);
    BOOST_TEST(schema::slot::kRecencyWeight == 7u);
}

BOOST_AUTO_TEST_CASE(term_joins_prefix_and_value) {
    BOOST_TEST(schema::term(schema::prefix::kId, "reuters-1") == "Qreuters-1");
    BOOST_TEST(schema::term(schema::prefix::kSource, "reuters") == "XSOURCEreuters");
    BOOST_TEST(schema::term(schema::prefix::kUndated, "") == "XUNDATED");
    BOOST_TEST(schema::term("", "abc") == "abc");
    const std::string with_nul("a\0b", 3);
    BOOST_TEST(schema::term("Q", with_nul).size() == 4u);
}

BOOST_AUTO_TEST_CASE(metadata_keys_are_namespaced_and_distinct) {
    BOOST_TEST(schema::metadata::kSchemaVersion != schema::metadata::kLastBuild);
    BOOST_TEST(schema::metadata::kSchemaVersion.substr(0, 12) == "news-search:");
    BOOST_TEST(schema::metadata::kLastBuild.substr(0, 12) == "news-search:");
    BOOST_TEST(schema::kVersion >= 1);
}

BOOST_AUTO_TEST_CASE(id_term_bounds_long_ids_and_keeps_them_unique) {
    BOOST_TEST(news::id_term("reuters-7") == "Qreuters-7");
    const std::string a(500, 'a');
    std::string b = a;
    b.back() = 'b';
    const std::string ta = news::id_term(a), tb = news::id_term(b);
    BOOST_TEST(ta.size() <= 245u);  // Xapian's term length limit
    BOOST_TEST(tb.size() <= 245u);
    BOOST_TEST(ta != tb);
    BOOST_TEST(ta.substr(0, 1) == "Q");
    BOOST_TEST(news::id_term(a) == ta);  // deterministic
    BOOST_TEST(news::bounded_term_value("short") == "short");
}

BOOST_AUTO_TEST_CASE(group_key_is_16_hex_digits_and_deterministic) {
    const std::string k = news::group_key("reuters-1");
    BOOST_TEST(k.size() == 16u);
    BOOST_TEST(k.find_first_not_of("0123456789abcdef") == std::string::npos);
    BOOST_TEST(news::group_key("reuters-1") == k);
    BOOST_TEST(news::group_key("reuters-2") != k);
    BOOST_TEST(news::hex64(0x1234) == "0000000000001234");
}

BOOST_AUTO_TEST_SUITE_END()
