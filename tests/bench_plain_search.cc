// Query latency, in process: news-search's full search (story collapsing,
// exact version counts, snippets, recency boost), and it without each of
// those, against plain Xapian search of the same parsed query (Enquire +
// BM25, top 10, documents' data read), interleaved query by query so all
// see the same caches. Built by CMake for
// scripts/bench-search; not a test (CTest does not run it).
//
// Usage: bench_plain_search DB QUERIES_FILE   (one query per line)
// Prints one JSON object: per variant p50, p95 and mean milliseconds.
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iterator>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/database.h"
#include "searcher/query.h"
#include "searcher/search.h"

namespace {

using Clock = std::chrono::steady_clock;

double millis_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

size_t plain_search(const Xapian::Database& db, const std::string& text) {
    Xapian::Enquire enquire(db);
    enquire.set_query(news::parse_query(text, db).query);
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    const Xapian::MSet mset = enquire.get_mset(0, 10);
    size_t bytes = 0;
    for (auto m = mset.begin(); m != mset.end(); ++m) bytes += m.get_document().get_data().size();
    return bytes;
}

// news-search's search with one request setting changed from the default,
// to see what each feature costs.
size_t full_search(news::Searcher& searcher, const std::string& text, void (*adjust)(news::SearchRequest&)) {
    news::SearchRequest request;
    request.query = text;
    adjust(request);
    const auto result = searcher.search(request);
    size_t bytes = 0;
    for (const auto& hit : result.hits) bytes += hit.snippet.text.size();
    return bytes;
}

struct Variant {
    const char* name;
    void (*adjust)(news::SearchRequest&);  // nullptr: plain Xapian
};

const Variant kVariants[] = {
    {"plain", nullptr},
    {"full", [](news::SearchRequest&) {}},
    {"full_no_snippets", [](news::SearchRequest& r) { r.snippet_bytes = 0; }},
    {"full_no_collapse", [](news::SearchRequest& r) { r.grouping = news::Grouping::kNone; }},
    {"full_no_recency", [](news::SearchRequest& r) { r.recency = false; }},
};

nlohmann::json summary(std::vector<double> ms) {
    std::sort(ms.begin(), ms.end());
    const auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<size_t>(q * ms.size()))]; };
    double sum = 0;
    for (double m : ms) sum += m;
    return {{"p50", at(0.50)}, {"p95", at(0.95)}, {"mean", sum / ms.size()}};
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: bench_plain_search DB QUERIES_FILE\n";
        return 2;
    }
    try {
        const Xapian::Database db = news::open_for_reading(argv[1]);
        news::Searcher searcher(db);
        std::vector<std::string> queries;
        std::ifstream in(argv[2]);
        for (std::string line; std::getline(in, line);)
            if (!line.empty()) queries.push_back(line);
        if (queries.empty()) throw std::runtime_error("no queries in " + std::string(argv[2]));
        size_t sink = 0;
        const auto run = [&](const Variant& v, const std::string& q) {
            return v.adjust ? full_search(searcher, q, v.adjust) : plain_search(db, q);
        };
        // One untimed pass warms the caches for all.
        for (const auto& q : queries)
            for (const auto& v : kVariants) sink += run(v, q);
        constexpr size_t kCount = std::size(kVariants);
        std::vector<std::vector<double>> times(kCount);
        for (size_t i = 0; i < queries.size(); ++i) {
            // Rotate which goes first, so none always finds the others' pages.
            for (size_t turn = 0; turn < kCount; ++turn) {
                const size_t v = (i + turn) % kCount;
                const auto start = Clock::now();
                sink += run(kVariants[v], queries[i]);
                times[v].push_back(millis_since(start));
            }
        }
        nlohmann::json out = {{"queries", queries.size()}, {"documents", db.get_doccount()}, {"checksum", sink}};
        for (size_t v = 0; v < kCount; ++v) out[kVariants[v].name] = summary(times[v]);
        std::cout << out.dump() << '\n';
    } catch (const std::exception& e) {
        std::cerr << "bench_plain_search: " << e.what() << '\n';
        return 2;
    } catch (const Xapian::Error& e) {
        std::cerr << "bench_plain_search: " << e.get_description() << '\n';
        return 2;
    }
    return 0;
}
