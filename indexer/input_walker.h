// Turns the PATHs given to `news-index build` into articles: directories are
// walked recursively in sorted order (hidden entries skipped) and each file
// is read by the reader for its type (.txt, .jsonl, .jsonl.gz).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "common/article.h"

namespace news {

// A file or line that could not be read; the run goes on without it.
struct InputProblem {
    std::string path;
    long line = 0;  // 0: the whole file
    std::string message;
    std::string describe() const;  // "path:line: message"
};

using ArticleHandler = std::function<void(Article&&)>;
using ProblemHandler = std::function<void(const InputProblem&)>;

// True for the file names the readers understand.
bool is_supported_input(const std::string& path);

void read_inputs(const std::vector<std::string>& paths, const ArticleHandler& on_article,
                 const ProblemHandler& on_problem);

}  // namespace news
