// What Xapian's QueryParser does not check or mends silently: a look at the
// query text before it is parsed. Finds structural mistakes (an unbalanced
// quote or bracket, an operator with nothing on one side), tells a pasted
// sentence from a search expression, and rewrites `-word` next to boolean
// operators into the NOT the grammar understands.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace news::query_syntax {

// A whitespace-separated piece of the query; a quoted phrase is one token
// with its quotes, and brackets are tokens of their own.
std::vector<std::string> tokenize(const std::string& text);

// False if a phrase's quote is never closed.
bool quotes_balanced(const std::string& text);

// True for AND, OR, NOT, XOR, NEAR, ADJ and NEAR/n, ADJ/n (capitals only).
bool is_operator(const std::string& token);

// What is wrong with the structure of the query, if anything: "unbalanced
// quote", "unbalanced bracket", "AND at the end needs something after it"...
std::optional<std::string> structural_error(const std::string& text);

// True if the text reads as a pasted sentence or question rather than a
// search expression: it ends with "?" or "!", or ends with "." after four
// or more words, or has eight or more words with at most one operator and no
// brackets, or is four or more words in capitals only (no brackets). Such
// text is searched as plain words (see searcher/query.h).
bool looks_like_prose(const std::string& text);

// Rewrites exclusions that Xapian's grammar rejects next to boolean
// operators: `-oil AND -gas` becomes `NOT oil AND NOT gas`, `oil OR -gas`
// becomes `oil OR NOT gas`, `(-oil OR -gas)` likewise. Exclusions among plain
// words (`oil -gas`) are left alone: there the grammar takes them as meant.
std::string rewrite_exclusions(const std::string& text);

// The query with accents folded (common/fold.h) as the index folds its
// words, except the values of boolean fields (source:, site:, id:, story:,
// date:), which are matched exactly as the indexer stored them.
std::string fold_words(const std::string& text);

// A readable version of a Xapian::QueryParserError message
// ("Syntax: <expression> AND <expression>" -> "AND needs something on each side").
std::string readable_parser_error(const std::string& xapian_message);

}  // namespace news::query_syntax
