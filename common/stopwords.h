// The English stop-word list used when indexing and parsing queries, so that
// "efforts of the ambassador to get the president..." ranks by its content words.
#pragma once

#include <xapian.h>

#include <string>

namespace news {

// `word` must be lower case.
bool is_stopword(const std::string& word);

// A stopper over the same list, for TermGenerator and QueryParser.
const Xapian::Stopper& english_stopper();

}  // namespace news
