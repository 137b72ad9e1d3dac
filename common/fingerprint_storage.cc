#include "common/fingerprint_storage.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <cctype>
#include <utility>

#include "common/error.h"
#include "common/schema.h"
#include "common/varint.h"

namespace news {
namespace {

[[noreturn]] void malformed() { throw Error(ErrorKind::kDatabase, "malformed fingerprint"); }

// ---- Shingles: sorted 32-bit hashes, Rice-coded gaps ----
//
// n sorted random 32-bit values have gaps of about 2^32 / n: coded as a
// quotient in unary and k = log2(2^32 / n) low bits, a gap takes k + 2 to 3
// bits, about 28 of the 32 a plain 4-byte hash takes for Reuters' 67
// shingles an article (nothing else compresses random hashes).

int rice_parameter(size_t n) {
    int k = 0;
    while (k < 31 && (uint64_t{1} << (k + 1)) * n <= (uint64_t{1} << 32)) ++k;
    return k;
}

// Bits, least significant first, into bytes.
class BitWriter {
  public:
    void bits(uint64_t v, int count) {  // count <= 32
        pending_ |= (v & ((uint64_t{1} << count) - 1)) << used_;
        used_ += count;
        for (; used_ >= 8; used_ -= 8, pending_ >>= 8) bytes_ += static_cast<char>(pending_ & 0xff);
    }
    void ones(uint64_t count) {
        for (; count > 32; count -= 32) bits(0xffffffffu, 32);
        bits((uint64_t{1} << count) - 1, static_cast<int>(count));
    }
    const std::string& finish() {
        if (used_) bytes_ += static_cast<char>(pending_ & 0xff);
        used_ = 0;
        pending_ = 0;
        return bytes_;
    }

  private:
    std::string bytes_;
    uint64_t pending_ = 0;
    int used_ = 0;
};

class BitReader {
  public:
    BitReader(const std::string& data, size_t begin, size_t end) : data_(data), pos_(begin), end_(end) {}
    bool bit() { return bits(1); }
    uint64_t bits(int count) {  // count <= 32
        while (have_ < count) {
            if (pos_ >= end_) malformed();
            pending_ |= static_cast<uint64_t>(static_cast<unsigned char>(data_[pos_++])) << have_;
            have_ += 8;
        }
        const uint64_t v = pending_ & ((uint64_t{1} << count) - 1);
        pending_ >>= count;
        have_ -= count;
        return v;
    }

  private:
    const std::string& data_;
    size_t pos_, end_;
    uint64_t pending_ = 0;
    int have_ = 0;
};

void put_shingles(std::string& out, const std::vector<uint64_t>& shingles) {
    put_varint(out, shingles.size());
    if (shingles.empty()) return;
    const int k = rice_parameter(shingles.size());
    BitWriter w;
    uint64_t last = 0;
    for (const uint64_t h : shingles) {
        const uint64_t gap = h - last;
        last = h;
        w.ones(gap >> k);
        w.bits(0, 1);
        w.bits(gap, k);
    }
    const std::string& bytes = w.finish();
    put_varint(out, bytes.size());
    out += bytes;
}

std::vector<uint64_t> get_shingles(const std::string& data, size_t& pos) {
    const uint64_t count = get_varint(data, pos, "fingerprint");
    if (count == 0) return {};
    const uint64_t size = get_varint(data, pos, "fingerprint");
    // Each gap takes at least one bit.
    if (size > data.size() - pos || count > 8 * size) malformed();
    const int k = rice_parameter(count);
    BitReader r(data, pos, pos + size);
    std::vector<uint64_t> shingles(count);
    uint64_t last = 0;
    for (uint64_t& h : shingles) {
        uint64_t q = 0;
        while (r.bit())
            if (++q > (uint64_t{1} << 32 >> k)) malformed();
        last += (q << k) | r.bits(k);
        h = last;
    }
    pos += size;
    return shingles;
}

// ---- Word lists by reference to the document's own terms ----
//
// The fingerprint's names, numbers and title stems are mostly words the
// document is indexed under (a title stem "talk" is its term "Ztalk"), so
// each is stored as its distance in the sorted list of the document's text
// terms from the one before (one byte), and only the others as strings.
// Only terms made from the text count: the group keys' terms change when
// duplicate detection regroups a document, and would shift the positions.

bool is_text_term(const std::string& term) {
    return !term.empty() && (!std::isupper(static_cast<unsigned char>(term[0])) ||
                             term.compare(0, schema::prefix::kStemmed.size(), schema::prefix::kStemmed) == 0);
}

// The document's text terms, sorted; and, if `content` is given, its
// content stems with their frequencies (content_terms()) from the same walk
// of the termlist: reading a stored fingerprint walked it twice before. If
// `found` is given, the first term with `prefix` (prefix removed) goes there.
std::vector<std::string> text_terms(const Xapian::Document& doc,
                                    std::vector<std::pair<std::string, uint32_t>>* content = nullptr,
                                    std::string_view prefix = {}, std::optional<std::string>* found = nullptr) {
    std::vector<std::string> terms;
    terms.reserve(256);  // a Reuters article has ~145 text terms: no regrowth (1% of grouping)
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        std::string term = *t;
        if (found && !*found && term.compare(0, prefix.size(), prefix) == 0) *found = term.substr(prefix.size());
        if (!is_text_term(term)) continue;
        if (content && is_content_stem(term)) content->emplace_back(term, t.get_wdf());
        terms.push_back(std::move(term));
    }
    return terms;
}

// Each word: varint(2 * skip) for terms[next + skip] == prefix + word, the
// next word then searched from there on; else varint(2 * size + 1) and the word.
void put_words(std::string& out, const std::vector<std::string>& words, const std::vector<std::string>& terms,
               std::string_view prefix) {
    put_varint(out, words.size());
    size_t next = 0;
    std::string term(prefix);
    for (const std::string& word : words) {
        term.resize(prefix.size());
        term += word;
        const auto it = std::lower_bound(terms.begin() + next, terms.end(), term);
        if (it != terms.end() && *it == term) {
            const size_t at = it - terms.begin();
            put_varint(out, 2 * (at - next));
            next = at + 1;
        } else {
            put_varint(out, 2 * word.size() + 1);
            out += word;
        }
    }
}

std::vector<std::string> get_words(const std::string& data, size_t& pos, const std::vector<std::string>& terms,
                                   std::string_view prefix) {
    const uint64_t count = get_varint(data, pos, "fingerprint");
    if (count > data.size() - pos) malformed();  // a byte at least each
    std::vector<std::string> words;
    words.reserve(count);
    size_t next = 0;
    for (uint64_t i = 0; i < count; ++i) {
        const uint64_t code = get_varint(data, pos, "fingerprint");
        if (code & 1) {
            const uint64_t size = code / 2;
            if (size > data.size() - pos) malformed();
            words.push_back(data.substr(pos, size));
            pos += size;
        } else {
            const uint64_t at = next + code / 2;
            if (at >= terms.size() || terms[at].compare(0, prefix.size(), prefix) != 0) malformed();
            words.push_back(terms[at].substr(prefix.size()));
            next = at + 1;
        }
    }
    return words;
}

// The lists stored by reference, with the prefix of the terms they refer to.
std::array<std::pair<std::vector<std::string>*, std::string_view>, 4> referenced_lists(Fingerprint& fp) {
    return {{{&fp.title_stems, schema::prefix::kStemmed},
             {&fp.title_numbers, std::string_view()},
             {&fp.numbers, std::string_view()},
             {&fp.entities, std::string_view()}}};
}

}  // namespace

void keep_stored_shingle_bits(std::vector<uint64_t>& shingles) {
    for (uint64_t& h : shingles) h &= 0xffffffffu;
    std::sort(shingles.begin(), shingles.end());
    shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
}

void store_fingerprint(Xapian::Document& doc, Fingerprint& fp) {
    keep_stored_shingle_bits(fp.shingles);
    std::string value;
    put_shingles(value, fp.shingles);
    const std::vector<std::string> terms = text_terms(doc);
    const auto lists = referenced_lists(fp);
    for (const auto& [words, prefix] : lists) put_words(value, *words, terms, prefix);
    // The rest serialised with what is stored above moved aside, not copied
    // out without it: a copy cost 20,000 instructions per article (callgrind).
    auto terms_aside = std::move(fp.terms);
    auto shingles_aside = std::move(fp.shingles);
    fp.terms.clear();
    fp.shingles.clear();
    std::array<std::vector<std::string>, 4> aside;
    for (size_t i = 0; i < lists.size(); ++i) aside[i].swap(*lists[i].first);
    value += serialise_fingerprint(fp);
    for (size_t i = 0; i < lists.size(); ++i) aside[i].swap(*lists[i].first);
    fp.terms = std::move(terms_aside);
    fp.shingles = std::move(shingles_aside);
    doc.add_value(schema::slot::kFingerprint, value);
}

Fingerprint stored_fingerprint(const Xapian::Document& doc) {
    std::optional<std::string> unused;
    return stored_fingerprint(doc, {}, unused);
}

Fingerprint stored_fingerprint(const Xapian::Document& doc, std::string_view prefix,
                               std::optional<std::string>& found) {
    found.reset();
    const std::string data = doc.get_value(schema::slot::kFingerprint);
    if (data.empty()) return {};
    size_t pos = 0;
    std::vector<uint64_t> shingles = get_shingles(data, pos);
    std::vector<std::pair<std::string, uint32_t>> content;
    const std::vector<std::string> terms = text_terms(doc, &content, prefix, prefix.empty() ? nullptr : &found);
    Fingerprint stored;
    const auto stored_lists = referenced_lists(stored);
    for (const auto& [words, prefix] : stored_lists) *words = get_words(data, pos, terms, prefix);
    Fingerprint fp = unserialise_fingerprint(data.substr(pos));
    const auto lists = referenced_lists(fp);
    for (size_t i = 0; i < lists.size(); ++i) *lists[i].first = std::move(*stored_lists[i].first);
    fp.shingles = std::move(shingles);
    fp.terms = std::move(content);
    return fp;
}

}  // namespace news
