#define BOOST_TEST_MODULE fold_tests
#include <boost/test/unit_test.hpp>

#include <string>

#include "common/fold.h"

using news::fold_accents;
using news::fold_accents_mapped;

BOOST_AUTO_TEST_SUITE(fold_tests)

BOOST_AUTO_TEST_CASE(latin_letters_lose_their_accents) {
    BOOST_TEST(fold_accents("Café") == "Cafe");
    BOOST_TEST(fold_accents("Müller") == "Muller");
    BOOST_TEST(fold_accents("naïve Zürich") == "naive Zurich");
    BOOST_TEST(fold_accents("ÀÉÎÕÜ àéîõü ç ñ å") == "AEIOU aeiou c n a");
    BOOST_TEST(fold_accents("Łódź, Dvořák, Şişli, Nguyễn") == "Lodz, Dvorak, Sisli, Nguyen");
}

BOOST_AUTO_TEST_CASE(letters_read_as_two_letters_become_two) {
    BOOST_TEST(fold_accents("Straße") == "Strasse");
    BOOST_TEST(fold_accents("Æsir œuvre") == "AEsir oeuvre");
    BOOST_TEST(fold_accents("Ørsted Þór") == "Orsted THor");
}

BOOST_AUTO_TEST_CASE(decomposed_accents_are_dropped_after_a_letter) {
    BOOST_TEST(fold_accents("Cafe\u0301") == "Cafe");           // e + combining acute
    BOOST_TEST(fold_accents("Mu\u0308ller") == "Muller");       // u + combining diaeresis
    BOOST_TEST(fold_accents("\u0301x") == "\u0301x");           // nothing to belong to
}

BOOST_AUTO_TEST_CASE(other_text_is_unchanged) {
    for (const std::string text : {"", "plain ASCII, 1987.", "中国外交部长会见布林肯", "Путин й ё", "Αθήνα",
                                   "China’s “envoy” — 5 × 3 ÷ 2 €"})
        BOOST_TEST(fold_accents(text) == text);
    // Invalid UTF-8 passes through byte for byte.
    BOOST_TEST(fold_accents("a\xff\xc3") == "a\xff\xc3");
}

BOOST_AUTO_TEST_CASE(word_boundaries_stay_where_they_were) {
    // Letters fold to letters only, so a word stays one word.
    const std::string folded = fold_accents("l'été à Montréal, ½ coût");
    BOOST_TEST(folded == "l'ete a Montreal, ½ cout");
}

BOOST_AUTO_TEST_CASE(mapped_folding_points_back_at_the_original) {
    const std::string original = "Le Café, Straße";
    const auto f = fold_accents_mapped(original);
    BOOST_TEST(f.text == "Le Cafe, Strasse");
    BOOST_TEST_REQUIRE(f.source.size() == f.text.size() + 1);
    BOOST_TEST(f.source.back() == original.size());
    // "e" of "Cafe" comes from "é" (two bytes at 6); "," from the byte after it.
    BOOST_TEST(f.source[6] == 6u);
    BOOST_TEST(f.source[7] == 8u);
    // Both letters of "ss" come from "ß".
    const size_t ss = f.text.find("ss");
    BOOST_TEST(f.source[ss] == original.find("ß"));
    BOOST_TEST(f.source[ss + 1] == original.find("ß"));
    BOOST_TEST(f.source[ss + 2] == original.find("ß") + 2);
    // A span of the folded text maps to the same word of the original.
    const size_t cafe = f.text.find("Cafe");
    BOOST_TEST(original.substr(f.source[cafe], f.source[cafe + 4] - f.source[cafe]) == "Café");
}

BOOST_AUTO_TEST_CASE(a_dropped_accent_belongs_to_its_letter) {
    const std::string original = "Cafe\u0301 x";
    const auto f = fold_accents_mapped(original);
    BOOST_TEST(f.text == "Cafe x");
    // The word's end maps past the combining accent, so it stays in a highlight.
    BOOST_TEST(original.substr(f.source[0], f.source[4]) == "Cafe\u0301");
}

BOOST_AUTO_TEST_SUITE_END()
