#include "indexer/text_reader.h"

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <vector>

#include "common/error.h"
#include "common/text.h"
#include "indexer/file_source.h"

namespace news {
namespace {

// Lines that are page furniture, not article text (compared lower-cased).
bool is_boilerplate(std::string_view line) {
    static const std::string_view kExact[] = {"top story", "source link", "related articles",
                                              "leave a reply", "back to top button",
                                              "translate this news in", "advertisement",
                                              "share this article", "read more"};
    static const std::string_view kStarts[] = {"your email address will not be published",
                                               "read:", "read also:", "also read:"};
    const std::string lower = to_lower(line);
    for (auto e : kExact)
        if (lower == e) return true;
    for (auto s : kStarts)
        if (lower.compare(0, s.size(), s) == 0) return true;
    return false;
}

// Removes a leading "date YYYY-MM-DD" marker, returning the date text.
std::string take_date_marker(std::string& line) {
    std::string_view t = trim(line);
    if (t.size() < 15 || to_lower(t.substr(0, 5)) != "date ") return {};
    const std::string date(t.substr(5, 10));
    if (!parse_date(date)) return {};
    line = std::string(trim(t.substr(15)));
    return date;
}

constexpr size_t kMaxTitleBytes = 160;

// A title cut from a long first line: at a word boundary, marked as cut.
std::string shorten_title(const std::string& line) {
    size_t cut = line.rfind(' ', 100);
    if (cut == std::string::npos || cut < 40) cut = 100;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    return line.substr(0, cut) + "…";
}

// Where looks_binary() found its evidence: the first NUL or control byte.
size_t first_control_byte(const std::string& s) {
    for (size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')) return i;
    }
    return 0;
}

size_t line_of_offset(const std::string& s, size_t offset) {
    return 1 + std::count(s.begin(), s.begin() + std::min(offset, s.size()), '\n');
}

}  // namespace

std::string file_identity(const std::string& path) {
    std::error_code ec;
    const auto canonical = std::filesystem::weakly_canonical(path, ec);
    return ec ? path : canonical.string();
}

Article parse_text_article(const std::string& path, const std::string& content) {
    if (looks_binary(content))
        throw InputError(path, static_cast<long>(line_of_offset(content, first_control_byte(content))),
                         "binary data, not a text article");
    if (auto bad = find_invalid_utf8(content))
        throw InputError(path, static_cast<long>(line_of_offset(content, *bad)),
                         "invalid UTF-8 (byte offset " + std::to_string(*bad) + ")");
    Article article;
    article.path = path;
    // A UTF-8 byte-order mark is not part of the first line.
    const bool bom = content.compare(0, 3, "\xEF\xBB\xBF") == 0;
    std::istringstream in(strip_controls(bom ? content.substr(3) : content));
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        if (article.date_text.empty()) {
            if (auto d = take_date_marker(line); !d.empty()) {
                article.date_text = d;
                article.date = parse_date(d);
            }
        }
        if (is_boilerplate(trim(line))) continue;
        lines.push_back(std::move(line));
    }
    auto first = std::find_if(lines.begin(), lines.end(),
                              [](const std::string& l) { return !trim(l).empty(); });
    if (first == lines.end()) throw InputError(path, 1, "empty file, no article text");
    const std::string first_line(trim(*first));
    std::string body;
    auto body_from = first + 1;
    if (first_line.size() <= kMaxTitleBytes) {
        article.title = first_line;
    } else {
        article.title = shorten_title(first_line);
        body_from = first;  // the long line is the lead paragraph
    }
    for (auto it = body_from; it != lines.end(); ++it) {
        body += *it;
        body += '\n';
    }
    article.body = std::string(trim(body));
    return article;
}

Article read_text_article(const std::string& path) {
    Article article = parse_text_article(path, read_whole_file(path));
    article.id = file_identity(path);
    return article;
}

}  // namespace news
