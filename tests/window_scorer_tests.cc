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
        for (const Xapian::docid gap : {db.get_lastdocid(), Xapian::docid{4}, Xapian::docid{0}}) {
            const auto runs = news::WindowScorer::runs_of(window_docs, gap);
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
    // Pruned weighing (WindowScorer::score_top) keeps the same weights and
    // its bounds hold.
    BOOST_TEST(line.find(" 0 pruned weights differ, 0 bound violations") != std::string::npos, line);
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

namespace {

// The window of `day` in `db` (kDateWindowDays either side, undated
// documents included) as marks by docid.
std::vector<uint8_t> window_of(const Xapian::Database& db, long day) {
    std::vector<uint8_t> in_window(db.get_lastdocid() + 1, 0);
    auto mark = [&](const std::string& term) {
        for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) in_window[*p] = 1;
    };
    mark(std::string(news::schema::prefix::kUndated));
    for (long d = day - news::kDateWindowDays; d <= day + news::kDateWindowDays; ++d)
        mark(news::schema::term(news::schema::prefix::kDay, news::Date::from_days(d).key()));
    return in_window;
}

std::vector<Xapian::docid> marked(const std::vector<uint8_t>& in_window) {
    std::vector<Xapian::docid> docs;
    for (Xapian::docid d = 1; d < in_window.size(); ++d)
        if (in_window[d]) docs.push_back(d);
    return docs;
}

// score_top() against score(): what it returns is a subset weighed to the
// same doubles, holding every document (self aside) whose rounded weight
// reaches the k-th best; unpruned, it is all of score(); pruned, score()
// has more than k documents besides self. Returns whether it pruned.
bool check_top(news::WindowScorer& scorer, const std::vector<std::string>& terms, const std::vector<uint8_t>& in_window,
               const news::WindowScorer::DocidRuns& runs, Xapian::docid self, size_t k,
               news::WindowScorer::Probe probe, const std::string& what) {
    std::map<Xapian::docid, double> all;
    for (const auto& m : scorer.score(terms, in_window, false, &runs)) all.emplace(m.doc, m.weight);
    const auto top = scorer.score_top(terms, in_window, runs, self, k, probe);
    std::map<Xapian::docid, double> kept;
    for (const auto& m : top.matches) kept.emplace(m.doc, m.weight);
    BOOST_TEST_REQUIRE(kept.size() == top.matches.size(), what << ": a document returned twice");
    for (const auto& [d, w] : kept) {
        BOOST_TEST_REQUIRE(all.count(d) == 1u, what << ": " << d << " does not match");
        BOOST_TEST_REQUIRE((all.at(d) == w), what << ": " << d << " weighs " << w << " != " << all.at(d));
    }
    std::vector<long long> others;
    for (const auto& [d, w] : all)
        if (d != self) others.push_back(news::candidate_score(w));
    if (!top.pruned) {
        BOOST_TEST_REQUIRE(kept.size() == all.size(), what << ": unpruned, yet documents are missing");
        return false;
    }
    BOOST_TEST_REQUIRE(others.size() > k, what << ": pruned with " << others.size() << " matches");
    std::nth_element(others.begin(), others.begin() + (k - 1), others.end(), std::greater<long long>());
    const long long cut = others[k - 1];
    for (const auto& [d, w] : all)
        if (d != self && news::candidate_score(w) >= cut)
            BOOST_TEST_REQUIRE(kept.count(d) == 1u, what << ": " << d << " reaches the cut but was pruned");
    if (all.count(self)) BOOST_TEST_REQUIRE(kept.count(self) == 1u, what << ": self pruned");
    return true;
}

}  // namespace

// No posting of the corpus gives a term more than its bound.
BOOST_AUTO_TEST_CASE(term_bounds_hold_for_every_posting) {
    const Xapian::Database db(corpus_db());
    news::WindowScorer scorer(db);
    const double len_factor = 1 / (double(db.get_total_length()) / db.get_doccount());
    size_t postings = 0;
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
        const double bound = scorer.term_bound(*t);
        const double weight = news::WindowScorer::term_weight(db.get_doccount(), t.get_termfreq());
        for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p, ++postings) {
            const double part = news::WindowScorer::part(
                weight, news::WindowScorer::length_part(len_factor, db.get_doclength(*p)), p.get_wdf());
            if (part > bound) BOOST_FAIL(*t << " in " << *p << ": " << part << " > bound " << bound);
        }
    }
    BOOST_TEST(postings > 50000u);
}

// score_top() for every dated document's query over its window, with cuts
// of several depths, every way of reading closed lists and several run
// shapes: the candidates it keeps are score()'s best, to the last bit.
BOOST_AUTO_TEST_CASE(pruned_scores_keep_every_document_that_reaches_the_cut) {
    using Probe = news::WindowScorer::Probe;
    const Xapian::Database db(corpus_db());
    news::WindowScorer scorer(db);
    size_t queries = 0, pruned = 0, smaller = 0;
    for (Xapian::docid doc = 1; doc <= db.get_lastdocid(); ++doc) {
        const auto day = day_of(db, doc);
        if (!day) continue;
        const auto in_window = window_of(db, *day);
        const std::vector<std::string> terms = some_terms(db, doc, 10 + doc % 40);
        for (const Xapian::docid gap : {db.get_lastdocid(), Xapian::docid{0}}) {
            const auto runs = news::WindowScorer::runs_of(marked(in_window), gap);
            for (const size_t k : {size_t{1}, size_t{3}, size_t{15}, size_t{40}})
                for (const Probe probe : {Probe::never, Probe::always, Probe::automatic}) {
                    const std::string what = "document " + std::to_string(doc) + " k " + std::to_string(k);
                    if (check_top(scorer, terms, in_window, runs, doc, k, probe, what)) ++pruned;
                    ++queries;
                }
        }
        // Pruning leaves documents out at all.
        const auto runs = news::WindowScorer::runs_of(marked(in_window), 0);
        if (scorer.score_top(terms, in_window, runs, doc, 3).matches.size() <
            scorer.score(terms, in_window, false, &runs).size())
            ++smaller;
    }
    BOOST_TEST(queries > 5000u);
    BOOST_TEST(pruned > queries / 10);
    BOOST_TEST(smaller > 50u);
    BOOST_TEST(scorer.bound_violations() == 0u);
}

namespace {

// A database of `strong` documents sharing a distinctive word, many weak
// ones with two common words, and one (the last) with the common words
// only, twice in one of them.
std::string small_database(const std::string& path, size_t strong, size_t weak) {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
    for (size_t i = 0; i < strong; ++i) {
        Xapian::Document d;
        d.add_term("alpha", 3);
        d.add_term("beta");
        d.add_term("filler" + std::to_string(i), 4);
        db.add_document(d);
    }
    for (size_t i = 0; i < weak; ++i) {
        Xapian::Document d;
        d.add_term("beta");
        d.add_term("gamma");
        d.add_term("filler" + std::to_string(strong + i), 6);
        db.add_document(d);
    }
    db.commit();
    return path;
}

}  // namespace

// Documents tied at the cut are all kept, whatever their number; a
// document refused at one term and met again at a later one is not
// returned (it would lack the first term's part).
BOOST_AUTO_TEST_CASE(pruning_keeps_ties_at_the_cut_and_refused_documents_out) {
    using Probe = news::WindowScorer::Probe;
    test::TempDir dir;
    const Xapian::Database db(small_database(dir / "db", 40, 200));
    news::WindowScorer scorer(db);
    const std::vector<uint8_t> all(db.get_lastdocid() + 1, 1);
    const auto runs = news::WindowScorer::runs_of(marked(all), 0);
    const std::vector<std::string> terms{"alpha", "beta", "gamma"};
    BOOST_TEST_REQUIRE(scorer.term_bound("alpha") > scorer.term_bound("gamma"));
    for (const Probe probe : {Probe::never, Probe::always, Probe::automatic})
        for (const size_t k : {size_t{1}, size_t{15}, size_t{39}}) {
            BOOST_TEST(check_top(scorer, terms, all, runs, 1, k, probe, "ties"));
            const auto top = scorer.score_top(terms, all, runs, 1, k, probe);
            // The 40 strong documents tie (self among them): all are kept,
            // none of the weak ones, though they too match "beta" and "gamma".
            std::vector<Xapian::docid> docs;
            for (const auto& m : top.matches) docs.push_back(m.doc);
            std::sort(docs.begin(), docs.end());
            BOOST_TEST(docs.size() == 40u);
            BOOST_TEST(docs.back() == 40u);
        }
    BOOST_TEST(scorer.bound_violations() == 0u);
}
