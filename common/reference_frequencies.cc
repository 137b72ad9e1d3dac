#include "common/reference_frequencies.h"

#include <iterator>
#include <unordered_map>

namespace news {
namespace {

#include "common/reference_frequencies.inc"

// Built once, on first use (a few milliseconds): grouping looks up every
// term of every article it weighs, and a hash lookup costs a fraction of a
// binary search over 66,000 strings.
const std::unordered_map<std::string_view, uint32_t>& reference_table() {
    static const std::unordered_map<std::string_view, uint32_t> table = [] {
        std::unordered_map<std::string_view, uint32_t> t;
        t.reserve(std::size(kReferenceFrequencies));
        const char* term = kReferenceTerms;
        for (const uint32_t articles : kReferenceFrequencies) {
            const std::string_view view(term);  // up to its NUL
            t.emplace(view, articles);
            term += view.size() + 1;
        }
        return t;
    }();
    return table;
}

}  // namespace

double reference_articles() { return kReferenceArticles; }

uint32_t reference_frequency(std::string_view term) {
    const auto& table = reference_table();
    const auto found = table.find(term);
    return found != table.end() ? found->second : 1;
}

}  // namespace news
