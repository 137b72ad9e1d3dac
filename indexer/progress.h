// The one-line progress display of `news-index build` on a terminal: files
// done of the total, articles, articles per second and the time left,
// estimated from the bytes of input read. Redrawn at most kRedrawsPerSecond
// times a second and erased when done, so it never mixes with output that is
// kept (problem lines erase it first; the next redraw brings it back).
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/article.h"

namespace news {

// What the walk of the inputs finds before reading: the denominator.
struct InputTotals {
    size_t files = 0;
    uintmax_t bytes = 0;
    std::unordered_map<std::string, uintmax_t> size_of;  // by path as given and as articles store it
};

// Walks `paths` as read_inputs does (directories recursively, hidden entries
// skipped, supported files only) and sizes the files.
InputTotals count_inputs(const std::vector<std::string>& paths);

struct ProgressSnapshot {
    size_t files_done = 0, files_total = 0;
    size_t articles = 0;
    uintmax_t bytes_done = 0, bytes_total = 0;
    double seconds = 0;  // since the start
};

// "files 3/10  articles 12,345  1,234/s  ETA 1:02" (ETA once there is
// something to estimate from; "h:mm:ss" past an hour).
std::string format_progress(const ProgressSnapshot& s);

inline constexpr int kRedrawsPerSecond = 5;

class ProgressDisplay {
  public:
    ProgressDisplay(std::FILE* out, InputTotals totals);
    void article(const Article& a);   // one article read
    void problem(const std::string& path);  // call before printing a problem line: erases the display
    void grouping(size_t articles);   // duplicate detection begins
    void finish();                    // erases the display

  private:
    void file_seen(const std::string& path);
    void redraw(bool force);
    void erase();

    std::FILE* out_;
    InputTotals totals_;
    std::chrono::steady_clock::time_point start_, last_draw_;
    std::string current_path_;
    ProgressSnapshot snap_;
    uintmax_t bytes_in_current_ = 0;  // estimate: text read from the current file
    bool shown_ = false;
};

}  // namespace news
