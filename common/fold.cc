#include "common/fold.h"

#include <algorithm>

namespace news {
namespace {

#include "common/fold_table.inc"

// The folded form of code point `cp`, or nullptr if it folds to itself.
const char* folded_letter(unsigned cp) {
    if (cp >= 0x00C0 && cp < 0x00C0 + std::size(kFold00C0)) return kFold00C0[cp - 0x00C0];
    if (cp >= 0x1E00 && cp < 0x1E00 + std::size(kFold1E00)) return kFold1E00[cp - 0x1E00];
    return nullptr;
}

bool is_combining_accent(unsigned cp) { return cp >= 0x0300 && cp <= 0x036F; }

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Not a code point: what decode says of a byte that starts no valid sequence.
constexpr unsigned kInvalid = 0xFFFFFFFF;

// The code point at `i` and its length in bytes; a byte that does not start
// a valid sequence is kInvalid of length 1, copied as it is.
unsigned decode(std::string_view s, size_t i, size_t& length) {
    const auto c = static_cast<unsigned char>(s[i]);
    length = 1;
    if (c < 0x80) return c;
    if (c < 0xC0 || c > 0xF7) return kInvalid;
    const size_t n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (i + n > s.size()) return kInvalid;
    unsigned cp = c & (0x3F >> (n - 1));
    for (size_t k = 1; k < n; ++k) {
        const auto cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xC0) != 0x80) return kInvalid;
        cp = (cp << 6) | (cc & 0x3F);
    }
    length = n;
    return cp;
}

bool is_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Folds `text` into `out`; `source`, if given, gets each output byte's origin.
void fold_into(std::string_view text, std::string& out, std::vector<size_t>* source) {
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        size_t length;
        const unsigned cp = decode(text, i, length);
        const char* letter = cp >= 0x80 ? folded_letter(cp) : nullptr;
        if (is_combining_accent(cp) && !out.empty() && is_ascii_letter(out.back())) {
            // Dropped: it belongs to the letter before it.
        } else if (letter) {
            for (const char* p = letter; *p; ++p) {
                out += *p;
                if (source) source->push_back(i);
            }
        } else {
            out.append(text, i, length);
            if (source) source->insert(source->end(), length, i);
        }
        i += length;
    }
    if (source) source->push_back(text.size());
}

}  // namespace

std::string fold_accents(std::string_view text) {
    if (is_ascii(text)) return std::string(text);
    std::string out;
    fold_into(text, out, nullptr);
    return out;
}

FoldedText fold_accents_mapped(std::string_view text) {
    FoldedText folded;
    fold_into(text, folded.text, &folded.source);
    return folded;
}

}  // namespace news
