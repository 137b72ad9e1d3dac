#include "indexer/pair_report.h"

namespace news {

PairReport make_pair_report(std::string a, std::string b, const Evidence& e) {
    return {std::move(a), std::move(b), e, decide(e)};
}

}  // namespace news
