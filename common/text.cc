#include "common/text.h"

#include <xapian.h>

namespace news {

std::optional<size_t> find_invalid_utf8(std::string_view s) {
    size_t i = 0;
    const size_t n = s.size();
    while (i < n) {
        const auto c = static_cast<unsigned char>(s[i]);
        size_t len;
        unsigned min;
        unsigned cp;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            len = 2, min = 0x80, cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3, min = 0x800, cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4, min = 0x10000, cp = c & 0x07;
        } else {
            return i;
        }
        if (i + len > n) return i;
        for (size_t k = 1; k < len; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are invalid too.
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += len;
    }
    return std::nullopt;
}

bool looks_binary(std::string_view s) {
    const size_t sample = std::min<size_t>(s.size(), 8192);
    size_t controls = 0;
    for (size_t i = 0; i < sample; ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == 0) return true;
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++controls;
    }
    return sample > 0 && controls * 10 > sample;
}

std::string_view trim(std::string_view s) {
    const char* ws = " \t\r\n\f\v";
    const auto b = s.find_first_not_of(ws);
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(ws);
    return s.substr(b, e - b + 1);
}

std::string to_lower(std::string_view s) {
    return Xapian::Unicode::tolower(std::string(s));
}

// Copies runs of ordinary characters whole: nearly all text has no control
// characters, and a byte-by-byte append was most of a reader's own time.
std::string strip_controls(std::string_view s) {
    auto kept = [](unsigned char c) { return (c >= 0x20 && c != 0x7F) || c == '\n' || c == '\t'; };
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        size_t run = i;
        while (run < s.size() && kept(static_cast<unsigned char>(s[run]))) ++run;
        out.append(s, i, run - i);
        if (run == s.size()) break;
        const char c = s[run];
        if (c == '\r') {
            if (run + 1 == s.size() || s[run + 1] != '\n') out += '\n';  // CRLF or bare CR
        } else if (c == '\f' || c == '\v') {
            out += ' ';
        }
        i = run + 1;
    }
    return out;
}

std::string html_unescape(std::string_view s) {
    static const struct {
        std::string_view entity;
        char ch;
    } kEntities[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''},
                     {"&#x27;", '\''}, {"&apos;", '\''}};
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        bool replaced = false;
        if (s[i] == '&') {
            for (const auto& e : kEntities) {
                if (s.compare(i, e.entity.size(), e.entity) == 0) {
                    out += e.ch;
                    i += e.entity.size();
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced) out += s[i++];
    }
    return out;
}

size_t utf8_length(std::string_view s) {
    size_t n = 0;
    for (char ch : s)
        if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
    return n;
}

}  // namespace news
