#include "common/reference_frequencies.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

namespace news {
namespace {

#include "common/reference_frequencies.inc"

// Where each term of kReferenceTerms starts, found on first use by one walk
// of its NULs (~2 M instructions). A hash table of the terms cost ~25 M
// instructions to build and ~9 M to free at exit: most of the work of a
// process that weighs a few fingerprints (`news-index compare`,
// `news-search --versions`). TermWeights looks each term up once, so a
// build's binary searches cost about what building the table did.
const std::vector<uint32_t>& term_starts() {
    static const std::vector<uint32_t> starts = [] {
        std::vector<uint32_t> v;
        v.reserve(std::size(kReferenceFrequencies));
        const char* term = kReferenceTerms;
        for (size_t i = 0; i < std::size(kReferenceFrequencies); ++i) {
            v.push_back(static_cast<uint32_t>(term - kReferenceTerms));
            term += std::char_traits<char>::length(term) + 1;
        }
        return v;
    }();
    return starts;
}

}  // namespace

double reference_articles() { return kReferenceArticles; }

uint32_t reference_frequency(std::string_view term) {
    const auto& starts = term_starts();
    // The terms are sorted bytewise, as string_view compares.
    const auto at = std::partition_point(starts.begin(), starts.end(), [term](uint32_t start) {
        return std::string_view(kReferenceTerms + start) < term;
    });
    if (at == starts.end() || std::string_view(kReferenceTerms + *at) != term) return 1;
    return kReferenceFrequencies[at - starts.begin()];
}

}  // namespace news
