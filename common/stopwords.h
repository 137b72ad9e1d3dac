// The English stop-word list used when indexing and parsing queries, so that
// "efforts of the ambassador to get the president..." ranks by its content words.
#pragma once

#include <xapian.h>

#include <string>

namespace news {

// `word` must be lower case.
bool is_stopword(const std::string& word);

// The word's place in the list (0-based, below kStopwordCount), or -1 for
// any other word. `word` must be lower case. Stop words are the function
// words of English: the order of them in a text is its syntax with the
// content taken out, which a spinner swapping content words for synonyms
// keeps (Fingerprint::function_words).
int stopword_index(const std::string& word);
inline constexpr int kStopwordCount = 174;

// A stopper over the same list, for TermGenerator and QueryParser.
const Xapian::Stopper& english_stopper();

}  // namespace news
