#include "common/similarity.h"

#include <algorithm>
#include <cmath>

namespace news {
namespace {

// |a ∩ b| / min(|a|, |b|) over sorted unique lists; 1 when either is empty,
// because absence of numbers or names is no evidence against.
double overlap(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    if (a.empty() || b.empty()) return 1.0;
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
    e.numbers = overlap(a.fp.numbers, b.fp.numbers);
    e.entities = overlap(a.fp.entities, b.fp.entities);
    const double wa = a.fp.words, wb = b.fp.words;
    e.length = std::max(wa, wb) > 0 ? std::min(wa, wb) / std::max(wa, wb) : 1.0;
    if (a.fp.day && b.fp.day) e.days = std::labs(*a.fp.day - *b.fp.day);
    return e;
}

Relation judge(const Evidence& e) {
    using namespace threshold;
    const bool story_window = !e.days || *e.days <= kStoryMaxDays;
    const bool event_window = !e.days || *e.days <= kEventMaxDays;
    if (story_window) {
        if (e.cosine >= kStoryCosine && e.numbers >= kStoryNumbers && e.entities >= kStoryEntities &&
            e.length >= kStoryLength)
            return Relation::kSameStory;
        if (e.cosine >= kNearCopyCosine && e.numbers >= kNearCopyNumbers) return Relation::kSameStory;
    }
    if (event_window && e.cosine >= kEventCosine && e.entities >= kEventEntities &&
        e.numbers >= kEventNumbers)
        return Relation::kSameEvent;
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
