// Snippets made by news::make_snippet (MSet::snippet) on real Xapian MSets:
// the passage holds the matches, highlights stemmed forms and phrases, and
// never cuts a word or a UTF-8 character, at any length.
#define BOOST_TEST_MODULE snippet_tests
#include <boost/test/unit_test.hpp>
#include <xapian.h>

#include <set>
#include <string>
#include <vector>

#include "common/fold.h"
#include "common/schema.h"
#include "common/text.h"
#include "searcher/highlight.h"
#include "searcher/query.h"
#include "test_support.h"

namespace {

const std::vector<std::string> kBodies = {
    "Talks in Zürich — the delegation met 习近平 and 王毅 in Beijing; Zürich’s mayor said the talks went well — "
    "“very well” — after talking for hours. Qin Gang, China’s foreign minister, joined the talks on Monday.",
    "Ärzte in München und Köln berichten über Grippe — die Saison ist früh. In Zürich sprachen Ärzte über "
    "Impfungen; 北京 und 上海 melden ebenfalls Fälle. Talks between ministers resume in Zürich next week.",
    "Short 中文 text with Zürich.",
};

// Terms as news-index makes them: accents folded, CJK text as n-grams.
void index_as_news_index(Xapian::TermGenerator& tg, const std::string& text) {
    tg.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
    tg.index_text(news::fold_accents(text));
}

// One in-memory database of kBodies, indexed as news-index indexes bodies.
struct SnippetDb {
    Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
    SnippetDb() {
        Xapian::TermGenerator tg;
        tg.set_stemmer(Xapian::Stem(news::schema::kStemLanguage));
        tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
        for (const auto& body : kBodies) {
            Xapian::Document doc;
            tg.set_document(doc);
            index_as_news_index(tg, body);
            doc.set_data(body);
            db.add_document(doc);
        }
    }
    Xapian::MSet mset(const std::string& query) {
        Xapian::Enquire enquire(db);
        enquire.set_query(news::parse_query(query, db).query);
        return enquire.get_mset(0, 10);
    }
};

bool is_word_byte(char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) || u >= 0x80;
}

// The snippet without its ellipses is a piece of the body that starts and
// ends on word boundaries: it cuts no word and no character.
void check_whole_words(const std::string& body, const news::Highlighted& h, size_t bytes) {
    BOOST_TEST_REQUIRE(!news::find_invalid_utf8(h.text), "invalid UTF-8 at " << bytes << ": " << h.text);
    std::string piece = h.text;
    const std::string ellipsis = "…";
    if (piece.rfind(ellipsis, 0) == 0) piece.erase(0, ellipsis.size());
    if (piece.size() >= ellipsis.size() && piece.compare(piece.size() - ellipsis.size(), ellipsis.size(), ellipsis) == 0)
        piece.erase(piece.size() - ellipsis.size());
    if (piece.empty()) return;
    // Some occurrence of the piece in the body has no word character on
    // both sides of either cut (which would be half a word).
    // A CJK character is a word of its own (FLAG_CJK_NGRAM), so a cut next to one cuts nothing.
    const auto cjk_before = [&](size_t at) {
        size_t lead = at;
        while (lead > 0 && (static_cast<unsigned char>(body[lead - 1]) & 0xC0) == 0x80) --lead;
        return lead > 0 && static_cast<unsigned char>(body[lead - 1]) >= 0xE3;
    };
    const auto cjk_at = [&](size_t at) { return at < body.size() && static_cast<unsigned char>(body[at]) >= 0xE3; };
    bool whole = false, found = false;
    for (size_t at = body.find(piece); at != std::string::npos && !whole; at = body.find(piece, at + 1)) {
        found = true;
        const size_t end = at + piece.size();
        const bool cut_start = at > 0 && is_word_byte(body[at - 1]) && is_word_byte(piece.front()) &&
                               !cjk_before(at) && !cjk_at(at);
        const bool cut_end = end < body.size() && is_word_byte(body[end]) && is_word_byte(piece.back()) &&
                             !cjk_before(end) && !cjk_at(end);
        whole = !cut_start && !cut_end;
    }
    BOOST_TEST(found, "length " << bytes << ": \"" << piece << "\" is not in the body");
    BOOST_TEST(whole, "length " << bytes << ": \"" << piece << "\" cuts a word");
}

std::vector<std::string> marked(const news::Highlighted& h) {
    std::vector<std::string> out;
    for (const auto& [b, e] : h.spans) out.push_back(test::slice_code_points(h.text, b, e));
    return out;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(snippets, SnippetDb)

BOOST_AUTO_TEST_CASE(no_length_cuts_a_word_or_a_character) {
    for (const char* query : {"zürich", "talk", "习近平", "ärzte", "\"Qin Gang\"", "grippe OR zürich"}) {
        const auto m = mset(query);
        BOOST_TEST_REQUIRE(!m.empty(), query);
        for (const auto& body : kBodies) {
            for (size_t bytes = 1; bytes <= body.size() + 10; ++bytes) {
                const auto h = news::make_snippet(m, body, bytes);
                // Xapian aims at the length: punctuation next to a word may go a little over.
                BOOST_TEST(h.text.size() <= bytes + 2 * std::string("…").size() + 12,
                           query << " " << bytes << ": " << h.text << " (" << h.text.size() << " bytes)");
                check_whole_words(body, h, bytes);
                for (const auto& [b, e] : h.spans) BOOST_TEST(e <= news::utf8_length(h.text));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(stemmed_forms_are_highlighted) {
    const auto h = news::make_snippet(mset("talk"), kBodies[0], 400);
    const auto pieces = marked(h);
    BOOST_TEST_REQUIRE(pieces.size() >= 3u, h.text);
    // "talks", "talking": every form whose stem is "talk".
    for (const auto& p : pieces) BOOST_TEST(test::ascii_lower(p).rfind("talk", 0) == 0u, p);
    const auto z = marked(news::make_snippet(mset("zürich"), kBodies[0], 400));
    BOOST_TEST_REQUIRE(z.size() == 2u);
    BOOST_TEST(z[0] == "Zürich");
    BOOST_TEST(z[1].rfind("Zürich", 0) == 0u, z[1]);  // "Zürich’s"
}

BOOST_AUTO_TEST_CASE(phrases_are_highlighted) {
    const auto pieces = marked(news::make_snippet(mset("\"Qin Gang\""), kBodies[0], 400));
    BOOST_TEST_REQUIRE(!pieces.empty());
    for (const auto& p : pieces) BOOST_TEST((p == "Qin" || p == "Gang" || p == "Qin Gang"), p);
}

BOOST_AUTO_TEST_CASE(the_passage_is_the_one_with_the_matches) {
    // Short passages of the second body: the match is near its end.
    for (size_t bytes : {40u, 60u, 80u}) {
        const auto h = news::make_snippet(mset("talks ministers"), kBodies[1], bytes);
        BOOST_TEST(!h.spans.empty(), bytes << ": " << h.text);
        BOOST_TEST(h.text.find("Talks") != std::string::npos, bytes << ": " << h.text);
    }
}

// Matches are not left at a cut edge of the passage: where the text goes on,
// there is context on that side (here the match is one word in a long text).
BOOST_AUTO_TEST_CASE(matches_have_context_on_both_sides) {
    std::string body;
    for (int i = 0; i < 60; ++i) body += "Delegates " + std::to_string(i) + " discussed tariffs quotas and shipping. ";
    body += "An alleged surveillance balloon crossed the coast. ";
    for (int i = 0; i < 60; ++i) body += "Ministers " + std::to_string(i) + " reviewed budgets pensions and taxes. ";
    Xapian::WritableDatabase mem(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem(news::schema::kStemLanguage));
    Xapian::Document doc;
    tg.set_document(doc);
    index_as_news_index(tg, body);
    mem.add_document(doc);
    Xapian::Enquire enquire(mem);
    enquire.set_query(news::parse_query("balloon", mem).query);
    const auto m = enquire.get_mset(0, 10);
    for (size_t bytes : {80u, 120u, 200u, 300u, 500u}) {
        const auto h = news::make_snippet(m, body, bytes);
        BOOST_TEST_REQUIRE(h.spans.size() == 1u, bytes << ": " << h.text);
        const size_t length = news::utf8_length(h.text);
        BOOST_TEST(h.spans[0].first >= length / 5, bytes << ": " << h.text);
        BOOST_TEST(length - h.spans[0].second >= length / 5, bytes << ": " << h.text);
        check_whole_words(body, h, bytes);
    }
}

// Two query words far apart in a long text: two passages joined by " … ",
// each whole words of the text, together showing both words.
BOOST_AUTO_TEST_CASE(words_far_apart_get_two_passages) {
    std::string body = "The glacier in Zürich’s canton retreated again this summer. ";
    for (int i = 0; i < 40; ++i) body += "Delegates " + std::to_string(i) + " discussed tariffs quotas and shipping. ";
    body += "Farmers near 北京 reported an early harvest of apricots. ";
    for (int i = 0; i < 40; ++i) body += "Ministers " + std::to_string(i) + " reviewed budgets pensions and taxes. ";
    Xapian::WritableDatabase mem(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem(news::schema::kStemLanguage));
    Xapian::Document doc;
    tg.set_document(doc);
    index_as_news_index(tg, body);
    mem.add_document(doc);
    Xapian::Enquire enquire(mem);
    const Xapian::Query query = news::parse_query("glacier apricots", mem).query;
    enquire.set_query(query);
    const auto m = enquire.get_mset(0, 10);
    const auto wanted = news::stems_in_document(mem.get_document(1), news::query_words(query));
    BOOST_TEST((wanted == std::set<std::string>{"glacier", "apricot"}));
    for (size_t bytes : {160u, 200u, 300u, 400u}) {
        const auto h = news::make_snippet(m, body, bytes, wanted);
        const auto pieces = marked(h);
        BOOST_TEST((std::set<std::string>(pieces.begin(), pieces.end()) ==
                    std::set<std::string>{"glacier", "apricots"}), bytes << ": " << h.text);
        const size_t join = h.text.find(" … ");
        BOOST_TEST_REQUIRE(join != std::string::npos, bytes << ": " << h.text);
        news::Highlighted first{h.text.substr(0, join), {}}, second{h.text.substr(join + 5), {}};
        check_whole_words(body, first, bytes);
        check_whole_words(body, second, bytes);
        BOOST_TEST(first.text.find("glacier") != std::string::npos, first.text);
        BOOST_TEST(second.text.find("apricots") != std::string::npos, second.text);  // in text order
    }
    // Short snippets have room for one passage only; without words wanted, one passage.
    BOOST_TEST(news::make_snippet(m, body, 100, wanted).text.find(" … ") == std::string::npos);
    BOOST_TEST(news::make_snippet(m, body, 300).text.find(" … ") == std::string::npos);
    // Words the document lacks ask for no second passage.
    const auto absent = news::stems_in_document(mem.get_document(1), news::query_words(news::parse_query("glacier zebras", mem).query));
    BOOST_TEST((absent == std::set<std::string>{"glacier"}));
}

// The search's form, which opens the document's term list only when the
// passage lacks a word of the query, gives what the stems it would find do.
// Each snippet from an MSet of its own: MSet::snippet keeps state between
// calls on one MSet (its background model).
BOOST_AUTO_TEST_CASE(snippets_asking_the_document_only_when_needed_are_the_same) {
    std::string body = "Glacier melt reached record levels this spring. ";
    for (int i = 0; i < 40; ++i) body += "Delegates " + std::to_string(i) + " discussed tariffs quotas and shipping. ";
    body += "Farmers reported an early harvest of apricots. ";
    for (int i = 0; i < 40; ++i) body += "Ministers " + std::to_string(i) + " reviewed budgets pensions and taxes. ";
    Xapian::WritableDatabase mem(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem(news::schema::kStemLanguage));
    Xapian::Document doc;
    tg.set_document(doc);
    index_as_news_index(tg, body);
    mem.add_document(doc);
    for (const std::string text : {"glacier apricots", "glacier", "glacier zebras", "tariffs quotas"}) {
        const Xapian::Query query = news::parse_query(text, mem).query;
        const auto fresh_mset = [&] {
            Xapian::Enquire enquire(mem);
            enquire.set_query(query);
            return enquire.get_mset(0, 10);
        };
        const auto words = news::query_words(query);
        const auto wanted = news::stems_in_document(mem.get_document(1), words);
        for (size_t bytes : {100u, 160u, 300u}) {
            const auto eager = news::make_snippet(fresh_mset(), body, bytes, wanted);
            const auto lazy = news::make_snippet(fresh_mset(), body, bytes, words, mem.get_document(1));
            BOOST_TEST(lazy.text == eager.text, text << " " << bytes);
            BOOST_TEST((lazy.spans == eager.spans), text << " " << bytes);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_length_smaller_than_any_word_gives_no_snippet) {
    BOOST_TEST(news::make_snippet(mset("talk"), kBodies[0], 0).text.empty());
    BOOST_TEST(news::make_snippet(mset("talk"), kBodies[0], 1).text.empty());
    BOOST_TEST(news::make_snippet(mset("talk"), "", 100).text.empty());
}

BOOST_AUTO_TEST_CASE(title_terms_are_unprefixed_for_highlighting) {
    const std::string t(news::schema::prefix::kTitle), z(news::schema::prefix::kStemmed);
    BOOST_TEST(!news::title_terms_unprefixed(Xapian::Query("talks")).has_value());
    const Xapian::Query title_query(Xapian::Query::OP_OR, Xapian::Query(t + "blinken"), Xapian::Query(z + t + "talk"));
    const auto unprefixed = news::title_terms_unprefixed(title_query);
    BOOST_TEST_REQUIRE(unprefixed.has_value());
    std::set<std::string> terms(unprefixed->get_terms_begin(), unprefixed->get_terms_end());
    BOOST_TEST((terms == std::set<std::string>{"blinken", z + "talk"}));
    // Excluded terms are not highlighted.
    const Xapian::Query excluded(Xapian::Query::OP_AND_NOT, Xapian::Query(t + "blinken"), Xapian::Query(t + "china"));
    const auto kept = news::title_terms_unprefixed(excluded);
    BOOST_TEST_REQUIRE(kept.has_value());
    BOOST_TEST((std::vector<std::string>(kept->get_terms_begin(), kept->get_terms_end()) ==
                std::vector<std::string>{"blinken"}));
}

BOOST_AUTO_TEST_SUITE_END()
