#include "common/date.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace news {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days.
long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long>(doe) - 719468;
}

int days_in_month(int y, int m) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : kDays[m - 1];
}

int month_from_name(std::string name) {
    static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                    "jul", "aug", "sep", "oct", "nov", "dec"};
    if (name.size() < 3) return 0;
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (int i = 0; i < 12; ++i)
        if (name.compare(0, 3, kMonths[i]) == 0) return i + 1;
    return 0;
}

std::optional<Date> make(int y, int m, int d, int hh = -1, int mm = 0, int ss = 0) {
    const bool has_time = hh >= 0;
    if (!has_time) hh = 0;
    if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return std::nullopt;
    if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60) return std::nullopt;
    return Date{y, m, d, hh * 3600L + mm * 60L + ss, has_time};
}

}  // namespace

std::string Date::key() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day);
    return buf;
}

std::string Date::iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

long Date::days() const { return days_from_civil(year, month, day); }

Date Date::from_days(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int y = static_cast<int>(yoe) + static_cast<int>(era) * 400 + (m <= 2);
    return Date{y, m, d, 0, false};
}

namespace {
// The common case, "YYYY-MM-DD[Thh:mm[:ss]...]", without a regex: it is
// parsed once per article.
std::optional<Date> parse_iso_fast(std::string_view s) {
    auto digits = [&](size_t pos, size_t n) {
        if (pos + n > s.size()) return -1;
        int v = 0;
        for (size_t i = pos; i < pos + n; ++i) {
            if (!std::isdigit(static_cast<unsigned char>(s[i]))) return -1;
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    int y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
    if (y < 0 || m < 0 || d < 0) return std::nullopt;
    if (s.size() == 10) return make(y, m, d);
    if ((s[10] != 'T' && s[10] != ' ') || s.size() < 16 || s[13] != ':') return std::nullopt;
    int hh = digits(11, 2), mm = digits(14, 2), ss = 0;
    if (hh < 0 || mm < 0) return std::nullopt;
    if (s.size() >= 19 && s[16] == ':') ss = digits(17, 2);
    if (ss < 0) return std::nullopt;
    return make(y, m, d, hh, mm, ss);
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
    if (auto fast = parse_iso_fast(text)) return fast;
    // The other forms, read as a list of number and word tokens; separators
    // (space - + / , : .) only split tokens.
    struct Token {
        bool number;
        std::string text;
    };
    std::vector<Token> tokens;
    for (size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (std::isdigit(c) || std::isalpha(c)) {
            const bool number = std::isdigit(c);
            size_t j = i;
            while (j < text.size() && (number ? std::isdigit(static_cast<unsigned char>(text[j]))
                                              : std::isalpha(static_cast<unsigned char>(text[j]))))
                ++j;
            tokens.push_back({number, std::string(text.substr(i, j - i))});
            i = j;
        } else if (std::string_view(" -+/,:.").find(static_cast<char>(c)) != std::string_view::npos) {
            ++i;
        } else {
            return std::nullopt;
        }
    }
    // RFC 2822 ("Mon, 19 Jun 2023 10:00:00 GMT"): drop the weekday and a zone name.
    if (tokens.size() > 3 && !tokens.front().number && !month_from_name(tokens.front().text))
        tokens.erase(tokens.begin());
    if (tokens.size() > 4 && !tokens.back().number) tokens.pop_back();
    auto num = [&](size_t i) { return std::atoi(tokens[i].text.c_str()); };
    auto is_num = [&](size_t i, size_t min_len, size_t max_len) {
        return i < tokens.size() && tokens[i].number && tokens[i].text.size() >= min_len &&
               tokens[i].text.size() <= max_len;
    };
    auto is_month = [&](size_t i) { return i < tokens.size() && !tokens[i].number && month_from_name(tokens[i].text); };
    // Optional "hh mm [ss [fraction]]" from token i on; -1 hour when absent.
    auto time_from = [&](size_t i, int& hh, int& mm, int& ss) {
        hh = -1, mm = 0, ss = 0;
        if (i == tokens.size()) return true;
        if (!is_num(i, 1, 2) || !is_num(i + 1, 2, 2)) return false;
        hh = num(i), mm = num(i + 1);
        if (i + 2 == tokens.size()) return true;
        if (!is_num(i + 2, 2, 2)) return false;
        ss = num(i + 2);
        return i + 3 == tokens.size() || (i + 4 == tokens.size() && tokens[i + 3].number);
    };
    int hh, mm, ss;
    if (tokens.size() == 1 && is_num(0, 8, 8)) {  // 20230619
        const std::string& t = tokens[0].text;
        return make(std::atoi(t.substr(0, 4).c_str()), std::atoi(t.substr(4, 2).c_str()),
                    std::atoi(t.substr(6, 2).c_str()));
    }
    if (is_num(0, 4, 4) && is_num(1, 1, 2) && is_num(2, 1, 2) && time_from(3, hh, mm, ss))  // 2023/06/19
        return make(num(0), num(1), num(2), hh, mm, ss);
    if (is_num(0, 1, 2) && is_month(1) && is_num(2, 4, 4) && time_from(3, hh, mm, ss))  // 19 June 2023
        return make(num(2), month_from_name(tokens[1].text), num(0), hh, mm, ss);
    if (is_month(0) && is_num(1, 1, 2) && is_num(2, 4, 4) && tokens.size() == 3)  // June 19, 2023
        return make(num(2), month_from_name(tokens[0].text), num(1));
    return std::nullopt;
}

std::string shift_date_key(const std::string& key, long delta) {
    auto date = parse_date(key);
    if (!date) return key;
    return Date::from_days(date->days() + delta).key();
}

}  // namespace news
