#define BOOST_TEST_MODULE similarity_tests
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <map>
#include <ostream>
#include <sstream>
#include <initializer_list>
#include <memory>
#include <string>

#include "common/dedup_decision.h"
#include "common/reference_frequencies.h"
#include "common/schema.h"
#include "similarity_corpus.h"

using news::Relation;

namespace {

std::string describe(const news::Evidence& e) {
    std::ostringstream s;
    s << "cosine " << e.cosine << " numbers " << e.numbers << " entities " << e.entities << " length " << e.length;
    return s.str();
}

// Two money-market reports from one template: the same words, other numbers.
const char* kMorning =
    "The Bank of England said it had provided the money market with 120 mln stg assistance in the morning "
    "session. This compares with the Bank's estimate of a shortage in the system of around 450 mln stg which "
    "it earlier revised up from 400 mln. The central bank made outright purchases of bank bills comprising "
    "35 mln stg in band one at 10-7/8 pct and 85 mln stg in band two at 10-13/16 pct.";
const char* kAfternoon =
    "The Bank of England said it had provided the money market with 215 mln stg assistance in the morning "
    "session. This compares with the Bank's estimate of a shortage in the system of around 650 mln stg which "
    "it earlier revised up from 550 mln. The central bank made outright purchases of bank bills comprising "
    "64 mln stg in band one at 11-1/8 pct and 151 mln stg in band two at 11-3/16 pct.";

news::Article template_article(const std::string& id, const std::string& body) {
    news::Article a;
    a.id = id;
    a.title = "U.K. MONEY MARKET GIVEN HELP";
    a.body = body;
    a.source = "Reuters";
    a.date_text = "1987-03-02";
    a.date = news::parse_date(a.date_text);
    return a;
}

// Articles indexed into an in-memory database of their own; call it to weigh
// one of them by that database's statistics.
class IndexedArticles {
public:
    explicit IndexedArticles(std::initializer_list<const news::Article*> articles) {
        for (const auto* a : articles) db_.add_document(builder_.build(*a).document);
        weights_ = std::make_unique<news::TermWeights>(db_);
    }
    news::WeighedFingerprint operator()(const news::Article& a) {
        return news::weigh(builder_.build(a).fingerprint, *weights_);
    }

private:
    news::DocumentBuilder builder_;
    Xapian::WritableDatabase db_{std::string(), Xapian::DB_BACKEND_INMEMORY};
    std::unique_ptr<news::TermWeights> weights_;
};

news::WeighedFingerprint weighed(news::Fingerprint fp, std::vector<double> weights) {
    news::WeighedFingerprint w;
    w.fp = std::move(fp);
    w.weights = std::move(weights);
    return w;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(similarity_tests, test::SimilarityFixture)

BOOST_AUTO_TEST_CASE(rewrites_of_one_article_are_one_story) {
    BOOST_TEST_INFO(describe(c.evidence("seed0", "seed1")));
    BOOST_TEST(c.relation("seed0", "seed1") == Relation::kSameStory);
    BOOST_TEST(c.relation("seed0", "seed3") == Relation::kSameStory);
    BOOST_TEST(c.relation("seed1", "seed3") == Relation::kSameStory);
    BOOST_TEST(c.relation("seed2", "seed4") == Relation::kSameStory);
}

BOOST_AUTO_TEST_CASE(different_articles_about_one_event_are_not_one_story) {
    BOOST_TEST_INFO(describe(c.evidence("seed0", "seed2")));
    BOOST_TEST(c.relation("seed0", "seed2") != Relation::kSameStory);
    BOOST_TEST(c.relation("seed1", "seed4") != Relation::kSameStory);
    BOOST_TEST(c.relation("seed3", "seed2") != Relation::kSameStory);
}

BOOST_AUTO_TEST_CASE(unrelated_news_is_different) {
    BOOST_TEST(c.relation("seed0", "reuters-1") == Relation::kDifferent);
    BOOST_TEST(c.relation("reuters-1", "reuters-2") == Relation::kDifferent);
}

BOOST_AUTO_TEST_CASE(comparison_is_symmetric) {
    const auto ab = c.evidence("seed0", "seed2"), ba = c.evidence("seed2", "seed0");
    BOOST_TEST(ab.cosine == ba.cosine, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(ab.numbers == ba.numbers);
    BOOST_TEST(ab.entities == ba.entities);
    BOOST_TEST(ab.length == ba.length);
    const auto self = c.evidence("seed1", "seed1");
    BOOST_TEST(self.cosine == 1.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(news::judge(self) == Relation::kSameStory);
}

BOOST_AUTO_TEST_CASE(template_stories_with_other_numbers_are_not_one_story) {
    news::DocumentBuilder builder;
    const auto a = builder.build(template_article("mm-1", kMorning));
    const auto b = builder.build(template_article("mm-2", kAfternoon));
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    db.add_document(a.document);
    db.add_document(b.document);
    // Some unrelated documents, so that idf is not degenerate.
    for (int n = 0; n < 5; ++n) db.add_document(builder.build(news::read_text_article(test::seed_path(n))).document);
    news::TermWeights weights(db);
    const auto e = news::compare(news::weigh(a.fingerprint, weights), news::weigh(b.fingerprint, weights));
    BOOST_TEST_INFO(describe(e));
    BOOST_TEST(e.cosine > 0.8);  // the words agree...
    BOOST_TEST(e.numbers < 0.5);  // ...the numbers do not
    BOOST_TEST(news::judge(e) != Relation::kSameStory);

    // The same report, re-sent unchanged, is one story.
    const auto resent = builder.build(template_article("mm-3", kMorning));
    const auto same = news::compare(news::weigh(a.fingerprint, weights), news::weigh(resent.fingerprint, weights));
    BOOST_TEST(news::judge(same) == Relation::kSameStory);
}

BOOST_AUTO_TEST_CASE(reports_of_one_event_share_rare_names_and_stems) {
    // Seeds 000 and 002 are separately written reports of one meeting: they
    // share its names (Blinken, Wang Yi, Beijing) and rare words; a Reuters
    // item of 1987 shares fewer with a seed.
    const auto event = c.evidence("seed0", "seed2");
    BOOST_TEST_INFO(describe(event) << " rare names " << event.rare_entities << " stems " << event.rare_stems);
    BOOST_TEST(event.rare_entities >= 2u);
    BOOST_TEST(event.rare_stems >= 5u);
    const auto unrelated = c.evidence("seed0", "reuters-1");
    BOOST_TEST(unrelated.rare_entities < event.rare_entities);
    BOOST_TEST(unrelated.rare_stems < event.rare_stems);
    // Rarity is the reference corpus's, alike from either side.
    const auto back = c.evidence("seed2", "seed0");
    BOOST_TEST(back.rare_entities == event.rare_entities);
    BOOST_TEST(back.rare_numbers == event.rare_numbers);
    BOOST_TEST(back.rare_stems == event.rare_stems);
}

// Words are weighed by a fixed reference corpus, not by the database: the
// same two articles give the same evidence whatever else the database holds,
// so incremental builds in any order judge each pair alike.
BOOST_AUTO_TEST_CASE(evidence_does_not_depend_on_the_rest_of_the_database) {
    news::DocumentBuilder builder;
    const auto a = builder.build(news::read_text_article(test::seed_path(0)));
    const auto b = builder.build(news::read_text_article(test::seed_path(3)));
    Xapian::WritableDatabase alone(std::string(), Xapian::DB_BACKEND_INMEMORY);
    alone.add_document(a.document);
    alone.add_document(b.document);
    Xapian::WritableDatabase crowded(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (int n = 0; n < 5; ++n) crowded.add_document(builder.build(news::read_text_article(test::seed_path(n))).document);
    news::TermWeights few(alone), many(crowded);
    const auto e1 = news::compare(news::weigh(a.fingerprint, few), news::weigh(b.fingerprint, few));
    const auto e2 = news::compare(news::weigh(a.fingerprint, many), news::weigh(b.fingerprint, many));
    BOOST_TEST(e1.cosine == e2.cosine);
    BOOST_TEST(e1.senses == e2.senses);
    BOOST_TEST(e1.senses_max == e2.senses_max);
    BOOST_TEST(e1.rare_entities == e2.rare_entities);
    BOOST_TEST(e1.rare_numbers == e2.rare_numbers);
    BOOST_TEST(e1.rare_stems == e2.rare_stems);
    BOOST_TEST((news::dedup_features(e1) == news::dedup_features(e2)));
}

BOOST_AUTO_TEST_CASE(reference_frequencies_know_common_words_and_default_to_one) {
    BOOST_TEST(news::reference_articles() > 20000);
    // "said" is in most wire reports; a word the reference never saw counts once.
    BOOST_TEST(news::reference_frequency("Zsaid") > news::reference_articles() / 4);
    BOOST_TEST(news::reference_frequency("said") > news::reference_frequency("Zblinken"));
    BOOST_TEST(news::reference_frequency("Zqxzvunseenword") == 1u);
    BOOST_TEST(news::reference_frequency("") == 1u);
    // The table's first and last terms: every term between is read in step.
    BOOST_TEST(news::reference_frequency("0") > 100u);
    BOOST_TEST(news::reference_frequency("zy") > 1u);
    BOOST_TEST(news::reference_frequency("zurich") > 1u);
    // Found by binary search: beyond either end, and a term's prefix, are not terms.
    BOOST_TEST(news::reference_frequency("zzz") == 1u);
    BOOST_TEST(news::reference_frequency("!") == 1u);
    BOOST_TEST(news::reference_frequency("zuric") == 1u);
    // Numbers as indexed, with their separators.
    BOOST_TEST(news::reference_frequency("1,000") > 1u);
    news::TermWeights weights(Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY));
    BOOST_TEST(weights.idf("Zsaid") < weights.idf("Zqxzvunseenword"));
}

// A word the reference hardly has but a large archive is full of (a
// sign-off) counts as common there: by steps of the database's share, and
// only in databases large enough for their own statistics to mean anything.
BOOST_AUTO_TEST_CASE(a_word_common_in_a_large_database_counts_as_common) {
    const std::string signoff = "Zsignoffword";  // in no reference article
    const auto database = [&](int articles, int with_signoff, const std::string& word = "Zsignoffword") {
        Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
        for (int n = 0; n < articles; ++n) {
            Xapian::Document doc;
            doc.add_term("Zarticl" + std::to_string(n));
            if (n < with_signoff) doc.add_term(word);
            db.add_document(doc);
        }
        return db;
    };
    const news::TermWeights reference_only(Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY));
    const double unseen = reference_only.idf(signoff);
    // Too small a database: the reference alone decides.
    BOOST_TEST(news::TermWeights(database(999, 999)).idf(signoff) == unseen);
    // Under the line (5% of 1,000 articles): unchanged.
    BOOST_TEST(news::TermWeights(database(1000, 50)).idf(signoff) == unseen);
    // Over it: as in 10% of the reference's articles, under the candidate
    // query's cut; in 88%, as in 90%.
    const news::TermWeights just_over(database(1000, 51));
    BOOST_TEST(just_over.idf(signoff) == std::log(1.0 + 1.0 / 0.10), boost::test_tools::tolerance(1e-9));
    BOOST_TEST(just_over.idf(signoff) < std::log(1.0 + 1.0 / news::kDatabaseCommonStep));
    const news::TermWeights most(database(1000, 880));
    BOOST_TEST(most.idf(signoff) == std::log(1.0 + 1.0 / 0.90), boost::test_tools::tolerance(1e-9));
    // A word commoner in the reference than in the database keeps the
    // reference's weight, and a word the database lacks is as unseen.
    BOOST_TEST(most.idf("Zsaid") == reference_only.idf("Zsaid"));
    BOOST_TEST(most.idf("Zqxzvunseenword") == unseen);
    // An ordinary word somewhat commoner than in the reference (in 5% of its
    // articles, in 8% of these) keeps the reference's weight.
    BOOST_TEST(news::reference_frequency("Zaccount") < 0.06 * news::reference_articles());
    BOOST_TEST(news::TermWeights(database(1000, 80, "Zaccount")).idf("Zaccount") == reference_only.idf("Zaccount"));
}

BOOST_AUTO_TEST_CASE(numbers_are_looked_up_as_the_index_writes_them) {
    news::DocumentBuilder builder;
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    news::Article a;
    a.id = "grouped";
    a.title = "Output";
    a.body = "Output was 1,750 tonnes and 2500 barrels, up 12 pct.";
    db.add_document(builder.build(a).document);
    BOOST_TEST(news::indexed_number(db, "1750") == "1,750");  // written with a separator
    BOOST_TEST(news::indexed_number(db, "2500") == "2500");    // written without
    BOOST_TEST(news::indexed_number(db, "12") == "12");
    BOOST_TEST(news::indexed_number(db, "1234567.5") == "1,234,567.5");  // not in the index: the usual form
}

BOOST_AUTO_TEST_CASE(overlaps_count_against_the_smaller_list) {
    news::Fingerprint a, b;
    a.terms = {{"Zx", 1}};
    b.terms = {{"Zx", 1}};
    a.numbers = {"1", "2", "3", "4"};
    b.numbers = {"1", "2"};
    a.entities = {"wang"};
    b.entities = {};  // no names: no evidence against
    a.words = 100;
    b.words = 25;
    a.day = 10;
    b.day = 14;
    const auto e = news::compare(weighed(a, {1.0}), weighed(b, {1.0}));
    BOOST_TEST(e.cosine == 1.0);
    BOOST_TEST(e.numbers == 1.0);
    BOOST_TEST(e.entities == 1.0);
    BOOST_TEST(e.length == 0.25);
    BOOST_TEST(e.days.value() == 4);
    b.numbers = {"2", "9"};
    BOOST_TEST(news::compare(weighed(a, {1.0}), weighed(b, {1.0})).numbers == 0.5);
    b.day.reset();
    BOOST_TEST(!news::compare(weighed(a, {1.0}), weighed(b, {1.0})).days.has_value());
}

BOOST_AUTO_TEST_CASE(figures_match_across_their_forms) {
    const auto v = [](const char* n) { return news::number_value(n); };
    BOOST_TEST(news::same_figure(v("4.9m"), v("4895720")));    // "4.9 mln" and 4,895,720
    BOOST_TEST(news::same_figure(v("4895720"), v("4.9m")));
    BOOST_TEST(news::same_figure(v("1.5b"), v("1500m")));      // "1.5 bln", "1,500 mln"
    BOOST_TEST(news::same_figure(v("17.50"), v("17.5")));
    BOOST_TEST(news::same_figure(v("5m"), v("5000000")));      // equal, whatever the digits
    BOOST_TEST(!news::same_figure(v("5m"), v("4895720")));     // one digit is too loose a rounding
    BOOST_TEST(news::same_figure(v("4.9m"), v("4949999")));
    BOOST_TEST(!news::same_figure(v("4.9m"), v("4960000")));
    BOOST_TEST(!news::same_figure(v("4.9"), v("4895720")));    // no scale: no rounding
    BOOST_TEST(news::same_figure(v("4.9m"), v("4.9")));        // the digits as written, as before
    BOOST_TEST(news::same_figure(v("1.5b"), v("1.5t")));       // a spinner's "trillion" for "billion"
    BOOST_TEST(!news::same_figure(v("11:40"), v("11:40")));    // not a value (strings match those)
    BOOST_TEST(v("4.90m").digits == 3);
    BOOST_TEST(v("4900000").digits == 2);
    // Through weigh() and compare(): a table re-keyed with rounded figures.
    news::Fingerprint a, b;
    a.terms = b.terms = {{"Zx", 1}};
    a.numbers = {"1173000", "17.50", "3"};
    b.numbers = {"1.2m", "17.5", "3"};
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    news::TermWeights weights(db);
    const auto wa = news::weigh(a, weights), wb = news::weigh(b, weights);
    const auto e = news::compare(wa, wb);
    BOOST_TEST(e.numbers == 1.0);
    BOOST_TEST(e.novel_numbers == 0u);
    BOOST_TEST(e.added_numbers == 0u);
    BOOST_TEST(news::compare(wb, wa).numbers == 1.0);
    b.numbers = {"1.3m", "17.5", "3"};
    BOOST_TEST(news::compare(wa, news::weigh(b, weights)).novel_numbers == 2u);
}

BOOST_AUTO_TEST_CASE(one_symbol_in_both_headings) {
    news::Fingerprint a, b;
    a.terms = b.terms = {{"Zx", 1}};
    a.tickers = {"KASL"};
    b.tickers = {"ACME", "KASL"};
    BOOST_TEST(news::compare(weighed(a, {1.0}), weighed(b, {1.0})).same_ticker);
    b.tickers = {"ACME"};
    BOOST_TEST(!news::compare(weighed(a, {1.0}), weighed(b, {1.0})).same_ticker);
    b.tickers.clear();
    BOOST_TEST(!news::compare(weighed(a, {1.0}), weighed(b, {1.0})).same_ticker);
}

BOOST_AUTO_TEST_CASE(what_only_one_article_has_is_counted_both_ways) {
    news::Fingerprint a, b;
    a.terms = b.terms = {{"Zx", 1}};
    a.numbers = {"1", "2", "3", "4"};  // a table keyed twice, one figure changed and one added
    b.numbers = {"1", "2", "9"};
    a.entities = {"acme", "wang"};
    b.entities = {"acme"};
    a.shingles = {1, 2, 3, 4};
    b.shingles = {1, 2};
    const auto ab = news::compare(weighed(a, {1.0}), weighed(b, {1.0}));
    const auto ba = news::compare(weighed(b, {1.0}), weighed(a, {1.0}));
    BOOST_TEST(ab.novel_numbers == 3u);  // 3 and 4 in a, 9 in b
    BOOST_TEST(ab.novel_entities == 1u);
    BOOST_TEST(ab.shingles == 1.0);             // all of the shorter's word pairs...
    BOOST_TEST(ab.shingles_of_longer == 0.5);   // ...are half of the longer's
    BOOST_TEST(ba.novel_numbers == ab.novel_numbers);
    BOOST_TEST(ba.novel_entities == ab.novel_entities);
    BOOST_TEST(ba.shingles_of_longer == ab.shingles_of_longer);
    const auto self = news::compare(weighed(a, {1.0}), weighed(a, {1.0}));
    BOOST_TEST(self.novel_numbers == 0u);
    BOOST_TEST(self.novel_entities == 0u);
    BOOST_TEST(self.shingles_of_longer == 1.0);
}

// A copy cut shorter keeps whole sentences of its original, figures and
// all; a separately written report of the same news keeps none.
BOOST_AUTO_TEST_CASE(a_cut_copy_keeps_whole_sentences) {
    const std::string lead = "Acme Corp said on Monday it would buy Widget Inc for 17-1/2 dlrs a share in cash. ";
    const std::string second = "The offer values Widget at about 450 mln dlrs, Acme chairman John Smith told reporters. ";
    const std::string third = "Widget shares closed at 15 dlrs on Friday on the New York Stock Exchange.";
    news::Article original = template_article("acme-1", lead + second + third);
    original.title = "ACME TO BUY WIDGET";
    news::Article cut = original;
    cut.id = "acme-2";
    cut.body = "Acme Corp said on Monday it would buy Widget Inc for 17.5 dlrs a share in cash. " + second;
    news::Article separate = original;
    separate.id = "acme-3";
    separate.body = "Widget Inc agreed to a takeover by Acme Corp, which will pay 17.5 dlrs for each share, "
                    "according to John Smith. Widget stock ended last week at 15 dlrs in New York.";
    IndexedArticles w({&original, &cut, &separate});
    const auto copy = news::compare(w(original), w(cut));
    BOOST_TEST(copy.shared_sentences == 1.0);  // both of the cut copy's sentences ("17-1/2" is 17.5)
    BOOST_TEST(copy.sentences_kept == 2u);
    BOOST_TEST(copy.lead_shared);
    const auto back = news::compare(w(cut), w(original));
    BOOST_TEST(back.shared_sentences == copy.shared_sentences);
    BOOST_TEST(back.sentences_kept == copy.sentences_kept);
    const auto report = news::compare(w(original), w(separate));
    BOOST_TEST(report.shared_sentences == 0.0);
    BOOST_TEST(!report.lead_shared);
    BOOST_TEST(report.numbers > 0.5);  // the figures agree; the sentences do not
}

// A copy with its words swapped keeps its original's names and figures in
// their order; a separately written report names them in an order of its own.
BOOST_AUTO_TEST_CASE(a_reworded_copy_keeps_names_and_figures_in_order) {
    news::Article original = template_article(
        "acme-1", "Acme Corp said on Monday it would buy Widget Inc for 17-1/2 dlrs a share in cash. The offer "
                  "values Widget at about 450 mln dlrs, Acme chairman John Smith told reporters. Widget shares "
                  "closed at 15 dlrs on Friday on the New York Stock Exchange.");
    original.title = "ACME TO BUY WIDGET";
    news::Article spun = original;
    spun.id = "acme-2";
    spun.body = "Acme Corp stated on Monday it was going to acquire Widget Inc for 17.5 dollars per share in "
                "money. The bid puts a price on Widget of roughly 450 million dollars, Acme boss John Smith "
                "informed journalists. Widget stock finished at 15 dollars on Friday on the New York Stock "
                "Exchange.";
    news::Article separate = original;
    separate.id = "acme-3";
    separate.body = "John Smith, chairman of Acme, told reporters a bid of 450 mln dlrs had been agreed. Widget "
                    "shareholders, whose stock was at 15 dlrs in New York on Friday, will get 17.5 dlrs each "
                    "from Acme Corp.";
    IndexedArticles w({&original, &spun, &separate});
    const auto copy = news::compare(w(original), w(spun));
    BOOST_TEST(copy.anchor_order == 1.0);
    BOOST_TEST(news::compare(w(spun), w(original)).anchor_order == copy.anchor_order);
    const auto report = news::compare(w(original), w(separate));
    BOOST_TEST(report.numbers == 1.0);  // the same figures ...
    BOOST_TEST(report.anchor_order < 0.7);  // ... named in another order
    news::Article bare = original;
    bare.id = "acme-4";
    bare.body = "It said so on Monday.";
    const auto unordered = news::compare(w(original), w(bare));  // too few to order: no evidence against
    BOOST_TEST(unordered.anchor_order == 1.0);
    BOOST_TEST(!unordered.anchors_ordered);
    BOOST_TEST(copy.anchors_ordered);
}

// A spun copy swaps content words and keeps the function words between
// them in their order; a separately written report of the same news puts
// its own there.
BOOST_AUTO_TEST_CASE(a_spun_copy_keeps_the_runs_of_function_words) {
    news::Article original = template_article(
        "talks-1", "The talks between the two sides were held in the capital on Monday, and they ended "
                   "without an agreement. Officials said that both of them would meet again before the end "
                   "of the month. It was the first time that the ministers had met since the dispute began "
                   "over the border in the spring.");
    original.title = "TALKS END WITHOUT AGREEMENT";
    news::Article spun = original;
    spun.id = "talks-2";
    spun.body = "The negotiations between the pair of parties were conducted in the city on Monday, and they "
                "finished without an accord. Authorities stated that both of them would gather again before the "
                "close of the month. It was the initial occasion that the envoys had convened since the row "
                "started over the frontier in the spring.";
    news::Article separate = original;
    separate.id = "talks-3";
    separate.body = "No agreement came out of Monday's talks in the capital. Ministers, meeting for the first "
                    "time since their border dispute flared in the spring, plan another round this month, "
                    "according to officials who were present at the meeting.";
    IndexedArticles w({&original, &spun, &separate});
    const auto copy = news::compare(w(original), w(spun));
    BOOST_TEST(copy.function_runs > 0.75);  // "the pair of parties" breaks the runs through "of"
    BOOST_TEST(news::compare(w(spun), w(original)).function_runs == copy.function_runs);
    BOOST_TEST(copy.cosine < 0.8);  // the words themselves were swapped
    BOOST_TEST(news::compare(w(original), w(separate)).function_runs < 0.2);
    news::Article brief = original;
    brief.id = "talks-4";
    brief.body = "The talks were held in the capital.";
    const auto too_few = news::compare(w(original), w(brief));  // too few runs to say
    BOOST_TEST(too_few.function_runs == 0.0);
    BOOST_TEST(!too_few.function_runs_counted);
    BOOST_TEST(copy.function_runs_counted);
}

// The decision rule on hand-made evidence: only what common/similarity.h
// promises whatever the thresholds are.
BOOST_AUTO_TEST_CASE(judge_rule) {
    news::Evidence strong;  // identical articles on one day
    strong.cosine = 1;
    strong.numbers = 1;
    strong.entities = 1;
    strong.shingles = 1;
    strong.shingles_of_longer = 1;
    strong.senses = strong.senses_max = 1;
    strong.shared_sentences = 1;
    strong.sentences_kept = 25;
    strong.lead_shared = true;
    strong.length = 1;
    strong.shorter_body = 500;
    strong.days = 0;
    strong.minutes = 0;
    BOOST_TEST(news::judge(strong) == Relation::kSameStory);

    auto undated = strong;  // undated articles can still be versions
    undated.days.reset();
    undated.minutes.reset();
    BOOST_TEST(news::judge(undated) == Relation::kSameStory);

    auto far_apart = strong;  // outside every date window
    far_apart.days = 365;
    far_apart.minutes = 365L * 1440;
    BOOST_TEST(news::judge(far_apart) == Relation::kDifferent);

    // A template item with other figures: the same words, but every figure
    // differs, so each side has numbers the other lacks and the word runs
    // through the figures differ.
    auto other_numbers = strong;
    other_numbers.numbers = 0;
    other_numbers.novel_numbers = 8;
    other_numbers.added_numbers = 4;
    other_numbers.shingles = 0.6;
    BOOST_TEST(news::judge(other_numbers) != Relation::kSameStory);

    news::Evidence unrelated;
    unrelated.cosine = 0.02;
    unrelated.numbers = 0;
    unrelated.entities = 0;
    unrelated.shingles = 0;
    unrelated.length = 0.8;
    unrelated.shorter_body = 300;
    unrelated.days = 0;
    BOOST_TEST(news::judge(unrelated) == Relation::kDifferent);
}

// A correction notice cut to the corrected paragraph shares little text with
// the item it corrects, but names it: it quotes its headline.
BOOST_AUTO_TEST_CASE(a_correction_notice_quoting_a_headline_is_a_version_of_it) {
    news::DocumentBuilder builder;
    news::Article original;
    original.id = "orig";
    original.title = "HEINEKEN N.V. <HEIN.AS> 1986 YEAR";
    original.body = "Pre-tax profit 513.2 mln guilders vs 545.5 mln\n    Net profit 285.3 mln guilders vs 265.4 mln\n"
                    "    Consolidated net turnover 6.68 billion guilders vs 6.40 billion";
    original.date = news::parse_date("1987-03-06T11:28:25");
    news::Article notice;
    notice.id = "notice";
    notice.body = "CORRECTION - HEINEKEN 1986 YEAR\n    In item headlined \"HEINEKEN N.V. <HEIN.AS> 1986 YEAR\" please\n"
                  "read in first line pre-tax profit 513.2 mln guilders vs 454.5\nmln.\n"
                  "    Corrects year ago comparison to 454.5 mln from 545.5 mln.";
    notice.date = news::parse_date("1987-03-06T12:28:37");
    news::Article other = original;  // another company's results, not quoted
    other.id = "other";
    other.title = "AKZO N.V. <AKZO.AS> 1986 YEAR";
    const auto fo = builder.build(original).fingerprint, fn = builder.build(notice).fingerprint,
               fx = builder.build(other).fingerprint;
    BOOST_TEST(fn.correction);
    BOOST_TEST((fn.corrected_heading == std::vector<std::string>{"hein", "heineken", "year"}));
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    news::TermWeights weights(db);
    const auto e = news::compare(news::weigh(fn, weights), news::weigh(fo, weights));
    BOOST_TEST(e.corrects_other);
    BOOST_TEST(news::compare(news::weigh(fo, weights), news::weigh(fn, weights)).corrects_other);
    const auto d = news::decide(e);
    BOOST_TEST(d.relation == Relation::kSameStory);
    BOOST_TEST_REQUIRE(!d.rules.empty());
    BOOST_TEST(std::string(d.rules.back().name) == "correction-of");
    BOOST_TEST(!news::compare(news::weigh(fn, weights), news::weigh(fx, weights)).corrects_other);
    auto late = e;  // versions come within four days
    late.days = 6;
    late.minutes = 6L * 1440;
    BOOST_TEST(news::judge(late) != Relation::kSameStory);
}

BOOST_AUTO_TEST_CASE(relation_names) {
    BOOST_TEST(std::string(news::to_string(Relation::kSameStory)) == "same-story");
    BOOST_TEST(std::string(news::to_string(Relation::kSameEvent)) == "same-event");
    BOOST_TEST(std::string(news::to_string(Relation::kDifferent)) == "different");
}

BOOST_AUTO_TEST_SUITE_END()

// A fingerprint's senses are packed with their terms' indexes in 32 bits
// while the indexes fit, and kept wide beyond: both give the senses evidence
// a plain reading of its definition gives (the share of each side's term
// weight found in the other verbatim or through a WordNet sense of one that
// is an own or broader sense of the other).
BOOST_AUTO_TEST_CASE(packed_and_wide_senses_give_the_defined_evidence) {
    BOOST_TEST(news::sense_count() <= (size_t{1} << news::kSenseIdBits));
    news::DocumentBuilder builder;
    const auto spun = builder.build(news::read_text_article(test::seed_path(4)));
    const auto original = builder.build(news::read_text_article(test::seed_path(2)));
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    db.add_document(spun.document);
    db.add_document(original.document);
    news::TermWeights weights(db);
    news::Fingerprint padded = spun.fingerprint;
    // Past what a packed index holds: terms with no senses, in neither article.
    for (size_t i = 0; padded.terms.size() <= (size_t{1} << news::kSenseTermBits); ++i)
        padded.terms.emplace_back("Zzqpad" + std::to_string(100000 + i), 1);
    std::sort(padded.terms.begin(), padded.terms.end());
    const auto b = news::weigh(original.fingerprint, weights);
    BOOST_TEST_REQUIRE(b.wide_term_senses.empty());
    for (const auto& fp : {spun.fingerprint, padded}) {
        const auto a = news::weigh(fp, weights);
        BOOST_TEST_REQUIRE(a.wide_term_senses.empty() == (fp.terms.size() == spun.fingerprint.terms.size()));
        const size_t prefix = news::schema::prefix::kStemmed.size();
        // The definition, term by term.
        auto cover = [&](const news::WeighedFingerprint& x, const news::WeighedFingerprint& y) {
            double sum = 0;
            for (size_t i = 0; i < x.fp.terms.size(); ++i) {
                bool shared = false;
                for (size_t j = 0; j < y.fp.terms.size() && !shared; ++j) {
                    if (x.fp.terms[i].first == y.fp.terms[j].first) shared = true;
                    const news::SenseList xs = weights.senses(x.fp.terms[i].first, prefix),
                                          ys = weights.senses(y.fp.terms[j].first, prefix);
                    const auto meet = [&shared](news::SenseList p, news::SenseList q) {
                        for (const uint32_t s : p)
                            for (const uint32_t t : q) shared = shared || s == t;
                    };
                    meet(xs, ys);
                    meet(xs, ys.broader());
                    meet(xs.broader(), ys);
                }
                if (shared) sum += x.weights[i] * x.weights[i];
            }
            return sum;
        };
        const double a_cover = cover(a, b), b_cover = cover(b, a);
        const news::Evidence e = news::compare(a, b);
        BOOST_TEST(e.senses == std::min(a_cover, b_cover), boost::test_tools::tolerance(1e-12));
        BOOST_TEST(e.senses_max == std::max(a_cover, b_cover), boost::test_tools::tolerance(1e-12));
        // Synonyms count: for the spun copy itself (not padded), more than the words.
        if (a.wide_term_senses.empty()) BOOST_TEST(e.senses > e.cosine);
        const news::Evidence back = news::compare(b, a);
        BOOST_TEST(back.senses == e.senses, boost::test_tools::tolerance(1e-12));
    }
}
