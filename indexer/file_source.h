// Reading input files, gzip-compressed or not: every reader goes through
// here, so `.txt.gz`, `.html.gz` and `.jsonl.gz` work like their plain forms,
// and the limits that keep one bad file from exhausting memory live in one
// place.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

namespace news {

// Whole-file articles (.txt, .html) larger than this are not articles
// (a mis-named dump or disk image); they are reported and skipped.
constexpr size_t kMaxArticleFileBytes = size_t{32} << 20;
// Longer JSON Lines lines are reported and skipped without being held in memory.
constexpr size_t kMaxLineBytes = size_t{16} << 20;

// The file name without a trailing ".gz" ("a/b.html.gz" -> "a/b.html"),
// which is what decides the reader.
std::string without_gz_suffix(const std::string& path);

// "16 MB" for whole megabytes, else "N bytes": sizes in messages.
std::string describe_size(size_t bytes);

// A file, decompressed on the fly if it is gzip data (whatever its name).
// Every failure throws news::InputError naming the file.
class FileSource {
  public:
    explicit FileSource(const std::string& path);  // "cannot read: <reason>"
    ~FileSource();
    FileSource(const FileSource&) = delete;
    FileSource& operator=(const FileSource&) = delete;

    // Up to `size` bytes into `buffer`; 0 at the end. A gzip stream cut short
    // throws "truncated or corrupt gzip data".
    size_t read(char* buffer, size_t size);
    const std::string& path() const { return path_; }

  private:
    std::string path_;
    struct Handle;
    std::unique_ptr<Handle> handle_;
};

// The whole (decompressed) content of `path`; throws news::InputError if it
// cannot be read or is larger than `max_bytes`.
std::string read_whole_file(const std::string& path, size_t max_bytes = kMaxArticleFileBytes);

// Lines of a (possibly compressed) file, without their "\n" or "\r\n". A line
// longer than `max_line_bytes` is skipped as it streams past, never held
// whole; next() then says so, so the caller can report it and go on.
class LineReader {
  public:
    enum class Result { kLine, kTooLong, kEnd };
    explicit LineReader(const std::string& path, size_t max_line_bytes = kMaxLineBytes);

    Result next(std::string& line);
    long line_number() const { return line_number_; }  // of the line next() last returned
    size_t max_line_bytes() const { return max_line_bytes_; }

  private:
    bool fill();  // false at the end of the file
    FileSource source_;
    size_t max_line_bytes_;
    std::string buffer_;
    size_t pos_ = 0;
    long line_number_ = 0;
};

}  // namespace news
