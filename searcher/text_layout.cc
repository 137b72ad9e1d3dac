#include "searcher/text_layout.h"

namespace news {
namespace {

// Decodes the character at `i`, setting `len` to its byte length.
char32_t decode(std::string_view s, size_t i, size_t& len) {
    const auto c = static_cast<unsigned char>(s[i]);
    len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    if (len == 1) return c;
    if (i + len > s.size()) {
        len = 1;
        return c;
    }
    char32_t cp = c & (0x7F >> len);
    for (size_t k = 1; k < len; ++k) {
        const auto cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xC0) != 0x80) {
            len = 1;
            return c;
        }
        cp = (cp << 6) | (cc & 0x3F);
    }
    return cp;
}

const char* const kEllipsis = "…";

}  // namespace

int char_width(char32_t cp) {
    // Below the first range: one column (all but NUL), most text's characters.
    if (cp < 0x0300) return cp == 0 ? 0 : 1;
    // Combining marks, zero-width spaces and joiners, variation selectors.
    if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
        (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
        (cp >= 0xFE20 && cp <= 0xFE2F))
        return 0;
    // East Asian wide and fullwidth ranges (Unicode EastAsianWidth W/F, the blocks that matter).
    if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF) ||
        (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
        (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
        (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
        (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD))
        return 2;
    return 1;
}

size_t display_width(std::string_view text) {
    size_t width = 0, len = 0;
    for (size_t i = 0; i < text.size(); i += len) width += char_width(decode(text, i, len));
    return width;
}

std::vector<std::pair<size_t, size_t>> wrap_lines(std::string_view text, size_t width) {
    if (width == 0) width = 1;
    std::vector<std::pair<size_t, size_t>> lines;
    size_t line_start = 0, line_width = 0, i = 0;
    // Skips spaces; returns false at the end of the text.
    const auto skip_spaces = [&] {
        while (i < text.size() && text[i] == ' ') ++i;
        return i < text.size();
    };
    if (!skip_spaces()) return lines;
    line_start = i;
    while (i < text.size()) {
        // The next word [i, word_end) and its width.
        size_t word_end = i, word_width = 0, len = 0;
        while (word_end < text.size() && text[word_end] != ' ') {
            word_width += char_width(decode(text, word_end, len));
            word_end += len;
        }
        const size_t gap = line_width > 0 ? 1 : 0;
        if (line_width + gap + word_width <= width) {
            line_width += gap + word_width;
            i = word_end;
        } else if (line_width > 0) {
            // The word starts the next line.
            size_t end = i;
            while (end > line_start && text[end - 1] == ' ') --end;
            lines.emplace_back(line_start, end);
            line_start = i;
            line_width = 0;
            continue;
        } else {
            // A word wider than a whole line: break it between characters.
            while (i < word_end) {
                const int w = char_width(decode(text, i, len));
                if (line_width + w > width && line_width > 0) break;
                line_width += w;
                i += len;
            }
            if (i < word_end) {
                lines.emplace_back(line_start, i);
                line_start = i;
                line_width = 0;
                continue;
            }
        }
        // Past the word: spaces (any number count as one gap), then the next
        // word or the end.
        const size_t before_spaces = i;
        if (!skip_spaces()) {
            lines.emplace_back(line_start, before_spaces);
            return lines;
        }
    }
    if (line_start < text.size()) {
        size_t end = text.size();
        while (end > line_start && text[end - 1] == ' ') --end;
        if (end > line_start) lines.emplace_back(line_start, end);
    }
    return lines;
}

std::string truncate_end(std::string_view text, size_t width) {
    if (display_width(text) <= width) return std::string(text);
    if (width == 0) return {};
    const size_t room = width - 1;  // for the ellipsis
    size_t i = 0, used = 0, len = 0, last_space = std::string_view::npos;
    while (i < text.size()) {
        const int w = char_width(decode(text, i, len));
        if (used + w > room) break;
        if (text[i] == ' ') last_space = i;
        used += w;
        i += len;
    }
    size_t cut = i;
    if (last_space != std::string_view::npos && last_space * 3 >= i * 2) cut = last_space;
    while (cut > 0 && text[cut - 1] == ' ') --cut;
    return std::string(text.substr(0, cut)) + kEllipsis;
}

std::string truncate_middle(std::string_view text, size_t width) {
    if (display_width(text) <= width) return std::string(text);
    if (width < 3) return truncate_end(text, width);
    const size_t room = width - 1;
    const size_t tail_room = room / 2, head_room = room - tail_room;
    // Head: whole characters from the front.
    size_t head = 0, used = 0, len = 0;
    while (head < text.size()) {
        const int w = char_width(decode(text, head, len));
        if (used + w > head_room) break;
        used += w;
        head += len;
    }
    // Tail: whole characters from the back (start bytes found by walking back
    // over continuation bytes).
    size_t tail = text.size();
    used = 0;
    while (tail > head) {
        size_t start = tail - 1;
        while (start > head && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
        const int w = char_width(decode(text, start, len));
        if (used + w > tail_room) break;
        used += w;
        tail = start;
    }
    return std::string(text.substr(0, head)) + kEllipsis + std::string(text.substr(tail));
}

}  // namespace news
