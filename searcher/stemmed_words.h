// Which terms relevance feedback (Enquire::get_eset) may offer as query
// words, for `--like` and for pseudo-relevance feedback.
#pragma once

#include <xapian.h>

#include <cctype>
#include <string>

#include "common/schema.h"
#include "common/stopwords.h"

namespace news {

// Only stemmed words: the unstemmed forms would count every word twice, and
// prefixed terms (ids, sources, group keys, title words) say nothing about
// the subject. Numbers and stop words neither.
class StemmedWordsOnly : public Xapian::ExpandDecider {
  public:
    bool operator()(const std::string& term) const override {
        const std::string_view stemmed = schema::prefix::kStemmed;
        if (term.compare(0, stemmed.size(), stemmed) != 0) return false;
        const std::string word = term.substr(stemmed.size());
        if (word.empty() || is_stopword(word)) return false;
        for (const char c : word)
            if (std::isdigit(static_cast<unsigned char>(c)) || std::isupper(static_cast<unsigned char>(c))) return false;
        return true;
    }
};

// Expand-term weights from the whole database's term frequencies, not each
// shard's: a stub of shards (remote ones included) then picks the same terms
// as one database. Costs nothing on a single database.
inline constexpr int kExpandFlags = Xapian::Enquire::USE_EXACT_TERMFREQ;

}  // namespace news
