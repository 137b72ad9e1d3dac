#include "server/html.h"

#include <algorithm>
#include <cctype>

namespace news::html {

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string url_encode(std::string_view value) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char c : value) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string query_href(const std::vector<std::pair<std::string, std::string>>& params) {
    std::string out = "?";
    for (const auto& [name, value] : params) {
        if (value.empty()) continue;
        if (out.size() > 1) out += "&";
        out += url_encode(name) + "=" + url_encode(value);
    }
    return escape(out);
}

std::string highlighted(const Highlighted& h) {
    // Spans are in code points; find their byte offsets.
    std::vector<size_t> offset_of;
    for (size_t i = 0; i < h.text.size(); ++i)
        if ((static_cast<unsigned char>(h.text[i]) & 0xC0) != 0x80) offset_of.push_back(i);
    offset_of.push_back(h.text.size());
    std::string out;
    size_t at = 0;
    for (const auto& [b, e] : h.spans) {
        if (b >= e || e >= offset_of.size()) continue;
        const size_t from = offset_of[b], to = offset_of[e];
        if (from < at) continue;
        out += escape(std::string_view(h.text).substr(at, from - at));
        out += "<mark>" + escape(std::string_view(h.text).substr(from, to - from)) + "</mark>";
        at = to;
    }
    out += escape(std::string_view(h.text).substr(at));
    return out;
}

std::string safe_link(const std::string& url) {
    std::string lower(url.substr(0, 8));
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower.rfind("http://", 0) == 0 || lower.rfind("https://", 0) == 0) return url;
    return "";
}

}  // namespace news::html
