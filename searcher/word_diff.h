// What changed between two versions of an article, word by word: the runs of
// inserted, deleted and replaced words (a longest-common-subsequence diff),
// with the changes a reader of copied news looks for marked: synonym swaps
// (the fingerprint of machine "spinning"), inserted link lines ("READ: ...")
// and changed numbers.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace news {

struct DiffOp {
    enum class Kind { kEqual, kInserted, kDeleted, kReplaced };
    Kind kind = Kind::kEqual;
    // The words as written (joined by single spaces); `before` is empty for an
    // insertion, `after` for a deletion, and both hold the text when equal.
    std::string before, after;
    size_t words_before = 0, words_after = 0;
    bool synonym = false;    // a replacement of a word by a synonym (WordNet)
    bool link_line = false;  // an inserted "READ: ..." style link line
    bool numbers = false;    // a number (digits or a number word) changed
};

struct WordDiff {
    std::vector<DiffOp> ops;  // in text order; equal runs included
    size_t words_before = 0, words_after = 0;
    size_t inserted = 0, deleted = 0, replaced = 0;  // words (replaced: of `after`)
    size_t synonym_swaps = 0;
    bool identical() const { return inserted == 0 && deleted == 0 && replaced == 0; }
};

// Word-level diff of `before` into `after`. Words compare case-insensitively
// and without the punctuation around them; the shown text is as written.
// Long texts are diffed line by line first, so cost stays bounded.
WordDiff diff_words(const std::string& before, const std::string& after);

// The kind as JSON and text name it: "equal", "inserted", "deleted", "replaced".
const char* to_string(DiffOp::Kind kind);

}  // namespace news
