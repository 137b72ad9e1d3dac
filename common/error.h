// The one error type the news-search library throws. Only the command-line
// mains catch it: each prints error_line() and exits with exit_status() of
// its kind. Xapian's exceptions never reach a main: the library translates
// them where it calls Xapian (common/xapian_error.h).
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace news {

enum class ErrorKind {
    kUsage,           // bad command line, unknown article id
    kQuerySyntax,     // a malformed query expression (searcher/query.h)
    kInput,           // an input file or line that cannot be read
    kDatabase,        // missing, unreadable, corrupt or incompatible database; a failed write
    kDatabaseLocked,  // another writer (a concurrent build) holds the database lock
    kSystem,          // the system failed (out of memory, a file system error): no fault of the user's
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
        : Error(ErrorKind::kDatabaseLocked, "database is locked by another build (" + path + ")") {}
};

// The line a tool prints on stderr for an error: "TOOL: error: what", with
// two kinds in their own words: "TOOL: query syntax error: what", and a
// locked database as the whole sentence it is ("TOOL: database is locked
// by another build (PATH)").
inline std::string error_line(const std::string& tool, const Error& e) {
    switch (e.kind()) {
        case ErrorKind::kDatabaseLocked: return tool + ": " + e.what();
        case ErrorKind::kQuerySyntax: return tool + ": query syntax error: " + e.what();
        case ErrorKind::kUsage:
        case ErrorKind::kInput:
        case ErrorKind::kDatabase:
        case ErrorKind::kSystem: break;
    }
    return tool + ": error: " + e.what();
}

// The one place an error's kind chooses the exit status of every tool
// (README: "Exit status"): every error is 2, like grep. 1 is not an error: no
// hits (news-search) or a run that lost some inputs or ids (news-index). A
// bad input stops a build only under --strict; errors while news-serve is
// serving are HTTP statuses (server/service.cc).
inline constexpr int kExitError = 2;
constexpr int exit_status(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::kUsage:
        case ErrorKind::kQuerySyntax:
        case ErrorKind::kInput:
        case ErrorKind::kDatabase:
        case ErrorKind::kDatabaseLocked:
        case ErrorKind::kSystem: break;
    }
    return kExitError;
}

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
