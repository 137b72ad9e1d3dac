#include "common/senses.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <utility>

namespace news {
namespace detail {
extern const char* const kSenseTable;  // generated: "stem id id ... | id ...\n" lines, sorted by stem
}

namespace {

struct SenseTable {
    std::vector<std::string_view> stems;  // sorted, into kSenseTable
    std::vector<uint32_t> start;          // stems[i]'s ids are ids[start[i], start[i + 1])
    std::vector<uint32_t> broader;        // of which ids[broader[i], start[i + 1]) are broader ones
    std::vector<uint32_t> ids;

    SenseTable() {
        const char* p = detail::kSenseTable;
        while (*p) {
            const char* word_end = p;
            while (*word_end != ' ' && *word_end != '\n') ++word_end;
            stems.emplace_back(p, static_cast<size_t>(word_end - p));
            start.push_back(static_cast<uint32_t>(ids.size()));
            p = word_end;
            bool broader_seen = false;
            while (*p == ' ') {
                if (p[1] == '|') {
                    broader.push_back(static_cast<uint32_t>(ids.size()));
                    broader_seen = true;
                    p += 2;
                    continue;
                }
                char* next = nullptr;
                ids.push_back(static_cast<uint32_t>(std::strtoul(p + 1, &next, 10)));
                p = next;
            }
            if (!broader_seen) broader.push_back(static_cast<uint32_t>(ids.size()));
            if (*p == '\n') ++p;
        }
        start.push_back(static_cast<uint32_t>(ids.size()));
        // Synsets numbered densely (WordNet's offset * 4 + part of speech
        // renumbered by rank, so the order is kept): an id then fits in
        // kSenseIdBits, and a fingerprint packs a sense with its term's
        // index in 32 bits (common/similarity.h).
        std::vector<uint32_t> distinct(ids);
        std::sort(distinct.begin(), distinct.end());
        distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
        if (distinct.size() > (size_t{1} << kSenseIdBits)) std::abort();  // a WordNet far bigger than 3.0
        for (uint32_t& id : ids)
            id = static_cast<uint32_t>(std::lower_bound(distinct.begin(), distinct.end(), id) - distinct.begin());
        senses = distinct.size();
    }
    size_t senses = 0;  // distinct synsets
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
    return {t.ids.data() + t.start[i], t.ids.data() + t.broader[i], t.ids.data() + t.start[i + 1]};
}

size_t sense_table_size() { return table().stems.size(); }

size_t sense_count() { return table().senses; }

}  // namespace news
