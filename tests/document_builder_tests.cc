#define BOOST_TEST_MODULE document_builder_tests
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "common/article.h"
#include "common/error.h"
#include "common/fingerprint_storage.h"
#include "common/keys.h"
#include "common/recency_weight.h"
#include "common/schema.h"
#include "indexer/document_builder.h"

namespace schema = news::schema;

namespace {

news::Article sample() {
    news::Article a;
    a.id = "reuters-42";
    a.title = "Blinken meets Wang Yi in Beijing";
    a.body = "US Secretary of State Antony Blinken held talks with Wang Yi on Monday. "
             "The talks lasted 1,750 minutes, officials said.";
    a.source = "Reuters";
    a.url = "https://www.Reuters.com:443/world/china?x=1";
    a.date_text = "2023-06-19T10:20:30Z";
    a.date = news::parse_date(a.date_text);
    a.path = "/corpus/r.jsonl";
    a.line = 42;
    return a;
}

std::set<std::string> terms_of(const Xapian::Document& doc) {
    std::set<std::string> out;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) out.insert(*t);
    return out;
}

struct Builder {
    news::DocumentBuilder builder;
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(document_builder_tests, Builder)

BOOST_AUTO_TEST_CASE(unique_id_term) {
    const auto built = builder.build(sample());
    const auto terms = terms_of(built.document);
    BOOST_TEST(built.id_term == "Qreuters-42");
    BOOST_TEST(terms.count("Qreuters-42") == 1u);
}

BOOST_AUTO_TEST_CASE(title_terms_under_the_title_prefix) {
    const auto terms = terms_of(builder.build(sample()).document);
    for (const char* t : {"Sblinken", "Swang", "Sbeijing", "Smeets"}) BOOST_TEST(terms.count(t) == 1u, t);
    // Body-only words are not title terms, but are free-text terms.
    BOOST_TEST(terms.count("Stalks") == 0u);
    BOOST_TEST(terms.count("talks") == 1u);
    BOOST_TEST(terms.count("Ztalk") == 1u);
    // Title words are free-text terms too.
    BOOST_TEST(terms.count("blinken") == 1u);
}

BOOST_AUTO_TEST_CASE(title_words_have_positions_for_phrases) {
    const auto doc = builder.build(sample()).document;
    auto t = doc.termlist_begin();
    t.skip_to("wang");
    BOOST_TEST_REQUIRE(*t == "wang");
    BOOST_TEST(t.positionlist_count() >= 1u);
}

BOOST_AUTO_TEST_CASE(source_and_site_terms_are_lower_case) {
    const auto terms = terms_of(builder.build(sample()).document);
    BOOST_TEST(terms.count("XSOURCEreuters") == 1u);
    BOOST_TEST(terms.count("XSOURCEReuters") == 0u);
    BOOST_TEST(terms.count("Hwww.reuters.com") == 1u);
    BOOST_TEST(news::url_host("https://user@www.BBC.co.uk:8080/x#y") == "www.bbc.co.uk");
    BOOST_TEST(news::url_host("no scheme").empty());

    auto a = sample();
    a.source.clear();
    a.url.clear();
    const auto bare = terms_of(builder.build(a).document);
    for (const auto& t : bare) {
        BOOST_TEST(t.compare(0, 7, "XSOURCE") != 0, t);
        BOOST_TEST(!(t.size() > 1 && t[0] == 'H'), t);
    }
}

BOOST_AUTO_TEST_CASE(date_values) {
    const auto doc = builder.build(sample()).document;
    BOOST_TEST(doc.get_value(schema::slot::kDate) == "20230619");
    const double ts = Xapian::sortable_unserialise(doc.get_value(schema::slot::kTimestamp));
    BOOST_TEST(ts == 19527.0 * 86400 + 37230);
    BOOST_TEST(terms_of(doc).count(std::string(schema::prefix::kUndated)) == 0u);
    BOOST_TEST(terms_of(doc).count(schema::term(schema::prefix::kDay, "20230619")) == 1u);
}

BOOST_AUTO_TEST_CASE(recency_weight_doubles_every_half_life) {
    const auto doc = builder.build(sample()).document;
    const double stored = Xapian::sortable_unserialise(doc.get_value(schema::slot::kRecencyWeight));
    BOOST_TEST(stored == news::recency_weight(19527.0 * 86400 + 37230));
    const double day = 86400, t = 19527.0 * day;
    BOOST_TEST(news::recency_weight(t + news::kRecencyHalfLifeDays * day) / news::recency_weight(t) == 2.0,
               boost::test_tools::tolerance(1e-12));
    // Far outside the representable span the weights stay finite and positive.
    BOOST_TEST(news::recency_weight(-1e12) > 0.0);
    BOOST_TEST(std::isfinite(news::recency_weight(1e12)));
}

BOOST_AUTO_TEST_CASE(undated_article_is_marked) {
    auto a = sample();
    a.date_text.clear();
    a.date.reset();
    const auto doc = builder.build(a).document;
    BOOST_TEST(doc.get_value(schema::slot::kDate).empty());
    BOOST_TEST(doc.get_value(schema::slot::kRecencyWeight).empty());
    BOOST_TEST(terms_of(doc).count(std::string(schema::prefix::kUndated)) == 1u);
    for (const auto& term : terms_of(doc)) BOOST_TEST(term.rfind(schema::prefix::kDay, 0) != 0u, term);
}

BOOST_AUTO_TEST_CASE(story_and_event_keys_start_as_the_ids_group_key) {
    const auto doc = builder.build(sample()).document;
    const std::string key = news::group_key("reuters-42");
    BOOST_TEST(doc.get_value(schema::slot::kStory) == key);
    BOOST_TEST(doc.get_value(schema::slot::kEvent) == key);
    const auto terms = terms_of(doc);
    BOOST_TEST(terms.count("XSTORY" + key) == 1u);
    BOOST_TEST(terms.count("XEVENT" + key) == 1u);
}

BOOST_AUTO_TEST_CASE(content_hash_tracks_content) {
    const auto a = builder.build(sample());
    const auto b = builder.build(sample());
    BOOST_TEST(a.content_hash.size() == 8u);
    BOOST_TEST(a.content_hash == b.content_hash);
    BOOST_TEST(a.document.get_value(schema::slot::kContentHash) == a.content_hash);

    auto changed = sample();
    changed.body += " A correction was added.";
    BOOST_TEST(builder.build(changed).content_hash != a.content_hash);
    auto retitled = sample();
    retitled.title += "!";
    BOOST_TEST(builder.build(retitled).content_hash != a.content_hash);
    // Moving text between fields is a change too.
    auto moved = sample();
    moved.title = "Blinken meets Wang Yi in Beijin";
    moved.body = "g" + moved.body;
    BOOST_TEST(builder.build(moved).content_hash != a.content_hash);
}

BOOST_AUTO_TEST_CASE(building_is_repeatable_with_one_builder) {
    // The builder reuses its TermGenerator: an earlier article must not leak into the next.
    auto other = sample();
    other.id = "other";
    other.title = "Cocoa review";
    other.body = "Showers continued throughout the week in the Bahia cocoa zone.";
    auto positions_of_blinken = [](const Xapian::Document& doc) {
        std::vector<Xapian::termpos> out;
        auto t = doc.termlist_begin();
        t.skip_to("blinken");
        if (t == doc.termlist_end() || *t != "blinken") return out;
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) out.push_back(*p);
        return out;
    };
    const auto first_doc = builder.build(sample()).document;
    builder.build(other);
    const auto again_doc = builder.build(sample()).document;
    BOOST_TEST(terms_of(first_doc) == terms_of(again_doc), "term sets differ");
    const auto first = positions_of_blinken(first_doc), again = positions_of_blinken(again_doc);
    BOOST_TEST_REQUIRE(!first.empty());
    BOOST_TEST(first == again, "positions differ");  // positions restart for each document
}

BOOST_AUTO_TEST_CASE(stored_shingles_keep_their_low_32_bits_sorted_and_unique) {
    std::vector<uint64_t> shingles = {0x100000002ull, 2, 0xffffffff00000001ull, 5};
    news::keep_stored_shingle_bits(shingles);
    BOOST_TEST((shingles == std::vector<uint64_t>{1, 2, 5}));
}

BOOST_AUTO_TEST_CASE(a_truncated_fingerprint_slot_is_malformed) {
    const auto built = builder.build(sample());
    const std::string slot = built.document.get_value(schema::slot::kFingerprint);
    for (const size_t cut : {size_t{1}, size_t{3}, slot.size() / 2}) {
        Xapian::Document doc;
        doc.add_value(schema::slot::kFingerprint, slot.substr(0, cut));
        BOOST_CHECK_THROW(news::stored_fingerprint(doc), news::Error);
    }
}

BOOST_AUTO_TEST_CASE(fingerprint_and_data_are_stored) {
    const auto built = builder.build(sample());
    BOOST_TEST(!built.document.get_value(schema::slot::kFingerprint).empty());
    // What the database gives back is the fingerprint made, terms and all.
    BOOST_TEST(news::serialise_fingerprint(news::stored_fingerprint(built.document)) ==
               news::serialise_fingerprint(built.fingerprint));
    BOOST_TEST(!built.fingerprint.terms.empty());
    BOOST_TEST(built.fingerprint.day.value() == 19527);
    // The terms are not in the slot but come back from the stored termlist,
    // and the shingles are stored in 4 bytes each.
    BOOST_TEST_REQUIRE(!built.fingerprint.shingles.empty());
    auto full_width = built.fingerprint;
    full_width.shingles.assign(full_width.shingles.size(), ~uint64_t{0});
    BOOST_TEST(built.document.get_value(schema::slot::kFingerprint).size() <
               news::serialise_fingerprint(full_width).size() - 4 * full_width.shingles.size());
    for (const uint64_t h : built.fingerprint.shingles) BOOST_TEST(h <= 0xffffffffu);
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    const Xapian::docid id = db.add_document(built.document);
    BOOST_TEST(news::serialise_fingerprint(news::stored_fingerprint(db.get_document(id))) ==
               news::serialise_fingerprint(built.fingerprint));
    const auto stored = news::unserialise_article(built.document.get_data());
    BOOST_TEST(stored.id == "reuters-42");
    BOOST_TEST(stored.title == sample().title);
    BOOST_TEST(stored.body == sample().body);
    BOOST_TEST(stored.source == "Reuters");
    BOOST_TEST(stored.line == 42);
    BOOST_TEST(stored.date.value().iso() == "2023-06-19");
}

BOOST_AUTO_TEST_CASE(a_stored_fingerprint_survives_new_group_keys_and_words_that_are_not_terms) {
    auto built = builder.build(sample());
    // Words of the fingerprint that the document is not indexed under are
    // stored spelled out, the others as references to its terms.
    built.fingerprint.entities.push_back("zz-not-a-term");
    built.fingerprint.numbers.insert(built.fingerprint.numbers.begin(), "0000");
    built.fingerprint.shingles = {7, 0xffffffffu, 3, 1u << 31};
    Xapian::Document doc = built.document;
    news::store_fingerprint(doc, built.fingerprint);
    // Duplicate detection regroups a document by changing its group key terms.
    const std::string story = doc.get_value(schema::slot::kStory);
    doc.remove_term(schema::term(schema::prefix::kStory, story));
    doc.add_boolean_term(schema::term(schema::prefix::kStory, "0000000000000000"));
    doc.add_boolean_term(schema::term(schema::prefix::kEvent, "ffffffffffffffff"));
    const auto stored = news::stored_fingerprint(doc);
    BOOST_TEST(news::serialise_fingerprint(stored) == news::serialise_fingerprint(built.fingerprint));
    BOOST_TEST((stored.shingles == std::vector<uint64_t>{3, 7, 1u << 31, 0xffffffffu}));
    BOOST_TEST(stored.entities.back() == "zz-not-a-term");
    BOOST_TEST(stored.numbers.front() == "0000");
}

BOOST_AUTO_TEST_CASE(long_ids_are_bounded) {
    auto a = sample();
    a.id = "https://example.com/" + std::string(400, 'x');
    const auto built = builder.build(a);
    BOOST_TEST(built.id_term.size() <= 245u);
    BOOST_TEST(built.id_term == news::id_term(a.id));
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    BOOST_CHECK_NO_THROW(db.add_document(built.document));
}

BOOST_AUTO_TEST_SUITE_END()
