// How a document keeps its fingerprint (common/fingerprint.h): the
// serialised features in schema::slot::kFingerprint, all but the terms,
// which the document's termlist already holds with their frequencies.
// Stored twice they were 9 of the 24 MB of fingerprints in Reuters' index
// (README: Index size), and a value slot is not compressed.
#pragma once

#include <xapian.h>

#include "common/fingerprint.h"

namespace news {

// Sets slot::kFingerprint of `doc`, whose terms must be those `fp` was made
// from. `fp` is left as it was (its terms are set aside meanwhile).
void store_fingerprint(Xapian::Document& doc, Fingerprint& fp);

// The fingerprint store_fingerprint kept in `doc` (a document of a
// database), equal to the one stored. An empty Fingerprint if it has none;
// throws news::Error(kDatabase) if it is malformed.
Fingerprint stored_fingerprint(const Xapian::Document& doc);

}  // namespace news
