// Request boilerplate in pasted questions: words that ask for something
// ("describe", "find", "documents about", "information on", "I am
// interested in") rather than say what it is about. Dropped from pasted
// text only, on top of the stop words; a document using them is no better a
// match for it, and their moderate frequency gives them weight BM25 wastes.
#pragma once

#include <xapian.h>

#include <string>

namespace news {

// `word` must be lower case.
bool is_request_boilerplate(const std::string& word);

// `text` without the nouns of request phrases such as "documents about",
// "articles on", "information concerning" (the noun alone is left alone).
std::string without_request_phrases(const std::string& text);

// Stop words and request boilerplate, for parsing pasted questions.
const Xapian::Stopper& question_stopper();

}  // namespace news
