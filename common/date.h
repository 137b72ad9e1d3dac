// Publication dates: parsing the forms news corpora use, and the day
// arithmetic that date windows for duplicate detection need.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace news {

struct Date {
    int year = 0, month = 0, day = 0;
    long seconds_of_day = 0;  // 0 when the input gave only a day
    bool has_time = false;    // the input gave a time of day

    // "YYYYMMDD": the value-slot form, sortable as a string.
    std::string key() const;
    // "YYYY-MM-DD"
    std::string iso() const;
    // Days since 1970-01-01 (negative before).
    long days() const;
    static Date from_days(long days);
    double unix_seconds() const { return days() * 86400.0 + seconds_of_day; }
};

// Reads "2023-06-19", "2023-06-19T10:20:30[.fff][Z|+hh:mm]", "2023-06-19 10:20",
// "2023/06/19", "19 June 2023", "June 19, 2023", "26-FEB-1987 15:01:01.79"
// "Mon, 19 Jun 2023 10:00:00 +0000" (RFC 2822, zone ignored) and "20230619".
// Returns nothing for anything else or an impossible date.
std::optional<Date> parse_date(std::string_view text);

// "YYYYMMDD" of the day `delta` days from `key` (also "YYYYMMDD").
std::string shift_date_key(const std::string& key, long delta);

}  // namespace news
