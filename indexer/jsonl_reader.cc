#include "indexer/jsonl_reader.h"

#include <zlib.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/text.h"

namespace news {
namespace {

// Reads lines through zlib, which passes uncompressed files through as they are.
class LineReader {
  public:
    explicit LineReader(const std::string& path)
        : path_(path), file_(gzopen(path.c_str(), "rb"), gzclose) {
        if (!file_) throw InputError(path, 0, std::string("cannot read: ") + std::strerror(errno));
        gzbuffer(file_.get(), 1 << 17);
    }
    // The next line without its "\n" (or "\r\n"); false at the end.
    bool next(std::string& line) {
        line.clear();
        while (true) {
            const size_t nl = buffer_.find('\n', pos_);
            if (nl != std::string::npos) {
                line.append(buffer_, pos_, nl - pos_);
                pos_ = nl + 1;
                if (!line.empty() && line.back() == '\r') line.pop_back();
                return true;
            }
            line.append(buffer_, pos_, std::string::npos);
            buffer_.resize(1 << 16);
            const int n = gzread(file_.get(), buffer_.data(), static_cast<unsigned>(buffer_.size()));
            if (n < 0) {
                int err = 0;
                const char* msg = gzerror(file_.get(), &err);
                throw InputError(path_, 0, std::string("read error: ") + (err == Z_ERRNO ? std::strerror(errno) : msg));
            }
            buffer_.resize(static_cast<size_t>(n));
            pos_ = 0;
            if (n == 0) {
                // zlib reports a stream cut short only here, at the end.
                int err = Z_OK;
                gzerror(file_.get(), &err);
                if (err != Z_OK) throw InputError(path_, 0, "truncated or corrupt gzip data");
                return !line.empty();
            }
        }
    }

  private:
    std::string path_;
    std::unique_ptr<gzFile_s, int (*)(gzFile)> file_;
    std::string buffer_;
    size_t pos_ = 0;
};

std::string string_field(const nlohmann::json& j, const char* name) {
    auto it = j.find(name);
    if (it == j.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number()) return it->dump();
    throw Error(ErrorKind::kInput, std::string("field \"") + name + "\" is not a string");
}

}  // namespace

Article parse_jsonl_article(const std::string& path, long line_number, const std::string& line) {
    if (line.find('\0') != std::string::npos || looks_binary(line))
        throw Error(ErrorKind::kInput, "binary data, not JSON");
    if (auto bad = find_invalid_utf8(line))
        throw Error(ErrorKind::kInput, "invalid UTF-8 at column " + std::to_string(*bad + 1));
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
        throw Error(ErrorKind::kInput, "malformed JSON at column " + std::to_string(e.byte));
    }
    if (!j.is_object()) throw Error(ErrorKind::kInput, "expected a JSON object");
    Article a;
    a.path = path;
    a.line = line_number;
    // Control characters must not reach terminals or JSON consumers, from any field.
    a.id = strip_controls(string_field(j, "id"));
    a.title = strip_controls(string_field(j, "title"));
    a.body = strip_controls(string_field(j, "body"));
    if (a.body.empty()) a.body = strip_controls(string_field(j, "text"));
    a.source = strip_controls(string_field(j, "source"));
    a.url = strip_controls(string_field(j, "url"));
    if (auto date = j.find("date"); date != j.end() && date->is_number()) {
        // Seconds since 1970, as many feeds export them.
        const double seconds = date->get<double>();
        const long days = static_cast<long>(std::floor(seconds / 86400));
        Date d = Date::from_days(days);
        d.seconds_of_day = static_cast<long>(seconds - days * 86400.0);
        d.has_time = true;
        a.date = d;
        a.date_text = d.iso();
    } else {
        a.date_text = strip_controls(string_field(j, "date"));
        if (!a.date_text.empty()) a.date = parse_date(a.date_text);
    }
    if (a.id.empty()) a.id = a.url;
    if (a.id.empty()) throw Error(ErrorKind::kInput, "no \"id\" (or \"url\") field");
    if (trim(a.title).empty() && trim(a.body).empty())
        throw Error(ErrorKind::kInput, "no \"title\" or \"body\" text");
    return a;
}

void read_jsonl_file(const std::string& path, const ArticleHandler& on_article,
                     const ProblemHandler& on_problem) {
    LineReader reader(path);
    std::string line;
    long number = 0;
    bool any = false;
    while (reader.next(line)) {
        ++number;
        if (trim(line).empty()) continue;
        any = true;
        try {
            Article article = parse_jsonl_article(path, number, line);
            if (!article.date_text.empty() && !article.date)
                on_problem({path, number, "unreadable date \"" + article.date_text + "\" (indexed without a date)"});
            on_article(std::move(article));
        } catch (const Error& e) {
            if (e.kind() != ErrorKind::kInput) throw;
            on_problem({path, number, e.what()});
        }
    }
    if (!any) on_problem({path, 0, "empty file, no articles"});
}

}  // namespace news
