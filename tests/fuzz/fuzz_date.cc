// libFuzzer target: parse_date on any text. A date it accepts must be a
// real calendar day whose day count, "YYYYMMDD" key and ISO form agree.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/date.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto date = news::parse_date(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!date) return 0;
    const news::Date back = news::Date::from_days(date->days());
    if (back.year != date->year || back.month != date->month || back.day != date->day) std::abort();
    if (date->key().size() != 8 || date->seconds_of_day < 0 || date->seconds_of_day >= 86400) std::abort();
    const auto again = news::parse_date(date->iso());
    if (!again || again->days() != date->days()) std::abort();
    return 0;
}
