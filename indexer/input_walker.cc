#include "indexer/input_walker.h"

#include <algorithm>
#include <filesystem>

#include "common/error.h"
#include "indexer/jsonl_reader.h"
#include "indexer/text_reader.h"

namespace fs = std::filesystem;

namespace news {
namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_jsonl(const std::string& path) { return ends_with(path, ".jsonl") || ends_with(path, ".jsonl.gz"); }

void read_file(const std::string& path, const ArticleHandler& on_article, const ProblemHandler& on_problem) {
    try {
        if (is_jsonl(path)) {
            read_jsonl_file(path, on_article, on_problem);
        } else {
            on_article(read_text_article(path));
        }
    } catch (const InputError& e) {
        on_problem({e.path(), e.line(), e.reason()});
    }
}

std::vector<std::string> files_under(const std::string& dir, const ProblemHandler& on_problem) {
    std::vector<std::string> files;
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) {
        on_problem({dir, 0, "cannot read directory: " + ec.message()});
        return files;
    }
    for (; it != end; it.increment(ec)) {
        if (ec) {
            on_problem({dir, 0, "cannot walk directory: " + ec.message()});
            break;
        }
        const std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {
            if (it->is_directory(ec)) it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file(ec) && is_supported_input(name)) files.push_back(it->path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

std::string InputProblem::describe() const {
    return path + (line ? ":" + std::to_string(line) : std::string()) + ": " + message;
}

bool is_supported_input(const std::string& path) { return is_jsonl(path) || ends_with(path, ".txt"); }

void read_inputs(const std::vector<std::string>& paths, const ArticleHandler& on_article,
                 const ProblemHandler& on_problem) {
    for (const auto& path : paths) {
        std::error_code ec;
        const auto status = fs::status(path, ec);
        if (ec || !fs::exists(status)) {
            on_problem({path, 0, "no such file or directory"});
        } else if (fs::is_directory(status)) {
            for (const auto& file : files_under(path, on_problem)) read_file(file, on_article, on_problem);
        } else if (!is_supported_input(path)) {
            on_problem({path, 0, "unsupported file type (expected .txt, .jsonl or .jsonl.gz)"});
        } else {
            read_file(path, on_article, on_problem);
        }
    }
}

}  // namespace news
