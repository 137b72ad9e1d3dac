#include "searcher/highlight.h"

#include "common/text.h"


namespace news {

Highlighted parse_snippet(const std::string& snippet) {
    Highlighted out;
    size_t chars = 0, span_start = 0;
    bool open = false;
    std::string piece;
    // Wire copy is hard-wrapped: runs of white space become one space.
    auto flush = [&] {
        for (char c : html_unescape(piece)) {
            const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
            if (space) {
                if (out.text.empty() || out.text.back() == ' ') continue;
                c = ' ';
            }
            out.text += c;
            if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++chars;
        }
        piece.clear();
    };
    for (char c : snippet) {
        if (c == kHighlightStart[0]) {
            flush();
            span_start = chars;
            open = true;
        } else if (c == kHighlightEnd[0]) {
            flush();
            if (open && chars > span_start) out.spans.emplace_back(span_start, chars);
            open = false;
        } else {
            piece += c;
        }
    }
    flush();
    if (!out.text.empty() && out.text.back() == ' ') out.text.pop_back();
    return out;
}

}  // namespace news
