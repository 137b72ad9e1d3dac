// Story timelines: the word diff (unit) and `news-search --timeline` on the
// seeds, whose 000, 001 and 003 are versions of one article.
#define BOOST_TEST_MODULE timeline_tests
#include <boost/test/unit_test.hpp>

#include "cli_support.h"
#include "searcher/word_diff.h"

namespace {

using news::DiffOp;

std::vector<const DiffOp*> changes_of(const news::WordDiff& d) {
    std::vector<const DiffOp*> out;
    for (const auto& op : d.ops)
        if (op.kind != DiffOp::Kind::kEqual) out.push_back(&op);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(word_diff)

BOOST_AUTO_TEST_CASE(identical_texts_have_no_changes) {
    const auto d = news::diff_words("The talks went well.", "the talks  went well");
    BOOST_TEST(d.identical());
    BOOST_TEST(d.ops.size() == 1u);
    BOOST_TEST(d.ops[0].after == "the talks went well");
}

BOOST_AUTO_TEST_CASE(insertion_deletion_and_replacement_are_told_apart) {
    const auto d = news::diff_words("Blinken met Wang in Beijing on Monday", "Blinken met Wang Yi in Beijing on Sunday");
    const auto c = changes_of(d);
    BOOST_TEST_REQUIRE(c.size() == 2u);
    BOOST_TEST(std::string(to_string(c[0]->kind)) == "inserted");
    BOOST_TEST(c[0]->after == "Yi");
    BOOST_TEST(std::string(to_string(c[1]->kind)) == "replaced");
    BOOST_TEST(c[1]->before == "Monday");
    BOOST_TEST(c[1]->after == "Sunday");
    BOOST_TEST(d.inserted == 1u);
    BOOST_TEST(d.replaced == 1u);
    const auto gone = news::diff_words("talks were frank and long", "talks were long");
    BOOST_TEST_REQUIRE(changes_of(gone).size() == 1u);
    BOOST_TEST(std::string(to_string(changes_of(gone)[0]->kind)) == "deleted");
    BOOST_TEST(changes_of(gone)[0]->before == "frank and");
}

BOOST_AUTO_TEST_CASE(numbers_are_called_out) {
    const auto d = news::diff_words("after seven and a half hours of talks on 18 June",
                                    "after seven hours of talks on 19 June");
    size_t numbers = 0;
    for (const auto* op : changes_of(d)) numbers += op->numbers;
    BOOST_TEST(numbers == 2u);  // "and a half" and 18 -> 19
}

BOOST_AUTO_TEST_CASE(inserted_link_lines_are_marked) {
    const auto d = news::diff_words("First paragraph.\nSecond paragraph.",
                                    "First paragraph.\nREAD: Another story entirely\nSecond paragraph.");
    const auto c = changes_of(d);
    BOOST_TEST_REQUIRE(c.size() == 1u);
    BOOST_TEST(c[0]->link_line);
    BOOST_TEST(c[0]->after == "READ: Another story entirely");
    // "READ" in running text is not a link line.
    const auto plain = news::diff_words("We all", "We all READ: books");
    BOOST_TEST(!changes_of(plain).at(0)->link_line);
}

BOOST_AUTO_TEST_CASE(synonym_swaps_are_marked_where_wordnet_is_installed) {
    const auto d = news::diff_words("steps to mend their relationship", "steps to repair their relationship");
    const auto c = changes_of(d);
    BOOST_TEST_REQUIRE(c.size() == 1u);
    BOOST_TEST(std::string(to_string(c[0]->kind)) == "replaced");
    if (!std::filesystem::exists("/usr/share/wordnet/index.verb") && !std::getenv("NEWS_WORDNET_DIR")) return;
    BOOST_TEST(c[0]->synonym);
    BOOST_TEST(d.synonym_swaps == 1u);
    // Unrelated words are not synonyms.
    BOOST_TEST(!changes_of(news::diff_words("a red car", "a fast car")).at(0)->synonym);
}

BOOST_AUTO_TEST_CASE(long_texts_stay_bounded_and_correct) {
    // 3,000 words each: past the word-by-word table, diffed line by line first.
    std::string before, after;
    for (int line = 0; line < 300; ++line) {
        std::string words;
        for (int w = 0; w < 10; ++w) words += "w" + std::to_string(line * 10 + w) + " ";
        before += words + "\n";
        after += (line == 150 ? "changed " + words : words) + "\n";
    }
    const auto d = news::diff_words(before, after);
    BOOST_TEST(d.inserted == 1u);
    BOOST_TEST(d.deleted == 0u);
    BOOST_TEST(d.words_after == 3001u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(cli_timeline, test::CorpusFixture)

BOOST_AUTO_TEST_CASE(seeds_000_001_003_are_one_timeline_in_publication_order) {
    const auto r = test::search(db, {"--timeline", test::seed_path(1), "--format", "json"});
    BOOST_TEST_REQUIRE(r.status == 0, test::show(r));
    const auto doc = test::parse_json(r);
    std::vector<std::string> ids;
    for (const auto& e : doc["timeline"]) ids.push_back(e["id"]);
    BOOST_TEST_REQUIRE(doc["timeline"].size() >= 3u, test::show(r));
    for (int seed : {0, 1, 3})
        BOOST_TEST(std::count(ids.begin(), ids.end(), test::seed_id(seed)) == 1, "seed " << seed);
    // Publication order: dated entries oldest first, undated after them in id order.
    const auto& entries = doc["timeline"];
    for (size_t i = 1; i < entries.size(); ++i) {
        const std::string a = entries[i - 1]["date"], b = entries[i]["date"];
        if (!a.empty() && !b.empty()) BOOST_TEST(a <= b);
        BOOST_TEST(!(a.empty() && !b.empty()), "an undated version before a dated one");
        if (a.empty() && b.empty()) BOOST_TEST(std::string(entries[i - 1]["id"]) < std::string(entries[i]["id"]));
    }
    // The first dated version is the first publisher; every later one has a diff.
    BOOST_TEST(entries[0]["changes"].is_null());
    BOOST_TEST(entries[0]["first"] == !std::string(entries[0]["date"]).empty());
    for (size_t i = 1; i < entries.size(); ++i) {
        const auto& c = entries[i]["changes"];
        BOOST_TEST_REQUIRE(c.is_object());
        BOOST_TEST(c["body"].size() > 1u);
        BOOST_TEST(c["inserted"].get<int>() + c["deleted"].get<int>() + c["replaced"].get<int>() > 0);
    }
}

BOOST_AUTO_TEST_CASE(spun_copy_shows_its_synonym_swaps_in_text) {
    const auto r = test::search(db, {"--timeline", test::seed_path(0)});
    BOOST_TEST_REQUIRE(r.status == 0, test::show(r));
    BOOST_TEST(r.out.find("versions, oldest first") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("against 1:") != std::string::npos, r.out);
    BOOST_TEST(r.out.find(" → ") != std::string::npos, r.out);
    if (std::filesystem::exists("/usr/share/wordnet/index.verb"))
        BOOST_TEST(r.out.find("(synonym)") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(every_format_and_an_unknown_id) {
    for (const char* format : {"jsonl", "tsv"}) {
        const auto r = test::search(db, {"--timeline", test::seed_path(3), "--format", format});
        BOOST_TEST(r.status == 0, test::show(r));
        BOOST_TEST(test::lines_of(r.out).size() >= 4u, r.out);
    }
    const auto missing = test::search(db, {"--timeline", "no-such-article"});
    BOOST_TEST(missing.status == 2);
    BOOST_TEST(missing.err.find("no article with id no-such-article") != std::string::npos, missing.err);
}

BOOST_AUTO_TEST_SUITE_END()
