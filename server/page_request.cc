#include "server/page_request.h"

#include <algorithm>

#include "common/text.h"
#include "searcher/facets.h"

namespace news::serve {
namespace {

int number(const Params& params, const std::string& name, int fallback, int minimum, int maximum) {
    const std::string text = single_value(params, name, 12);
    if (text.empty()) return fallback;
    if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }) || text.size() > 9)
        throw BadRequest(name + " must be a whole number");
    const int value = std::stoi(text);
    if (value < minimum || value > maximum)
        throw BadRequest(name + " must be between " + std::to_string(minimum) + " and " + std::to_string(maximum));
    return value;
}

// A source name inside the quotes of source:"..."; a quote in it would end
// the value early, so it cannot be asked for.
std::string quoted_source(const std::string& source) {
    if (source.find('"') != std::string::npos) throw BadRequest("source must not contain a double quote");
    return "source:\"" + source + "\"";
}

}  // namespace

void check_names(const Params& params, std::initializer_list<const char*> allowed) {
    for (const auto& param : params) {
        const std::string& name = param.first;
        if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return name == a; }))
            throw BadRequest("unknown parameter \"" + name.substr(0, 40) + "\"");
    }
}

std::string single_value(const Params& params, const std::string& name, size_t max_bytes) {
    const auto [begin, end] = params.equal_range(name);
    if (begin == end) return "";
    if (std::next(begin) != end) throw BadRequest(name + " is given more than once");
    const std::string& value = begin->second;
    if (value.size() > max_bytes)
        throw BadRequest(name + " is too long (at most " + std::to_string(max_bytes) + " bytes)");
    if (find_invalid_utf8(value)) throw BadRequest(name + " is not valid UTF-8");
    if (std::any_of(value.begin(), value.end(), [](char c) { return c >= 0 && c < 0x20 && c != '\t'; }))
        throw BadRequest(name + " contains control characters");
    return value;
}

PageRequest parse_page_request(const Params& params) {
    check_names(params, {"q", "source", "month", "since", "until", "sort", "page", "n", "facets"});
    PageRequest r;
    r.q = std::string(trim(single_value(params, "q", kMaxQueryBytes)));
    r.source = single_value(params, "source");
    r.month = single_value(params, "month", 7);
    if (!r.month.empty() && (r.month.size() != 7 || r.month[4] != '-'))
        throw BadRequest("month must be YYYY-MM");
    r.since = single_value(params, "since", 10);
    r.until = single_value(params, "until", 10);
    r.sort = single_value(params, "sort", 10);
    if (r.sort.empty()) r.sort = "relevance";
    if (r.sort != "relevance" && r.sort != "newest" && r.sort != "oldest")
        throw BadRequest("sort must be relevance, newest or oldest");
    r.page = number(params, "page", 1, 1, kMaxPage);
    r.per_page = number(params, "n", 10, 1, kMaxPerPage);
    r.facets = single_value(params, "facets", 40);
    if (!r.facets.empty()) {
        try {
            parse_facets(r.facets);
        } catch (const std::exception& e) {
            throw BadRequest(e.what());
        }
    }
    if (!r.source.empty()) quoted_source(r.source);
    return r;
}

SearchRequest PageRequest::search() const {
    SearchRequest s;
    s.query = q;
    if (!source.empty()) s.query = (q.empty() ? "" : "(" + q + ") ") + quoted_source(source);
    s.since = month.empty() ? since : month;
    s.until = month.empty() ? until : month;
    s.sort = sort == "newest" ? SortOrder::kNewest : sort == "oldest" ? SortOrder::kOldest : SortOrder::kRelevance;
    s.limit = per_page;
    s.offset = static_cast<Xapian::doccount>((page - 1) * per_page);
    if (!facets.empty()) s.facets = parse_facets(facets);
    return s;
}

std::vector<std::pair<std::string, std::string>> PageRequest::with(const std::string& name,
                                                                   const std::string& value) const {
    std::vector<std::pair<std::string, std::string>> p{{"q", q},         {"source", source}, {"month", month},
                                                       {"since", since}, {"until", until},
                                                       {"sort", sort == "relevance" ? "" : sort},
                                                       {"page", page == 1 ? "" : std::to_string(page)},
                                                       {"n", per_page == 10 ? "" : std::to_string(per_page)}};
    for (auto& [n, v] : p)
        if (n == name) v = value;
    // A new filter or order starts again at page 1.
    if (name != "page")
        for (auto& [n, v] : p)
            if (n == "page") v.clear();
    return p;
}

}  // namespace news::serve
