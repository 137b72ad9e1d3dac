// Xapian's spelling data ("Did you mean" in news-search) from the words the
// articles of a batch contain, written once per batch commit: one
// add_spelling per distinct word and batch instead of one per occurrence, as
// TermGenerator::FLAG_SPELLING would do (measured in README: Did you mean).
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>

namespace news {

class SpellingCollector {
  public:
    // Counts the document's unprefixed, unstemmed words (stop words and words
    // with digits left out).
    void add(const Xapian::Document& doc);
    // Adds the counted words to the database's spelling data, to be committed with the batch.
    void write(Xapian::WritableDatabase& db);

  private:
    std::unordered_map<std::string, Xapian::termcount> counts_;
};

}  // namespace news
