// The one error type the news-search library throws. Only the command-line
// mains catch it; they print it and map its kind to an exit status.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

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

// Another writer (a concurrent `news-index build`) holds the database lock.
// what() is the whole user-facing sentence, printed without "error:".
class DatabaseLockedError : public Error {
  public:
    explicit DatabaseLockedError(const std::string& path)
        : Error(ErrorKind::kDatabase, "database is locked by another build (" + path + ")") {}
};

// An input file (or one line of it) that cannot be read. what() is
// "path:line: reason" (no line when it concerns the whole file).
class InputError : public Error {
  public:
    InputError(std::string path, long line, std::string reason)
        : Error(ErrorKind::kInput,
                path + (line ? ":" + std::to_string(line) : std::string()) + ": " + reason),
          path_(std::move(path)), line_(line), reason_(std::move(reason)) {}
    const std::string& path() const { return path_; }
    long line() const { return line_; }
    const std::string& reason() const { return reason_; }

  private:
    std::string path_;
    long line_;
    std::string reason_;
};

}  // namespace news
