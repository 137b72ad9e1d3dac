// What every reader reports: articles, and inputs it could not read.
#pragma once

#include <functional>
#include <string>

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

}  // namespace news
