// Whether two words are synonyms, from WordNet's index files (Debian
// wordnet-base, /usr/share/wordnet; $NEWS_WORDNET_DIR overrides). Without
// WordNet every answer is "no": synonym swaps are then shown as plain
// replacements.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace news {

// For each pair, whether the two (lower-case) words share a WordNet synset,
// also after taking a plain English inflection off (-s, -es, -ed, -ing).
// One pass over the index files for all the pairs.
std::vector<bool> are_synonyms(const std::vector<std::pair<std::string, std::string>>& pairs);

}  // namespace news
