#include "common/fingerprint_storage.h"

#include <algorithm>
#include <utility>

#include "common/error.h"
#include "common/schema.h"
#include "common/varint.h"

namespace news {
namespace {

[[noreturn]] void malformed() { throw Error(ErrorKind::kDatabase, "malformed fingerprint"); }

}  // namespace

void keep_stored_shingle_bits(std::vector<uint64_t>& shingles) {
    for (uint64_t& h : shingles) h &= 0xffffffffu;
    std::sort(shingles.begin(), shingles.end());
    shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
}

void store_fingerprint(Xapian::Document& doc, Fingerprint& fp) {
    keep_stored_shingle_bits(fp.shingles);
    std::string value;
    value.reserve(5 + 4 * fp.shingles.size());
    put_varint(value, fp.shingles.size());
    for (const uint64_t h : fp.shingles)
        for (int i = 0; i < 4; ++i) value += static_cast<char>(h >> (8 * i));
    // Moving the terms and shingles aside, not copying the fingerprint
    // without them: a copy cost 20,000 instructions per article (callgrind).
    auto terms = std::move(fp.terms);
    auto shingles = std::move(fp.shingles);
    fp.terms.clear();
    fp.shingles.clear();
    value += serialise_fingerprint(fp);
    fp.terms = std::move(terms);
    fp.shingles = std::move(shingles);
    doc.add_value(schema::slot::kFingerprint, value);
}

Fingerprint stored_fingerprint(const Xapian::Document& doc) {
    const std::string data = doc.get_value(schema::slot::kFingerprint);
    if (data.empty()) return {};
    size_t pos = 0;
    const uint64_t count = get_varint(data, pos);
    if (count > (data.size() - pos) / 4) malformed();
    std::vector<uint64_t> shingles(count);
    for (uint64_t& h : shingles) {
        for (int i = 0; i < 4; ++i) h |= static_cast<uint64_t>(static_cast<unsigned char>(data[pos++])) << (8 * i);
    }
    Fingerprint fp = unserialise_fingerprint(data.substr(pos));
    fp.shingles = std::move(shingles);
    fp.terms = content_terms(doc);
    return fp;
}

}  // namespace news
