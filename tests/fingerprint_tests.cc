#define BOOST_TEST_MODULE fingerprint_tests
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/fingerprint.h"
#include "common/stopwords.h"
#include "common/varint.h"
#include "indexer/document_builder.h"

namespace {

struct Scan {
    std::vector<std::string> numbers, entities, words;
    std::vector<uint32_t> sentence_ends;
    explicit Scan(const std::string& text) {
        news::TextScan scan;
        news::scan_text(text, scan);
        numbers = std::move(scan.numbers);
        entities = std::move(scan.entities);
        words = std::move(scan.words);
        sentence_ends = std::move(scan.sentence_ends);
    }
    bool has_number(const std::string& n) const {
        return std::find(numbers.begin(), numbers.end(), n) != numbers.end();
    }
    bool has_entity(const std::string& e) const {
        return std::find(entities.begin(), entities.end(), e) != entities.end();
    }
};

news::Fingerprint sample_fingerprint() {
    news::Fingerprint fp;
    fp.terms = {{"Zballoon", 2}, {"Zblinken", 7}, {"Zchina", 300000}};
    fp.numbers = {"1750", "19", "3.5"};
    fp.entities = {"beijing", "blinken", "wang"};
    fp.shingles = {1, 0x8000000000000000ull, 0xFFFFFFFFFFFFFFFFull};
    fp.trigrams = {0x1234, 0, 0xFFFF, 0x1234, 7};
    fp.sentence_ends = {6, 7, 300};
    fp.anchors = {0xBEEF, 0, 0xFFFF, 0xBEEF};
    fp.function_words = {0, 173, 5, 5, 255};
    fp.title_stems = {"balloon", "spi"};
    fp.correction = true;
    fp.words = 1234;
    fp.body_words = 1200;
    fp.day = 19527;
    fp.minute = 19527L * 1440 + 620;
    return fp;
}

void check_equal(const news::Fingerprint& a, const news::Fingerprint& b) {
    BOOST_TEST((a.terms == b.terms), "terms differ");
    BOOST_TEST(a.numbers == b.numbers);
    BOOST_TEST(a.entities == b.entities);
    BOOST_TEST(a.shingles == b.shingles);
    BOOST_TEST(a.trigrams == b.trigrams);
    BOOST_TEST(a.sentence_ends == b.sentence_ends);
    BOOST_TEST(a.anchors == b.anchors);
    BOOST_TEST(a.function_words == b.function_words);
    BOOST_TEST(a.title_stems == b.title_stems);
    BOOST_TEST(a.correction == b.correction);
    BOOST_TEST(a.words == b.words);
    BOOST_TEST(a.body_words == b.body_words);
    BOOST_TEST(a.day.has_value() == b.day.has_value());
    if (a.day && b.day) BOOST_TEST(*a.day == *b.day);
    BOOST_TEST(a.minute.has_value() == b.minute.has_value());
    if (a.minute && b.minute) BOOST_TEST(*a.minute == *b.minute);
}

}  // namespace


BOOST_AUTO_TEST_SUITE(fingerprint_tests)

BOOST_AUTO_TEST_CASE(serialise_round_trip) {
    const auto fp = sample_fingerprint();
    check_equal(news::unserialise_fingerprint(news::serialise_fingerprint(fp)), fp);
}

BOOST_AUTO_TEST_CASE(round_trip_of_edge_values) {
    news::Fingerprint empty;
    const auto back = news::unserialise_fingerprint(news::serialise_fingerprint(empty));
    check_equal(back, empty);
    BOOST_TEST(!back.day.has_value());
    BOOST_TEST(!back.minute.has_value());

    for (long day : {0L, -1L, -719468L, 2932896L}) {  // epoch, before it, year 0, year 9999
        auto fp = sample_fingerprint();
        fp.day = day;
        BOOST_TEST_CONTEXT("day " << day) check_equal(news::unserialise_fingerprint(news::serialise_fingerprint(fp)), fp);
    }
    auto fp = sample_fingerprint();
    fp.terms.emplace_back(std::string("Z\xc3\xa9t\xc3\xa9"), 1);
    fp.entities.push_back(std::string(300, 'x'));  // longer than one varint byte
    fp.words = 0xFFFFFFFFu;
    check_equal(news::unserialise_fingerprint(news::serialise_fingerprint(fp)), fp);
}

BOOST_AUTO_TEST_CASE(a_damaged_varint_names_what_was_being_read) {
    std::string data;
    news::put_varint(data, 300);
    size_t pos = 0;
    BOOST_TEST(news::get_varint(data, pos, "article data") == 300u);
    BOOST_TEST(pos == data.size());
    pos = 0;
    const std::string truncated = data.substr(0, 1);  // a continuation byte with nothing after it
    try {
        news::get_varint(truncated, pos, "article data");
        BOOST_ERROR("truncated varint accepted");
    } catch (const news::Error& e) {
        BOOST_TEST((e.kind() == news::ErrorKind::kDatabase));
        BOOST_TEST(std::string(e.what()) == "malformed article data");
    }
}

BOOST_AUTO_TEST_CASE(malformed_data_is_rejected) {
    const std::string good = news::serialise_fingerprint(sample_fingerprint());
    BOOST_CHECK_THROW(news::unserialise_fingerprint(""), news::Error);
    BOOST_CHECK_THROW(news::unserialise_fingerprint(static_cast<char>(good[0] + 1) + good.substr(1)), news::Error);
    for (size_t cut = 1; cut < good.size(); ++cut) {
        BOOST_TEST_CONTEXT("truncated to " << cut << " bytes") {
            try {
                news::unserialise_fingerprint(good.substr(0, cut));
                BOOST_ERROR("truncated fingerprint accepted");
            } catch (const news::Error& e) {
                BOOST_TEST((e.kind() == news::ErrorKind::kDatabase));
            }
        }
    }
    // A huge count must not allocate or read past the end.
    news::Fingerprint empty;
    const std::string header = news::serialise_fingerprint(empty);
    // The empty fingerprint ends with its list counts, each a zero byte: make
    // the last one (the last list) claim ~2^35 entries.
    BOOST_TEST_REQUIRE(header.back() == '\0');
    BOOST_CHECK_THROW(news::unserialise_fingerprint(header.substr(0, header.size() - 1) + "\xff\xff\xff\xff\x0f"),
                      news::Error);
}

BOOST_AUTO_TEST_CASE(numbers_lose_thousands_separators) {
    const Scan s("Arrivals were 1,750 bags, then 155,221 bags at 5.93 mln; 19/06 and 2023.");
    BOOST_TEST(s.has_number("1750"));
    BOOST_TEST(s.has_number("155221"));
    BOOST_TEST(s.has_number("5.93m"));  // its scale kept (figures_keep_their_scale)
    BOOST_TEST(s.has_number("19/06"));
    BOOST_TEST(s.has_number("2023"));  // the full stop after it is not part of it
    BOOST_TEST(!s.has_number("1,750"));
    BOOST_TEST(!s.has_number("2023."));
}

BOOST_AUTO_TEST_CASE(figures_keep_their_scale) {
    const Scan s("Net 4.9 mln dlrs vs 1.5 billion, a $5m fee, 2.1bn stg and 3.2\nmln shares; 7 mln; 12 months; "
                 "$1,250m of debt.");
    for (const char* n : {"4.9m", "1.5b", "5m", "2.1b", "3.2m", "7m", "12", "1250m"}) BOOST_TEST(s.has_number(n), n);
    BOOST_TEST(!s.has_number("4.9"));
    // A letter after a figure is no scale unless it names one ("5m" without a
    // currency sign may be metres).
    const Scan metres("The 5m wall and 10 km road.");
    BOOST_TEST(metres.has_number("5"));
    BOOST_TEST(metres.has_number("10"));
}

BOOST_AUTO_TEST_CASE(heading_times_name_a_tables_snapshot) {
    const auto times = [](const std::string& body) {
        news::Article a;
        a.id = "t";
        a.body = body;
        return news::DocumentBuilder().build(a).fingerprint.heading_times;
    };
    using V = std::vector<std::string>;
    BOOST_TEST((times("LONDON EURODOLLAR DEPOSITS RATES 1100 - APRIL 7\n OVERNIGHT 6-1/4 1/8") == V{"11:00"}));
    BOOST_TEST((times("SINGAPORE RUBBER 1615 - APRIL 7\n QUIET") == V{"16:15"}));
    BOOST_TEST((times("Kuala lumpur rubber noon call -april 7 smr 20\nmay 194.50") == V{"12:00"}));
    BOOST_TEST((times("Kuala lumpur rubber clsg -april 7\n may 194.50 196.50") == V{"close"}));
    BOOST_TEST((times("CBT 11:40 EDT\nWHEAT 2.80") == V{"11:40"}));
    // A market report's session (titles from Reuters-21578).
    BOOST_TEST((times("NY COTTON OPG TRENDS 7-APR\n OPEN P SETT") == V{"open"}));
    const auto title_times = [](const std::string& title) {
        news::Article a;
        a.id = "t";
        a.title = title;
        a.body = "Futures traded in a narrow range.";
        return news::DocumentBuilder().build(a).fingerprint.heading_times;
    };
    BOOST_TEST((title_times("PORK BELLY FUTURES HIGHER AT MIDSESSION") == V{"midsession"}));
    BOOST_TEST((title_times("PORK BELLY FUTURES CLOSE MIXED") == V{"close"}));
    BOOST_TEST((title_times("CBT WHEAT FUTURES OPEN FIRMER, SET NEW HIGHS") == V{"open"}));
    // Not times: a year before a month, a figure before no date, a verb
    // that names no session.
    BOOST_TEST(times("RESULTS 2023 - JUNE UPDATE\nSales rose.").empty());
    BOOST_TEST(times("OUTPUT 1100 TONNES\nOutput rose.").empty());
    BOOST_TEST(title_times("GM TO CLOSE KANSAS PLANT").empty());
    BOOST_TEST(title_times("UNION OPENS TALKS WITH CHRYSLER").empty());
}

BOOST_AUTO_TEST_CASE(tickers_come_from_the_heading) {
    news::Article a;
    a.id = "t1";
    a.title = "STANDARD OIL <SRD.N> TO FORM UNIT WITH <British Petroleum Co PLC>";
    a.body = "Standard Oil <XON> said it would form a unit.";
    const auto fp = news::DocumentBuilder().build(a).fingerprint;
    BOOST_TEST((fp.tickers == std::vector<std::string>{"BRITISH PETROLEUM CO PLC", "SRD"}));
    news::Article b;
    b.id = "t2";
    b.title = "Acme wins order (NYSE: ACME)";
    b.body = "Acme said it won an order.";
    const auto fb = news::DocumentBuilder().build(b).fingerprint;
    BOOST_TEST((fb.tickers == std::vector<std::string>{"ACME"}));
    const auto back = news::unserialise_fingerprint(news::serialise_fingerprint(fp));
    BOOST_TEST(back.tickers == fp.tickers);
}

BOOST_AUTO_TEST_CASE(entities_exclude_sentence_initial_words) {
    const Scan s("Officials met Wang Yi in Beijing. Diplomats said Blinken would stay! Later, Qin spoke? "
                 "Nobody knew.");
    BOOST_TEST(s.has_entity("wang"));
    BOOST_TEST(s.has_entity("yi"));
    BOOST_TEST(s.has_entity("beijing"));
    BOOST_TEST(s.has_entity("blinken"));
    BOOST_TEST(s.has_entity("qin"));
    for (const char* initial : {"officials", "diplomats", "later", "nobody"})
        BOOST_TEST(!s.has_entity(initial), initial);
    BOOST_TEST(!s.has_entity("met"));  // not capitalised
}

BOOST_AUTO_TEST_CASE(entities_exclude_stop_words_and_single_letters) {
    const Scan s("Talks went on. He said The Hague and I agreed, A source added.");
    BOOST_TEST(s.has_entity("hague"));
    BOOST_TEST(!s.has_entity("the"));
    BOOST_TEST(!s.has_entity("i"));
    BOOST_TEST(!s.has_entity("a"));
}

// Wire copy is hard-wrapped: a line break inside a sentence does not start a
// new sentence, so a name at the start of a wrapped line is still a name.
BOOST_AUTO_TEST_CASE(line_wrap_inside_a_sentence_keeps_entities) {
    const Scan wrapped("Showers continued throughout the week in\nthe Bahia cocoa zone, said\nComissaria Smith.");
    const Scan unwrapped("Showers continued throughout the week in the Bahia cocoa zone, said Comissaria Smith.");
    BOOST_TEST(unwrapped.has_entity("comissaria"));
    BOOST_TEST(wrapped.has_entity("comissaria"), "name after a soft line break lost");
    BOOST_TEST(wrapped.entities == unwrapped.entities);
}

// Rewrites mix typographic and ASCII apostrophes ("China’s" in one version,
// "China's" in another): the same name must give the same entity.
BOOST_AUTO_TEST_CASE(apostrophe_style_does_not_change_entities) {
    const Scan curly("Talks in Beijing ended. He met officials of China\xe2\x80\x99s Foreign Ministry.");
    const Scan straight("Talks in Beijing ended. He met officials of China's Foreign Ministry.");
    BOOST_TEST(straight.has_entity("foreign"));
    BOOST_TEST(curly.has_entity("foreign"));
    BOOST_TEST(curly.entities == straight.entities);
}

BOOST_AUTO_TEST_CASE(make_fingerprint_from_a_built_document) {
    news::Article a;
    a.id = "t-1";
    a.title = "TALKS IN BEIJING ON 19 JUNE";
    a.body = "US Secretary Blinken held talks with Wang Yi. The talks lasted 1,750 minutes.";
    a.date = news::parse_date("2023-06-19");
    news::DocumentBuilder builder;
    const auto fp = builder.build(a).fingerprint;
    BOOST_TEST(std::is_sorted(fp.terms.begin(), fp.terms.end()));
    bool has_talk = false;
    for (const auto& [term, wdf] : fp.terms) {
        BOOST_TEST(term[0] == 'Z', term);
        BOOST_TEST(!(term.size() > 1 && term[1] >= 'A' && term[1] <= 'Z'), "prefixed stem " << term);
        BOOST_TEST(term != "Zthe");
        BOOST_TEST(term != "Zwith");
        if (term == "Ztalk") {
            has_talk = true;
            BOOST_TEST(wdf >= 3u);  // twice in the body, and the title counts twice
        }
    }
    BOOST_TEST(has_talk);
    BOOST_TEST(fp.words > 0u);
    BOOST_TEST(fp.day.value() == 19527);
    // Numbers of body and title; entities of the body only.
    BOOST_TEST(std::count(fp.numbers.begin(), fp.numbers.end(), "1750") == 1);
    BOOST_TEST(std::count(fp.numbers.begin(), fp.numbers.end(), "19") == 1);
    BOOST_TEST(std::is_sorted(fp.entities.begin(), fp.entities.end()));
    BOOST_TEST(std::count(fp.entities.begin(), fp.entities.end(), "wang") == 1);
    BOOST_TEST(std::count(fp.entities.begin(), fp.entities.end(), "beijing") == 0);
    BOOST_TEST(std::count(fp.entities.begin(), fp.entities.end(), "june") == 0);
    BOOST_TEST(std::count(fp.title_stems.begin(), fp.title_stems.end(), "talk") == 1);
    BOOST_TEST(!fp.correction);
    BOOST_TEST(fp.body_words > 0u);
    BOOST_TEST(fp.words >= fp.body_words);
    BOOST_TEST(!fp.minute.has_value());  // a day without a time
    BOOST_TEST(!fp.shingles.empty());
    BOOST_TEST(std::is_sorted(fp.shingles.begin(), fp.shingles.end()));

    a.title = "CORRECTED - TALKS IN BEIJING";
    a.date = news::parse_date("2023-06-19T10:20:00");
    const auto corrected = builder.build(a).fingerprint;
    BOOST_TEST(corrected.correction);
    BOOST_TEST(corrected.minute.value() == 19527L * 1440 + 620);
}

// A results table and a copy that spells its shorthand out read as the same
// words and stems; the shorthand is no name, and the index keeps it as written.
BOOST_AUTO_TEST_CASE(wire_shorthand_reads_as_its_words) {
    news::Article table;
    table.id = "t-table";
    table.title = "ACME CORP 4TH QTR NET";
    table.body = "Shr loss 6.68 dlrs vs profit 90 cts\nNet loss 4.9 mln vs profit 1.2 mln\nRevs 120.5 mln vs 98.1 mln";
    news::Article spelt = table;
    spelt.id = "t-spelt";
    spelt.body = "Share loss 6.68 dollars versus profit 90 cents\nNet loss 4.9 million versus profit 1.2 million\n"
                 "Revenues 120.5 million versus 98.1 million";
    news::DocumentBuilder builder;
    const auto a = builder.build(table);
    const auto b = builder.build(spelt);
    BOOST_TEST(a.fingerprint.shingles == b.fingerprint.shingles);
    BOOST_TEST(a.fingerprint.trigrams == b.fingerprint.trigrams);
    BOOST_TEST(a.fingerprint.terms == b.fingerprint.terms);
    BOOST_TEST(std::is_sorted(a.fingerprint.terms.begin(), a.fingerprint.terms.end()));
    // Line-initial "Net" is read as a name in both; "Shr" and "Revs" are not.
    BOOST_TEST(a.fingerprint.entities == b.fingerprint.entities);
    BOOST_TEST(std::count(a.fingerprint.entities.begin(), a.fingerprint.entities.end(), "revenues") == 0);
    BOOST_TEST(news::written_out("dlrs") == "dollars");
    BOOST_TEST(news::written_out("talks") == "talks");
    BOOST_TEST(news::written_out_stem("cts") == "cent");
    BOOST_TEST(news::written_out_stem("talk") == "talk");
    // "mln" twice and "million" once add up to one term of the fingerprint.
    news::Article mixed = table;
    mixed.body = "Net 4.9 mln vs 1.2 million, sales 3 mln";
    uint32_t million = 0;
    for (const auto& [term, wdf] : builder.build(mixed).fingerprint.terms)
        if (term == "Zmillion") million = wdf;
    BOOST_TEST(million == 3u);
    bool indexed_as_written = false;
    for (auto t = a.document.termlist_begin(); t != a.document.termlist_end(); ++t)
        indexed_as_written = indexed_as_written || *t == "Zdlrs";
    BOOST_TEST(indexed_as_written);
}

// A correction or repeat is marked by the heading's first word, "corrects" or a
// last "RPT"; the word elsewhere is the news ("a market correction").
BOOST_AUTO_TEST_CASE(correction_marks_are_where_wire_headings_put_them) {
    news::DocumentBuilder builder;
    news::Article a;
    a.body = "The talks went on for hours.";
    const auto marked = [&](const std::string& title) {
        a.title = title;
        return builder.build(a).fingerprint.correction;
    };
    BOOST_TEST(marked("CORRECTION - ACME 1ST QTR NET"));
    BOOST_TEST(marked("RPT - FED ADDS RESERVES"));
    BOOST_TEST(marked("NATIONAL PIZZA <PIZA> CORRECTS FIGURE"));
    BOOST_TEST(marked("LYNG WARNS U.S. TRADE SITUATION IS EXPLOSIVE (RPT)"));
    BOOST_TEST(!marked("UK EQUITIES SEEN DUE FOR DOWNWARD CORRECTION"));
    BOOST_TEST(!marked("SALOMON SAYS IT IS NOT RPT NOT WITHDRAWING"));
    BOOST_TEST(!marked("REPUBLIC <RPT> 1ST QTR NET"));
    a.title.clear();
    a.body = "quadripole networks for phase correction\nin low pass amplifiers";
    BOOST_TEST(!builder.build(a).fingerprint.correction);
}

// Untitled wire tables name what they list in a short first line: its words
// and numbers are the heading's, so copper and aluminium sheets differ there.
BOOST_AUTO_TEST_CASE(an_untitled_items_heading_gives_its_title_words) {
    news::Article a;
    a.id = "t-2";
    a.body = "NY COMEX COPPER 1100\nMAY7 6270 UP 5 JUL7 6250 UP 15 SEP7 6270 UP 20 DEC7 6285 UP 10\n";
    news::DocumentBuilder builder;
    const auto fp = builder.build(a).fingerprint;
    BOOST_TEST(std::count(fp.title_stems.begin(), fp.title_stems.end(), "copper") == 1);
    BOOST_TEST(std::count(fp.title_stems.begin(), fp.title_stems.end(), "comex") == 1);
    BOOST_TEST((fp.title_numbers == std::vector<std::string>{"1100"}));
    // An opening sentence is no heading: no title words from it.
    a.body = "Copper prices on the New York Commodity Exchange rose in active trading this morning after "
             "reports of a strike at a large mine in Chile.\n";
    BOOST_TEST(builder.build(a).fingerprint.title_stems.empty());
}

// A time of day is one number: "11:40" and "12:40" share no minutes.
BOOST_AUTO_TEST_CASE(times_of_day_are_read_whole) {
    BOOST_TEST((Scan("CBT 11:40 EDT").numbers == std::vector<std::string>{"11:40"}));
    BOOST_TEST((Scan("at 9:05, 1,750 tonnes").numbers == std::vector<std::string>{"9:05", "1750"}));
    // Not times: a ratio of long numbers, a colon ending a sentence.
    BOOST_TEST((Scan("1987:123 and 3:").numbers == std::vector<std::string>{"1987", "123", "3"}));
    news::Article a;
    a.id = "t-3";
    a.body = "CBT 12:40 EDT\nWHEAT\nMAY7  286 3/4 UP   1/2\n";
    news::DocumentBuilder builder;
    BOOST_TEST((builder.build(a).fingerprint.title_numbers == std::vector<std::string>{"12:40"}));
}

// Share prices and dividends are quoted in binary fractions: "17-1/2 cts" is
// the figure another copy writes "17.5 cts".
BOOST_AUTO_TEST_CASE(fractions_are_read_as_decimals) {
    const Scan scan("Qtly div 17-1/2 cts vs 16-3/8 cts, up 1-5/64; range 10-12, 3-1/3 of 1987-1/2");
    BOOST_TEST(scan.has_number("17.5"));
    BOOST_TEST(scan.has_number("16.375"));
    BOOST_TEST(scan.has_number("1.078125"));
    BOOST_TEST(scan.has_number("1987.5"));
    // Not a binary fraction, or not a fraction: read as before.
    BOOST_TEST(scan.has_number("10"));
    BOOST_TEST(scan.has_number("12"));
    BOOST_TEST(scan.has_number("3"));
    BOOST_TEST(scan.has_number("1/3"));
    BOOST_TEST(!scan.has_number("17"));
}

// Sentences end at '.', '!' or '?' before a capital or a quote; words and
// numbers (not stop words) are counted.
BOOST_AUTO_TEST_CASE(sentence_ends_count_words_and_numbers) {
    const Scan scan("Shares rose 17 pct. Bonds fell in New York trading. \"Quiet,\" traders said, citing "
                    "holidays. weak demand");
    // shares rose 17 pct | bonds fell new york trading | quiet traders said citing holidays weak demand
    const std::vector<uint32_t> expected = {4, 9, 16};
    BOOST_TEST(scan.sentence_ends == expected, boost::test_tools::per_element());
    BOOST_TEST(Scan("").sentence_ends.empty());
}

BOOST_AUTO_TEST_CASE(trigrams_follow_the_text_with_its_numbers) {
    news::Article article;
    article.id = "t";
    article.title = "Results";
    article.body = "Acme Corp posted net profit of 17-1/2 mln dlrs. Revenue rose sharply in the quarter.";
    news::DocumentBuilder builder;
    const auto fp = builder.build(article).fingerprint;
    // acme corp posted net profit 17.5 mln dlrs | revenue rose sharply quarter: 12 tokens, 10 trigrams.
    BOOST_TEST(fp.trigrams.size() == 10u);
    const std::vector<uint32_t> ends = {8, 12};
    BOOST_TEST(fp.sentence_ends == ends, boost::test_tools::per_element());
    // The same words with another figure change the trigrams that hold it, only.
    article.body = "Acme Corp posted net profit of 18 mln dlrs. Revenue rose sharply in the quarter.";
    const auto other = builder.build(article).fingerprint;
    size_t differ = 0;
    for (size_t i = 0; i < fp.trigrams.size(); ++i) differ += fp.trigrams[i] != other.trigrams[i];
    BOOST_TEST(differ == 3u);
}

BOOST_AUTO_TEST_CASE(scan_words_skip_stop_words_in_order) {
    const Scan s("The talks with Wang lasted for hours.");
    BOOST_TEST((s.words == std::vector<std::string>{"talks", "wang", "lasted", "hours"}));
}

BOOST_AUTO_TEST_CASE(link_lines_are_not_the_articles_text) {
    const std::string body =
        "Talks went on for 7 hours.\n\nREAD: Fed Adds 603 Mln Dlrs Reserves\n  Related: Other news 25\n"
        "NOTES: figures in 1986 dlrs\nMore: 12\nThe reading room: closed.";
    BOOST_TEST(news::without_link_and_credit_lines(body) ==
               "Talks went on for 7 hours.\n\n\n\nNOTES: figures in 1986 dlrs\n\nThe reading room: closed.");
    news::TextScan scan;
    news::scan_text(news::without_link_and_credit_lines(body), scan);
    BOOST_TEST((scan.numbers == std::vector<std::string>{"7", "1986"}));
}

// Each outlet's byline and credit line are its own, not the story's; a
// paragraph starting "By" that reads as a sentence, or a wrapped line of one,
// is the story's.
BOOST_AUTO_TEST_CASE(bylines_and_credit_lines_are_not_the_articles_text) {
    const std::string body =
        "By Jane Doe, Associated Press\n\nTalks went on for 7 hours.\n\nBy Monday, prices fell.\n\n"
        "Prices fell in the week as dealers sold and\nBy Smith's count, 3 more\nmarkets closed.\n\n"
        "Posted by News Team\n\nJohn Roe contributed to this report.\n\nCopyright 2023 Newswire Partners";
    BOOST_TEST(news::without_link_and_credit_lines(body) ==
               "\n\nTalks went on for 7 hours.\n\nBy Monday, prices fell.\n\n"
               "Prices fell in the week as dealers sold and\nBy Smith's count, 3 more\nmarkets closed.\n\n"
               "\n\n\n\n");
    news::TextScan scan;
    news::scan_text(news::without_link_and_credit_lines(body), scan);
    BOOST_TEST((scan.entities == std::vector<std::string>{"monday", "smith"}));
}

// A body of single-newline paragraphs has its byline first and its credit last.
BOOST_AUTO_TEST_CASE(first_and_last_lines_may_be_credit_lines) {
    BOOST_TEST(news::without_link_and_credit_lines("By Staff Writer\nTalks went on.\nFiled by Jo Roe, Business Desk.") ==
               "\nTalks went on.\n");
}

BOOST_AUTO_TEST_SUITE_END()

// Names and figures in the order read, whatever the words around them; a
// sentence's first word is no name.
BOOST_AUTO_TEST_CASE(anchors_are_names_and_figures_in_text_order) {
    news::TextScan scan;
    news::scan_text("Shares of Acme rose 5 pct to 17-1/2 dlrs.\nThe offer from Widget values it at 450 mln dlrs, "
                    "said John Smith.",
                    scan);
    const std::vector<std::string> expected = {"acme", "5", "17.5", "widget", "450m", "john", "smith"};
    BOOST_TEST(scan.anchors == expected, boost::test_tools::per_element());
}

// The stop words in the order read, numbered by their place in the list;
// every other word, name and figure left out.
BOOST_AUTO_TEST_CASE(function_words_are_the_stop_words_in_text_order) {
    news::TextScan scan;
    news::scan_text("It said the offer from Acme was 17 dlrs, and it's on the table.", scan);
    std::vector<uint8_t> expected;
    for (const char* w : {"it", "the", "from", "was", "and", "it", "on", "the"})
        expected.push_back(static_cast<uint8_t>(news::stopword_index(w)));
    BOOST_TEST(scan.function_words == expected, boost::test_tools::per_element());
    BOOST_TEST(news::stopword_index("offer") == -1);
    BOOST_TEST(news::stopword_index("a") == 0);
    BOOST_TEST(news::stopword_index("yourselves") == news::kStopwordCount - 1);
}

BOOST_AUTO_TEST_CASE(a_fingerprint_keeps_the_first_function_words) {
    news::Article a;
    a.id = "long";
    a.title = "WORDS";
    for (int k = 0; k < 100; ++k) a.body += "The price of the shares was up on the day. ";
    const auto built = news::DocumentBuilder().build(a);
    BOOST_TEST(built.fingerprint.function_words.size() == news::kMaxFunctionWords);
    BOOST_TEST(built.fingerprint.function_words.front() == news::stopword_index("the"));
    a.body = "Acme shares rose.";
    BOOST_TEST(news::DocumentBuilder().build(a).fingerprint.function_words.empty());
}

BOOST_AUTO_TEST_CASE(a_fingerprint_keeps_the_first_anchors_hashed) {
    news::Article a;
    a.id = "many";
    a.title = "FIGURES";
    for (int k = 0; k < 100; ++k) a.body += "Item " + std::to_string(k) + " costs " + std::to_string(1000 + k) + " dlrs. ";
    const auto built = news::DocumentBuilder().build(a);
    BOOST_TEST(built.fingerprint.anchors.size() == news::kMaxAnchors);
    a.body = "Nothing here names anything.";
    BOOST_TEST(news::DocumentBuilder().build(a).fingerprint.anchors.empty());
    // A figure's scale is not part of its anchor, nor its digits past the
    // second significant one: spinners swap "mln" for "billion", re-keyed
    // tables round.
    a.body = "Revenue at Acme was 155.0 mln dlrs.";
    const auto mln = news::DocumentBuilder().build(a).fingerprint.anchors;
    a.body = "Revenue at Acme was 155.0 billion dollars.";
    BOOST_TEST(news::DocumentBuilder().build(a).fingerprint.anchors == mln, boost::test_tools::per_element());
    BOOST_TEST(mln.size() == 2u);
    a.body = "Revenue at Acme was 155,021,000 dlrs.";
    BOOST_TEST(news::DocumentBuilder().build(a).fingerprint.anchors == mln, boost::test_tools::per_element());
    a.body = "Revenue at Acme was 171.0 mln dlrs.";
    BOOST_TEST((news::DocumentBuilder().build(a).fingerprint.anchors != mln));
}
