// Unsigned LEB128 varints, the integers of the fingerprint's and the article's
// stored forms (common/fingerprint.cc, common/fingerprint_storage.cc, common/article.cc).
#pragma once

#include <cstdint>
#include <string>

#include "common/error.h"

namespace news {

inline void put_varint(std::string& out, uint64_t v) {
    while (v >= 0x80) {
        out += static_cast<char>((v & 0x7F) | 0x80);
        v >>= 7;
    }
    out += static_cast<char>(v);
}

// Reads the varint at data[pos] and moves pos past it; a truncated or
// over-long one is a damaged database (Error, kind kDatabase), reported as
// "malformed " + `what` (the stored form being read: "fingerprint",
// "article data").
inline uint64_t get_varint(const std::string& data, size_t& pos, const char* what) {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= data.size()) break;
        const auto b = static_cast<unsigned char>(data[pos++]);
        v |= static_cast<uint64_t>(b & 0x7F) << shift;
        if (!(b & 0x80)) return v;
    }
    throw Error(ErrorKind::kDatabase, std::string("malformed ") + what);
}

}  // namespace news
