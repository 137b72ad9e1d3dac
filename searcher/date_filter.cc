#include "searcher/date_filter.h"

#include <cctype>
#include <cstdio>

#include "common/date.h"
#include "common/schema.h"
#include "common/text.h"
#include "searcher/query.h"

namespace news {
namespace {

bool all_digits(std::string_view s) {
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return !s.empty();
}

std::string key(int year, int month, int day) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day);
    return buf;
}

}  // namespace

std::optional<DaySpan> parse_day_span(std::string_view text) {
    text = trim(text);
    if (text.size() == 4 && all_digits(text)) {
        const int year = std::stoi(std::string(text));
        if (year < 1000) return std::nullopt;
        return DaySpan{key(year, 1, 1), key(year, 12, 31)};
    }
    if (text.size() == 7 && text[4] == '-' && all_digits(text.substr(0, 4)) && all_digits(text.substr(5))) {
        const int year = std::stoi(std::string(text.substr(0, 4)));
        const int month = std::stoi(std::string(text.substr(5)));
        if (year < 1000 || month < 1 || month > 12) return std::nullopt;
        // Day 31 of any month still sorts after its last day.
        return DaySpan{key(year, month, 1), key(year, month, 31)};
    }
    if (auto date = parse_date(text)) return DaySpan{date->key(), date->key()};
    return std::nullopt;
}

Xapian::Query date_range_query(std::string_view since, std::string_view until) {
    since = trim(since);
    until = trim(until);
    std::optional<DaySpan> from, to;
    for (auto [text, span] : {std::pair{since, &from}, std::pair{until, &to}}) {
        if (text.empty()) continue;
        // A time would be read and then dropped: filters match whole days.
        if (const auto date = parse_date(text); date && date->has_time)
            throw QuerySyntaxError("the date \"" + std::string(text) +
                                   "\" has a time of day, which date filters would ignore: they match whole days "
                                   "(use " + date->iso() + ")");
        *span = parse_day_span(text);
        if (!*span)
            throw QuerySyntaxError("cannot read the date \"" + std::string(text) +
                                   "\" (use YYYY-MM-DD, YYYY-MM or YYYY)");
    }
    constexpr Xapian::valueno slot = schema::slot::kDate;
    if (from && to) {
        if (to->last < from->first)
            throw QuerySyntaxError("the date range " + std::string(since) + ".." + std::string(until) +
                                   " ends before it starts");
        return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, from->first, to->last);
    }
    if (from) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, from->first);
    // Undated articles have an empty value, which is below every date.
    if (to) return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, "0", to->last);
    throw QuerySyntaxError("a date range needs at least one date, e.g. date:2023-06..");
}

DateRangeProcessor::DateRangeProcessor()
    : Xapian::RangeProcessor(schema::slot::kDate, std::string(schema::field::kDate) + ":") {}

Xapian::Query DateRangeProcessor::operator()(const std::string& begin, const std::string& end) {
    return date_range_query(begin, end);
}

Xapian::Query DateFieldProcessor::operator()(const std::string& value) {
    return date_range_query(value, value);
}

}  // namespace news
