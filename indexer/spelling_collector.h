// Xapian's spelling data ("Did you mean" in news-search) from the words the
// articles of a build contain, counted over the whole build and written
// once, at its last commit: one add_spelling per distinct word and build,
// not one per occurrence as TermGenerator::FLAG_SPELLING would do.
//
// Writing is what costs: at each commit Xapian rewrites, zlib-compressed,
// every spelling fragment (the words' trigrams, heads and tails) that
// changed, and zlib clears a 128 kB hash table for each (README: Where a
// build's time goes). Written per batch of 10,000 articles, Reuters' few
// thousand fragments were rewritten at every batch commit, and in every part
// of a parallel build and again when the parts were merged. Counting stays
// bounded: past kMaxWords distinct words the caller writes what it has.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <unordered_map>

namespace news {

class SpellingCollector {
  public:
    // About 100 bytes each: a cap of a few tens of MB.
    static constexpr size_t kMaxWords = 200000;

    // Counts the document's unprefixed, unstemmed words (stop words and words
    // with digits left out).
    void add(const Xapian::Document& doc);
    // Adds `other`'s counts to these, leaving `other` empty.
    void absorb(SpellingCollector&& other);
    // True when the caller should write now to keep memory bounded.
    bool full() const { return counts_.size() >= kMaxWords; }
    // Adds the counted words to the database's spelling data, to be
    // committed with the open batch, and forgets them.
    void write(Xapian::WritableDatabase& db);

  private:
    std::unordered_map<std::string, Xapian::termcount> counts_;
};

}  // namespace news
