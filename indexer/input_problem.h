// What every reader reports: articles, and inputs it could not read.
#pragma once

#include <functional>
#include <string>

#include "common/article.h"

namespace news {

// A file or line that could not be read; the run goes on without it. Or,
// as a warning, one field of an article that could not be read (an
// unreadable date, a bad character replaced): the article is indexed.
struct InputProblem {
    std::string path;
    long line = 0;  // 0: the whole file
    std::string message;
    bool warning = false;          // the article was indexed all the same
    std::string describe() const;  // "path:line: message", "path:line: warning: message"
};

using ArticleHandler = std::function<void(Article&&)>;
using ProblemHandler = std::function<void(const InputProblem&)>;

}  // namespace news
