// The one error type the news-search library throws. Only the command-line
// mains catch it; they print it and map its kind to an exit status.
#pragma once

#include <stdexcept>
#include <string>

namespace news {

enum class ErrorKind {
    kUsage,     // bad command line or query syntax
    kInput,     // an input file or line that cannot be read
    kDatabase,  // missing, locked, corrupt or incompatible database
};

class Error : public std::runtime_error {
  public:
    Error(ErrorKind kind, const std::string& message)
        : std::runtime_error(message), kind_(kind) {}
    ErrorKind kind() const { return kind_; }

  private:
    ErrorKind kind_;
};

}  // namespace news
