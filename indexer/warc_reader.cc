#include "indexer/warc_reader.h"

#include <zlib.h>

#include <cstdint>
#include <map>
#include <optional>

#include "common/error.h"
#include "common/text.h"
#include "indexer/file_source.h"
#include "indexer/html_reader.h"

namespace news {
namespace {

// A record's header lines together; real ones are well under 4 KB, so more
// is not a WARC header but a file that only starts like one.
constexpr size_t kMaxHeaderBytes = size_t{1} << 20;
constexpr size_t kChunkBytes = size_t{1} << 16;

// Bytes of a (possibly gzip) file as lines and counted blocks, keeping the
// offset of what was consumed so problems can say where a record starts.
class ByteStream {
  public:
    explicit ByteStream(const std::string& path) : source_(path) {}

    uint64_t offset() const { return consumed_; }

    // The next line without "\r\n" or "\n"; false at the end of the file.
    // A line that runs past `max_bytes` or past the end is returned as far as
    // it went and `complete` is false.
    bool read_line(std::string& line, size_t max_bytes, bool& complete) {
        line.clear();
        complete = false;
        while (true) {
            if (pos_ == buffer_.size() && !fill()) return !line.empty();
            const size_t nl = buffer_.find('\n', pos_);
            const size_t end = nl == std::string::npos ? buffer_.size() : nl;
            line.append(buffer_, pos_, end - pos_);
            consumed_ += end - pos_ + (nl != std::string::npos);
            pos_ = nl == std::string::npos ? end : end + 1;
            if (line.size() > max_bytes) return true;
            if (nl != std::string::npos) break;
        }
        if (!line.empty() && line.back() == '\r') line.pop_back();
        complete = true;
        return true;
    }

    // Appends the next `n` bytes to `out` (or drops them when `out` is null);
    // false if the file ends first.
    bool read_block(uint64_t n, std::string* out) {
        while (n > 0) {
            if (pos_ == buffer_.size() && !fill()) return false;
            const size_t take = static_cast<size_t>(std::min<uint64_t>(n, buffer_.size() - pos_));
            if (out) out->append(buffer_, pos_, take);
            pos_ += take;
            consumed_ += take;
            n -= take;
        }
        return true;
    }

  private:
    bool fill() {
        buffer_.resize(kChunkBytes);
        buffer_.resize(source_.read(buffer_.data(), buffer_.size()));
        pos_ = 0;
        return !buffer_.empty();
    }

    FileSource source_;
    std::string buffer_;
    size_t pos_ = 0;
    uint64_t consumed_ = 0;
};

using Headers = std::map<std::string, std::string>;  // lower-case name -> value

// "Name: value" into `headers`; false for a line with no colon.
bool add_header(const std::string& line, Headers& headers) {
    const size_t colon = line.find(':');
    if (colon == std::string::npos || colon == 0) return false;
    headers[to_lower(trim(std::string_view(line).substr(0, colon)))] =
        std::string(trim(std::string_view(line).substr(colon + 1)));
    return true;
}

std::string header(const Headers& headers, const std::string& name) {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
}

std::optional<uint64_t> parse_length(const std::string& text) {
    if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    return std::stoull(text);
}

// Why a record is not read as an article, or nothing if it is one.
struct HttpBody {
    std::string skip_reason;  // set: not an article
    std::string error;        // set: an article page that cannot be decoded
    std::string body;
};

// Undoes "Transfer-Encoding: chunked"; nothing if the chunks are malformed.
std::optional<std::string> dechunk(std::string_view data) {
    std::string out;
    size_t pos = 0;
    while (true) {
        const size_t eol = data.find('\n', pos);
        if (eol == std::string_view::npos) return std::nullopt;
        const std::string size_text(trim(data.substr(pos, data.find_first_of(";\r\n", pos) - pos)));
        if (size_text.empty() || size_text.size() > 15 ||
            size_text.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
            return std::nullopt;
        const size_t size = std::stoul(size_text, nullptr, 16);
        pos = eol + 1;
        if (size == 0) return out;
        if (data.size() - pos < size) return std::nullopt;
        out.append(data.substr(pos, size));
        pos += size;
        if (data.compare(pos, 2, "\r\n") == 0)
            pos += 2;
        else if (data.compare(pos, 1, "\n") == 0)
            pos += 1;
    }
}

// Undoes "Content-Encoding: gzip" or "deflate" (zlib or raw); nothing if the
// data is corrupt or inflates past the article size limit.
std::optional<std::string> inflate_body(std::string_view data, bool raw_deflate) {
    z_stream z{};
    // 15 + 32: zlib or gzip, detected from the header; -15: raw deflate.
    if (inflateInit2(&z, raw_deflate ? -15 : 15 + 32) != Z_OK) return std::nullopt;
    std::string out;
    char chunk[kChunkBytes];
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    int status = Z_OK;
    while (status == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(chunk);
        z.avail_out = sizeof chunk;
        status = inflate(&z, Z_NO_FLUSH);
        out.append(chunk, sizeof chunk - z.avail_out);
        if (out.size() > kMaxArticleFileBytes) status = Z_MEM_ERROR;
        if (status == Z_BUF_ERROR && z.avail_in == 0) break;  // ended without a trailer: keep what came
    }
    inflateEnd(&z);
    if (status != Z_STREAM_END && status != Z_BUF_ERROR) return std::nullopt;
    return out;
}

bool is_html(const std::string& content_type) {
    const std::string type = to_lower(trim(content_type.substr(0, content_type.find(';'))));
    return type == "text/html" || type == "application/xhtml+xml";
}

// The page inside an HTTP response block.
HttpBody http_body(const std::string& block) {
    HttpBody result;
    size_t header_end = block.find("\r\n\r\n");
    size_t body_start = header_end + 4;
    if (header_end == std::string::npos) {
        header_end = block.find("\n\n");
        body_start = header_end + 2;
    }
    if (header_end == std::string::npos || block.compare(0, 5, "HTTP/") != 0) {
        result.error = "response record does not hold an HTTP response";
        return result;
    }
    const std::string_view head(block.data(), header_end);
    const size_t status_end = head.find('\n');
    const std::string_view status_line = head.substr(0, status_end);
    const size_t space = status_line.find(' ');
    const std::string status(space == std::string_view::npos ? "" : trim(status_line.substr(space + 1, 3)));
    Headers headers;
    for (size_t pos = status_end; pos != std::string_view::npos && pos < head.size();) {
        const size_t eol = head.find('\n', pos + 1);
        add_header(std::string(trim(head.substr(pos + 1, eol == std::string_view::npos ? eol : eol - pos - 1))),
                   headers);
        pos = eol;
    }
    if (status.empty() || status[0] != '2') {
        result.skip_reason = "HTTP status " + (status.empty() ? std::string("missing") : status);
        return result;
    }
    if (!is_html(header(headers, "content-type"))) {
        result.skip_reason = "not HTML";
        return result;
    }
    std::string_view body = std::string_view(block).substr(body_start);
    std::optional<std::string> decoded(std::in_place, body);
    if (to_lower(header(headers, "transfer-encoding")).find("chunked") != std::string::npos) decoded = dechunk(body);
    if (!decoded) {
        result.error = "malformed chunked transfer encoding";
        return result;
    }
    const std::string encoding = to_lower(header(headers, "content-encoding"));
    if (encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate") {
        // "deflate" is meant to be zlib data, but some servers send it raw.
        auto inflated = inflate_body(*decoded, false);
        if (!inflated && encoding == "deflate") inflated = inflate_body(*decoded, true);
        if (!inflated) {
            result.error = "corrupt " + encoding + " content encoding";
            return result;
        }
        decoded = std::move(inflated);
    } else if (!encoding.empty() && encoding != "identity") {
        result.skip_reason = "content encoding " + encoding;
        return result;
    }
    result.body = std::move(*decoded);
    return result;
}

}  // namespace

void read_warc_file(const std::string& path, const ArticleHandler& on_article, const ProblemHandler& on_problem,
                    const SkippedRecordHandler& on_skipped) {
    ByteStream stream(path);
    std::string line;
    bool complete = false;
    long record = 1;
    uint64_t start = 0;
    try {
        for (;; ++record) {
            // Records are separated by two CRLFs; be lenient about how many.
            do {
                start = stream.offset();
                if (!stream.read_line(line, kMaxHeaderBytes, complete)) return;
            } while (complete && trim(line).empty());
            const std::string where = "record " + std::to_string(record) + " (byte " + std::to_string(start) + ")";
            auto fail = [&](const std::string& reason) { on_problem({path, 0, where + ": " + reason}); };
            if (line.compare(0, 5, "WARC/") != 0) {
                fail("not a WARC record (no \"WARC/1.x\" line); the rest of the file is skipped");
                return;
            }
            Headers headers;
            size_t header_bytes = 0;
            while (true) {
                if (!stream.read_line(line, kMaxHeaderBytes, complete) || !complete) {
                    fail(complete || line.size() <= kMaxHeaderBytes ? "truncated record: the file ends in its header"
                                                                    : "header longer than 1 MB: not a WARC record");
                    return;
                }
                if (line.empty()) break;
                header_bytes += line.size();
                if (header_bytes > kMaxHeaderBytes) {
                    fail("header longer than 1 MB: not a WARC record");
                    return;
                }
                if (!add_header(line, headers) && line[0] != ' ' && line[0] != '\t') {
                    fail("malformed header line \"" + line.substr(0, 60) + "\"; the rest of the file is skipped");
                    return;
                }
            }
            const auto length = parse_length(header(headers, "content-length"));
            if (!length) {
                fail("missing or invalid Content-Length; the rest of the file is skipped");
                return;
            }
            const std::string type = to_lower(header(headers, "warc-type"));
            const bool http_response =
                type == "response" &&
                to_lower(header(headers, "content-type")).find("application/http") != std::string::npos;
            const bool too_large = *length > kMaxArticleFileBytes;
            std::string block;
            if (!stream.read_block(*length, http_response && !too_large ? &block : nullptr)) {
                fail("truncated record: Content-Length " + std::to_string(*length) + " runs past the end of the file");
                return;
            }
            if (type != "response") {
                on_skipped(type.empty() ? "no WARC-Type" : type);
                continue;
            }
            if (!http_response) {
                on_skipped("not HTTP");
                continue;
            }
            if (too_large) {
                on_skipped("larger than " + describe_size(kMaxArticleFileBytes));
                continue;
            }
            HttpBody page = http_body(block);
            if (!page.skip_reason.empty()) {
                on_skipped(page.skip_reason);
                continue;
            }
            if (!page.error.empty()) {
                fail(page.error);
                continue;
            }
            std::string target = header(headers, "warc-target-uri");
            // WARC 1.0's grammar put the URI in angle brackets; some writers still do.
            if (target.size() >= 2 && target.front() == '<' && target.back() == '>')
                target = target.substr(1, target.size() - 2);
            Article article;
            try {
                article = parse_html_article(path, page.body);
            } catch (const InputError& e) {
                fail((target.empty() ? "" : target + ": ") + e.reason() +
                     (e.line() ? " (line " + std::to_string(e.line()) + " of the page)" : ""));
                continue;
            }
            if (article.url.empty()) article.url = target;
            if (article.id.empty()) article.id = article.url;
            if (article.id.empty()) {
                fail("response record with neither a WARC-Target-URI nor a canonical URL in its page");
                continue;
            }
            if (article.date_text.empty()) {
                article.date_text = header(headers, "warc-date");
                article.date = parse_date(article.date_text);
            }
            if (!article.date_text.empty() && !article.date)
                on_problem(
                    {path, 0, where + ": unreadable date \"" + article.date_text + "\" (indexed without a date)", true});
            on_article(std::move(article));
        }
    } catch (const InputError& e) {
        // Gzip data cut short or corrupt, or a read error, within this record.
        on_problem(
            {path, 0, "record " + std::to_string(record) + " (byte " + std::to_string(start) + "): " + e.reason()});
    }
}

}  // namespace news
