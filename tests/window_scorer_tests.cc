// WindowScorer (indexer/window_scorer.h) must give duplicate detection's
// candidate search the very doubles Xapian's matcher gives: a weight one bit
// off can move a document across the rounded cut and change a group. These
// tests compare the two with ==, on a database of corpus/.
#define BOOST_TEST_MODULE window_scorer_tests
#include <boost/test/unit_test.hpp>

#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cli_support.h"
#include "common/date.h"
#include "common/schema.h"
#include "indexer/story_grouper.h"
#include "indexer/window_scorer.h"

namespace {

// corpus/ indexed once for every test (without grouping: only the
// documents' terms matter here).
struct CorpusDatabase {
    test::TempDir dir;
    std::string path = dir / "db";
    CorpusDatabase() {
        const auto r = test::index(path, {"build", "--quiet", "--no-group", "--jobs", "1", test::corpus_dir()});
        if (r.status != 0) throw std::runtime_error("news-index failed: " + test::show(r));
    }
};

const std::string& corpus_db() {
    static CorpusDatabase db;
    return db.path;
}

// Every matched document's weight, from the matcher.
std::map<Xapian::docid, double> matcher_weights(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount(), db.get_doccount());
    std::map<Xapian::docid, double> weights;
    for (auto m = mset.begin(); m != mset.end(); ++m) weights.emplace(*m, m.get_weight());
    return weights;
}

// Up to `count` of a document's weighted terms (wdf > 0), spread over its
// termlist so that common and rare ones are both taken, sorted.
std::vector<std::string> some_terms(const Xapian::Database& db, Xapian::docid doc, size_t count) {
    std::vector<std::string> all;
    for (auto t = db.termlist_begin(doc); t != db.termlist_end(doc); ++t)
        if (t.get_wdf() > 0) all.push_back(*t);
    std::vector<std::string> terms;
    const size_t step = std::max<size_t>(1, all.size() / count);
    for (size_t i = 0; i < all.size() && terms.size() < count; i += step) terms.push_back(all[i]);
    std::sort(terms.begin(), terms.end());
    return terms;
}

std::optional<long> day_of(const Xapian::Database& db, Xapian::docid doc) {
    const auto date = news::parse_date(db.get_document(doc).get_value(news::schema::slot::kDate));
    return date ? std::optional<long>(date->days()) : std::nullopt;
}

}  // namespace

BOOST_AUTO_TEST_CASE(one_term_part_is_bit_identical_to_the_matcher) {
    const Xapian::Database db(corpus_db());
    const Xapian::docid doc = 1;
    size_t checked = 0;
    for (auto t = db.termlist_begin(doc); t != db.termlist_end(doc); ++t) {
        if (t.get_wdf() == 0) continue;
        const auto weights = matcher_weights(db, Xapian::Query(*t));
        // BM25Weight's formula for this term and document, by hand
        // (k1 1, k3 1, b 0.5, min_normlen 0.5; wqf 1).
        const Xapian::doccount n = db.get_doccount(), tf = db.get_termfreq(*t);
        double tw = (n - tf + 0.5) / (tf + 0.5);
        if (tw < 2) tw = tw * 0.5 + 1;
        const double termweight = std::log(tw) * 1.0 * (2.0 * 1.0 / 2.0) * 2.0;
        const double len_factor = 1 / (double(db.get_total_length()) / n);
        const double normlen = std::max(db.get_doclength(doc) * len_factor, 0.5);
        const double wdf = t.get_wdf();
        const double by_hand = termweight * (wdf / (1.0 * (normlen * 0.5 + 0.5) + wdf));
        BOOST_TEST_REQUIRE(weights.count(doc) == 1u);
        BOOST_TEST((weights.at(doc) == by_hand), *t << ": " << weights.at(doc) << " != " << by_hand);
        const double scored = news::WindowScorer::part(news::WindowScorer::term_weight(n, tf),
                                                       news::WindowScorer::length_part(len_factor, db.get_doclength(doc)),
                                                       t.get_wdf());
        BOOST_TEST((weights.at(doc) == scored), *t);
        ++checked;
    }
    BOOST_TEST(checked > 20u);
}

// The scorer against the matcher for a query of a document's terms, over
// its date window, for every dated document of the corpus: same documents,
// same weights to the last bit (which needs the OR tree's summation order).
BOOST_AUTO_TEST_CASE(scorer_weighs_window_documents_as_the_matcher_does) {
    const Xapian::Database db(corpus_db());
    news::WindowScorer scorer(db);
    // The in-memory postings, from the termlists, must give the same doubles.
    news::WindowScorer kept(db);
    for (Xapian::docid doc = 1; doc <= db.get_lastdocid(); ++doc) kept.add(doc);
    std::vector<uint8_t> in_window(db.get_lastdocid() + 1, 0);
    size_t queries = 0, matches = 0;
    for (Xapian::docid doc = 1; doc <= db.get_lastdocid(); ++doc) {
        const auto day = day_of(db, doc);
        if (!day) continue;
        // Query sizes vary, so trees of many shapes are checked; one term
        // absent from the database keeps its leaf in the matcher's tree.
        std::vector<std::string> terms = some_terms(db, doc, 5 + doc % 45);
        if (doc % 3 == 0) {
            terms.push_back("zzzabsent");
            std::sort(terms.begin(), terms.end());
        }
        std::vector<Xapian::Query> window{Xapian::Query(std::string(news::schema::prefix::kUndated))};
        std::fill(in_window.begin(), in_window.end(), 0);
        auto mark = [&](const std::string& term) {
            for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) in_window[*p] = 1;
        };
        mark(std::string(news::schema::prefix::kUndated));
        for (long d = *day - news::kDateWindowDays; d <= *day + news::kDateWindowDays; ++d) {
            const std::string term = news::schema::term(news::schema::prefix::kDay, news::Date::from_days(d).key());
            window.emplace_back(term);
            mark(term);
        }
        const Xapian::Query query(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                                  Xapian::Query(Xapian::Query::OP_OR, window.begin(), window.end()));
        const auto expected = matcher_weights(db, query);
        for (const bool from_memory : {false, true}) {
            std::map<Xapian::docid, double> scored;
            for (const auto& m : (from_memory ? kept : scorer).score(terms, in_window, from_memory))
                scored.emplace(m.doc, m.weight);
            BOOST_TEST_REQUIRE(scored.size() == expected.size(), "document " << doc << " memory " << from_memory);
            for (const auto& [d, w] : expected) {
                BOOST_TEST_REQUIRE(scored.count(d) == 1u, "document " << doc << " match " << d);
                BOOST_TEST((scored.at(d) == w), "document " << doc << " match " << d << " memory " << from_memory
                                                           << ": " << scored.at(d) << " != " << w);
            }
        }
        // Read run by run (skip_to each run's start), with runs of several
        // gaps: the window as one run (common terms' lists then skip to it),
        // runs with short gaps left inside, and one run per stretch of
        // consecutive ids.
        std::vector<Xapian::docid> window_docs;
        for (Xapian::docid d = 1; d < in_window.size(); ++d)
            if (in_window[d]) window_docs.push_back(d);
        uint64_t window_name = doc * 8;
        for (const Xapian::docid gap : {db.get_lastdocid(), Xapian::docid{4}, Xapian::docid{0}}) {
            const auto runs = news::WindowScorer::runs_of(window_docs, gap);
            // Each window named for the scorer to keep its postings: read
            // from the lists, then from what was kept, then (after another
            // query of another term set) kept again.
            ++window_name;
            for (int pass = 0; pass < 3; ++pass) {
                if (pass == 1) {
                    scorer.score(some_terms(db, doc, 7), in_window, false, &runs, window_name);
                    continue;
                }
                std::map<Xapian::docid, double> scored;
                for (const auto& m : scorer.score(terms, in_window, false, &runs, window_name)) scored.emplace(m.doc, m.weight);
                BOOST_TEST_REQUIRE((scored == expected), "document " << doc << " runs with gap " << gap << " pass " << pass);
            }
            std::map<Xapian::docid, double> scored;
            for (const auto& m : scorer.score(terms, in_window, false, &runs)) scored.emplace(m.doc, m.weight);
            BOOST_TEST_REQUIRE((scored == expected), "document " << doc << " runs with gap " << gap);
        }
        matches += expected.size();
        ++queries;
    }
    BOOST_TEST(queries > 300u);
    BOOST_TEST(matches > 1000u);
}

// A whole build with NEWS_VERIFY_CANDIDATES=1: each worker ranks every
// dated article both ways and counts the differences (none expected).
BOOST_AUTO_TEST_CASE(build_verifies_scorer_against_matcher) {
    test::TempDir dir;
    const auto r = test::run({test::index_bin(), "--db", dir / "db", "build", "--quiet", "--jobs", "1", test::corpus_dir()},
                             {{"NEWS_VERIFY_CANDIDATES", "1"}});
    BOOST_TEST_REQUIRE(r.status == 0, test::show(r));
    const size_t at = r.err.find("verify-candidates: ");
    BOOST_TEST_REQUIRE(at != std::string::npos, test::show(r));
    const std::string line = r.err.substr(at, r.err.find('\n', at) - at);
    BOOST_TEST(line.find(" 0 weight mismatches") != std::string::npos, line);
    BOOST_TEST(line.find(" 0 candidate lists differ, 0 match counts differ") != std::string::npos, line);
    BOOST_TEST(line.find(": 0 articles") == std::string::npos, line);
}

// Runs of document ids: ascending, gaps up to the one given kept inside.
BOOST_AUTO_TEST_CASE(window_runs_merge_short_gaps) {
    using Runs = news::WindowScorer::DocidRuns;
    const std::vector<Xapian::docid> docs{1, 2, 3, 7, 8, 20, 21, 60};
    BOOST_TEST((news::WindowScorer::runs_of(docs, 0) == Runs{{1, 3}, {7, 8}, {20, 21}, {60, 60}}));
    BOOST_TEST((news::WindowScorer::runs_of(docs, 3) == Runs{{1, 8}, {20, 21}, {60, 60}}));
    BOOST_TEST((news::WindowScorer::runs_of(docs, 100) == Runs{{1, 60}}));
    BOOST_TEST(news::WindowScorer::runs_of({}, 5).empty());
}

// Documents removed from the in-memory postings stop matching, and one
// added back counts once (its old postings are dropped first).
BOOST_AUTO_TEST_CASE(removed_documents_leave_the_memory_postings) {
    const Xapian::Database db(corpus_db());
    news::WindowScorer scorer(db), reference(db);
    std::vector<uint8_t> all(db.get_lastdocid() + 1, 1);
    for (Xapian::docid doc = 1; doc <= db.get_lastdocid(); ++doc) scorer.add(doc);
    const std::vector<std::string> terms = some_terms(db, 5, 30);
    auto weights = [&](news::WindowScorer& s, bool from_memory) {
        std::map<Xapian::docid, double> out;
        for (const auto& m : s.score(terms, all, from_memory)) out.emplace(m.doc, m.weight);
        return out;
    };
    const auto expected = weights(reference, false);
    BOOST_TEST_REQUIRE(expected.size() > 10u);
    const size_t full = scorer.memory_bytes();
    for (Xapian::docid doc = 1; doc <= db.get_lastdocid(); ++doc) scorer.remove(doc);
    // Removing more than half compacts.
    BOOST_TEST(scorer.memory_bytes() < full);
    for (Xapian::docid doc = 1; doc <= db.get_lastdocid(); ++doc) scorer.add(doc);
    scorer.add(5);
    BOOST_TEST((weights(scorer, true) == expected));
    scorer.remove(5);
    scorer.add(5);
    BOOST_TEST((weights(scorer, true) == expected));
}
