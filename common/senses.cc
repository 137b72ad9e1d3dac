#include "common/senses.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <utility>

namespace news {
namespace detail {
extern const char* const kSenseTable;  // generated: "stem id id ...\n" lines, sorted by stem
}

namespace {

struct SenseTable {
    std::vector<std::string_view> stems;  // sorted, into kSenseTable
    std::vector<uint32_t> start;          // stems[i]'s ids are ids[start[i], start[i + 1])
    std::vector<uint32_t> ids;

    SenseTable() {
        const char* p = detail::kSenseTable;
        while (*p) {
            const char* word_end = p;
            while (*word_end != ' ' && *word_end != '\n') ++word_end;
            stems.emplace_back(p, static_cast<size_t>(word_end - p));
            start.push_back(static_cast<uint32_t>(ids.size()));
            p = word_end;
            while (*p == ' ') {
                char* next = nullptr;
                ids.push_back(static_cast<uint32_t>(std::strtoul(p + 1, &next, 10)));
                p = next;
            }
            if (*p == '\n') ++p;
        }
        start.push_back(static_cast<uint32_t>(ids.size()));
    }
};

const SenseTable& table() {
    static const SenseTable t;  // parsed once, on first use (thread-safe)
    return t;
}

}  // namespace

SenseList senses_of_stem(std::string_view stem) {
    const auto& t = table();
    const auto it = std::lower_bound(t.stems.begin(), t.stems.end(), stem);
    if (it == t.stems.end() || *it != stem) return {};
    const auto i = static_cast<size_t>(it - t.stems.begin());
    return {t.ids.data() + t.start[i], t.ids.data() + t.start[i + 1]};
}

size_t sense_table_size() { return table().stems.size(); }

}  // namespace news
