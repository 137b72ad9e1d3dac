// The features of one article that duplicate detection compares: its
// content terms (stems with frequencies), the numbers and named entities it
// mentions, its length and date. Computed once at index time and stored in
// schema::slot::kFingerprint so later builds can compare against it without
// re-reading the text.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/article.h"

namespace news {

struct Fingerprint {
    // Stemmed content terms ("Z" terms as the TermGenerator made them, stop
    // words excluded) with their within-document frequency, sorted by term.
    std::vector<std::pair<std::string, uint32_t>> terms;
    // Numbers as written, commas removed ("1,750" -> "1750"), a scale kept
    // as a letter ("4.9 mln" -> "4.9m", "1.5bn" -> "1.5b"), sorted, unique.
    // (Counts in words stay words: spinners swap "three" for "trio" as
    // readily as for "3".)
    std::vector<std::string> numbers;
    // Lower-cased capitalised words of the body that do not start a sentence
    // (names of people, places, companies), sorted, unique.
    std::vector<std::string> entities;
    // Hashes of adjacent pairs of body stems, stop words skipped, sorted,
    // unique: word order that survives synonym swaps but not rewriting.
    std::vector<uint64_t> shingles;
    // The body's words and numbers (stop words skipped, words lower-cased,
    // not stemmed: TextScan's tokens) as hashes of each three in a row, in
    // text order, cut to 16 bits; and the number of tokens at the end of each
    // sentence, ascending (the last is all of them). A copy cut shorter or
    // re-edited keeps whole sentences of its original, figures included; a
    // separately written report of one event keeps few
    // (Evidence::shared_sentences). 16 bits are enough: a sentence counts as
    // kept when most of its several trigrams are among the other article's
    // few hundred, which chance collisions (one in 200 at most) do not make.
    std::vector<uint16_t> trigrams;
    std::vector<uint32_t> sentence_ends;
    // The body's numbers (by their first two significant digits: "4.9m",
    // "4,895,720" and "4.9 billion" alike) and names (TextScan::anchors) in
    // text order, the first kMaxAnchors of them, each hashed to 16 bits. A spun or reworded
    // copy keeps its original's figures and names in their order whatever
    // words it swaps around them; a separately written report of one event
    // names them in an order of its own (Evidence::anchor_order).
    std::vector<uint16_t> anchors;
    // The body's function words (stop words, by their place in the list of
    // common/stopwords.h) in text order, the first kMaxFunctionWords: the
    // syntax of the text with its content words taken out. A spinner swaps
    // content words and keeps it; a separately written report of one event
    // has its own (Evidence::function_runs). Plagiarism detection uses the
    // same evidence for paraphrased copies (Stamatatos 2011, "Plagiarism
    // detection using stopword n-grams").
    std::vector<uint8_t> function_words;
    // Stemmed title words ("Z" terms without the "Z"), sorted, unique; for an
    // untitled article, the words of its heading (see title_numbers).
    std::vector<std::string> title_stems;
    // Numbers of the heading, sorted, unique: the title, or for an untitled
    // article a short first line (wire tables and correction notices carry
    // their heading there). Two snapshots of one template differ here
    // ("CBT 11:40 EDT" and "CBT 12:40 EDT", "RICE - APRIL 7" and "- APRIL 8").
    std::vector<std::string> title_numbers;
    // Stock symbols of the heading ("<SRD>", "(NYSE: SRD)"), upper-cased,
    // sorted, unique: one company's items, whatever their headlines say.
    std::vector<std::string> tickers;
    // Times of day the heading names ("11:40", "RATES 1100 - APRIL 7" as
    // "11:00", a quote table's "noon" or "clsg" session, a market report's
    // "CLOSES HIGHER" or "AT MIDSESSION"), sorted, unique: two snapshots of one
    // table or market at other times are neither one story nor one event.
    std::vector<std::string> heading_times;
    // For a correction notice, the title stems of the headline it quotes
    // ("In item headlined \"HEINEKEN N.V. <HEIN.AS> 1986 YEAR\" please read
    // ..."), sorted, unique: the article it corrects, which it names.
    std::vector<std::string> corrected_heading;
    // The heading marks a correction or repeat ("CORRECTED - ...", "RPT ..."):
    // such a version may come days after the original.
    bool correction = false;
    uint32_t words = 0;       // length of title + body in content words
    uint32_t body_words = 0;  // 0 for a headline-only flash
    std::optional<long> day;     // publication day (Date::days()), if known
    std::optional<long> minute;  // publication minute since 1970, if a time was given
};

// Sentences of fewer tokens than this (headings, table lines, datelines) are
// no sentences to share.
inline constexpr uint32_t kMinSentenceTokens = 6;

// Anchors kept per article: the opening paragraphs' figures and names, which
// any version keeps; and a bound on comparing two sequences (64 x 64 steps).
inline constexpr size_t kMaxAnchors = 64;

// Function words kept per article (1 byte each): about the first 600 words
// of text, which any copy of the article keeps most of.
inline constexpr size_t kMaxFunctionWords = 255;

// `indexed` is the article's document after TermGenerator::index_text, whose
// termlist supplies the stems.
Fingerprint make_fingerprint(const Article& article, const Xapian::Document& indexed);

// Fingerprint::terms of a document, from its termlist (as indexed, or as
// stored in a database: the termlist is stored with it).
std::vector<std::pair<std::string, uint32_t>> content_terms(const Xapian::Document& indexed);
// True for the terms content_terms() keeps: unprefixed stems ("Z" + a
// lower-case or non-ASCII letter).
bool is_content_stem(const std::string& term);
// Wire shorthand ("shr", "dlrs", "mln", "vs": lower-cased) as the word it
// stands for, other words as they are; and the same for the stem of a
// shorthand word. A fingerprint's words and content stems are read so, its
// index terms are not.
std::string written_out(std::string word);
std::string written_out_stem(const std::string& stem);
// True for the words shorthand stands for ("share", "revenues"): like the
// shorthand, not read as names when capitalised.
bool is_shorthand_word(const std::string& word);

std::string serialise_fingerprint(const Fingerprint& fp);
// Throws news::Error(kDatabase) on malformed data.
Fingerprint unserialise_fingerprint(const std::string& data);

// `body` without the lines that link to other stories ("READ: ...",
// "Related: ...", "SEE ALSO: ...") and without bylines and credit lines
// ("By Jane Doe", "Posted by News Team", "Copyright ...", "... contributed to
// this report"): their numbers and names would count as the article's, and
// each outlet republishing a story puts its own there. Other lines, and line
// breaks, are kept.
std::string without_link_and_credit_lines(const std::string& body);

// What one pass over a text finds (exposed for tests).
struct TextScan {
    std::vector<std::string> numbers;
    std::vector<std::string> entities;
    std::vector<std::string> words;  // lower-cased, stop words removed, in order
    // For each number, words.size() when it was read: the order of the two
    // lists' items in the text.
    std::vector<uint32_t> number_at;
    // Words and numbers read at the end of each sentence: a '.', '!' or '?'
    // before white space and then a capital letter or a quote. Ascending, unique.
    std::vector<uint32_t> sentence_ends;
    // The numbers and entities above, both as read, in text order.
    std::vector<std::string> anchors;
    // Stop words, as stopword_index() numbers them, in text order.
    std::vector<uint8_t> function_words;
};
void scan_text(const std::string& text, TextScan& out);

}  // namespace news
