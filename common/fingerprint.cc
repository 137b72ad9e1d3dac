#include "common/fingerprint.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include <xxhash.h>

#include "common/error.h"
#include "common/schema.h"
#include "common/stopwords.h"
#include "common/varint.h"

namespace news {
namespace {

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_alpha(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
}

// At text[i], ':' and two digits (no third) after one or two digits in
// `num`: the minutes of a time of day.
bool is_clock_time(const std::string& text, size_t i, const std::string& num) {
    return text[i] == ':' && !num.empty() && num.size() <= 2 &&
           std::all_of(num.begin(), num.end(), is_digit) && i + 2 < text.size() &&
           is_digit(text[i + 1]) && is_digit(text[i + 2]) && (i + 3 == text.size() || !is_digit(text[i + 3]));
}

// `num` (four digits) followed at text[i] by " HRS", " GMT", " EDT"...: a
// time of day written without a colon ("1000 hrs cdt", "1115 GMT").
bool is_clock_hhmm(const std::string& num, const std::string& text, size_t i) {
    if (num.size() != 4 || !std::all_of(num.begin(), num.end(), is_digit)) return false;
    if (std::stoi(num.substr(0, 2)) > 23 || std::stoi(num.substr(2)) > 59) return false;
    while (i < text.size() && text[i] == ' ') ++i;
    size_t end = i;
    while (end < text.size() && is_alpha(text[end])) ++end;
    std::string word = text.substr(i, end - i);
    for (auto& ch : word) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    static const char* const kZones[] = {"hrs", "gmt", "edt", "est", "cdt", "cst", "bst", "mdt", "pdt", "local"};
    return std::any_of(std::begin(kZones), std::end(kZones), [&](const char* z) { return word == z; });
}

// At text[i] after the whole number `num`: "-1/2" (or another proper
// fraction of a power-of-two denominator, as share prices and dividends are
// quoted: "17-1/2 cts", "16-3/8") added to it as a decimal ("17.5"), so that
// the same figure written "17.5" matches. Returns where reading goes on.
size_t with_fraction(const std::string& text, size_t i, std::string& num) {
    if (i >= text.size() || text[i] != '-' || num.empty() || !std::all_of(num.begin(), num.end(), is_digit))
        return i;
    size_t j = i + 1;
    size_t numerator = 0, denominator = 0;
    const size_t numerator_start = j;
    while (j < text.size() && is_digit(text[j]) && j - numerator_start < 3) numerator = numerator * 10 + (text[j++] - '0');
    if (j == numerator_start || j >= text.size() || text[j] != '/') return i;
    const size_t denominator_start = ++j;
    while (j < text.size() && is_digit(text[j]) && j - denominator_start < 3)
        denominator = denominator * 10 + (text[j++] - '0');
    if (j == denominator_start || (j < text.size() && is_digit(text[j]))) return i;
    // 2, 4, 8, ..., 64: the binary fractions, whose decimals are exact.
    if (denominator < 2 || denominator > 64 || (denominator & (denominator - 1)) != 0 || numerator == 0 ||
        numerator >= denominator)
        return i;
    std::string decimals;
    for (size_t rest = numerator; rest != 0;) {
        rest *= 10;
        decimals += static_cast<char>('0' + rest / denominator);
        rest %= denominator;
    }
    num += '.';
    num += decimals;
    return j;
}

// The word at text[i] or after the spaces and at most one line break there,
// lower-cased, "" if none.
std::string next_word(const std::string& text, size_t i) {
    bool line_break = false;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || (text[i] == '\n' && !line_break))) {
        line_break = line_break || text[i] == '\n';
        ++i;
    }
    const size_t start = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    std::string word = text.substr(start, i - start);
    for (auto& ch : word) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return word;
}

// The scale a figure written before `word` is rounded to ("4.9 mln", "1.5bn"):
// 'm', 'b' or 't', appended to the number so that its forms read alike and a
// comparison can match it to the figure written in full (similarity.cc).
char scale_of(const std::string& word) {
    if (word == "mln" || word == "million" || word == "millions") return 'm';
    if (word == "bln" || word == "billion" || word == "billions" || word == "bn") return 'b';
    if (word == "trillion" || word == "trln" || word == "tn") return 't';
    return 0;
}

// A currency sign just before text[i]: "$5m", "£5m" (the pound and euro as UTF-8).
bool after_currency_sign(const std::string& text, size_t i) {
    if (i >= 1 && text[i - 1] == '$') return true;
    if (i >= 2 && static_cast<unsigned char>(text[i - 2]) == 0xC2 && static_cast<unsigned char>(text[i - 1]) == 0xA3)
        return true;
    return i >= 3 && static_cast<unsigned char>(text[i - 3]) == 0xE2 &&
           static_cast<unsigned char>(text[i - 2]) == 0x82 && static_cast<unsigned char>(text[i - 1]) == 0xAC;
}

// Typographic quotes as ASCII ones, so "China’s" and "China's" read alike
// and a name after an opening quote is seen as starting a sentence.
std::string ascii_quotes(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (static_cast<unsigned char>(s[i]) == 0xE2 && i + 2 < s.size() &&
            static_cast<unsigned char>(s[i + 1]) == 0x80) {
            const auto c = static_cast<unsigned char>(s[i + 2]);
            if (c == 0x98 || c == 0x99) {
                out += '\'';
                i += 2;
                continue;
            }
            if (c == 0x9C || c == 0x9D) {
                out += '"';
                i += 2;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

void sort_unique(std::vector<std::string>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

// Stemming each body word was the largest part of making a fingerprint
// (callgrind: 5.9% of a --no-group build's instructions, 2,400 per word),
// and news repeats its words, so stems are remembered. One cache and one
// stemmer per thread: a Xapian::Stem may not be used by two threads at once
// (parallel builds make fingerprints in several threads). Cleared when it
// grows past kMaxCachedStems, bounding memory on a huge vocabulary.
constexpr size_t kMaxCachedStems = 200000;

std::string cached_stem(const std::string& word) {
    static thread_local const Xapian::Stem stemmer(schema::kStemLanguage);
    static thread_local std::unordered_map<std::string, std::string> stems;
    if (const auto found = stems.find(word); found != stems.end()) return found->second;
    if (stems.size() >= kMaxCachedStems) stems.clear();
    return stems.emplace(word, stemmer(word)).first->second;
}

struct Reader {
    const std::string& data;
    size_t pos = 0;
    uint64_t varint() { return get_varint(data, pos, "fingerprint"); }
    std::string str() {
        const auto n = varint();
        if (n > data.size() - pos) throw Error(ErrorKind::kDatabase, "malformed fingerprint");
        std::string s = data.substr(pos, n);
        pos += n;
        return s;
    }
    // A count, then that many 16-bit values, low byte first.
    std::vector<uint16_t> uint16s() {
        const auto n = varint();
        if (n > (data.size() - pos) / 2) throw Error(ErrorKind::kDatabase, "malformed fingerprint");
        std::vector<uint16_t> values;
        values.reserve(n);
        for (uint64_t i = 0; i < n; ++i, pos += 2)
            values.push_back(static_cast<uint16_t>(static_cast<unsigned char>(data[pos]) |
                                                   static_cast<unsigned char>(data[pos + 1]) << 8));
        return values;
    }
};

// What Reader::uint16s reads.
void put_uint16s(std::string& out, const std::vector<uint16_t>& values) {
    put_varint(out, values.size());
    for (const uint16_t v : values) {
        out += static_cast<char>(v & 0xff);
        out += static_cast<char>(v >> 8);
    }
}

// 3: heading numbers; 4: an untitled item's heading words as title stems;
// 5: times of day ("11:40") kept whole among the numbers; 6: the body's
// trigrams and sentence ends (Fingerprint::trigrams), fractions as decimals
// ("17-1/2" is 17.5); 7: figures keep their scale ("4.9 mln" is "4.9m"),
// the heading's tickers and times of day, the headline a correction notice
// quotes (Fingerprint::tickers, heading_times, corrected_heading); 8: a
// market report's session in the heading times ("CLOSES HIGHER", "AT
// MIDSESSION", "OPG"); 9: the body's numbers and names in text order
// (Fingerprint::anchors); 10: bylines and credit lines not scanned
// (without_link_and_credit_lines), a correction marked only by the heading's
// first word, "corrects" or a last "RPT" (marks_correction); 11: the body's
// function words in order (Fingerprint::function_words).
constexpr char kFormat = '\x0b';

// Optional signed values as varints: 0 is "none", others are offset by 2^40.
uint64_t encode_optional(const std::optional<long>& v) {
    return v ? static_cast<uint64_t>(*v + (1L << 40)) + 1 : 0;
}
std::optional<long> decode_optional(uint64_t v) {
    if (!v) return std::nullopt;
    return static_cast<long>(v - 1) - (1L << 40);
}

void put_string(std::string& out, const std::string& s) {
    put_varint(out, s.size());
    out += s;
}

std::string lower_ascii(std::string s) {
    for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
}

size_t word_count(const std::string& s) {
    size_t n = 0;
    bool in_word = false;
    for (char c : s) {
        const bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
        if (!space && !in_word) ++n;
        in_word = !space;
    }
    return n;
}

// Lines such as "READ: Other headline" or "Related: ..." that sites and
// spinners insert between paragraphs link to other stories: their numbers
// and names are not this article's.
bool is_link_line(const std::string& line) {
    static const char* const kMarkers[] = {"read",    "read more", "read also", "also read", "related",
                                           "see also", "more",     "watch",     "recommended", "listen"};
    size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos) return false;
    const size_t colon = line.find(':', start);
    if (colon == std::string::npos || colon - start > 12) return false;
    std::string marker = lower_ascii(line.substr(start, colon - start));
    while (!marker.empty() && marker.back() == ' ') marker.pop_back();
    for (const char* m : kMarkers)
        if (marker == m) return true;
    return false;
}

// A byline or credit line standing as a paragraph of its own ("By Jane Doe,
// Associated Press", "Posted by News Team", "Reporting by Jane Doe; Editing
// by ...", "Copyright 2023 ...", "Jane Doe contributed to this report."):
// each outlet republishing a story puts its own there, so their names are
// not the story's. A paragraph that merely starts with "By" ("By Monday,
// prices had fallen.") ends as a sentence does and stays.
bool is_credit_line(const std::string& line) {
    constexpr size_t kMaxCreditWords = 15;
    const size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos) return false;
    const size_t last = line.find_last_not_of(" \t\r");
    const std::string text = lower_ascii(line.substr(start, last + 1 - start));
    if (word_count(text) > kMaxCreditWords) return false;
    static const char* const kCreditStarts[] = {"posted by ",   "written by ",  "reporting by ", "reported by ",
                                                "filed by ",    "edited by ",   "editing by ",   "compiled by ",
                                                "additional reporting by ",     "copyright ",    "(c) ",
                                                "\xc2\xa9",      "all rights reserved"};
    for (const char* s : kCreditStarts)
        if (text.rfind(s, 0) == 0) return true;
    static const std::string kContributed = "contributed to this report";
    const std::string trimmed = text.back() == '.' ? text.substr(0, text.size() - 1) : text;
    if (trimmed.size() >= kContributed.size() &&
        trimmed.compare(trimmed.size() - kContributed.size(), kContributed.size(), kContributed) == 0)
        return true;
    const char end = text.back();
    return text.rfind("by ", 0) == 0 && end != '.' && end != '!' && end != '?';
}

}  // namespace

std::string without_link_and_credit_lines(const std::string& body) {
    // A credit line is only taken as one where it is a whole paragraph or
    // the body's first or last line: a hard-wrapped wire paragraph may break
    // before a line that starts "By".
    std::vector<std::pair<size_t, size_t>> lines;  // begin, end
    for (size_t pos = 0; pos <= body.size();) {
        size_t end = body.find('\n', pos);
        if (end == std::string::npos) end = body.size();
        lines.emplace_back(pos, end);
        pos = end + 1;
    }
    const auto blank = [&body](const std::pair<size_t, size_t>& l) {
        return body.find_first_not_of(" \t\r", l.first) >= l.second;
    };
    size_t first = 0, last = lines.size() - 1;
    while (first < last && blank(lines[first])) ++first;
    while (last > first && blank(lines[last])) --last;
    std::string out;
    out.reserve(body.size());
    for (size_t k = 0; k < lines.size(); ++k) {
        const std::string line = body.substr(lines[k].first, lines[k].second - lines[k].first);
        const bool paragraph = k == first || k == last ||
                               ((k == 0 || blank(lines[k - 1])) && (k + 1 == lines.size() || blank(lines[k + 1])));
        if (!is_link_line(line) && !(paragraph && is_credit_line(line))) out.append(line);
        if (k + 1 < lines.size()) out += '\n';
    }
    return out;
}

void scan_text(const std::string& raw, TextScan& out) {
    const std::string text = ascii_quotes(raw);
    const size_t n = text.size();
    bool sentence_start = true;
    const auto end_sentence = [&out] {
        const auto tokens = static_cast<uint32_t>(out.words.size() + out.numbers.size());
        if (tokens > 0 && (out.sentence_ends.empty() || out.sentence_ends.back() != tokens))
            out.sentence_ends.push_back(tokens);
    };
    size_t i = 0;
    while (i < n) {
        const char c = text[i];
        if (is_digit(c)) {
            const size_t number_start = i;
            std::string num;
            while (i < n) {
                if (is_digit(text[i])) {
                    num += text[i++];
                } else if (is_clock_time(text, i, num)) {
                    // "11:40" is one time of day, not 11 and 40: two snapshots of
                    // one template ("CBT 11:40 EDT", "CBT 12:40 EDT") differ in it.
                    num.append(text, i, 3);
                    i += 3;
                    break;
                } else if ((text[i] == ',' || text[i] == '.' || text[i] == '/') && i + 1 < n &&
                           is_digit(text[i + 1]) && !num.empty()) {
                    if (text[i] != ',') num += text[i];  // 1,750 == 1750
                    ++i;
                } else {
                    break;
                }
            }
            if (is_clock_hhmm(num, text, i)) num = num.substr(0, 2) + ':' + num.substr(2);  // "1000 HRS"
            i = with_fraction(text, i, num);
            if (num.find_first_of(":/") == std::string::npos) {
                // "4.9 mln", "1.5bn", "$5m": a figure rounded to a scale.
                const bool attached = i < n && is_alpha(text[i]);
                const std::string unit = next_word(text, i);
                char scale = scale_of(unit);
                if (!scale && attached && unit == "m" && after_currency_sign(text, number_start)) scale = 'm';
                if (scale) num += scale;
            }
            out.number_at.push_back(static_cast<uint32_t>(out.words.size()));
            out.anchors.push_back(num);
            out.numbers.push_back(num);
            sentence_start = false;
        } else if (is_alpha(c)) {
            const size_t start = i;
            // Hyphens split words, as in Xapian's TermGenerator ("high-yield").
            while (i < n && (is_alpha(text[i]) || text[i] == '\'')) ++i;
            // "1ST", "2ND": the letters belong to the number before them.
            if (start > 0 && is_digit(text[start - 1])) {
                sentence_start = false;
                continue;
            }
            const bool capitalised = std::isupper(static_cast<unsigned char>(c)) != 0;
            std::string word = text.substr(start, i - start);
            // "China's" names China.
            if (word.size() > 2 && word.compare(word.size() - 2, 2, "'s") == 0) word.resize(word.size() - 2);
            while (!word.empty() && word.back() == '\'') word.pop_back();
            for (auto& ch : word) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            const int function_word = word.empty() ? -1 : stopword_index(word);
            if (function_word >= 0) {
                out.function_words.push_back(static_cast<uint8_t>(function_word));
            } else if (!word.empty()) {
                // Capitalised shorthand ("Shr", "Revs") is no name, nor
                // are its words ("Revenues" starting a table's line).
                word = written_out(std::move(word));
                if (capitalised && !sentence_start && word.size() >= 2 && !is_shorthand_word(word)) {
                    out.entities.push_back(word);
                    out.anchors.push_back(word);
                }
                out.words.push_back(std::move(word));
            }
            sentence_start = false;
        } else {
            // Wire copy is hard-wrapped, so a single newline does not end a
            // sentence; a blank line (a new paragraph) does.
            if (c == '.' || c == '!' || c == '?' || c == ':' || c == '"') {
                sentence_start = true;
            } else if (c == '\n') {
                size_t j = i + 1;
                while (j < n && (text[j] == ' ' || text[j] == '\t')) ++j;
                if (j < n && text[j] == '\n') sentence_start = true;
            }
            // A sentence ends (Fingerprint::sentence_ends) at '.', '!' or '?'
            // before white space and a capital or a quote. Unlike
            // sentence_start, not at ':', an opening quote or a paragraph:
            // an untitled table is one sentence, to be kept whole or not.
            if (c == '.' || c == '!' || c == '?') {
                size_t j = i + 1;
                while (j < n && std::isspace(static_cast<unsigned char>(text[j]))) ++j;
                if (j > i + 1 && j < n && (std::isupper(static_cast<unsigned char>(text[j])) || text[j] == '"'))
                    end_sentence();
            }
            ++i;
        }
    }
    end_sentence();
}

// "CORRECTED - ...", "CORRECTION - ...", "RPT - ...", "ACME CORRECTS NET",
// "... (RPT)": a correction or repeat marked by the heading's first word, the
// verb "corrects", or a last "RPT", outside ticker brackets ("REPUBLIC <RPT>"
// is a company, not a repeat). The word elsewhere is no mark: "MARKET SEEN
// DUE FOR CORRECTION", "NOT RPT NOT WITHDRAWING", or an untitled item's first
// line "quadripole networks for phase correction".
static bool marks_correction(const std::string& heading) {
    std::string outside;
    int depth = 0;
    for (const char c : heading) {
        if (c == '<') ++depth;
        else if (c == '>' && depth > 0) --depth;
        else outside += depth > 0 ? ' ' : c;
    }
    TextScan scan;
    scan_text(outside, scan);
    const auto& words = scan.words;
    if (words.empty()) return false;
    static const char* const kFirstWordMarks[] = {"corrected", "correction", "corrects", "correcting",
                                                  "rpt",       "repeat",     "repeated"};
    for (const char* mark : kFirstWordMarks)
        if (words.front() == mark) return true;
    return words.back() == "rpt" || std::find(words.begin(), words.end(), "corrects") != words.end();
}

// The body's first non-blank line if it has at most `max_words` words.
static std::string first_line_if_short(const std::string& body, size_t max_words) {
    size_t start = 0;
    while (start < body.size()) {
        const size_t end = std::min(body.find('\n', start), body.size());
        if (body.find_first_not_of(" \t\r", start) < end) {
            std::string line = body.substr(start, end - start);
            return word_count(line) <= max_words ? line : std::string();
        }
        start = end + 1;
    }
    return {};
}

// The stock symbols a heading names: "<SRD>" as wire headings carry them
// ("BP.L" read as "BP"), or "(NYSE: SRD)". Upper-cased, sorted, unique.
static std::vector<std::string> tickers_of(const std::string& heading) {
    std::vector<std::string> tickers;
    const auto add = [&tickers](std::string symbol) {
        while (!symbol.empty() && symbol.front() == ' ') symbol.erase(symbol.begin());
        while (!symbol.empty() && symbol.back() == ' ') symbol.pop_back();
        if (symbol.find(' ') == std::string::npos && symbol.find('.') != std::string::npos)
            symbol.resize(symbol.find('.'));
        for (auto& ch : symbol) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        constexpr size_t kMaxSymbol = 40;  // "<Dutch State Mines NV>" names a company without one
        if (!symbol.empty() && symbol.size() <= kMaxSymbol) tickers.push_back(std::move(symbol));
    };
    for (size_t open = heading.find('<'); open != std::string::npos; open = heading.find('<', open + 1)) {
        const size_t close = heading.find('>', open);
        if (close == std::string::npos) break;
        add(heading.substr(open + 1, close - open - 1));
    }
    static const char* const kExchanges[] = {"NYSE", "NASDAQ", "AMEX", "LSE", "TSX", "ASX", "OTC"};
    for (size_t open = heading.find('('); open != std::string::npos; open = heading.find('(', open + 1)) {
        const size_t colon = heading.find(':', open), close = heading.find(')', open);
        if (colon == std::string::npos || close == std::string::npos || colon > close) continue;
        std::string exchange = heading.substr(open + 1, colon - open - 1);
        for (auto& ch : exchange) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        if (std::any_of(std::begin(kExchanges), std::end(kExchanges), [&](const char* x) { return exchange == x; }))
            add(heading.substr(colon + 1, close - colon - 1));
    }
    std::sort(tickers.begin(), tickers.end());
    tickers.erase(std::unique(tickers.begin(), tickers.end()), tickers.end());
    return tickers;
}

// The times of day a heading names, as "HH:MM": its clock times among
// `heading_numbers` ("11:40", "1000 HRS"), a four-digit time before the
// date of a wire table's heading ("RATES 1100 - APRIL 7"), and the session
// words of quote tables ("noon call" is "12:00", "clsg" and "closing" are
// "close", "opening" is "open"). Sorted, unique. `heading_words` are the
// heading's scanned words, which the caller has already.
static std::vector<std::string> times_of(const std::string& heading, const std::vector<std::string>& heading_numbers,
                                         const std::vector<std::string>& heading_words) {
    std::vector<std::string> times;
    for (const auto& n : heading_numbers)
        if (n.find(':') != std::string::npos) times.push_back(n);
    std::string lower = heading;
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    static const char* const kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                          "jul", "aug", "sep", "oct", "nov", "dec"};
    for (size_t i = 0; i + 4 <= lower.size(); ++i) {
        const bool starts = i == 0 || !std::isalnum(static_cast<unsigned char>(lower[i - 1]));
        if (!starts || !std::all_of(lower.begin() + i, lower.begin() + i + 4, is_digit) ||
            (i + 4 < lower.size() && std::isalnum(static_cast<unsigned char>(lower[i + 4]))))
            continue;
        const int hours = std::stoi(lower.substr(i, 2)), minutes = std::stoi(lower.substr(i + 2, 2));
        size_t j = i + 4;
        while (j < lower.size() && lower[j] == ' ') ++j;
        // 20:00-20:59 would read as this century's years ("2023 - June").
        if (hours > 23 || minutes > 59 || hours == 20 || j >= lower.size() || lower[j] != '-') continue;
        ++j;
        while (j < lower.size() && lower[j] == ' ') ++j;
        if (std::any_of(std::begin(kMonths), std::end(kMonths),
                        [&](const char* m) { return lower.compare(j, 3, m) == 0; }))
            times.push_back(lower.substr(i, 2) + ':' + lower.substr(i + 2, 2));
    }
    // "CLOSES HIGHER", "OPEN STEADY": a market report's session, where the
    // verb alone ("GM TO CLOSE PLANT") would name no time.
    static const std::set<std::string> kMoves = {
        "higher", "lower", "mixed", "steady", "firmer", "firm",   "easier", "easy",     "up",      "down",
        "off",    "unchanged", "weaker", "weak",  "stronger", "strong", "quiet", "narrowly", "sharply", "mostly",
        "slightly", "little", "barely"};
    for (size_t i = 0; i < heading_words.size(); ++i) {
        const std::string& w = heading_words[i];
        const bool move_follows = i + 1 < heading_words.size() && kMoves.count(heading_words[i + 1]);
        if (w == "noon" || w == "midday") times.emplace_back("12:00");
        else if (w == "clsg" || w == "closing" || ((w == "close" || w == "closes" || w == "closed") && move_follows))
            times.emplace_back("close");
        else if (w == "opening" || w == "opg" || ((w == "open" || w == "opens" || w == "opened") && move_follows))
            times.emplace_back("open");
        else if (w == "midsession" || (w == "mid" && i + 1 < heading_words.size() && heading_words[i + 1] == "session"))
            times.emplace_back("midsession");
    }
    sort_unique(times);
    return times;
}

// The headline a correction notice quotes: the first double-quoted span of
// its opening ("In item headlined \"HEINEKEN N.V. <HEIN.AS> 1986 YEAR\"
// please read ..."), as title stems (see make_fingerprint). Empty if none.
static std::vector<std::string> quoted_heading_stems(const std::string& body) {
    constexpr size_t kOpening = 400, kMaxQuote = 200;
    const std::string text = ascii_quotes(body.substr(0, kOpening));
    const size_t open = text.find('"');
    if (open == std::string::npos) return {};
    const size_t close = text.find('"', open + 1);
    if (close == std::string::npos || close - open > kMaxQuote) return {};
    TextScan quoted;
    scan_text(text.substr(open + 1, close - open - 1), quoted);
    std::vector<std::string> stems;
    for (const auto& word : quoted.words)
        if (word.size() >= 3) stems.push_back(cached_stem(word));
    sort_unique(stems);
    return stems;
}

// The title; when there is none, the body's first line if it is short enough
// to be a heading (wire tables and correction notices carry theirs there:
// "CBT 11:40 EDT", "CORRECTION - TRANSALTA ..."), not an opening sentence.
static std::string heading_of(const Article& article) {
    if (!article.title.empty()) return article.title;
    constexpr size_t kMaxHeadingWords = 12;
    return first_line_if_short(article.body, kMaxHeadingWords);
}

// Wire shorthand and the words a rewrite spells it out as ("Shr loss 6.68
// dlrs vs 90 cts" and "Share loss 6.68 dollars versus 90 cents"): results
// tables are almost all shorthand, so a spun copy of one shared few words
// and fewer word pairs with its original (shingles 0.22 for a light copy).
// Compared as the words, the two read alike. Numbers need no such table:
// their scales are already read as one ("4.9 mln" is 4.9m). The list is
// Reuters' shorthand, closed and short; the index keeps what was written.
static const std::unordered_map<std::string, std::string>& shorthand_words() {
    static const std::unordered_map<std::string, std::string> words{
        {"shr", "share"},     {"shrs", "shares"},  {"dlr", "dollar"},   {"dlrs", "dollars"},
        {"mln", "million"},   {"bln", "billion"},  {"pct", "percent"},  {"cts", "cents"},
        {"qtr", "quarter"},   {"qtrly", "quarterly"}, {"revs", "revenues"}, {"avg", "average"},
        {"oper", "operating"}, {"vs", "versus"},  {"yr", "year"},       {"yrs", "years"},
        {"mths", "months"},
    };
    return words;
}

std::string written_out(std::string word) {
    const auto& words = shorthand_words();
    if (const auto found = words.find(word); found != words.end()) return found->second;
    return word;
}

bool is_shorthand_word(const std::string& word) {
    static const std::unordered_set<std::string> spelt = [] {
        std::unordered_set<std::string> set;
        for (const auto& entry : shorthand_words()) set.insert(entry.second);
        return set;
    }();
    return spelt.count(word) > 0;
}

std::string written_out_stem(const std::string& stem) {
    // The stems of the shorthand ("dlrs" -> "dlrs", "cts" -> "ct") to the
    // stems of their words ("dollar", "cent").
    static const std::unordered_map<std::string, std::string> stems = [] {
        std::unordered_map<std::string, std::string> map;
        const Xapian::Stem stemmer(schema::kStemLanguage);
        for (const auto& [shorthand, word] : shorthand_words()) {
            const std::string from = stemmer(shorthand), to = stemmer(word);
            if (from != to) map.emplace(from, to);
        }
        return map;
    }();
    if (const auto found = stems.find(stem); found != stems.end()) return found->second;
    return stem;
}

bool is_content_stem(const std::string& term) {
    // "Z" followed by a lower-case or non-ASCII letter: an unprefixed stem.
    // Prefixed stems ("ZS..." for title words) repeat the same words.
    if (term.size() < 3 || term.compare(0, schema::prefix::kStemmed.size(), schema::prefix::kStemmed) != 0)
        return false;
    const auto c = static_cast<unsigned char>(term[1]);
    return c >= 0x80 || std::islower(c);
}

std::vector<std::pair<std::string, uint32_t>> content_terms(const Xapian::Document& indexed) {
    std::vector<std::pair<std::string, uint32_t>> terms;
    bool rewritten = false;
    for (auto t = indexed.termlist_begin(); t != indexed.termlist_end(); ++t) {
        std::string term = *t;
        if (!is_content_stem(term)) continue;
        const size_t prefix = schema::prefix::kStemmed.size();
        std::string stem = written_out_stem(term.substr(prefix));
        if (stem.size() != term.size() - prefix || term.compare(prefix, std::string::npos, stem) != 0) {
            term.replace(prefix, std::string::npos, stem);
            rewritten = true;
        }
        terms.emplace_back(std::move(term), t.get_wdf());
    }
    // The termlist is sorted by term, as Fingerprint::terms must be, unless
    // shorthand was written out: then sort again and add up the two spellings.
    if (rewritten) {
        std::sort(terms.begin(), terms.end());
        size_t out = 0;
        for (size_t k = 0; k < terms.size(); ++k) {
            if (out > 0 && terms[out - 1].first == terms[k].first)
                terms[out - 1].second += terms[k].second;
            else if (out++ != k)
                terms[out - 1] = std::move(terms[k]);
        }
        terms.resize(out);
    }
    return terms;
}

// Fingerprint::shingles of the body `body`.
static void add_shingles(const TextScan& body, Fingerprint& fp) {
    std::string previous;
    for (const auto& word : body.words) {
        std::string stem = cached_stem(word);
        if (!previous.empty()) {
            const std::string pair = previous + ' ' + stem;
            fp.shingles.push_back(XXH3_64bits(pair.data(), pair.size()));
        }
        previous = std::move(stem);
    }
    std::sort(fp.shingles.begin(), fp.shingles.end());
    fp.shingles.erase(std::unique(fp.shingles.begin(), fp.shingles.end()), fp.shingles.end());
}

// How a name or figure of TextScan::anchors is compared in order: a name as
// read; a figure by its first two significant digits alone ("1,523,000",
// "1.5 mln" and "1.52 billion" are all "1.5"), as rounded and re-scaled
// copies write it (spinners swap "mln" for "billion"; tables keyed twice
// round); a time of day or fraction as read. Whether the figures are the same
// is the numbers evidence's to say; this is only their order.
static std::string anchor_form(const std::string& anchor) {
    if (anchor.empty() || !is_digit(anchor.front()) || anchor.find_first_of(":/") != std::string::npos) return anchor;
    const double value = std::strtod(anchor.c_str(), nullptr);  // stops at a scale letter
    if (!(value > 0)) return anchor;
    char text[32];
    std::snprintf(text, sizeof text, "%.1e", value);
    return std::string(text, std::strchr(text, 'e') ? std::strchr(text, 'e') : text + std::strlen(text));
}

// Fingerprint::trigrams and sentence_ends of the body `body` (before its
// numbers are sorted).
static void add_trigrams(const TextScan& body, Fingerprint& fp) {
    // The words and numbers in text order, hashed.
    std::vector<uint64_t> tokens;
    tokens.reserve(body.words.size() + body.numbers.size());
    size_t number = 0;
    const auto hash = [](const std::string& token) { return XXH3_64bits(token.data(), token.size()); };
    for (size_t word = 0; word <= body.words.size(); ++word) {
        for (; number < body.numbers.size() && body.number_at[number] <= word; ++number)
            tokens.push_back(hash(body.numbers[number]));
        if (word < body.words.size()) tokens.push_back(hash(body.words[word]));
    }
    if (tokens.size() < 3) return;
    fp.trigrams.reserve(tokens.size() - 2);
    for (size_t k = 0; k + 2 < tokens.size(); ++k) {
        const uint64_t three[3] = {tokens[k], tokens[k + 1], tokens[k + 2]};
        fp.trigrams.push_back(static_cast<uint16_t>(XXH3_64bits(three, sizeof three)));
    }
    fp.sentence_ends = body.sentence_ends;
}

Fingerprint make_fingerprint(const Article& article, const Xapian::Document& indexed) {
    Fingerprint fp;
    fp.terms = content_terms(indexed);
    TextScan body;
    scan_text(without_link_and_credit_lines(article.body), body);
    TextScan title;  // titles are often ALL CAPS: their numbers count, not their names
    scan_text(article.title, title);
    const std::string heading = heading_of(article);
    // An untitled item's heading words count as its title words: wire tables
    // name what they list there ("NY COMEX COPPER", "STERLING CLOSING").
    std::vector<std::string> heading_words = title.words;
    if (article.title.empty()) {
        TextScan heading_scan;
        scan_text(heading, heading_scan);
        fp.title_numbers = std::move(heading_scan.numbers);
        heading_words = std::move(heading_scan.words);
    } else {
        fp.title_numbers = title.numbers;
        // A titled table may stamp its time on a line of its own under the
        // title ("CBT SOYBEAN OIL SPREADS" / "1000 hrs cdt"): the heading's time.
        constexpr size_t kMaxStampWords = 4;
        TextScan stamp;
        scan_text(first_line_if_short(article.body, kMaxStampWords), stamp);
        for (auto& n : stamp.numbers)
            if (n.find(':') != std::string::npos) fp.title_numbers.push_back(std::move(n));
    }
    sort_unique(fp.title_numbers);
    fp.heading_times = times_of(heading, fp.title_numbers, heading_words);
    add_trigrams(body, fp);
    fp.function_words.assign(body.function_words.begin(),
                             body.function_words.begin() +
                                 static_cast<std::ptrdiff_t>(std::min(body.function_words.size(), kMaxFunctionWords)));
    const size_t anchors = std::min(body.anchors.size(), kMaxAnchors);
    fp.anchors.reserve(anchors);
    for (size_t k = 0; k < anchors; ++k) {
        const std::string anchor = anchor_form(body.anchors[k]);
        fp.anchors.push_back(static_cast<uint16_t>(XXH3_64bits(anchor.data(), anchor.size())));
    }
    fp.numbers = std::move(body.numbers);
    fp.numbers.insert(fp.numbers.end(), title.numbers.begin(), title.numbers.end());
    fp.entities = std::move(body.entities);
    sort_unique(fp.numbers);
    sort_unique(fp.entities);

    add_shingles(body, fp);

    for (const auto& word : heading_words) {
        // Short tokens are mostly pieces of abbreviations ("U.S." gives "u", "s").
        if (word.size() >= 3) fp.title_stems.push_back(cached_stem(word));
    }
    fp.correction = marks_correction(heading);
    if (fp.correction) fp.corrected_heading = quoted_heading_stems(article.body);
    fp.tickers = tickers_of(heading);
    sort_unique(fp.title_stems);
    fp.body_words = static_cast<uint32_t>(body.words.size());
    fp.words = fp.body_words + static_cast<uint32_t>(title.words.size());
    if (article.date) {
        fp.day = article.date->days();
        if (article.date->has_time) fp.minute = static_cast<long>(article.date->unix_seconds() / 60);
    }
    return fp;
}

std::string serialise_fingerprint(const Fingerprint& fp) {
    std::string out;
    out += kFormat;
    put_varint(out, fp.words);
    put_varint(out, fp.body_words);
    put_varint(out, encode_optional(fp.day));
    put_varint(out, encode_optional(fp.minute));
    put_varint(out, fp.correction ? 1 : 0);
    put_varint(out, fp.title_stems.size());
    for (const auto& s : fp.title_stems) put_string(out, s);
    put_varint(out, fp.title_numbers.size());
    for (const auto& s : fp.title_numbers) put_string(out, s);
    put_varint(out, fp.terms.size());
    for (const auto& [term, wdf] : fp.terms) {
        put_string(out, term);
        put_varint(out, wdf);
    }
    put_varint(out, fp.numbers.size());
    for (const auto& s : fp.numbers) put_string(out, s);
    put_varint(out, fp.entities.size());
    for (const auto& s : fp.entities) put_string(out, s);
    put_varint(out, fp.shingles.size());
    for (const uint64_t h : fp.shingles) {
        for (int i = 0; i < 8; ++i) out += static_cast<char>(h >> (8 * i));
    }
    put_uint16s(out, fp.trigrams);
    put_varint(out, fp.sentence_ends.size());
    uint32_t last_end = 0;
    for (const uint32_t end : fp.sentence_ends) {
        put_varint(out, end - last_end);
        last_end = end;
    }
    put_varint(out, fp.tickers.size());
    for (const auto& s : fp.tickers) put_string(out, s);
    put_varint(out, fp.heading_times.size());
    for (const auto& s : fp.heading_times) put_string(out, s);
    put_varint(out, fp.corrected_heading.size());
    for (const auto& s : fp.corrected_heading) put_string(out, s);
    put_uint16s(out, fp.anchors);
    put_varint(out, fp.function_words.size());
    out.append(fp.function_words.begin(), fp.function_words.end());
    return out;
}

Fingerprint unserialise_fingerprint(const std::string& data) {
    Fingerprint fp;
    if (data.empty() || data[0] != kFormat) throw Error(ErrorKind::kDatabase, "malformed fingerprint");
    Reader r{data, 1};
    fp.words = static_cast<uint32_t>(r.varint());
    fp.body_words = static_cast<uint32_t>(r.varint());
    fp.day = decode_optional(r.varint());
    fp.minute = decode_optional(r.varint());
    fp.correction = r.varint() != 0;
    const auto ntitle = r.varint();
    for (uint64_t i = 0; i < ntitle; ++i) fp.title_stems.push_back(r.str());
    const auto ntitle_numbers = r.varint();
    for (uint64_t i = 0; i < ntitle_numbers; ++i) fp.title_numbers.push_back(r.str());
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
    const auto nshingles = r.varint();
    if (nshingles > (data.size() - r.pos) / 8) throw Error(ErrorKind::kDatabase, "malformed fingerprint");
    fp.shingles.reserve(nshingles);
    for (uint64_t i = 0; i < nshingles; ++i) {
        uint64_t h = 0;
        for (int b = 0; b < 8; ++b) h |= static_cast<uint64_t>(static_cast<unsigned char>(data[r.pos++])) << (8 * b);
        fp.shingles.push_back(h);
    }
    fp.trigrams = r.uint16s();
    const auto nends = r.varint();
    if (nends > data.size() - r.pos) throw Error(ErrorKind::kDatabase, "malformed fingerprint");
    fp.sentence_ends.reserve(nends);
    uint64_t end = 0;
    for (uint64_t i = 0; i < nends; ++i) {
        end += r.varint();
        if (end > UINT32_MAX) throw Error(ErrorKind::kDatabase, "malformed fingerprint");
        fp.sentence_ends.push_back(static_cast<uint32_t>(end));
    }
    const auto ntickers = r.varint();
    if (ntickers > data.size() - r.pos) throw Error(ErrorKind::kDatabase, "malformed fingerprint");
    for (uint64_t i = 0; i < ntickers; ++i) fp.tickers.push_back(r.str());
    const auto ntimes = r.varint();
    if (ntimes > data.size() - r.pos) throw Error(ErrorKind::kDatabase, "malformed fingerprint");
    for (uint64_t i = 0; i < ntimes; ++i) fp.heading_times.push_back(r.str());
    const auto ncorrected = r.varint();
    if (ncorrected > data.size() - r.pos) throw Error(ErrorKind::kDatabase, "malformed fingerprint");
    for (uint64_t i = 0; i < ncorrected; ++i) fp.corrected_heading.push_back(r.str());
    fp.anchors = r.uint16s();
    const auto nfunction = r.varint();
    if (nfunction > data.size() - r.pos) throw Error(ErrorKind::kDatabase, "malformed fingerprint");
    fp.function_words.assign(data.begin() + static_cast<std::ptrdiff_t>(r.pos),
                             data.begin() + static_cast<std::ptrdiff_t>(r.pos + nfunction));
    r.pos += nfunction;
    return fp;
}

}  // namespace news
