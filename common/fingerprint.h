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
    // Numbers as written, commas removed ("1,750" -> "1750"), sorted, unique.
    std::vector<std::string> numbers;
    // Lower-cased capitalised words of the body that do not start a sentence
    // (names of people, places, companies), sorted, unique.
    std::vector<std::string> entities;
    uint32_t words = 0;  // length of title + body in words
    std::optional<long> day;  // publication day (Date::days()), if known
};

// `indexed` is the article's document after TermGenerator::index_text, whose
// termlist supplies the stems.
Fingerprint make_fingerprint(const Article& article, const Xapian::Document& indexed);

std::string serialise_fingerprint(const Fingerprint& fp);
// Throws news::Error(kDatabase) on malformed data.
Fingerprint unserialise_fingerprint(const std::string& data);

// Numbers and entities of a text (exposed for tests).
void scan_numbers_and_entities(const std::string& text, std::vector<std::string>& numbers,
                               std::vector<std::string>& entities);

}  // namespace news
