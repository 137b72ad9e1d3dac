#define BOOST_TEST_MODULE date_tests
#include <boost/test/unit_test.hpp>

#include <string>

#include "common/date.h"

using news::Date;
using news::parse_date;

namespace {
void check(const std::string& text, int y, int m, int d, long seconds = 0) {
    BOOST_TEST_CONTEXT("parse_date(\"" << text << "\")") {
        const auto date = parse_date(text);
        BOOST_TEST_REQUIRE(date.has_value());
        BOOST_TEST(date->year == y);
        BOOST_TEST(date->month == m);
        BOOST_TEST(date->day == d);
        BOOST_TEST(date->seconds_of_day == seconds);
    }
}
}  // namespace

BOOST_AUTO_TEST_SUITE(date_tests)

BOOST_AUTO_TEST_CASE(iso_day) { check("2023-06-19", 2023, 6, 19); }

BOOST_AUTO_TEST_CASE(iso_date_time_forms) {
    check("2023-06-19T10:20:30", 2023, 6, 19, 10 * 3600 + 20 * 60 + 30);
    check("2023-06-19T10:20:30.123", 2023, 6, 19, 37230);
    check("2023-06-19T10:20:30Z", 2023, 6, 19, 37230);
    check("2023-06-19T10:20:30+05:30", 2023, 6, 19, 37230);
    check("2023-06-19T10:20", 2023, 6, 19, 37200);
    check("2023-06-19 10:20", 2023, 6, 19, 37200);
}

BOOST_AUTO_TEST_CASE(slashed_compact_and_written_forms) {
    check("2023/06/19", 2023, 6, 19);
    check("20230619", 2023, 6, 19);
    check("19 June 2023", 2023, 6, 19);
    check("June 19, 2023", 2023, 6, 19);
    check("Jun 19, 2023", 2023, 6, 19);
    check("26-FEB-1987 15:01:01.79", 1987, 2, 26, 15 * 3600 + 60 + 1);
}

BOOST_AUTO_TEST_CASE(rfc2822_feed_dates) {
    check("Mon, 19 Jun 2023 10:20:30 +0000", 2023, 6, 19, 10 * 3600 + 20 * 60 + 30);
    check("Mon, 19 Jun 2023 10:20:30 GMT", 2023, 6, 19, 10 * 3600 + 20 * 60 + 30);
    BOOST_TEST(!news::parse_date("Mon, 31 Jun 2023 10:20:30 GMT"));
}

BOOST_AUTO_TEST_CASE(surrounding_space_is_allowed) { check("  2023-06-19 ", 2023, 6, 19); }

BOOST_AUTO_TEST_CASE(impossible_dates_are_rejected) {
    for (const char* bad : {"2023-02-29", "1900-02-29", "2023-04-31", "2023-13-01", "2023-00-10", "2023-06-00",
                            "2023-06-32", "31 April 2023", "February 30, 2023", "20231301", "20230631",
                            "2023-06-19T24:00", "2023-06-19T10:60", "2023/02/30"}) {
        BOOST_TEST(!parse_date(bad).has_value(), bad);
    }
    check("2024-02-29", 2024, 2, 29);  // leap year
    check("2000-02-29", 2000, 2, 29);  // divisible by 400
}

BOOST_AUTO_TEST_CASE(other_text_is_rejected) {
    for (const char* bad : {"", "   ", "yesterday", "2023", "2023-06", "19/06/2023", "19 Foo 2023",
                            "2023-06-19 garbage", "2023-06-19x", "2023-6-19-1", "June 2023", "0999-01-01"}) {
        BOOST_TEST(!parse_date(bad).has_value(), "\"" << bad << "\"");
    }
}

BOOST_AUTO_TEST_CASE(key_and_iso_formats) {
    const Date d{2023, 6, 9, 0};
    BOOST_TEST(d.key() == "20230609");
    BOOST_TEST(d.iso() == "2023-06-09");
    BOOST_TEST(parse_date("1987-02-26")->key() == "19870226");
}

BOOST_AUTO_TEST_CASE(days_since_epoch) {
    BOOST_TEST((Date{1970, 1, 1, 0}.days()) == 0);
    BOOST_TEST((Date{1969, 12, 31, 0}.days()) == -1);
    BOOST_TEST((Date{2000, 3, 1, 0}.days()) == 11017);
    BOOST_TEST((Date{2023, 6, 19, 0}.days()) == 19527);
    BOOST_TEST((Date{2023, 6, 19, 3600}.unix_seconds()) == 19527.0 * 86400 + 3600);
}

BOOST_AUTO_TEST_CASE(day_arithmetic_round_trips) {
    for (long day = -800000; day <= 800000; day += 997) {
        const Date d = Date::from_days(day);
        BOOST_TEST_REQUIRE(d.days() == day);
        BOOST_TEST_REQUIRE(parse_date(d.iso()).has_value() == (d.year >= 1000 && d.year <= 9999));
    }
    // Every day across a leap-year boundary, and the month ends.
    for (long day = Date{2023, 12, 1, 0}.days(); day < Date{2025, 3, 2, 0}.days(); ++day) {
        const Date d = Date::from_days(day);
        const auto parsed = parse_date(d.key());
        BOOST_TEST_REQUIRE(parsed.has_value());
        BOOST_TEST_REQUIRE(parsed->days() == day);
    }
    const Date leap = Date::from_days(Date{2024, 2, 28, 0}.days() + 1);
    BOOST_TEST(leap.iso() == "2024-02-29");
}

BOOST_AUTO_TEST_CASE(shift_date_key_moves_by_days) {
    BOOST_TEST(news::shift_date_key("20230619", 13) == "20230702");
    BOOST_TEST(news::shift_date_key("20230619", -7) == "20230612");
    BOOST_TEST(news::shift_date_key("20240228", 1) == "20240229");
    BOOST_TEST(news::shift_date_key("20230228", 1) == "20230301");
    BOOST_TEST(news::shift_date_key("20230101", -1) == "20221231");
    BOOST_TEST(news::shift_date_key("20230619", 0) == "20230619");
    for (long delta : {-400L, -31L, -1L, 1L, 59L, 366L})
        BOOST_TEST(news::shift_date_key(news::shift_date_key("20230619", delta), -delta) == "20230619");
}

BOOST_AUTO_TEST_SUITE_END()
