// How many articles of a fixed reference corpus (Reuters-21578 and BBC News)
// contain a term: what duplicate detection weighs words by.
//
// Read from the database being built instead, a word's weight would depend
// on what else the database holds, so the same pair of articles could be
// judged differently before and after an unrelated article arrived (groups
// that depend on the order of incremental builds), and a small database
// would give the fitted models evidence unlike what they were fitted on.
// The table is written by scripts/make-reference-frequencies.
#pragma once

#include <cstdint>
#include <string_view>

namespace news {

// Articles in the reference corpus.
double reference_articles();

// Articles of the reference corpus with `term` (a content stem "Z...", or an
// unprefixed word or number as indexed); 1 for a term it has once or never.
uint32_t reference_frequency(std::string_view term);

}  // namespace news
