// Not a test: prints the duplicate-detection candidates of the given
// articles, one JSON line each ({"id":..., "candidates":[ids]}), then the
// mean seconds per candidate search. Used by scripts/bench-candidates.
//
// Usage: bench_candidates [--stems-only] DB ID...
// --stems-only: the candidate query of distinctive stems alone (as before
// names, numbers and rare stems were added), for comparison.
#include <xapian.h>

#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/keys.h"
#include "common/schema.h"
#include "common/similarity.h"
#include "indexer/story_grouper.h"

namespace {

std::string article_id(const Xapian::Database& db, Xapian::docid id) {
    const std::string prefix(news::schema::prefix::kId);
    auto t = db.termlist_begin(id);
    t.skip_to(prefix);
    if (t != db.termlist_end(id) && (*t).compare(0, prefix.size(), prefix) == 0) return (*t).substr(prefix.size());
    return {};
}

}  // namespace

int main(int argc, char** argv) {
    int first = 1;
    news::CandidateQueryShape shape;
    if (argc > 1 && std::string(argv[1]) == "--stems-only") {
        shape.rare_stems = shape.entities = shape.numbers = 0;
        ++first;
    }
    if (argc - first < 1) {
        std::cerr << "usage: bench_candidates [--stems-only] DB ID...\n";
        return 2;
    }
    try {
        const Xapian::Database db(argv[first]);
        news::TermWeights weights(db);
        news::CandidateFinder finder(db, weights, shape);
        double seconds = 0;
        size_t searches = 0;
        for (int i = first + 1; i < argc; ++i) {
            const std::string term = news::id_term(argv[i]);
            auto p = db.postlist_begin(term);
            if (p == db.postlist_end(term)) {
                std::cerr << "bench_candidates: no article " << argv[i] << "\n";
                continue;
            }
            const Xapian::docid doc = *p;
            const news::WeighedFingerprint fp = news::load_fingerprint(db.get_document(doc), weights);
            const auto start = std::chrono::steady_clock::now();
            const std::vector<Xapian::docid> found = finder.find(fp, doc);
            seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            ++searches;
            nlohmann::json ids = nlohmann::json::array();
            for (const Xapian::docid c : found) ids.push_back(article_id(db, c));
            std::cout << nlohmann::json{{"id", argv[i]}, {"candidates", ids}}.dump() << "\n";
        }
        if (searches) std::cout << nlohmann::json{{"seconds_per_search", seconds / searches}}.dump() << "\n";
    } catch (const Xapian::Error& e) {
        std::cerr << "bench_candidates: " << e.get_description() << "\n";
        return 1;
    }
    return 0;
}
