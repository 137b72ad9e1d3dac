#include "indexer/progress.h"

#include <algorithm>
#include <filesystem>

#include "indexer/input_walker.h"
#include "indexer/text_reader.h"

namespace fs = std::filesystem;

namespace news {
namespace {

std::string with_commas(uintmax_t n) {
    std::string digits = std::to_string(n), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string clock_time(double seconds) {
    const long s = static_cast<long>(seconds + 0.5);
    char buf[32];
    if (s >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
    return buf;
}

void add_file(InputTotals& t, const std::string& path) {
    std::error_code ec;
    const uintmax_t size = fs::file_size(path, ec);
    if (ec || !t.size_of.emplace(path, size).second) return;
    // Articles name their file by its absolute path (input_walker.h), problems as given.
    if (const std::string stored = file_identity(path); stored != path) t.size_of.emplace(stored, size);
    ++t.files;
    t.bytes += size;
}

}  // namespace

InputTotals count_inputs(const std::vector<std::string>& paths) {
    InputTotals totals;
    for (const auto& path : paths) {
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
            for (; !ec && it != end; it.increment(ec)) {
                const std::string name = it->path().filename().string();
                if (!name.empty() && name[0] == '.') {
                    if (it->is_directory(ec)) it.disable_recursion_pending();
                    continue;
                }
                if (it->is_regular_file(ec) && is_supported_input(name)) add_file(totals, it->path().string());
            }
        } else if (is_supported_input(path)) {
            add_file(totals, path);
        }
    }
    return totals;
}

std::string format_progress(const ProgressSnapshot& s) {
    std::string line = "files " + with_commas(s.files_done) + "/" + with_commas(s.files_total) + "  articles " +
                       with_commas(s.articles);
    if (s.seconds > 0) line += "  " + with_commas(static_cast<uintmax_t>(s.articles / s.seconds)) + "/s";
    if (s.bytes_done > 0 && s.bytes_total > s.bytes_done && s.seconds > 0)
        line += "  ETA " + clock_time(s.seconds * static_cast<double>(s.bytes_total - s.bytes_done) /
                                      static_cast<double>(s.bytes_done));
    return line;
}

ProgressDisplay::ProgressDisplay(std::FILE* out, InputTotals totals)
    : out_(out), totals_(std::move(totals)), start_(std::chrono::steady_clock::now()) {
    snap_.files_total = totals_.files;
    snap_.bytes_total = totals_.bytes;
}

void ProgressDisplay::file_seen(const std::string& path) {
    if (path == current_path_) return;
    // A new file: the previous one is done. (Files that give no article
    // are counted when their problem is reported, or not at all.)
    if (!current_path_.empty()) {
        ++snap_.files_done;
        const auto it = totals_.size_of.find(current_path_);
        if (it != totals_.size_of.end()) snap_.bytes_done += it->second;
    }
    current_path_ = path;
    bytes_in_current_ = 0;
}

void ProgressDisplay::article(const Article& a) {
    file_seen(a.path);
    ++snap_.articles;
    // Within a big JSONL file, the text read so far stands in for its bytes
    // (the JSON around it is roughly a constant per line).
    bytes_in_current_ += a.id.size() + a.title.size() + a.body.size() + a.url.size() + a.source.size() +
                         a.date_text.size() + 60;
    redraw(false);
}

void ProgressDisplay::problem(const std::string& path) {
    file_seen(path);
    erase();
}

void ProgressDisplay::grouping(size_t articles) {
    erase();
    std::fprintf(out_, "finding duplicates among %s articles...", with_commas(articles).c_str());
    std::fflush(out_);
    shown_ = true;
}

void ProgressDisplay::finish() { erase(); }

void ProgressDisplay::redraw(bool force) {
    const auto now = std::chrono::steady_clock::now();
    if (!force && shown_ && now - last_draw_ < std::chrono::milliseconds(1000 / kRedrawsPerSecond)) return;
    if (!force && !shown_ && now - start_ < std::chrono::milliseconds(1000 / kRedrawsPerSecond)) return;
    last_draw_ = now;
    ProgressSnapshot s = snap_;
    s.seconds = std::chrono::duration<double>(now - start_).count();
    const auto it = totals_.size_of.find(current_path_);
    if (it != totals_.size_of.end()) s.bytes_done += std::min(bytes_in_current_, it->second);
    // "\r" and erase-to-end-of-line: the line is redrawn in place.
    std::fprintf(out_, "\r%s\033[K", format_progress(s).c_str());
    std::fflush(out_);
    shown_ = true;
}

void ProgressDisplay::erase() {
    if (!shown_) return;
    std::fputs("\r\033[K", out_);
    std::fflush(out_);
    shown_ = false;
}

}  // namespace news
