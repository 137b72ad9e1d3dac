// The query language: Xapian's QueryParser configured from the schema.
// Free text is stemmed English with stop words dropped (as at index time),
// combined with OR so that a pasted question ranks by its content words and
// never comes back empty for want of one word. "phrases", AND/OR/NOT/XOR,
// NEAR and ADJ (also NEAR/n), +must/-mustnot, wild*, title:, source:, site:,
// id:, story:, date:START..END and date:DAY work.
//
// Mistakes in a search expression (an unbalanced quote or bracket, `oil AND`,
// an impossible date) are errors rather than silently searched as something
// else. Text that reads as a pasted sentence (query_syntax::looks_like_prose)
// is never an error: it is searched as plain words, phrases kept when its
// quotes pair up, operators and stray quotes taken as words.
#pragma once

#include <xapian.h>

#include <string>

#include "common/error.h"
#include "searcher/ranking.h"

namespace news {

// A query that is not well-formed; what() says what is wrong, for
// "news-search: query syntax error: <what>".
class QuerySyntaxError : public Error {
  public:
    explicit QuerySyntaxError(const std::string& what) : Error(ErrorKind::kQuerySyntax, what) {}
};

struct ParsedQuery {
    Xapian::Query query;      // what matches, and what snippets highlight
    // Rank-only companions of `query` (RankingParams), empty when off: the
    // query's words over the title field, and its neighbouring word pairs
    // within a window. Added with OP_AND_MAYBE they never change what matches.
    Xapian::Query title_words;
    Xapian::Query word_pairs;
    bool plain_text = false;  // read as a pasted sentence: no operators
    // The query with misspelt words replaced by words of the corpus (Xapian's
    // spelling data); empty when every word is known or nothing is better.
    std::string correction;
};

// Throws Error(kUsage) for an empty query, QuerySyntaxError for a malformed one.
ParsedQuery parse_query(const std::string& text, const Xapian::Database& db, const RankingParams& ranking = {});

// The stemmer queries and snippets use; the indexer's TermGenerator matches it.
const Xapian::Stem& english_stemmer();

}  // namespace news
