#include "indexer/file_source.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <vector>

#include "common/error.h"

namespace news {
namespace {

// zlib's input buffer (its output buffer is twice this). Small enough that
// opening one more small article file costs no fresh mmap'ed pages.
constexpr unsigned kZlibBufferBytes = 1u << 15;
// What one read() asks for.
constexpr size_t kChunkBytes = size_t{1} << 16;

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

// A plain file is read with read(2); only a file that starts with the gzip
// magic bytes goes through zlib, so plain article files cost no zlib buffers.
struct FileSource::Handle {
    int fd = -1;
    gzFile gz = nullptr;
    ~Handle() {
        if (gz) gzclose(gz);  // closes fd too
        else if (fd >= 0) close(fd);
    }
};

FileSource::FileSource(const std::string& path) : path_(path), handle_(std::make_unique<Handle>()) {
    handle_->fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (handle_->fd < 0) throw InputError(path, 0, std::string("cannot read: ") + std::strerror(errno));
    unsigned char magic[2] = {0, 0};
    if (pread(handle_->fd, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
        handle_->gz = gzdopen(handle_->fd, "rb");
        if (!handle_->gz) throw InputError(path, 0, "cannot read: out of memory");
        gzbuffer(handle_->gz, kZlibBufferBytes);
    }
}

FileSource::~FileSource() = default;

size_t FileSource::read(char* buffer, size_t size) {
    size = std::min<size_t>(size, INT_MAX);
    if (!handle_->gz) {
        while (true) {
            const ssize_t n = ::read(handle_->fd, buffer, size);
            if (n >= 0) return static_cast<size_t>(n);
            if (errno != EINTR) throw InputError(path_, 0, std::string("read error: ") + std::strerror(errno));
        }
    }
    const int n = gzread(handle_->gz, buffer, static_cast<unsigned>(size));
    if (n < 0) {
        int err = 0;
        const char* message = gzerror(handle_->gz, &err);
        throw InputError(path_, 0, std::string("read error: ") + (err == Z_ERRNO ? std::strerror(errno) : message));
    }
    if (n == 0 && size > 0) {
        // zlib reports a stream cut short only here, at the end.
        int err = Z_OK;
        gzerror(handle_->gz, &err);
        if (err != Z_OK) throw InputError(path_, 0, "truncated or corrupt gzip data");
    }
    return static_cast<size_t>(n);
}

std::string read_whole_file(const std::string& path, size_t max_bytes) {
    FileSource source(path);
    std::string content;
    // Appended from a buffer rather than read into a resized string, which
    // would zero-fill every chunk first.
    std::vector<char> chunk(kChunkBytes);
    while (const size_t n = source.read(chunk.data(), chunk.size())) {
        content.append(chunk.data(), n);
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
