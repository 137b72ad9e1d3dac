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
#include <exception>
#include <string>
#include <thread>
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

// Writes a parallel build's words into a database of their own (no
// documents), in a thread of its own, while the build merges its parts and
// groups: writing them into the merged database was a serial step of
// seconds (zlib-compressing every spelling fragment at its commit) with a
// core idle. The build's final compaction takes this database as one more
// source, and Xapian's compaction merges spelling tables (a word's
// frequencies summed), so the spelling data is the one a single writer makes.
class SpellingPartWriter {
  public:
    SpellingPartWriter(std::string path, SpellingCollector&& words);
    ~SpellingPartWriter();  // waits for the thread
    SpellingPartWriter(const SpellingPartWriter&) = delete;
    SpellingPartWriter& operator=(const SpellingPartWriter&) = delete;
    // Waits for the database to be written and returns its path; throws
    // the thread's error (a Xapian::Error) if it could not be.
    const std::string& finish();

  private:
    std::string path_;
    SpellingCollector words_;
    std::exception_ptr error_;
    std::thread thread_;
};

}  // namespace news
