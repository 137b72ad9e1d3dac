#include "searcher/spelling_distance.h"

namespace news {

std::string with_ascii_quotes(std::string_view text) {
    struct Replacement {
        std::string_view from;
        char to;
    };
    // U+2018, U+2019, U+201B; U+201C, U+201D, U+201E (UTF-8).
    static constexpr Replacement kQuotes[] = {{"\xE2\x80\x98", '\''}, {"\xE2\x80\x99", '\''}, {"\xE2\x80\x9B", '\''},
                                              {"\xE2\x80\x9C", '"'},  {"\xE2\x80\x9D", '"'},  {"\xE2\x80\x9E", '"'}};
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        bool replaced = false;
        for (const auto& q : kQuotes) {
            if (text.compare(i, q.from.size(), q.from) == 0) {
                out += q.to;
                i += q.from.size();
                replaced = true;
                break;
            }
        }
        if (!replaced) out += text[i++];
    }
    return out;
}

}  // namespace news
