// End-to-end tests of words in other scripts and with accents: the real
// binaries on tests/data/lang (articles with accents, CJK titles and curly
// apostrophes). Accents match with or without them and are highlighted as
// written; CJK text is split into words; typographic quotes read as ASCII
// ones; a query without hits shows its suggestion's hits and says so.
#define BOOST_TEST_MODULE cli_language_tests
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

#include "cli_support.h"

using nlohmann::json;
using test::RunResult;
using test::parse_json;
using test::search;
using test::show;

namespace {

struct LangCorpus {
    test::TempDir dir;
    std::string db = dir / "db";
    RunResult build;
    LangCorpus() { build = test::index(db, {"build", test::data_dir() + "/lang"}); }
};

struct LangDb {
    LangCorpus& corpus = []() -> LangCorpus& {
        static LangCorpus c;
        return c;
    }();
    const std::string& db = corpus.db;
    LangDb() { BOOST_TEST_REQUIRE(corpus.build.status == 0, show(corpus.build)); }

    json found(const std::string& query) const {
        const auto r = search(db, {"--format", "json", "--all-versions", query});
        BOOST_TEST(r.status <= 1, show(r));
        return parse_json(r);
    }
    std::set<std::string> ids(const std::string& query) const {
        std::set<std::string> out;
        const json j = found(query);
        for (const auto& h : j.at("hits")) out.insert(h.at("id").get<std::string>());
        return out;
    }
};

// The highlighted pieces of a {"text", "highlights"} object (offsets in code points).
std::vector<std::string> highlighted(const json& h) {
    std::vector<std::string> out;
    const std::string text = h.at("text");
    for (const auto& span : h.at("highlights"))
        out.push_back(test::slice_code_points(text, span.at(0).get<size_t>(), span.at(1).get<size_t>()));
    return out;
}

using Ids = std::set<std::string>;
using Words = std::vector<std::string>;

}  // namespace

BOOST_FIXTURE_TEST_SUITE(accents, LangDb)

BOOST_AUTO_TEST_CASE(words_match_with_or_without_their_accents) {
    BOOST_TEST((ids("cafe") == Ids{"lang-cafe", "lang-cafe-plain"}));
    BOOST_TEST((ids("café") == Ids{"lang-cafe", "lang-cafe-plain"}));
    BOOST_TEST((ids("CAFÉ") == Ids{"lang-cafe", "lang-cafe-plain"}));
    BOOST_TEST((ids("Muller") == Ids{"lang-muller"}));
    BOOST_TEST((ids("naive") == Ids{"lang-zurich"}));
    BOOST_TEST((ids("Strasse") == Ids{"lang-zurich"}));
}

BOOST_AUTO_TEST_CASE(an_accentless_word_is_found_not_corrected) {
    const auto r = search(db, {"Muller"});
    BOOST_TEST(r.status == 0, show(r));
    BOOST_TEST(r.out.find("Showing results for") == std::string::npos, show(r));
    BOOST_TEST(r.out.find("Did you mean") == std::string::npos, show(r));
}

BOOST_AUTO_TEST_CASE(the_original_text_is_highlighted) {
    const json j = found("cafe");
    for (const auto& hit : j.at("hits")) {
        if (hit.at("id") != "lang-cafe") continue;
        BOOST_TEST((highlighted(hit.at("title_highlighted")) == Words{"Café"}));
        BOOST_TEST((highlighted(hit.at("snippet")) == Words{"Café", "café"}));
        BOOST_TEST(hit.at("snippet").at("text").get<std::string>().find("Café du Marché") != std::string::npos);
    }
    const auto text = search(db, {"--color", "always", "Muller"});
    BOOST_TEST(text.out.find("Thomas \x1b[1mMüller\x1b[0m retires") != std::string::npos, show(text));
}

BOOST_AUTO_TEST_CASE(phrases_and_fields_fold_too) {
    BOOST_TEST((ids("\"cafe du marche\"") == Ids{"lang-cafe"}));
    BOOST_TEST((ids("title:cafe") == Ids{"lang-cafe", "lang-cafe-plain"}));
    BOOST_TEST((ids("title:Zurich") == Ids{"lang-zurich"}));
    BOOST_TEST((ids("source:\"Lyon Weekly\" café") == Ids{"lang-cafe"}));
    const json phrase = found("\"Café du Marché\"");
    BOOST_TEST_REQUIRE(phrase.at("hits").size() == 1u);
    BOOST_TEST((highlighted(phrase.at("hits")[0].at("snippet")) == Words{"Café du Marché"}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(cjk, LangDb)

BOOST_AUTO_TEST_CASE(a_word_inside_unspaced_text_is_found) {
    BOOST_TEST((ids("中国") == Ids{"lang-cjk"}));
    BOOST_TEST((ids("布林肯") == Ids{"lang-cjk"}));
    BOOST_TEST((ids("title:外交部") == Ids{"lang-cjk"}));
    const json j = found("布林肯");
    BOOST_TEST_REQUIRE(j.at("hits").size() == 1u);
    BOOST_TEST(j.at("hits")[0].at("title_highlighted").at("highlights").size() > 0u);
    BOOST_TEST(j.at("suggestion").is_null());
}

BOOST_AUTO_TEST_CASE(text_not_in_the_corpus_finds_nothing) {
    const auto r = search(db, {"日本"});
    BOOST_TEST(r.status == 1, show(r));
    BOOST_TEST(r.out.find("Did you mean") == std::string::npos, show(r));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(typographic_quotes, LangDb)

BOOST_AUTO_TEST_CASE(a_curly_apostrophe_is_no_misspelling) {
    for (const char* query : {"\"China’s envoy\"", "“China’s envoy”", "China’s envoy", "council’s"}) {
        const auto r = search(db, {query});
        BOOST_TEST(r.status == 0, query << "\n" << show(r));
        BOOST_TEST(r.out.find("Did you mean") == std::string::npos, query << "\n" << show(r));
        BOOST_TEST(r.out.find("Showing results for") == std::string::npos, query << "\n" << show(r));
    }
    BOOST_TEST((ids("“China’s envoy”") == Ids{"lang-envoy"}));
    BOOST_TEST((ids("\"China's envoy\"") == Ids{"lang-envoy"}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(suggestions, LangDb)

BOOST_AUTO_TEST_CASE(no_hits_shows_the_suggestions_hits_and_says_so) {
    const auto r = search(db, {"blinkin"});
    BOOST_TEST(r.status == 0, show(r));
    BOOST_TEST(r.out.rfind("Showing results for: blinken (instead of: blinkin)\n", 0) == 0u, show(r));
    BOOST_TEST(r.out.find("No matches") == std::string::npos, show(r));
    const json j = found("blinkin");
    BOOST_TEST(j.at("corrected") == true);
    BOOST_TEST(j.at("suggestion") == "blinken");
    BOOST_TEST(j.at("query") == "blinkin");
    BOOST_TEST(j.at("hits").size() == 1u);
}

BOOST_AUTO_TEST_CASE(suggestions_stay_within_a_small_edit_distance) {
    // "cafe" and "came" are in the corpus, two edits from these short words.
    for (const char* far : {"cash", "gave"}) {
        const json j = found(far);
        BOOST_TEST(j.at("suggestion").is_null(), far << ": " << j.at("suggestion"));
    }
    // One edit away in a short word, two in a long one, are suggested.
    BOOST_TEST(found("leds").at("suggestion") == "leeds");
    BOOST_TEST(found("rennovatin").at("suggestion") == "renovation");
}

BOOST_AUTO_TEST_SUITE_END()
