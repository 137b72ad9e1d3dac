#include "common/similarity.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/schema.h"

namespace news {
namespace {

// |a ∩ b| / min(|a|, |b|) over sorted unique lists; `if_empty` when either
// list is empty.
template <typename T>
double containment(const std::vector<T>& a, const std::vector<T>& b, double if_empty) {
    if (a.empty() || b.empty()) return if_empty;
    size_t shared = 0;
    for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
        if (*i < *j) {
            ++i;
        } else if (*j < *i) {
            ++j;
        } else {
            ++shared, ++i, ++j;
        }
    }
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

}  // namespace

TermWeights::TermWeights(const Xapian::Database& db)
    : db_(db), doccount_(std::max<double>(1, db.get_doccount())) {}

double TermWeights::idf(const std::string& term) {
    auto it = cache_.find(term);
    if (it != cache_.end()) return it->second;
    const double df = std::max<double>(1, db_.get_termfreq(term));
    const double w = std::log(1.0 + doccount_ / df);
    cache_.emplace(term, w);
    return w;
}

WeighedFingerprint weigh(Fingerprint fp, TermWeights& weights) {
    WeighedFingerprint w{std::move(fp), {}};
    w.weights.reserve(w.fp.terms.size());
    double norm = 0;
    for (const auto& [term, wdf] : w.fp.terms) {
        const double x = (1.0 + std::log(static_cast<double>(wdf))) * weights.idf(term);
        w.weights.push_back(x);
        norm += x * x;
    }
    norm = std::sqrt(norm);
    if (norm > 0)
        for (auto& x : w.weights) x /= norm;
    return w;
}

WeighedFingerprint load_fingerprint(const Xapian::Document& doc, TermWeights& weights) {
    Fingerprint fp;
    try {
        const std::string data = doc.get_value(schema::slot::kFingerprint);
        if (!data.empty()) fp = unserialise_fingerprint(data);
    } catch (const Error&) {
        fp = Fingerprint{};
    }
    return weigh(std::move(fp), weights);
}

std::string evidence_json(const Evidence& e) {
    nlohmann::json j = {{"cosine", e.cosine},       {"numbers", e.numbers},
                        {"entities", e.entities},   {"shingles", e.shingles},
                        {"length", e.length},       {"headline_only", e.headline_only},
                        {"shorter_body", e.shorter_body}, {"title_novel", e.title_novel},
                        {"correction", e.correction},
                        {"both_headline_only", e.both_headline_only},
                        {"relation", to_string(judge(e))}};
    j["days"] = e.days ? nlohmann::json(*e.days) : nlohmann::json();
    j["minutes"] = e.minutes ? nlohmann::json(*e.minutes) : nlohmann::json();
    return j.dump();
}

Evidence compare(const WeighedFingerprint& a, const WeighedFingerprint& b) {
    Evidence e;
    const auto& ta = a.fp.terms;
    const auto& tb = b.fp.terms;
    double dot = 0;
    for (size_t i = 0, j = 0; i < ta.size() && j < tb.size();) {
        const int c = ta[i].first.compare(tb[j].first);
        if (c < 0) {
            ++i;
        } else if (c > 0) {
            ++j;
        } else {
            dot += a.weights[i++] * b.weights[j++];
        }
    }
    e.cosine = dot;
    // Absent numbers or names are no evidence against; absent wording is.
    e.numbers = containment(a.fp.numbers, b.fp.numbers, 1.0);
    e.entities = containment(a.fp.entities, b.fp.entities, 1.0);
    e.shingles = containment(a.fp.shingles, b.fp.shingles, 0.0);
    e.shorter_body = std::min(a.fp.body_words, b.fp.body_words);
    e.title_novel = title_words_missing(a.fp, b.fp) + title_words_missing(b.fp, a.fp);
    e.correction = a.fp.correction || b.fp.correction;
    e.headline_only = a.fp.body_words == 0 || b.fp.body_words == 0;
    e.both_headline_only = a.fp.body_words == 0 && b.fp.body_words == 0;
    if (a.fp.minute && b.fp.minute) e.minutes = std::labs(*a.fp.minute - *b.fp.minute);
    const double wa = a.fp.words, wb = b.fp.words;
    e.length = std::max(wa, wb) > 0 ? std::min(wa, wb) / std::max(wa, wb) : 1.0;
    if (a.fp.day && b.fp.day) e.days = std::labs(*a.fp.day - *b.fp.day);
    return e;
}

namespace {

std::optional<double> hours_apart(const Evidence& e) {
    if (e.minutes) return *e.minutes / 60.0;
    if (e.days) return *e.days * 24.0;
    return std::nullopt;
}

// Short template items (dividends, results) whose titles name companies or
// funds the other never mentions, unless the two are word for word the same.
bool names_other_things(const Evidence& e) {
    return e.title_novel >= 2 && e.shorter_body < 60 && e.shingles < 0.97;
}

bool same_story(const Evidence& e, std::optional<double> hours) {
    using namespace threshold;
    if (e.both_headline_only)
        return (!hours || *hours <= kFlashMaxHours) && e.cosine >= (e.correction ? 0.6 : 0.85);
    if (e.headline_only) return false;
    if (hours && *hours > kStoryMaxHours) return false;
    if (e.correction)
        return e.cosine >= 0.5 && e.shingles >= 0.4 && (e.numbers >= 0.5 || e.shingles >= 0.8) &&
               e.length >= 0.15;
    if (hours && *hours >= kStaleHours)
        return e.shorter_body >= kRerunMinWords && e.shingles >= 0.9 && e.numbers >= 0.95 && e.cosine >= 0.8;
    if (names_other_things(e)) return false;
    if (e.shingles >= 0.8 && e.cosine >= 0.5 && e.numbers >= 0.8 && e.length >= 0.15) return true;
    if (e.shingles >= 0.65 && e.cosine >= 0.8 && e.numbers >= 0.8 && e.length >= 0.3) return true;
    if (e.shingles >= 0.5 && e.cosine >= 0.9 && e.numbers >= 0.85 && e.length >= 0.3) return true;
    return e.shorter_body >= kSpunMinWords && e.cosine >= 0.5 && e.shingles >= 0.25 && e.entities >= 0.8 &&
           e.numbers >= 0.9 && e.length >= 0.7;
}

bool same_event(const Evidence& e, std::optional<double> hours) {
    using namespace threshold;
    if (e.both_headline_only) return false;
    if (e.headline_only) return (!hours || *hours <= 3) && e.cosine >= 0.35 && e.numbers >= 0.99;
    // Short items are daily or per-company templates: only hours apart can
    // they be about one event.
    if (hours && *hours > (e.shorter_body >= 150 ? kEventMaxHours : kShortEventMaxHours)) return false;
    // Bodies this alike differ only in what their titles name.
    if (e.shingles >= 0.8 && names_other_things(e)) return false;
    if (e.cosine >= 0.6 && e.numbers >= 0.8 && e.entities >= 0.5) return true;
    return e.shorter_body >= 150 && e.cosine >= 0.2 && e.entities >= 0.5 && e.numbers >= 0.8;
}

}  // namespace

Relation judge(const Evidence& e) {
    const auto hours = hours_apart(e);
    if (same_story(e, hours)) return Relation::kSameStory;
    if (same_event(e, hours)) return Relation::kSameEvent;
    return Relation::kDifferent;
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
