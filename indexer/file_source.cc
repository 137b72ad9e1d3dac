#include "indexer/file_source.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>

#include "common/error.h"

namespace news {
namespace {

constexpr size_t kChunkBytes = size_t{1} << 17;

}  // namespace

std::string describe_size(size_t bytes) {
    constexpr size_t kMB = size_t{1} << 20;
    if (bytes >= kMB && bytes % kMB == 0) return std::to_string(bytes / kMB) + " MB";
    return std::to_string(bytes) + " bytes";
}

std::string without_gz_suffix(const std::string& path) {
    const std::string gz = ".gz";
    if (path.size() > gz.size() && path.compare(path.size() - gz.size(), gz.size(), gz) == 0)
        return path.substr(0, path.size() - gz.size());
    return path;
}

struct FileSource::Handle {
    gzFile file = nullptr;
    ~Handle() {
        if (file) gzclose(file);
    }
};

FileSource::FileSource(const std::string& path) : path_(path), handle_(std::make_unique<Handle>()) {
    errno = 0;
    handle_->file = gzopen(path.c_str(), "rb");
    if (!handle_->file)
        throw InputError(path, 0, std::string("cannot read: ") + (errno ? std::strerror(errno) : "out of memory"));
    gzbuffer(handle_->file, kChunkBytes);
}

FileSource::~FileSource() = default;

size_t FileSource::read(char* buffer, size_t size) {
    const int n = gzread(handle_->file, buffer, static_cast<unsigned>(std::min<size_t>(size, INT_MAX)));
    if (n < 0) {
        int err = 0;
        const char* message = gzerror(handle_->file, &err);
        throw InputError(path_, 0, std::string("read error: ") + (err == Z_ERRNO ? std::strerror(errno) : message));
    }
    if (n == 0 && size > 0) {
        // zlib reports a stream cut short only here, at the end.
        int err = Z_OK;
        gzerror(handle_->file, &err);
        if (err != Z_OK) throw InputError(path_, 0, "truncated or corrupt gzip data");
    }
    return static_cast<size_t>(n);
}

std::string read_whole_file(const std::string& path, size_t max_bytes) {
    FileSource source(path);
    std::string content;
    while (true) {
        const size_t have = content.size();
        content.resize(have + kChunkBytes);
        const size_t n = source.read(content.data() + have, kChunkBytes);
        content.resize(have + n);
        if (n == 0) break;
        if (content.size() > max_bytes)
            throw InputError(path, 0, "larger than " + describe_size(max_bytes) + ", not an article file; skipped");
    }
    return content;
}

LineReader::LineReader(const std::string& path, size_t max_line_bytes)
    : source_(path), max_line_bytes_(max_line_bytes) {}

bool LineReader::fill() {
    buffer_.resize(kChunkBytes);
    buffer_.resize(source_.read(buffer_.data(), buffer_.size()));
    pos_ = 0;
    return !buffer_.empty();
}

LineReader::Result LineReader::next(std::string& line) {
    line.clear();
    bool any = false, too_long = false;
    while (true) {
        if (pos_ == buffer_.size() && !fill()) {
            if (!any) return Result::kEnd;
            ++line_number_;  // a last line without "\n"
            break;
        }
        any = true;
        const size_t nl = buffer_.find('\n', pos_);
        const size_t end = nl == std::string::npos ? buffer_.size() : nl;
        if (!too_long) {
            if (line.size() + (end - pos_) > max_line_bytes_) {
                too_long = true;
                std::string().swap(line);  // let the memory go while the rest streams past
            } else {
                line.append(buffer_, pos_, end - pos_);
            }
        }
        if (nl != std::string::npos) {
            pos_ = nl + 1;
            ++line_number_;
            break;
        }
        pos_ = buffer_.size();
    }
    if (too_long) return Result::kTooLong;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return Result::kLine;
}

}  // namespace news
