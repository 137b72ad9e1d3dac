#include "common/reference_frequencies.h"

#include <algorithm>
#include <iterator>

namespace news {
namespace {

struct ReferenceTerm {
    std::string_view term;
    uint32_t articles;
};

#include "common/reference_frequencies.inc"

}  // namespace

double reference_articles() { return kReferenceArticles; }

uint32_t reference_frequency(std::string_view term) {
    const auto* found = std::lower_bound(std::begin(kReferenceTerms), std::end(kReferenceTerms), term,
                                         [](const ReferenceTerm& t, std::string_view key) { return t.term < key; });
    return found != std::end(kReferenceTerms) && found->term == term ? found->articles : 1;
}

}  // namespace news
