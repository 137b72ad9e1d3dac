#include "indexer/input_walker.h"

#include <algorithm>
#include <filesystem>

#include "common/error.h"
#include "common/text.h"
#include "indexer/file_source.h"
#include "indexer/html_reader.h"
#include "indexer/text_reader.h"
#include "indexer/warc_reader.h"

namespace fs = std::filesystem;

namespace news {
namespace {

enum class InputKind { kUnsupported, kText, kHtml, kJsonl, kWarc };

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

InputKind kind_of(const std::string& path) {
    const std::string name = to_lower(without_gz_suffix(fs::path(path).filename().string()));
    if (ends_with(name, ".jsonl")) return InputKind::kJsonl;
    if (ends_with(name, ".html") || ends_with(name, ".htm")) return InputKind::kHtml;
    if (ends_with(name, ".txt")) return InputKind::kText;
    if (ends_with(name, ".warc")) return InputKind::kWarc;
    return InputKind::kUnsupported;
}

class Walker {
  public:
    Walker(const ArticleHandler& on_article, const ProblemHandler& on_problem, const InputOptions& options)
        : on_article_(on_article), on_problem_(on_problem), options_(options) {}

    void read_file(const std::string& path) {
        // Articles keep the absolute path of their file, so the path shown
        // anywhere works from any directory (and as an id: common/database.h).
        const std::string stored_path = file_identity(path);
        const ArticleHandler on_article = [&](Article&& article) {
            article.path = stored_path;
            on_article_(std::move(article));
        };
        try {
            switch (kind_of(path)) {
            case InputKind::kJsonl:
                read_jsonl_file(path, on_article, on_problem_, options_.jsonl_fields);
                break;
            case InputKind::kHtml: {
                Article article = read_html_article(path);
                if (!article.date_text.empty() && !article.date)
                    on_problem_({path, 0, "unreadable date \"" + article.date_text + "\" (indexed without a date)", true});
                on_article(std::move(article));
                break;
            }
            case InputKind::kWarc:
                read_warc_file(path, on_article, on_problem_, [this](const std::string& reason) {
                    if (options_.on_skipped_record) options_.on_skipped_record(reason);
                });
                break;
            case InputKind::kText:
                on_article(read_text_article(path));
                break;
            case InputKind::kUnsupported:
                break;
            }
        } catch (const InputError& e) {
            on_problem_({e.path(), e.line(), e.reason()});
        }
    }

    // Lists one directory, then reads its entries in name order, so that a
    // directory or file removed while the walk is under way is reported
    // when it is reached, and the walk goes on.
    void walk(const fs::path& dir) {
        struct Entry {
            std::string path;
            bool is_directory;
        };
        std::vector<Entry> entries;
        std::error_code ec;
        fs::directory_iterator it(dir, ec);
        if (ec) {
            on_problem_({dir.string(), 0, "cannot read directory: " + ec.message()});
            return;
        }
        for (; it != fs::directory_iterator(); it.increment(ec)) {
            if (ec) break;
            const std::string name = it->path().filename().string();
            if (name.empty() || name[0] == '.') continue;
            std::error_code status_ec;
            // Symbolic links to directories are not followed: no cycles, no
            // walking out of the tree that was asked for.
            if (it->is_directory(status_ec) && !it->is_symlink(status_ec)) {
                entries.push_back({it->path().string(), true});
            } else if (kind_of(name) != InputKind::kUnsupported) {
                const auto status = it->status(status_ec);
                // A FIFO or device named like an article would block or never end.
                if (!status_ec && fs::exists(status) && !fs::is_regular_file(status)) continue;
                entries.push_back({it->path().string(), false});  // dangling links: reported by the reader
            }
        }
        if (ec) on_problem_({dir.string(), 0, "cannot list directory: " + ec.message()});
        std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.path < b.path; });
        for (const auto& entry : entries) {
            if (entry.is_directory) walk(entry.path);
            else read_file(entry.path);
        }
    }

  private:
    const ArticleHandler& on_article_;
    const ProblemHandler& on_problem_;
    const InputOptions& options_;
};

}  // namespace

std::string InputProblem::describe() const {
    return path + (line ? ":" + std::to_string(line) : std::string()) + (warning ? ": warning: " : ": ") + message;
}

bool is_supported_input(const std::string& path) { return kind_of(path) != InputKind::kUnsupported; }

void read_inputs(const std::vector<std::string>& paths, const ArticleHandler& on_article,
                 const ProblemHandler& on_problem, const InputOptions& options) {
    Walker walker(on_article, on_problem, options);
    for (const auto& path : paths) {
        std::error_code ec;
        const auto status = fs::status(path, ec);
        if (ec || !fs::exists(status)) {
            on_problem({path, 0, "no such file or directory"});
        } else if (fs::is_directory(status)) {
            walker.walk(path);
        } else if (!is_supported_input(path)) {
            on_problem({path, 0, "unsupported file type (expected .txt, .html, .htm, .jsonl or .warc, each optionally .gz)"});
        } else {
            walker.read_file(path);
        }
    }
}

size_t input_bytes(const std::vector<std::string>& paths) {
    size_t total = 0;
    for (const auto& path : paths) {
        std::error_code ec;
        if (!fs::is_directory(path, ec)) {
            const auto size = fs::file_size(path, ec);
            if (!ec) total += size;
            continue;
        }
        for (fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
             !ec && it != end; it.increment(ec)) {
            std::error_code entry_ec;
            if (it->is_regular_file(entry_ec) && kind_of(it->path().filename().string()) != InputKind::kUnsupported) {
                const auto size = it->file_size(entry_ec);
                if (!entry_ec) total += size;
            }
        }
    }
    return total;
}

}  // namespace news
