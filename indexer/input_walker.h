// Turns the PATHs given to `news-index build` into articles: directories are
// walked recursively in sorted order (hidden entries skipped) and each file
// is read by the reader for its type (.txt, .html/.htm, .jsonl, .warc; each
// also gzip-compressed, .gz).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "indexer/input_problem.h"
#include "indexer/jsonl_reader.h"

namespace news {

// How inputs are read, beyond what their file names say.
struct InputOptions {
    JsonlFields jsonl_fields;  // `news-index build --field`
    // Each web archive record that is not an article, with why
    // (indexer/warc_reader.h); none is an input problem.
    std::function<void(const std::string& reason)> on_skipped_record;
};

// True for the file names the readers understand.
bool is_supported_input(const std::string& path);

// Reads every input, in order. A directory that cannot be listed, a file
// that cannot be read (or vanished since its directory was listed) and a
// bad line each go to `on_problem` once; everything else is still read.
void read_inputs(const std::vector<std::string>& paths, const ArticleHandler& on_article,
                 const ProblemHandler& on_problem, const InputOptions& options = {});

// The bytes of the files read_inputs would read (compressed ones as stored),
// for sizing the parts of a parallel build; unreadable paths count nothing.
size_t input_bytes(const std::vector<std::string>& paths);

}  // namespace news
