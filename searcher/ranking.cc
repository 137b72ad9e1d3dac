#include "searcher/ranking.h"

#include <cstdlib>
#include <functional>
#include <map>

#include "common/error.h"

namespace news {
namespace {

double number(const std::string& name, const std::string& value) {
    char* end = nullptr;
    const double v = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0' || !(v >= 0))
        throw Error(ErrorKind::kUsage, "--ranking: " + name + " takes a number of 0 or more, not '" + value + "'");
    return v;
}

}  // namespace

RankingParams parse_ranking_params(const std::string& spec) {
    RankingParams p;
    using Setter = std::function<void(const std::string&, const std::string&)>;
    auto real = [](double& field) -> Setter { return [&field](auto& n, auto& v) { field = number(n, v); }; };
    auto count = [](auto& field) -> Setter {
        return [&field](auto& n, auto& v) { field = static_cast<std::remove_reference_t<decltype(field)>>(number(n, v)); };
    };
    auto flag = [](bool& field) -> Setter { return [&field](auto& n, auto& v) { field = number(n, v) != 0; }; };
    const std::map<std::string, Setter> setters = {
        {"k1", real(p.k1)},
        {"b", real(p.b)},
        {"bm25plus", real(p.bm25plus_delta)},
        {"title", real(p.title_weight)},
        {"feedback_docs", count(p.feedback_docs)},
        {"feedback_terms", count(p.feedback_terms)},
        {"feedback_weight", real(p.feedback_weight)},
        {"feedback_min_words", count(p.feedback_min_words)},
        {"feedback_depth", count(p.feedback_depth)},
        {"proximity", real(p.proximity_weight)},
        {"proximity_window", count(p.proximity_window)},
        {"boilerplate", flag(p.drop_boilerplate)},
        {"stem_capitalised", flag(p.stem_capitalised)},
    };
    size_t start = 0;
    while (start < spec.size()) {
        size_t end = spec.find(',', start);
        if (end == std::string::npos) end = spec.size();
        const std::string item = spec.substr(start, end - start);
        start = end + 1;
        if (item.empty()) continue;
        const size_t eq = item.find('=');
        const std::string name = item.substr(0, eq);
        const auto setter = setters.find(name);
        if (eq == std::string::npos || setter == setters.end())
            throw Error(ErrorKind::kUsage, "--ranking takes NAME=VALUE,... with a known NAME, not '" + item + "'");
        setter->second(name, item.substr(eq + 1));
    }
    if (p.b > 1) throw Error(ErrorKind::kUsage, "--ranking: b must be between 0 and 1");
    return p;
}

std::unique_ptr<Xapian::Weight> make_weight(const RankingParams& p) {
    // k2 = 0 (no extra document-length correction), k3 = 1 (a word repeated in
    // the query counts a little more), min_normlen = 0.5: Xapian's defaults.
    if (p.bm25plus_delta > 0) return std::make_unique<Xapian::BM25PlusWeight>(p.k1, 0, 1, p.b, 0.5, p.bm25plus_delta);
    return std::make_unique<Xapian::BM25Weight>(p.k1, 0, 1, p.b, 0.5);
}

}  // namespace news
