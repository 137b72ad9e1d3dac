#include "common/fingerprint.h"

#include <algorithm>
#include <cctype>

#include "common/error.h"
#include "common/stopwords.h"

namespace news {
namespace {

bool is_content_stem(const std::string& term) {
    // "Z" followed by a lower-case or non-ASCII letter: an unprefixed stem.
    // Prefixed stems ("ZS..." for title words) repeat the same words.
    if (term.size() < 3 || term[0] != 'Z') return false;
    const auto c = static_cast<unsigned char>(term[1]);
    return c >= 0x80 || std::islower(c);
}

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_alpha(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
}

void sort_unique(std::vector<std::string>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

void put_varint(std::string& out, uint64_t v) {
    while (v >= 0x80) {
        out += static_cast<char>((v & 0x7F) | 0x80);
        v >>= 7;
    }
    out += static_cast<char>(v);
}

struct Reader {
    const std::string& data;
    size_t pos = 0;
    uint64_t varint() {
        uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= data.size()) throw Error(ErrorKind::kDatabase, "malformed fingerprint");
            const auto b = static_cast<unsigned char>(data[pos++]);
            v |= static_cast<uint64_t>(b & 0x7F) << shift;
            if (!(b & 0x80)) return v;
        }
        throw Error(ErrorKind::kDatabase, "malformed fingerprint");
    }
    std::string str() {
        const auto n = varint();
        if (n > data.size() - pos) throw Error(ErrorKind::kDatabase, "malformed fingerprint");
        std::string s = data.substr(pos, n);
        pos += n;
        return s;
    }
};

void put_string(std::string& out, const std::string& s) {
    put_varint(out, s.size());
    out += s;
}

}  // namespace

void scan_numbers_and_entities(const std::string& text, std::vector<std::string>& numbers,
                               std::vector<std::string>& entities) {
    const size_t n = text.size();
    bool sentence_start = true;
    size_t i = 0;
    while (i < n) {
        const char c = text[i];
        if (is_digit(c)) {
            std::string num;
            while (i < n) {
                if (is_digit(text[i])) {
                    num += text[i++];
                } else if ((text[i] == ',' || text[i] == '.' || text[i] == '/') && i + 1 < n &&
                           is_digit(text[i + 1]) && !num.empty()) {
                    if (text[i] != ',') num += text[i];  // 1,750 == 1750
                    ++i;
                } else {
                    break;
                }
            }
            numbers.push_back(num);
            sentence_start = false;
        } else if (is_alpha(c)) {
            const size_t start = i;
            while (i < n && (is_alpha(text[i]) || text[i] == '\'' || text[i] == '-')) ++i;
            const bool capitalised = std::isupper(static_cast<unsigned char>(c)) != 0;
            if (capitalised && !sentence_start && i - start >= 2) {
                std::string word = text.substr(start, i - start);
                for (auto& ch : word) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
                if (!is_stopword(word)) entities.push_back(std::move(word));
            }
            sentence_start = false;
        } else {
            if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' || c == '"') sentence_start = true;
            ++i;
        }
    }
}

Fingerprint make_fingerprint(const Article& article, const Xapian::Document& indexed) {
    Fingerprint fp;
    for (auto t = indexed.termlist_begin(); t != indexed.termlist_end(); ++t) {
        const std::string term = *t;
        if (is_content_stem(term)) fp.terms.emplace_back(term, t.get_wdf());
    }
    // The termlist is already sorted by term.
    scan_numbers_and_entities(article.body, fp.numbers, fp.entities);
    std::vector<std::string> title_entities;  // titles are often ALL CAPS: numbers only
    scan_numbers_and_entities(article.title, fp.numbers, title_entities);
    sort_unique(fp.numbers);
    sort_unique(fp.entities);
    uint32_t words = 0;
    for (const auto& [term, wdf] : fp.terms) words += wdf;
    fp.words = words;
    if (article.date) fp.day = article.date->days();
    return fp;
}

std::string serialise_fingerprint(const Fingerprint& fp) {
    std::string out;
    out += '\x01';  // format version
    put_varint(out, fp.words);
    put_varint(out, fp.day ? static_cast<uint64_t>(*fp.day + (1L << 40)) + 1 : 0);
    put_varint(out, fp.terms.size());
    for (const auto& [term, wdf] : fp.terms) {
        put_string(out, term);
        put_varint(out, wdf);
    }
    put_varint(out, fp.numbers.size());
    for (const auto& s : fp.numbers) put_string(out, s);
    put_varint(out, fp.entities.size());
    for (const auto& s : fp.entities) put_string(out, s);
    return out;
}

Fingerprint unserialise_fingerprint(const std::string& data) {
    Fingerprint fp;
    if (data.empty() || data[0] != '\x01') throw Error(ErrorKind::kDatabase, "malformed fingerprint");
    Reader r{data, 1};
    fp.words = static_cast<uint32_t>(r.varint());
    if (const auto day = r.varint()) fp.day = static_cast<long>(day - 1) - (1L << 40);
    const auto nterms = r.varint();
    fp.terms.reserve(std::min<uint64_t>(nterms, data.size()));
    for (uint64_t i = 0; i < nterms; ++i) {
        auto term = r.str();
        const auto wdf = static_cast<uint32_t>(r.varint());
        fp.terms.emplace_back(std::move(term), wdf);
    }
    const auto nnumbers = r.varint();
    for (uint64_t i = 0; i < nnumbers; ++i) fp.numbers.push_back(r.str());
    const auto nentities = r.varint();
    for (uint64_t i = 0; i < nentities; ++i) fp.entities.push_back(r.str());
    return fp;
}

}  // namespace news
