// How a document keeps its fingerprint (common/fingerprint.h) in
// schema::slot::kFingerprint, a value slot, which Xapian does not compress:
//  - its word-pair hashes (shingles), cut to 32 bits, as Rice-coded gaps
//    (about 28 bits each: random hashes do not compress further);
//  - its title stems, heading numbers, numbers and names, each as its
//    distance in the document's own sorted text terms from the one before
//    (one byte: most of them are terms of the document), else spelled out;
//  - the rest serialised (serialise_fingerprint) without those lists or the
//    terms, which the document's termlist holds with their frequencies.
// Stored in full, the terms were 9 of the 24 MB of fingerprints in Reuters'
// index, the 8-byte shingles 11.7 MB, the word lists 2.9 MB (README: Index size).
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>

#include "common/fingerprint.h"

namespace news {

// Sets slot::kFingerprint of `doc`, whose terms must be those `fp` was made
// from. `fp`'s shingles become the ones stored (see keep_stored_shingle_bits);
// the rest of it is left as it was (its terms are set aside meanwhile).
void store_fingerprint(Xapian::Document& doc, Fingerprint& fp);

// The fingerprint store_fingerprint kept in `doc` (a document of a
// database), equal to the one stored. An empty Fingerprint if it has none;
// throws news::Error(kDatabase) if it is malformed.
Fingerprint stored_fingerprint(const Xapian::Document& doc);
// The same, and in `found` the first term of `doc` that begins with `prefix`
// (its walk of the termlist reads them all anyway), prefix removed; nothing
// if it has no such term, or if it has no fingerprint (its terms are then
// not read).
Fingerprint stored_fingerprint(const Xapian::Document& doc, std::string_view prefix,
                               std::optional<std::string>& found);

// Shingles as stored: each hash cut to its low 32 bits, sorted, unique.
// Two articles compared share at most a few hundred shingles each, so a
// false match of two 32-bit hashes is about one in 10^5 comparisons, and
// moves one containment figure by one shingle: the story and event keys of
// all of Reuters-21578 are byte-for-byte those of 64-bit shingles (README).
void keep_stored_shingle_bits(std::vector<uint64_t>& shingles);

}  // namespace news
