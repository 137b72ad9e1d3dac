// For the duplicate-detection suites: an in-memory database of the seeds, the
// Reuters sample (for realistic idf) and tests/data/spun-pair.jsonl, with the
// fingerprints the builder made for them (seeds named "seed0".."seed4").
#pragma once

#include <boost/test/unit_test.hpp>

#include <map>
#include <ostream>
#include <string>

#include "common/similarity.h"
#include "indexer/document_builder.h"
#include "indexer/jsonl_reader.h"
#include "indexer/text_reader.h"
#include "test_support.h"

namespace news {
inline std::ostream& operator<<(std::ostream& os, Relation r) { return os << to_string(r); }
}  // namespace news

namespace test {

struct SimilarityCorpus {
    Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
    news::DocumentBuilder builder;
    std::map<std::string, news::Fingerprint> fingerprints;

    SimilarityCorpus() {
        for (int n = 0; n < 5; ++n) add("seed" + std::to_string(n), news::read_text_article(seed_path(n)));
        const auto problem = [](const news::InputProblem& p) { BOOST_ERROR("corpus problem: " << p.describe()); };
        for (const auto& path : {reuters_path(), data_dir() + "/spun-pair.jsonl"})
            news::read_jsonl_file(path, [this](news::Article&& a) { add(a.id, a); }, problem);
    }
    void add(const std::string& name, const news::Article& a) {
        auto built = builder.build(a);
        db.add_document(built.document);
        fingerprints[name] = built.fingerprint;
    }
    news::Evidence evidence(const std::string& a, const std::string& b) {
        news::TermWeights weights(db);
        return news::compare(news::weigh(fingerprints.at(a), weights), news::weigh(fingerprints.at(b), weights));
    }
    news::Relation relation(const std::string& a, const std::string& b) { return news::judge(evidence(a, b)); }

    static SimilarityCorpus& instance() {
        static SimilarityCorpus c;
        return c;
    }
};

struct SimilarityFixture {
    SimilarityCorpus& c = SimilarityCorpus::instance();
};

}  // namespace test
