// Word senses: which WordNet synsets a stemmed word can stand for, so that
// duplicate detection can see "talks" and "negotiations", or "rose" and
// "climbed", as the same word. Spun copies of an article swap content words
// for WordNet synonyms; every such swap keeps a synset in common.
//
// The table is compiled in (generated from /usr/share/wordnet at build time
// by common/make_sense_table.cc): each stem maps to the synsets of every
// single-word lemma with that stem, commonest senses first, at most 10 per
// part of speech. Each stem also has broader synsets: its senses' hypernyms
// and, for adjectives, the heads they are similar to (a spinner writes
// "firm" as "business" and "huge" as "big"). A word matches another when
// either's own sense is among the other's own or broader ones, never by
// broader senses alone ("rose" and "fell" share only "change magnitude").
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace news {

// Synset ids are numbered from 0, densely, in WordNet's order of synsets
// (offset, then part of speech), and fit in this many bits (WordNet 3.0 has
// 117,659 synsets).
inline constexpr unsigned kSenseIdBits = 17;

// A read-only view of one stem's synset ids (its own senses; broader() its
// broader ones, which follow them in the table); empty for words WordNet
// lacks (names, numbers, most jargon).
struct SenseList {
    const uint32_t* first = nullptr;
    const uint32_t* last = nullptr;
    const uint32_t* broader_last = nullptr;  // the broader senses: [last, broader_last)
    bool empty() const { return first == last; }
    size_t size() const { return static_cast<size_t>(last - first); }
    const uint32_t* begin() const { return first; }
    const uint32_t* end() const { return last; }
    SenseList broader() const { return {last, broader_last, broader_last}; }
};

// `stem` as the indexer's stemmer made it, without a term prefix.
SenseList senses_of_stem(std::string_view stem);

// How many stems the table has (for tests and diagnostics).
size_t sense_table_size();
// How many distinct synsets its stems have: every id is below it.
size_t sense_count();

}  // namespace news
