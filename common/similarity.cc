#include "common/similarity.h"

#include <array>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <type_traits>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/fingerprint_storage.h"
#include "common/reference_frequencies.h"
#include "common/schema.h"
#include "common/senses.h"

namespace news {
namespace {

// What two sorted lists share: |a ∩ b| (a repeated item matched once for
// each time both have it), and how many of those items are marked rare in
// `a_rare` (parallel to `a`; none when it is absent). One merge gives every
// overlap figure a list needs.
struct Overlap {
    size_t shared = 0;
    uint32_t rare = 0;
};

template <typename T>
Overlap overlap(const std::vector<T>& a, const std::vector<T>& b, const std::vector<char>* a_rare = nullptr) {
    Overlap out;
    for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
        if (a[i] < b[j]) {
            ++i;
        } else if (b[j] < a[i]) {
            ++j;
        } else {
            ++out.shared;
            if (a_rare && i < a_rare->size() && (*a_rare)[i]) ++out.rare;
            ++i, ++j;
        }
    }
    return out;
}

template <typename T>
size_t shared_count(const std::vector<T>& a, const std::vector<T>& b) {
    return overlap(a, b).shared;
}

// |a ∩ b| / min(|a|, |b|); `if_empty` when either list is empty.
template <typename T>
double containment(const std::vector<T>& a, const std::vector<T>& b, size_t shared, double if_empty) {
    if (a.empty() || b.empty()) return if_empty;
    return static_cast<double>(shared) / static_cast<double>(std::min(a.size(), b.size()));
}

// Title words of `a` that `b` does not use anywhere: a different company or
// fund named in otherwise identical template items.
uint32_t title_words_missing(const Fingerprint& a, const Fingerprint& b) {
    uint32_t missing = 0;
    for (const auto& stem : a.title_stems) {
        const std::string term = schema::term(schema::prefix::kStemmed, stem);
        const auto it = std::lower_bound(b.terms.begin(), b.terms.end(), term,
                                         [](const auto& entry, const std::string& t) { return entry.first < t; });
        if (it == b.terms.end() || it->first != term) ++missing;
    }
    return missing;
}

// Marks the terms of `a` and of `b` that share a WordNet sense with a term of
// the other (in `a_shared`, `b_shared`): a term's own sense among the other's
// own or broader senses; two broader senses alone are no match
// (common/senses.h). One merge of the two sorted (sense, broader, term) lists
// serves both directions.
// A fingerprint's sorted senses, packed or wide.
struct PackedSenses {
    const uint32_t* s;
    size_t n;
    uint32_t sense(size_t i) const { return s[i] >> (kSenseTermBits + 1); }
    bool broader(size_t i) const { return (s[i] >> kSenseTermBits) & 1; }
    uint32_t term(size_t i) const { return s[i] & ((uint32_t{1} << kSenseTermBits) - 1); }
};
struct WideSenses {
    const uint64_t* s;
    size_t n;
    uint32_t sense(size_t i) const { return static_cast<uint32_t>(s[i] >> 32); }
    bool broader(size_t i) const { return (s[i] >> 31) & 1; }
    uint32_t term(size_t i) const { return static_cast<uint32_t>(s[i]) & 0x7fffffffu; }
};

template <typename A, typename B>
void mark_shared(const A& a, const B& b, std::vector<char>& a_shared, std::vector<char>& b_shared) {
    size_t i = 0, j = 0;
    while (i != a.n && j != b.n) {
        const uint32_t x = a.sense(i), y = b.sense(j);
        if (x < y) {
            ++i;
        } else if (y < x) {
            ++j;
        } else {
            // The runs of sense x; own entries sort before broader ones.
            const bool a_own = !a.broader(i), b_own = !b.broader(j);
            for (; i != a.n && a.sense(i) == x; ++i)
                if (b_own || !a.broader(i)) a_shared[a.term(i)] = 1;
            for (; j != b.n && b.sense(j) == x; ++j)
                if (a_own || !b.broader(j)) b_shared[b.term(j)] = 1;
        }
    }
}

void mark_shared_senses(const WeighedFingerprint& a, const WeighedFingerprint& b, std::vector<char>& a_shared,
                        std::vector<char>& b_shared) {
    const PackedSenses pa{a.term_senses.data(), a.term_senses.size()}, pb{b.term_senses.data(), b.term_senses.size()};
    const WideSenses wa{a.wide_term_senses.data(), a.wide_term_senses.size()},
        wb{b.wide_term_senses.data(), b.wide_term_senses.size()};
    const bool a_wide = !a.wide_term_senses.empty(), b_wide = !b.wide_term_senses.empty();
    if (!a_wide && !b_wide) return mark_shared(pa, pb, a_shared, b_shared);
    if (a_wide && b_wide) return mark_shared(wa, wb, a_shared, b_shared);
    if (a_wide) return mark_shared(wa, pb, a_shared, b_shared);
    mark_shared(pa, wb, a_shared, b_shared);
}

// The weight share of `a`'s terms marked in `shared` (found in the other
// article verbatim or as a synonym).
double sense_cover(const WeighedFingerprint& a, const std::vector<char>& shared) {
    double cover = 0;
    for (size_t i = 0; i < shared.size(); ++i)
        if (shared[i]) cover += a.weights[i] * a.weights[i];
    return cover;
}

// How many of `a`'s sentences (WeighedFingerprint::sentence_trigrams) keep
// at least kSentenceKept of their trigrams among `b`'s.
// `b`'s trigrams are looked up in a bitmap of all 2^16 (set for the call,
// then cleared): a binary search per trigram cost 1.9% of grouping.
uint32_t sentences_kept(const WeighedFingerprint& a, const WeighedFingerprint& b) {
    thread_local std::vector<uint64_t> in_b(size_t{1} << 10, 0);
    for (const uint16_t t : b.trigram_set) in_b[t >> 6] |= uint64_t{1} << (t & 63);
    uint32_t kept = 0;
    size_t begin = 0;
    for (const uint32_t end : a.sentence_ends) {
        size_t found = 0;
        for (size_t i = begin; i < end; ++i) {
            const uint16_t t = a.sentence_trigrams[i];
            found += (in_b[t >> 6] >> (t & 63)) & 1;
        }
        kept += found >= kSentenceKept * static_cast<double>(end - begin) ? 1 : 0;
        begin = end;
    }
    for (const uint16_t t : b.trigram_set) in_b[t >> 6] = 0;
    return kept;
}

// The first sentences of `a` and `b` share at least kLeadShared of the
// fewer's trigrams: the same opening (a wire report's lead kept).
bool lead_shared(const WeighedFingerprint& a, const WeighedFingerprint& b) {
    const auto a_lead = a.sentence_trigrams.begin(), b_lead = b.sentence_trigrams.begin();
    const size_t a_size = a.sentence_ends.front(), b_size = b.sentence_ends.front();
    std::vector<uint16_t> shared;
    std::set_intersection(a_lead, a_lead + a_size, b_lead, b_lead + b_size, std::back_inserter(shared));
    return shared.size() >= kLeadShared * static_cast<double>(std::min(a_size, b_size));
}

// The longest common subsequence of the two anchor sequences (at most
// kMaxAnchors each, so at most 64 x 64 steps), over the shorter one's length;
// 1 (no evidence against) when either has fewer than kMinAnchors.
double anchor_order(const std::vector<uint16_t>& a, const std::vector<uint16_t>& b) {
    const std::vector<uint16_t>& shorter = a.size() <= b.size() ? a : b;
    const std::vector<uint16_t>& longer = a.size() <= b.size() ? b : a;
    if (shorter.size() < kMinAnchors) return 1;
    std::array<uint8_t, kMaxAnchors + 1> previous{}, current{};
    for (const uint16_t x : longer) {
        current[0] = 0;
        for (size_t j = 0; j < shorter.size(); ++j)
            current[j + 1] = x == shorter[j] ? previous[j] + 1 : std::max(previous[j + 1], current[j]);
        std::swap(previous, current);
    }
    return static_cast<double>(previous[shorter.size()]) / static_cast<double>(shorter.size());
}

}  // namespace

TermWeights::TermWeights(const Xapian::Database& db)
    : db_(db),
      doccount_(reference_articles()),
      database_articles_(db.get_doccount() >= kDatabaseCommonMinArticles ? db.get_doccount() : 0),
      min_rare_idf_(std::log(1.0 + doccount_ / std::max(kRareTermShare * doccount_, kRareMinDocs))),
      serial_([] {
          static std::atomic<uint64_t> made{0};
          return ++made;
      }()) {}

double TermWeights::database_share_step(const std::string& term) const {
    if (database_articles_ == 0) return 0;
    const double share = db_.get_termfreq(term) / database_articles_;
    const double reference_share = reference_frequency(term) / doccount_;
    if (share > kDatabaseCommonStep && share > kDatabaseCommonRatio * reference_share)
        return std::min(1.0, std::ceil(share / kDatabaseCommonStep) * kDatabaseCommonStep);
    return 0;
}

const TermWeights::TermInfo& TermWeights::info(const std::string& term) const {
    const auto [at, added] = terms_.try_emplace(term);
    if (added) {
        const double df = std::max<double>(reference_frequency(term), database_share_step(term) * doccount_);
        at->second.idf = std::log(1.0 + doccount_ / df);
        at->second.rare = at->second.idf >= min_rare_idf_;
        at->second.id = static_cast<uint32_t>(terms_.size() - 1);
    }
    return at->second;
}

const TermWeights::TermInfo& TermWeights::info_with_senses(const std::string& term, size_t prefix) const {
    auto& known = const_cast<TermInfo&>(info(term));
    if (!known.senses_known) {
        known.senses = senses_of_stem(std::string_view(term).substr(prefix));
        known.senses_known = true;
    }
    return known;
}

SenseList TermWeights::senses(const std::string& term, size_t prefix) const {
    return info_with_senses(term, prefix).senses;
}

bool is_rare_term(const TermWeights& weights, const std::string& term) { return weights.info(term).rare; }

namespace {

// A fingerprint number as the text wrote it: without the scale letter
// ("4.9m" -> "4.9"), as the index has it.
std::string as_written(const std::string& number) {
    if (!number.empty() && std::isalpha(static_cast<unsigned char>(number.back())))
        return number.substr(0, number.size() - 1);
    return number;
}

// "1750" -> "1,750"; numbers of up to three digits unchanged.
std::string with_thousands_separators(const std::string& number) {
    const size_t digits = std::min(number.find_first_not_of("0123456789"), number.size());
    if (digits <= 3) return number;
    std::string grouped = number.substr(0, digits % 3 ? digits % 3 : 3);
    for (size_t at = grouped.size(); at < digits; at += 3) grouped += "," + number.substr(at, 3);
    return grouped + number.substr(digits);
}

// A number is as common as the commoner of the ways it is indexed: looked
// up in the reference, not in the database, so that its rarity does not
// depend on how other articles of the database happened to write it.
bool is_rare_number(const TermWeights& weights, const std::string& scaled_number) {
    const std::string number = as_written(scaled_number);
    const std::string grouped = with_thousands_separators(number);
    return is_rare_term(weights, grouped == number || weights.idf(number) < weights.idf(grouped) ? number : grouped);
}

}  // namespace

std::string indexed_number(const Xapian::Database& db, const std::string& scaled_number) {
    const std::string number = as_written(scaled_number);
    const std::string grouped = with_thousands_separators(number);
    return grouped == number || db.term_exists(number) ? number : grouped;
}

NumberValue number_value(const std::string& number) {
    NumberValue v;
    std::string digits = number;
    double scale = 1;
    if (!digits.empty()) {
        switch (digits.back()) {
            case 'm': scale = 1e6; break;
            case 'b': scale = 1e9; break;
            case 't': scale = 1e12; break;
            default: break;
        }
        if (scale != 1) {
            digits.pop_back();
            v.scaled = true;
        }
    }
    const size_t point = digits.find('.');
    if (digits.empty() || digits.find_first_not_of("0123456789.") != std::string::npos ||
        (point != std::string::npos && digits.find('.', point + 1) != std::string::npos) || digits == ".")
        return NumberValue{};
    v.written = std::strtod(digits.c_str(), nullptr);
    v.value = v.written * scale;
    // Significant digits: leading zeros never count; an integer's trailing
    // zeros neither ("4,900,000" may be rounded), a decimal's do ("4.90").
    std::string significant = digits;
    significant.erase(std::remove(significant.begin(), significant.end(), '.'), significant.end());
    significant.erase(0, std::min(significant.find_first_not_of('0'), significant.size()));
    if (point == std::string::npos)
        while (!significant.empty() && significant.back() == '0') significant.pop_back();
    v.digits = std::max<int>(1, static_cast<int>(significant.size()));
    v.parsed = true;
    return v;
}

bool same_figure(const NumberValue& a, const NumberValue& b) {
    if (!a.parsed || !b.parsed) return false;
    const auto equal = [](double x, double y) {
        return std::fabs(x - y) <= 1e-9 * std::max({std::fabs(x), std::fabs(y), 1.0});
    };
    // Unscaled, a value is its written figure (times 1): one test of the two
    // decides (most numbers; compare() tries every pair of unmatched ones).
    if (!a.scaled && !b.scaled && a.value == a.written && b.value == b.written) return equal(a.value, b.value);
    if (equal(a.value, b.value) || equal(a.written, b.written)) return true;
    // "4.9 mln" for 4,895,720: two or three digits say a figure was rounded;
    // one ("5 mln") is too loose to match a different figure by.
    for (const auto* rounded : {&a, &b}) {
        const auto* full = rounded == &a ? &b : &a;
        if (!rounded->scaled || rounded->digits < 2 || rounded->digits > 3 || rounded->value <= 0) continue;
        const double last_digit = std::pow(10.0, std::floor(std::log10(rounded->value)) - rounded->digits + 1);
        if (std::fabs(full->value - rounded->value) <= 0.5 * last_digit * (1 + 1e-9)) return true;
    }
    return false;
}

// WeighedFingerprint::trigram_set, sentence_trigrams and sentence_ends of `w.fp`.
static void index_sentences(WeighedFingerprint& w) {
    const auto& trigrams = w.fp.trigrams;
    w.trigram_set = trigrams;
    std::sort(w.trigram_set.begin(), w.trigram_set.end());
    w.trigram_set.erase(std::unique(w.trigram_set.begin(), w.trigram_set.end()), w.trigram_set.end());
    // Sentence [first, end) of tokens has trigrams [first, end - 2).
    const size_t tokens = trigrams.empty() ? 0 : trigrams.size() + 2;
    uint32_t first = 0;
    for (const uint32_t end_token : w.fp.sentence_ends) {
        const uint32_t end = static_cast<uint32_t>(std::min<size_t>(end_token, tokens));
        if (end >= first + kMinSentenceTokens) {
            const auto begin = w.sentence_trigrams.size();
            w.sentence_trigrams.insert(w.sentence_trigrams.end(), trigrams.begin() + first,
                                       trigrams.begin() + (end - 2));
            std::sort(w.sentence_trigrams.begin() + begin, w.sentence_trigrams.end());
            w.sentence_trigrams.erase(std::unique(w.sentence_trigrams.begin() + begin, w.sentence_trigrams.end()),
                                      w.sentence_trigrams.end());
            w.sentence_ends.push_back(static_cast<uint32_t>(w.sentence_trigrams.size()));
        }
        first = std::max(first, end);
    }
}

// WeighedFingerprint::function_runs of `w.fp`.
static void index_function_runs(WeighedFingerprint& w) {
    const auto& words = w.fp.function_words;
    if (words.size() < kFunctionRun) return;
    w.function_runs.reserve(words.size() - kFunctionRun + 1);
    for (size_t k = 0; k + kFunctionRun <= words.size(); ++k) {
        uint64_t run = 0;
        for (size_t j = 0; j < kFunctionRun; ++j) run = run << 8 | words[k + j];
        w.function_runs.push_back(static_cast<uint32_t>((run * 0x9E3779B97F4A7C15ULL) >> 32));
    }
    std::sort(w.function_runs.begin(), w.function_runs.end());
}

WeighedFingerprint weigh(Fingerprint fp, TermWeights& weights) {
    WeighedFingerprint w;
    w.fp = std::move(fp);
    // Read terms grow by doubling; a cached fingerprint keeps its terms for
    // long (~30% of their vector was spare).
    w.fp.terms.shrink_to_fit();
    index_sentences(w);
    index_function_runs(w);
    w.weights.reserve(w.fp.terms.size());
    w.rare_terms.reserve(w.fp.terms.size());
    bool strictly_sorted = true;
    for (size_t i = 1; i < w.fp.terms.size() && strictly_sorted; ++i)
        strictly_sorted = w.fp.terms[i - 1].first < w.fp.terms[i].first;
    if (strictly_sorted) {
        w.term_keys.reserve(w.fp.terms.size());
        w.term_ids_of = weights.serial();
    }
    const size_t prefix = schema::prefix::kStemmed.size();
    // Each term's senses, from the look-up that finds its weight.
    std::vector<SenseList> senses;
    senses.reserve(w.fp.terms.size());
    size_t sense_count = 0;
    double norm = 0;
    for (const auto& [term, wdf] : w.fp.terms) {
        const TermWeights::TermInfo& info = weights.info_with_senses(term, prefix);
        senses.push_back(info.senses);
        sense_count += info.senses.size() + info.senses.broader().size();
        if (strictly_sorted) w.term_keys.push_back(uint64_t{info.id} << 32 | w.weights.size());
        const double x = (1.0 + std::log(static_cast<double>(wdf))) * info.idf;
        w.weights.push_back(x);
        w.rare_terms.push_back(info.rare);
        norm += x * x;
    }
    std::sort(w.term_keys.begin(), w.term_keys.end());
    norm = std::sqrt(norm);
    if (norm > 0)
        for (auto& x : w.weights) x /= norm;
    // Sorted as (sense, index) packed in one integer: the order of the
    // pairs, at a fraction of a pair sort's cost (callgrind: ~1.8% of
    // grouping). Counted first so that the vector is allocated once.
    const auto pack = [&senses, sense_count](auto& out, unsigned term_bits) {
        using Packed = typename std::remove_reference_t<decltype(out)>::value_type;
        out.reserve(sense_count);
        for (uint32_t i = 0; i < senses.size(); ++i) {
            for (const uint32_t id : senses[i]) out.push_back(Packed{id} << (term_bits + 1) | i);
            for (const uint32_t id : senses[i].broader())
                out.push_back(Packed{id} << (term_bits + 1) | Packed{1} << term_bits | i);
        }
    };
    if (w.fp.terms.size() <= (size_t{1} << kSenseTermBits)) {
        pack(w.term_senses, kSenseTermBits);
        std::sort(w.term_senses.begin(), w.term_senses.end());
    } else {
        pack(w.wide_term_senses, 31);
        std::sort(w.wide_term_senses.begin(), w.wide_term_senses.end());
    }
    // Names are indexed as the lower-case words the fingerprint keeps.
    for (const auto& name : w.fp.entities) w.rare_entities.push_back(is_rare_term(weights, name));
    for (const auto& number : w.fp.numbers) {
        w.rare_numbers.push_back(is_rare_number(weights, number));
        w.number_values.push_back(number_value(number));
        // A scale, or a form with zeros another version may drop ("17.50", "05").
        const auto& v = w.number_values.back();
        w.numbers_in_other_forms = w.numbers_in_other_forms || v.scaled ||
                                   (v.parsed && number.find('.') != std::string::npos && number.back() == '0') ||
                                   (v.parsed && number.size() > 1 && number[0] == '0' && number[1] != '.');
    }
    return w;
}

WeighedFingerprint load_fingerprint(const Xapian::Document& doc, TermWeights& weights) {
    Fingerprint fp;
    try {
        fp = stored_fingerprint(doc);
    } catch (const Error&) {
        fp = Fingerprint{};
    }
    return weigh(std::move(fp), weights);
}

WeighedFingerprint load_fingerprint(const Xapian::Document& doc, TermWeights& weights, std::string_view prefix,
                                    std::optional<std::string>& found) {
    Fingerprint fp;
    try {
        fp = stored_fingerprint(doc, prefix, found);
    } catch (const Error&) {
        fp = Fingerprint{};
        found.reset();
    }
    return weigh(std::move(fp), weights);
}

std::string evidence_json(const Evidence& e) {
    nlohmann::json j = {{"cosine", e.cosine},       {"numbers", e.numbers},
                        {"entities", e.entities},   {"shingles", e.shingles},
                        {"length", e.length},       {"senses", e.senses},
                        {"senses_max", e.senses_max}, {"headline_only", e.headline_only},
                        {"shorter_body", e.shorter_body}, {"title_novel", e.title_novel},
                        {"both_correction", e.both_correction},
                        {"correction", e.correction}, {"title_numbers_differ", e.title_numbers_differ},
                        {"other_snapshot", e.other_snapshot},
                        {"both_headline_only", e.both_headline_only},
                        {"novel_numbers", e.novel_numbers}, {"novel_entities", e.novel_entities},
                        {"added_numbers", e.added_numbers}, {"added_entities", e.added_entities},
                        {"shingles_of_longer", e.shingles_of_longer},
                        {"shared_sentences", e.shared_sentences},
                        {"sentences_kept", e.sentences_kept}, {"lead_shared", e.lead_shared},
                        {"anchor_order", e.anchor_order}, {"anchors_ordered", e.anchors_ordered},
                        {"function_runs", e.function_runs}, {"function_runs_counted", e.function_runs_counted},
                        {"rare_entities", e.rare_entities}, {"rare_numbers", e.rare_numbers},
                        {"rare_stems", e.rare_stems}, {"same_ticker", e.same_ticker}, {"corrects_other", e.corrects_other},
                        {"relation", to_string(judge(e))}};
    j["days"] = e.days ? nlohmann::json(*e.days) : nlohmann::json();
    j["minutes"] = e.minutes ? nlohmann::json(*e.minutes) : nlohmann::json();
    return j.dump();
}

// Calls on_shared(i, j) for each stem both have (a's i-th term is b's j-th),
// in term order: the one merge of the two sorted term lists that cosine()
// and compare() both walk, so both sum the cosine in the same order.
template <typename OnShared>
static void for_each_shared_term(const WeighedFingerprint& a, const WeighedFingerprint& b, OnShared on_shared) {
    const auto& ta = a.fp.terms;
    const auto& tb = b.fp.terms;
    if (a.term_ids_of != 0 && a.term_ids_of == b.term_ids_of && a.term_keys.size() == ta.size() &&
        b.term_keys.size() == tb.size()) {
        // Merged by term id; the shared terms then visited in `a`'s order,
        // as the strings' merge visits them (so sums add up alike).
        thread_local std::vector<uint32_t> partner;  // 1 + index into tb, or 0
        partner.assign(ta.size(), 0);
        const uint64_t* i = a.term_keys.data();
        const uint64_t* const i_end = i + a.term_keys.size();
        const uint64_t* j = b.term_keys.data();
        const uint64_t* const j_end = j + b.term_keys.size();
        while (i != i_end && j != j_end) {
            const uint64_t x = *i >> 32, y = *j >> 32;
            if (x < y) {
                ++i;
            } else if (y < x) {
                ++j;
            } else {
                partner[static_cast<uint32_t>(*i)] = static_cast<uint32_t>(*j) + 1;
                ++i, ++j;
            }
        }
        for (size_t k = 0; k < ta.size(); ++k)
            if (partner[k]) on_shared(k, size_t{partner[k]} - 1);
        return;
    }
    for (size_t i = 0, j = 0; i < ta.size() && j < tb.size();) {
        const int c = ta[i].first.compare(tb[j].first);
        if (c < 0) {
            ++i;
        } else if (c > 0) {
            ++j;
        } else {
            on_shared(i++, j++);
        }
    }
}

double cosine(const WeighedFingerprint& a, const WeighedFingerprint& b) {
    double dot = 0;
    for_each_shared_term(a, b, [&](size_t i, size_t j) { dot += a.weights[i] * b.weights[j]; });
    return dot;
}

namespace {

// Numbers both articles have, matched one to one, and how many of them are
// rare (by `a`'s marks): the same as written, or else (when either writes a
// figure in a form the other may not) the same figure (same_figure).
struct SharedNumbers {
    uint32_t shared = 0;
    uint32_t rare = 0;
};
SharedNumbers shared_numbers(const WeighedFingerprint& a, const WeighedFingerprint& b) {
    const auto& na = a.fp.numbers;
    const auto& nb = b.fp.numbers;
    if (!a.numbers_in_other_forms && !b.numbers_in_other_forms) {
        const Overlap o = overlap(na, nb, &a.rare_numbers);
        return {static_cast<uint32_t>(o.shared), o.rare};
    }
    std::vector<char> a_matched(na.size(), 0), b_matched(nb.size(), 0);
    SharedNumbers out;
    const auto match = [&](size_t i, size_t j) {
        a_matched[i] = b_matched[j] = 1;
        ++out.shared;
        out.rare += i < a.rare_numbers.size() && a.rare_numbers[i] ? 1 : 0;
    };
    for (size_t i = 0, j = 0; i < na.size() && j < nb.size();) {
        if (na[i] < nb[j]) {
            ++i;
        } else if (nb[j] < na[i]) {
            ++j;
        } else {
            match(i++, j++);
        }
    }
    if (a.number_values.size() != na.size() || b.number_values.size() != nb.size()) return out;
    for (size_t i = 0; i < na.size(); ++i) {
        if (a_matched[i] || !a.number_values[i].parsed) continue;
        for (size_t j = 0; j < nb.size(); ++j) {
            if (!b_matched[j] && same_figure(a.number_values[i], b.number_values[j])) {
                match(i, j);
                break;
            }
        }
    }
    return out;
}

}  // namespace

// `notice` quotes the headline of `article` (Evidence::corrects_other).
static bool quotes_heading_of(const Fingerprint& notice, const Fingerprint& article) {
    const auto& quoted = notice.corrected_heading;
    const auto& heading = article.title_stems;
    if (quoted.size() < 2 || heading.empty()) return false;
    const size_t shared = shared_count(quoted, heading);
    return shared >= 2 && static_cast<double>(shared) >= kQuotedHeadingShare * static_cast<double>(std::max(quoted.size(), heading.size()));
}

Evidence compare(const WeighedFingerprint& a, const WeighedFingerprint& b) {
    Evidence e;
    double dot = 0;
    std::vector<char> a_shared(a.fp.terms.size(), 0), b_shared(b.fp.terms.size(), 0);
    for_each_shared_term(a, b, [&](size_t i, size_t j) {
        a_shared[i] = b_shared[j] = 1;
        dot += a.weights[i] * b.weights[j];
    });
    e.cosine = dot;
    for (size_t i = 0; i < a.rare_terms.size(); ++i) e.rare_stems += a_shared[i] && a.rare_terms[i];
    mark_shared_senses(a, b, a_shared, b_shared);
    const double a_cover = sense_cover(a, a_shared), b_cover = sense_cover(b, b_shared);
    e.senses = std::min(a_cover, b_cover);
    e.senses_max = std::max(a_cover, b_cover);
    // Absent numbers or names are no evidence against; absent wording is.
    const SharedNumbers numbers = shared_numbers(a, b);
    const size_t fewer_numbers = std::min(a.fp.numbers.size(), b.fp.numbers.size());
    e.numbers = fewer_numbers ? static_cast<double>(numbers.shared) / static_cast<double>(fewer_numbers) : 1.0;
    const Overlap entities = overlap(a.fp.entities, b.fp.entities, &a.rare_entities);
    e.entities = containment(a.fp.entities, b.fp.entities, entities.shared, 1.0);
    e.shingles = containment(a.fp.shingles, b.fp.shingles, shared_count(a.fp.shingles, b.fp.shingles), 0.0);
    e.novel_numbers = static_cast<uint32_t>(a.fp.numbers.size() + b.fp.numbers.size() - 2 * numbers.shared);
    e.novel_entities = static_cast<uint32_t>(a.fp.entities.size() + b.fp.entities.size() - 2 * entities.shared);
    e.added_numbers = static_cast<uint32_t>(fewer_numbers - numbers.shared);
    e.added_entities = static_cast<uint32_t>(std::min(a.fp.entities.size(), b.fp.entities.size()) - entities.shared);
    const size_t fewer_pairs = std::min(a.fp.shingles.size(), b.fp.shingles.size());
    const size_t more_pairs = std::max(a.fp.shingles.size(), b.fp.shingles.size());
    e.shingles_of_longer = more_pairs ? e.shingles * static_cast<double>(fewer_pairs) / more_pairs : 0.0;
    if (!a.sentence_ends.empty() && !b.sentence_ends.empty()) {
        const uint32_t a_kept = sentences_kept(a, b), b_kept = sentences_kept(b, a);
        e.shared_sentences = std::max(static_cast<double>(a_kept) / a.sentence_ends.size(),
                                      static_cast<double>(b_kept) / b.sentence_ends.size());
        e.sentences_kept = std::max(a_kept, b_kept);
        e.lead_shared = lead_shared(a, b);
    }
    e.anchor_order = anchor_order(a.fp.anchors, b.fp.anchors);
    e.anchors_ordered = std::min(a.fp.anchors.size(), b.fp.anchors.size()) >= kMinAnchors;
    e.function_runs_counted = std::min(a.function_runs.size(), b.function_runs.size()) >= kMinFunctionRuns;
    if (e.function_runs_counted)
        e.function_runs = containment(a.function_runs, b.function_runs, shared_count(a.function_runs, b.function_runs), 0.0);
    // Rarity is a database statistic, alike on both sides.
    e.rare_entities = entities.rare;
    e.rare_numbers = numbers.rare;
    e.same_ticker = shared_count(a.fp.tickers, b.fp.tickers) > 0;
    e.corrects_other = quotes_heading_of(a.fp, b.fp) || quotes_heading_of(b.fp, a.fp);
    e.shorter_body = std::min(a.fp.body_words, b.fp.body_words);
    e.title_novel = title_words_missing(a.fp, b.fp) + title_words_missing(b.fp, a.fp);
    e.correction = a.fp.correction || b.fp.correction;
    e.both_correction = a.fp.correction && b.fp.correction;
    e.title_numbers_differ =
        !a.fp.title_numbers.empty() && !b.fp.title_numbers.empty() && a.fp.title_numbers != b.fp.title_numbers;
    e.other_snapshot = !a.fp.heading_times.empty() && !b.fp.heading_times.empty() &&
                       shared_count(a.fp.heading_times, b.fp.heading_times) == 0;
    e.headline_only = a.fp.body_words == 0 || b.fp.body_words == 0;
    e.both_headline_only = a.fp.body_words == 0 && b.fp.body_words == 0;
    if (a.fp.minute && b.fp.minute) e.minutes = std::labs(*a.fp.minute - *b.fp.minute);
    const double wa = a.fp.words, wb = b.fp.words;
    e.length = std::max(wa, wb) > 0 ? std::min(wa, wb) / std::max(wa, wb) : 1.0;
    if (a.fp.day && b.fp.day) e.days = std::labs(*a.fp.day - *b.fp.day);
    return e;
}

const char* to_string(Relation r) {
    switch (r) {
        case Relation::kSameStory: return "same-story";
        case Relation::kSameEvent: return "same-event";
        case Relation::kDifferent: break;
    }
    return "different";
}

}  // namespace news
