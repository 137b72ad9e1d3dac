// Date restrictions: `date:START..END` in a query and --since/--until, with
// whole or partial dates (2023-06-01, 2023-06, 2023) and open ends.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>

namespace news {

// The days a whole or partial date stands for, as slot::kDate keys
// ("YYYYMMDD", which sort as strings): "2023-06" is 20230601..20230630.
struct DaySpan {
    std::string first;
    std::string last;
};

// Reads YYYY, YYYY-MM, YYYY-MM-DD and the other full forms common/date.h
// knows ("19 June 2023", "20230619"). Nothing for anything else.
std::optional<DaySpan> parse_day_span(std::string_view text);

// Articles dated from the first day of `since` to the last day of `until`;
// an empty bound is open. Undated articles never match. Throws
// QuerySyntaxError (searcher/query.h) for an unreadable date, a date with a
// time of day (which would be dropped) or a range that ends before it starts.
Xapian::Query date_range_query(std::string_view since, std::string_view until);

// Xapian's RangeProcessor for `date:START..END`, over date_range_query.
class DateRangeProcessor : public Xapian::RangeProcessor {
  public:
    DateRangeProcessor();
    Xapian::Query operator()(const std::string& begin, const std::string& end) override;
};

// `date:2023-06` without a range: the days it stands for.
class DateFieldProcessor : public Xapian::FieldProcessor {
  public:
    Xapian::Query operator()(const std::string& value) override;
};

}  // namespace news
