// Small web archives written by the tests themselves: WARC records, HTTP
// responses to put in them, and .warc / .warc.gz files (one gzip member per
// record, as crawlers write them).
#pragma once

#include <zlib.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace test {

// One WARC/1.0 record with a correct Content-Length.
inline std::string warc_record(const std::string& type, const std::string& uri, const std::string& date,
                               const std::string& content_type, const std::string& block) {
    std::string r = "WARC/1.0\r\nWARC-Type: " + type + "\r\n";
    if (!uri.empty()) r += "WARC-Target-URI: " + uri + "\r\n";
    if (!date.empty()) r += "WARC-Date: " + date + "\r\n";
    r += "WARC-Record-ID: <urn:uuid:" + std::to_string(block.size()) + ">\r\n";
    r += "Content-Type: " + content_type + "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n";
    return r + block + "\r\n\r\n";
}

// An HTTP response as a `response` record's block.
inline std::string http_response(const std::string& status, const std::string& content_type, const std::string& body,
                                 const std::string& extra_headers = "") {
    return "HTTP/1.1 " + status + "\r\nContent-Type: " + content_type + "\r\n" + extra_headers +
           "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

// A `response` record for an HTML page fetched from `uri` at `date`.
inline std::string warc_page(const std::string& uri, const std::string& date, const std::string& html) {
    return warc_record("response", uri, date, "application/http; msgtype=response",
                       http_response("200 OK", "text/html; charset=utf-8", html));
}

// A small news page with a headline and a paragraph of body text.
inline std::string news_page(const std::string& title, const std::string& text, const std::string& extra_head = "") {
    return "<!doctype html><html><head><title>" + title + "</title>" + extra_head + "</head><body><article><h1>" +
           title + "</h1><p>" + text + "</p></article></body></html>";
}

// `records`, each its own gzip member, concatenated into `path`.
inline void write_warc_gz(const std::string& path, const std::vector<std::string>& records) {
    std::remove(path.c_str());
    for (const auto& record : records) {
        gzFile gz = gzopen(path.c_str(), "ab");
        if (!gz) throw std::runtime_error("cannot write " + path);
        const bool ok =
            gzwrite(gz, record.data(), static_cast<unsigned>(record.size())) == static_cast<int>(record.size());
        if (gzclose(gz) != Z_OK || !ok) throw std::runtime_error("cannot write " + path);
    }
}

}  // namespace test
