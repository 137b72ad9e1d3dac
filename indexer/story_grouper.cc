#include "indexer/story_grouper.h"

#include "common/group_level.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <list>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <exception>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "common/database.h"
#include "common/date.h"
#include "common/dedup_decision.h"
#include "common/document_list_source.h"
#include "common/error.h"
#include "common/schema.h"
#include "common/similarity.h"
#include "common/keys.h"
#include "indexer/event_chain_bound.h"
#include "indexer/story_hub_bound.h"

namespace news {
namespace {

// A document's fingerprint and article id, as duplicate detection uses them.
struct CachedArticle {
    WeighedFingerprint fingerprint;
    std::string id;
};

// load_fingerprint() of a document, with its article id found in the same
// walk of its termlist (reading the termlist again for the id cost 45,000
// instructions an article, most of them inflating it).
CachedArticle read_article(const Xapian::Database& db, Xapian::docid id, TermWeights& weights) {
    std::optional<std::string> found;
    WeighedFingerprint fingerprint = load_fingerprint(db.get_document(id), weights, schema::prefix::kId, found);
    std::string article = found ? std::move(*found) : article_id(db, id);
    return CachedArticle{std::move(fingerprint), std::move(article)};
}

// Roughly the heap bytes a loaded fingerprint holds: what the cache below
// counts against its budget. Terms dominate (a Reuters article: ~100 terms,
// their weights and WordNet senses, ~9 KB in all).
size_t approximate_bytes(const WeighedFingerprint& w) {
    auto strings = [](const std::vector<std::string>& v) {
        size_t bytes = v.capacity() * sizeof(std::string);
        for (const auto& s : v) bytes += s.capacity() > 15 ? s.capacity() + 1 : 0;
        return bytes;
    };
    const Fingerprint& fp = w.fp;
    size_t bytes = sizeof(CachedArticle) + fp.terms.capacity() * sizeof(fp.terms[0]);
    for (const auto& term : fp.terms) bytes += term.first.capacity() > 15 ? term.first.capacity() + 1 : 0;
    bytes += strings(fp.numbers) + strings(fp.entities) + strings(fp.title_stems) + strings(fp.title_numbers) +
             strings(fp.tickers);
    bytes += fp.shingles.capacity() * sizeof(uint64_t) + w.weights.capacity() * sizeof(double) +
             w.term_senses.capacity() * sizeof(w.term_senses[0]) +
             w.wide_term_senses.capacity() * sizeof(w.wide_term_senses[0]) +
             w.number_values.capacity() * sizeof(NumberValue) +
             w.term_keys.capacity() * sizeof(uint64_t);
    // The sentence evidence's trigrams: as stored, as a set, and by sentence.
    bytes += (fp.trigrams.capacity() + w.trigram_set.capacity() + w.sentence_trigrams.capacity()) * sizeof(uint16_t) +
             (fp.sentence_ends.capacity() + w.sentence_ends.capacity()) * sizeof(uint32_t) +
             fp.anchors.capacity() * sizeof(uint16_t);
    return bytes;
}

// Fingerprints of the articles around the one being grouped. Articles are
// grouped in date order (group_stories), and an article's candidates lie
// within kDateWindowDays of its date (undated ones aside), so once grouping
// has reached day D an article dated before D - kDateWindowDays is never
// needed again and forget_before(D) drops it. Bounded in bytes whatever the
// dates and however dense the window (a window of a big archive holds far
// more than fits): beyond `budget`, forget_before() drops the entries used
// longest ago (a dropped entry only costs a reload). Unbounded, the two
// threads' caches were most of the growth of a build's memory with archive
// size. Two generations of half the budget each (the old one dropped when
// the young one filled) held 64 to 128 MB of a 128 MB budget and read 556,455
// fingerprints for the 215,770 articles of Reuters 10x; dropped least
// recently used first, 128 MB read 266,298 (with senses packed, below).
// Each entry remembers the documents it was compared with, so a pair found
// from both sides is compared once, and forgets them with it.
class FingerprintCache {
  public:
    FingerprintCache(const Xapian::Database& db, TermWeights& weights, size_t budget)
        : db_(db), weights_(weights), budget_(budget) {}
    const CachedArticle& get(Xapian::docid id) { return entry(id).article; }

    // A document's article id: from the cache if it is there (without
    // loading its fingerprint if not).
    std::string id(Xapian::docid id) const {
        if (auto it = entries_.find(id); it != entries_.end()) return it->second->article.id;
        return article_id(db_, id);
    }

    // True if `a` (loaded with get()) was already compared with `b`: `b`
    // need not be loaded again (it may have left the cache meanwhile).
    bool compared(Xapian::docid a, Xapian::docid b) {
        const auto& seen = entry(a).compared;
        return std::find(seen.begin(), seen.end(), b) != seen.end();
    }

    // True the first time two documents (both loaded with get()) are paired.
    bool first_comparison(Xapian::docid a, Xapian::docid b) {
        if (compared(a, b)) return false;
        remember(entry(a), b);
        remember(entry(b), a);
        return true;
    }

    // Call only while holding no references, before grouping an article
    // dated `day` (none: undated), with articles grouped in date order.
    void forget_before(std::optional<long> day) {
        if (day && (!day_ || *day > *day_)) {
            day_ = day;
            for (auto it = entries_.begin(); it != entries_.end();) {
                const auto& entry_day = it->second->article.fingerprint.fp.day;
                if (entry_day && *entry_day < *day - kDateWindowDays) {
                    bytes_ -= it->second->bytes;
                    recent_.erase(it->second->recent);
                    it = entries_.erase(it);
                } else {
                    ++it;
                }
            }
        }
        while (bytes_ > budget_ && !recent_.empty()) {
            const auto it = entries_.find(recent_.back());
            bytes_ -= it->second->bytes;
            entries_.erase(it);
            recent_.pop_back();
        }
    }

    // Fingerprints read from the database (misses).
    size_t loads() const { return loads_; }

  private:
    struct Entry {
        CachedArticle article;
        size_t bytes = 0;  // approximate_bytes() of the fingerprint, and the list below
        // The documents compared with (a few dozen: a list beats a hash set,
        // which took ~1 KB an entry).
        std::vector<Xapian::docid> compared;
        std::list<Xapian::docid>::iterator recent;  // its place in recent_
    };
    Entry& entry(Xapian::docid id) {
        if (auto it = entries_.find(id); it != entries_.end()) {
            recent_.splice(recent_.begin(), recent_, it->second->recent);
            return *it->second;
        }
        ++loads_;
        auto loaded = std::make_unique<Entry>(Entry{read_article(db_, id, weights_), 0, {}, {}});
        loaded->bytes = sizeof(Entry) + approximate_bytes(loaded->article.fingerprint);
        bytes_ += loaded->bytes;
        recent_.push_front(id);
        loaded->recent = recent_.begin();
        return *entries_.emplace(id, std::move(loaded)).first->second;
    }
    void remember(Entry& e, Xapian::docid other) {
        const size_t before = e.compared.capacity();
        e.compared.push_back(other);
        e.bytes += (e.compared.capacity() - before) * sizeof(Xapian::docid);
        bytes_ += (e.compared.capacity() - before) * sizeof(Xapian::docid);
    }

    Xapian::Database db_;
    TermWeights& weights_;
    size_t budget_;
    size_t bytes_ = 0;
    size_t loads_ = 0;
    std::optional<long> day_;  // of the latest article grouped
    std::unordered_map<Xapian::docid, std::unique_ptr<Entry>> entries_;
    std::list<Xapian::docid> recent_;  // most recently used first
};

}  // namespace

// The documents of each date window (the day terms of the window's days and
// the undated term), read once per day and shared by all the articles of
// that day: most of a candidate search's cost was the OR of those posting
// lists. Bounded: at most kDays windows are kept.
class CandidateFinder::DayWindows {
  public:
    explicit DayWindows(const Xapian::Database& db) : db_(db) {}
    std::shared_ptr<const std::vector<Xapian::docid>> documents(long day) {
        if (auto it = windows_.find(day); it != windows_.end()) return it->second;
        if (windows_.size() >= kDays) {
            windows_.clear();
            day_of_.clear();
            days_recorded_.clear();
        }
        auto docs = std::make_shared<std::vector<Xapian::docid>>();
        auto add = [&](const std::string& term, std::optional<long> term_day) {
            const bool record = term_day && days_recorded_.insert(*term_day).second;
            for (auto p = db_.postlist_begin(term); p != db_.postlist_end(term); ++p) {
                docs->push_back(*p);
                if (record) day_of_.emplace(*p, *term_day);
            }
        };
        add(std::string(schema::prefix::kUndated), std::nullopt);
        for (long d = day - kDateWindowDays; d <= day + kDateWindowDays; ++d) add(day_term(d), d);
        std::sort(docs->begin(), docs->end());
        return windows_.emplace(day, std::move(docs)).first->second;
    }
    static std::string day_term(long day) { return schema::term(schema::prefix::kDay, Date::from_days(day).key()); }
    static std::vector<std::string> day_terms(long day) {
        std::vector<std::string> terms;
        for (long d = day - kDateWindowDays; d <= day + kDateWindowDays; ++d) terms.push_back(day_term(d));
        return terms;
    }
    // The publication day of a dated document of a window read so far.
    std::optional<long> day_of(Xapian::docid id) const {
        const auto it = day_of_.find(id);
        return it == day_of_.end() ? std::nullopt : std::optional<long>(it->second);
    }

  private:
    static constexpr size_t kDays = 64;
    Xapian::Database db_;
    std::map<long, std::shared_ptr<const std::vector<Xapian::docid>>> windows_;
    // The days of the documents of the windows kept, read with them (each
    // day's posting list recorded once), so that a candidate's date is
    // known without reading the document.
    std::unordered_map<Xapian::docid, long> day_of_;
    std::set<long> days_recorded_;
};

std::optional<long> CandidateFinder::publication_day(Xapian::docid id) const {
    if (windows_)
        if (auto day = windows_->day_of(id)) return day;
    const std::string key = db_.get_document(id, Xapian::DOC_ASSUME_VALID).get_value(schema::slot::kDate);
    if (key.empty()) return std::nullopt;
    const std::optional<Date> date = parse_date(key);
    return date ? std::optional<long>(date->days()) : std::nullopt;
}

// What NEWS_VERIFY_CANDIDATES=1 counts: where the scorer and the matcher
// disagree (all zero when the scorer reproduces the matcher).
struct CandidateFinder::Verification {
    size_t articles = 0;           // articles ranked both ways
    size_t weight_mismatches = 0;  // matched documents weighed differently, or matched by one only
    double max_difference = 0;     // the largest |difference| of those weighed by both
    size_t candidate_mismatches = 0;  // articles whose candidates (set or order) differ
    size_t matched_mismatches = 0;    // articles whose match counts differ
    size_t from_memory = 0;           // articles scored from in-memory postings
    size_t source_mismatches = 0;     // of those, articles the posting lists weigh differently
};

CandidateFinder::~CandidateFinder() = default;

CandidateFinder::CandidateFinder(const Xapian::Database& db, TermWeights& weights, CandidateQueryShape shape,
                                 IdLookup ids)
    : db_(db), weights_(weights), shape_(shape), ids_(std::move(ids)), enquire_(db_) {
    // The scorer reproduces this scheme; set rather than left to the
    // default so that the two cannot drift apart.
    using P = Bm25Parameters;
    enquire_.set_weighting_scheme(Xapian::BM25Weight(P::k1, P::k2, P::k3, P::b, P::min_normlen));
    // Document lists are in the docids of one database; a database of
    // several shards filters by its day terms instead.
    if (db_.size() == 1) {
        windows_ = std::make_unique<DayWindows>(db_);
        scorer_ = std::make_unique<WindowScorer>(db_);
    }
    const char* verify = std::getenv("NEWS_VERIFY_CANDIDATES");
    if (verify && std::string(verify) == "1") verify_ = std::make_unique<Verification>();
}

void CandidateFinder::keep_windows(size_t bytes, size_t articles) {
    window_index_bytes_ = bytes;
    articles_ = articles;
}

void CandidateFinder::report_verification() const {
    if (!verify_) return;
    std::fprintf(stderr,
                 "verify-candidates: %zu articles, %zu weight mismatches (max |difference| %g), "
                 "%zu candidate lists differ, %zu match counts differ; %zu scored from memory, "
                 "%zu of them differ from the posting lists\n",
                 verify_->articles, verify_->weight_mismatches, verify_->max_difference,
                 verify_->candidate_mismatches, verify_->matched_mismatches, verify_->from_memory,
                 verify_->source_mismatches);
}

namespace {

// A match in the matcher's order: weight descending, then docid.
struct Hit {
    long long score;  // the weight rounded (candidate_score)
    double weight;
    Xapian::docid doc;
};

// The most ids between two documents of a window that still read as one
// run (indexer/window_scorer.h): walking the postings of a few documents
// outside the window costs less than a skip.
constexpr Xapian::docid kRunGap = 32;

// Weights rounded so that equal documents tie exactly whatever the order
// of the floating-point sums.
long long candidate_score(double weight) { return std::llround(weight * 1e6); }

// The best kCandidatesPerArticle of `hits` (in the matcher's order, the
// article itself left out, every hit tied with the cut included), of
// `matches` in all (when they are few, all are taken in the matcher's
// order, without the cut's tie-break). The
// matcher breaks ties by docid, which is input order; candidates tied at
// the cut are taken by article id instead, so the same candidates are
// found in any input order.
std::vector<Xapian::docid> best_candidates(const std::vector<Hit>& hits, size_t matches,
                                           const std::function<std::string(Xapian::docid)>& id_of) {
    std::vector<Xapian::docid> out;
    if (matches <= kCandidatesPerArticle) {
        for (const Hit& h : hits) out.push_back(h.doc);
        return out;
    }
    const long long cut = hits[kCandidatesPerArticle - 1].score;
    std::vector<std::pair<std::string, Xapian::docid>> tied;
    for (const Hit& h : hits) {
        if (h.score > cut) out.push_back(h.doc);
        if (h.score == cut) tied.emplace_back(id_of(h.doc), h.doc);
    }
    std::sort(tied.begin(), tied.end());
    for (size_t i = 0; out.size() < kCandidatesPerArticle; ++i) out.push_back(tied[i].second);
    return out;
}

}  // namespace

std::vector<Xapian::docid> CandidateFinder::find(const WeighedFingerprint& article, Xapian::docid self) {
    const std::vector<std::string> terms = query_terms(article);
    // The scorer needs the window as a list of one database's documents;
    // an undated article's query is not filtered by a window at all.
    if (!scorer_ || !article.fp.day) return find_by_matcher(query(article, terms), self);
    if (!verify_) return find_by_scorer(terms, *article.fp.day, self);

    const size_t matched_before = matched_;
    std::vector<Xapian::docid> scored = find_by_scorer(terms, *article.fp.day, self);
    const size_t scored_matches = matched_ - matched_before;
    const std::vector<WindowScorer::Match> weights = scorer_->score(terms, in_window_, from_memory_);
    Verification& v = *verify_;
    if (from_memory_) {
        ++v.from_memory;
        std::vector<WindowScorer::Match> listed = scorer_->score(terms, in_window_, false);
        auto by_doc = [](const WindowScorer::Match& a, const WindowScorer::Match& b) { return a.doc < b.doc; };
        std::vector<WindowScorer::Match> kept = weights;
        std::sort(kept.begin(), kept.end(), by_doc);
        std::sort(listed.begin(), listed.end(), by_doc);
        const bool same = std::equal(kept.begin(), kept.end(), listed.begin(), listed.end(),
                                     [](const auto& a, const auto& b) { return a.doc == b.doc && a.weight == b.weight; });
        if (!same) ++v.source_mismatches;
    }
    const std::vector<Xapian::docid> by_matcher = find_by_matcher(query(article, terms), self);
    const size_t matcher_matches = matched_ - matched_before - scored_matches;
    matched_ = matched_before + scored_matches;
    ++v.articles;
    if (scored != by_matcher) ++v.candidate_mismatches;
    if (scored_matches != matcher_matches) ++v.matched_mismatches;
    enquire_.set_query(query(article, terms));
    const Xapian::MSet all = enquire_.get_mset(0, db_.get_doccount(), db_.get_doccount());
    std::unordered_map<Xapian::docid, double> matcher_weight;
    for (auto m = all.begin(); m != all.end(); ++m) matcher_weight.emplace(*m, m.get_weight());
    for (const WindowScorer::Match& m : weights) {
        const auto it = matcher_weight.find(m.doc);
        if (it == matcher_weight.end()) {
            ++v.weight_mismatches;
            continue;
        }
        if (it->second != m.weight) {
            ++v.weight_mismatches;
            v.max_difference = std::max(v.max_difference, std::fabs(it->second - m.weight));
        }
        matcher_weight.erase(it);
    }
    v.weight_mismatches += matcher_weight.size();
    return scored;
}

std::vector<Xapian::docid> CandidateFinder::find_by_scorer(const std::vector<std::string>& terms, long day,
                                                           Xapian::docid self) {
    auto window = windows_->documents(day);
    // Articles come in date order: the window changes once a day.
    if (window != marked_) {
        const auto previous = std::move(marked_);
        if (previous)
            for (const Xapian::docid d : *previous) in_window_[d] = 0;
        if (!window->empty() && in_window_.size() <= window->back()) in_window_.resize(window->back() + 1, 0);
        for (const Xapian::docid d : *window) in_window_[d] = 1;
        marked_ = window;
        window_runs_ = WindowScorer::runs_of(*window, kRunGap);
        ++window_number_;
        // The days that slid out are forgotten, those that slid in read:
        // each document's termlist once while it stays in the window.
        from_memory_ = window->size() <= articles_ * kWindowDocumentsPerArticle;
        if (from_memory_ && previous)
            for (const Xapian::docid d : *previous)
                if (!in_window_[d]) scorer_->remove(d);
        for (auto d = window->begin(); from_memory_ && d != window->end(); ++d) {
            scorer_->add(*d);
            from_memory_ = scorer_->memory_bytes() <= window_index_bytes_;
        }
        // Over budget or not worth it: the posting lists (what was kept is
        // dropped, to be read again if a later window is worth it).
        if (!from_memory_) scorer_->clear();
    }
    const std::vector<WindowScorer::Match> matches =
        scorer_->score(terms, in_window_, from_memory_, &window_runs_, window_number_);
    matched_ += matches.size();
    std::vector<Hit> hits;
    hits.reserve(matches.size());
    for (const WindowScorer::Match& m : matches)
        if (m.doc != self) hits.push_back({candidate_score(m.weight), m.weight, m.doc});
    const auto matcher_order = [](const Hit& a, const Hit& b) {
        return a.weight != b.weight ? a.weight > b.weight : a.doc < b.doc;
    };
    // Only the hits scoring at least the cut are needed, in order: ~25 of ~200.
    auto needed = hits.end();
    if (hits.size() > kCandidatesPerArticle) {
        const auto cut = hits.begin() + (kCandidatesPerArticle - 1);
        std::nth_element(hits.begin(), cut, hits.end(), matcher_order);
        needed = std::partition(cut + 1, hits.end(), [score = cut->score](const Hit& h) { return h.score == score; });
    }
    std::sort(hits.begin(), needed, matcher_order);
    const size_t matches_but_self = hits.size();
    hits.erase(needed, hits.end());
    return best_candidates(hits, matches_but_self, [this](Xapian::docid d) { return ids_ ? ids_(d) : article_id(db_, d); });
}

std::vector<Xapian::docid> CandidateFinder::find_by_matcher(const Xapian::Query& query, Xapian::docid self) {
    enquire_.set_query(query);
    // check_at_least covers every match: with it left at the page size,
    // Xapian 1.4.22's pruning dropped a document that belonged in the top
    // 17 of a 28-term OR in one docid order and not in another (full
    // Reuters, scripts/check-order-independence), which changed an event
    // group with input order. The date window already bounds what matches,
    // so scoring all of it cost no measurable time (2.5 ms a search either way).
    // Every match is scored whatever the page size, so the first page is
    // generous: with a page of kCandidatesPerArticle + 2, one search in ten
    // ended in a tie at the cut and was run again (full Reuters).
    for (Xapian::doccount wanted = kFirstCandidatePage;; wanted *= 2) {
        const Xapian::MSet mset = enquire_.get_mset(0, wanted, db_.get_doccount());
        // Exact: check_at_least covers every match.
        if (wanted == kFirstCandidatePage) matched_ += mset.get_matches_estimated();
        std::vector<Hit> hits;
        for (auto m = mset.begin(); m != mset.end(); ++m)
            if (*m != self) hits.push_back({candidate_score(m.get_weight()), m.get_weight(), *m});
        // Fetch more while the page ends in a tie with the cut.
        if (hits.size() > kCandidatesPerArticle && mset.size() == wanted &&
            hits.back().score == hits[kCandidatesPerArticle - 1].score)
            continue;
        return best_candidates(hits, hits.size(), [this](Xapian::docid d) { return ids_ ? ids_(d) : article_id(db_, d); });
    }
}

// The query's rarity bound for names and stems is is_rare_term()'s, which
// weigh() records (WeighedFingerprint::rare_terms, rare_entities): query()
// looks up only the terms marked rare.
static_assert(kMaxExtraTermShare == kRareTermShare && kMinCommonDocs == kRareMinDocs,
              "query(): the rarity bound is no longer is_rare_term()'s");

std::vector<std::string> CandidateFinder::query_terms(const WeighedFingerprint& w) {
    TermWeights& weights = weights_;
    // A word in more than kMaxQueryTermShare of all articles cannot single
    // out a story, and its long posting list is most of a query's cost.
    const double common_docs = std::max(kMaxQueryTermShare * weights.doccount(), kMinCommonDocs);
    const double min_idf = std::log(1.0 + weights.doccount() / common_docs);
    // Names, numbers and rare stems are added only when rarer still: they
    // are there to single out a spun copy, and cheap when their posting
    // lists are short.
    const double rare_docs = std::max(kMaxExtraTermShare * weights.doccount(), kMinCommonDocs);
    const double min_extra_idf = std::log(1.0 + weights.doccount() / rare_docs);
    std::vector<std::string> terms;
    // The `count` rarest of `candidates` that are rare enough (each idf
    // looked up once, not once per comparison).
    auto take = [&](const std::vector<std::string>& candidates, size_t count) {
        std::vector<std::pair<double, const std::string*>> by_idf;
        by_idf.reserve(candidates.size());
        for (const std::string& c : candidates) by_idf.emplace_back(weights.idf(c), &c);
        const size_t k = std::min(count, by_idf.size());
        std::partial_sort(by_idf.begin(), by_idf.begin() + k, by_idf.end(), [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : *a.second < *b.second;
        });
        for (size_t i = 0; i < k; ++i)
            if (by_idf[i].first >= min_extra_idf) terms.push_back(*by_idf[i].second);
    };
    // The most distinctive stems (tf-idf): what an edited copy shares.
    std::vector<size_t> order(w.fp.terms.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return w.weights[a] > w.weights[b]; });
    const size_t top = std::min(shape_.distinctive_stems, order.size());
    for (size_t i = 0; i < top; ++i)
        if (weights.idf(w.fp.terms[order[i]].first) >= min_idf) terms.push_back(w.fp.terms[order[i]].first);
    // The rest of the stems and the names: only those weigh() marked rare
    // (is_rare_term, the same bound) can be taken, so only they are looked up.
    std::vector<std::string> rest;
    const bool stem_rarity_known = w.rare_terms.size() == w.fp.terms.size();
    for (size_t i = top; i < order.size(); ++i)
        if (!stem_rarity_known || w.rare_terms[order[i]]) rest.push_back(w.fp.terms[order[i]].first);
    std::vector<std::string> names;
    const bool name_rarity_known = w.rare_entities.size() == w.fp.entities.size();
    for (size_t i = 0; i < w.fp.entities.size(); ++i)
        if (!name_rarity_known || w.rare_entities[i]) names.push_back(w.fp.entities[i]);
    // What survives a synonym swap: the rarest stems left, the names (as
    // the unstemmed lower-case terms the index holds) and the numbers (as
    // written: the fingerprint drops thousands separators, the index keeps
    // them, so a long number is looked up with them if it is not there bare).
    take(rest, shape_.rare_stems);
    take(names, shape_.entities);
    std::vector<std::string> numbers;
    for (const std::string& n : w.fp.numbers) numbers.push_back(indexed_number(db_, n));
    take(numbers, shape_.numbers);
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    return terms;
}

Xapian::Query CandidateFinder::query(const WeighedFingerprint& w, const std::vector<std::string>& terms) {
    Xapian::Query query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    if (!w.fp.day) return query;
    // The window's day terms (and undated articles, which may be versions of
    // anything): boolean posting lists the matcher skips along, so the
    // search costs what the window holds, not the archive.
    if (windows_) {
        auto* source = new DocumentListSource(windows_->documents(*w.fp.day));
        return Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(source->release()));
    }
    std::vector<Xapian::Query> window{Xapian::Query(std::string(schema::prefix::kUndated))};
    for (const std::string& term : DayWindows::day_terms(*w.fp.day)) window.emplace_back(term);
    return Xapian::Query(Xapian::Query::OP_FILTER, query,
                         Xapian::Query(Xapian::Query::OP_OR, window.begin(), window.end()));
}

namespace {

// Replaces a document's key at `level` in `doc` (the term and the value);
// false if it is already `key`.
bool move_to_group(Xapian::Document& doc, GroupLevel level, const std::string& key) {
    const std::string old = doc.get_value(group_slot(level));
    if (old == key) return false;
    if (!old.empty()) {
        try {
            doc.remove_term(schema::term(group_prefix(level), old));
        } catch (const Xapian::InvalidArgumentError&) {
            // The term was missing: nothing to remove.
        }
    }
    doc.add_boolean_term(schema::term(group_prefix(level), key));
    doc.add_value(group_slot(level), key);
    return true;
}

// A document's new keys, at either level or both (empty: left as it is).
struct NewKeys {
    std::string story, event;
};

// Moves one document into its new groups in one rewrite: changing a term
// makes Xapian read all of the document's terms and positions, so both
// levels are done together. Returns the levels whose key changed.
size_t set_groups(Xapian::WritableDatabase& db, Xapian::docid id, const NewKeys& keys) {
    Xapian::Document doc = db.get_document(id);
    size_t changed = 0;
    if (!keys.story.empty() && move_to_group(doc, GroupLevel::kStory, keys.story)) ++changed;
    if (!keys.event.empty() && move_to_group(doc, GroupLevel::kEvent, keys.event)) ++changed;
    if (changed) db.replace_document(id, doc);
    return changed;
}

// Writes every document's new keys; returns the (document, level) keys changed.
size_t set_groups(Xapian::WritableDatabase& db, const std::map<Xapian::docid, NewKeys>& keys) {
    size_t rewritten = 0;
    for (const auto& [id, new_keys] : keys) rewritten += set_groups(db, id, new_keys);
    return rewritten;
}

std::string& key_at(NewKeys& keys, GroupLevel level) {
    return level == GroupLevel::kStory ? keys.story : keys.event;
}

// Records in `out` the key of the smallest id among `members` for all of
// them; `ids` holds the article ids already known (others are read).
void key_by_smallest(const Xapian::Database& db, const std::set<Xapian::docid>& members, GroupLevel level,
                     const std::unordered_map<Xapian::docid, std::string>& ids,
                     std::map<Xapian::docid, NewKeys>& out) {
    std::string smallest;
    for (auto m : members) {
        const auto known = ids.find(m);
        std::string id = known != ids.end() ? known->second : article_id(db, m);
        if (smallest.empty() || id < smallest) smallest = std::move(id);
    }
    const std::string key = group_key(smallest);
    for (auto m : members) key_at(out[m], level) = key;
}

// Records in `out` the key of its smallest id for every member of each
// linked component.
void rekey(const Xapian::Database& db, BoundedComponents& components, GroupLevel level,
           const std::unordered_map<Xapian::docid, std::string>& ids, std::map<Xapian::docid, NewKeys>& out) {
    for (const auto& [root, nodes] : components.groups()) {
        if (nodes.size() < 2) continue;
        std::set<Xapian::docid> members;
        for (const auto& node : nodes) {
            if (node[0] == 'd') {
                members.insert(static_cast<Xapian::docid>(std::stoul(node.substr(1))));
            } else {
                const std::string term = schema::term(group_prefix(level), node.substr(1));
                for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) members.insert(*p);
            }
        }
        key_by_smallest(db, members, level, ids, out);
    }
}

}  // namespace

size_t rekey_remaining(Xapian::WritableDatabase& db, const std::vector<std::string>& story_keys,
                       const std::vector<std::string>& event_keys) {
    std::map<Xapian::docid, NewKeys> new_keys;
    auto rekey_level = [&](GroupLevel level, const std::vector<std::string>& keys) {
        for (const auto& key : std::set<std::string>(keys.begin(), keys.end())) {
            if (key.empty()) continue;
            const std::string term = schema::term(group_prefix(level), key);
            const std::set<Xapian::docid> members(db.postlist_begin(term), db.postlist_end(term));
            if (!members.empty()) key_by_smallest(db, members, level, {}, new_keys);
        }
    };
    rekey_level(GroupLevel::kStory, story_keys);
    rekey_level(GroupLevel::kEvent, event_keys);
    return set_groups(db, new_keys);
}

std::vector<Xapian::docid> dissolve_groups(Xapian::WritableDatabase& db, const std::vector<std::string>& story_keys,
                                           const std::vector<std::string>& event_keys) {
    std::set<Xapian::docid> members;
    auto collect = [&](GroupLevel level, const std::vector<std::string>& keys) {
        for (const auto& key : keys) {
            if (key.empty()) continue;
            const std::string term = schema::term(group_prefix(level), key);
            for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) members.insert(*p);
        }
    };
    collect(GroupLevel::kStory, story_keys);
    collect(GroupLevel::kEvent, event_keys);
    for (const Xapian::docid m : members) {
        const std::string own = group_key(article_id(db, m));
        set_groups(db, m, NewKeys{own, own});
    }
    return {members.begin(), members.end()};
}

namespace {

struct Link {
    Xapian::docid article, candidate;
    Relation relation;
    // An event link between short items (event_chain_bound.h) and its
    // strength; such links join groups only within that bound.
    bool template_link = false;
    double strength = 0;
    // A story link's story score over its threshold (story_hub_bound.h).
    double story_strength = 0;
};

// A document's publication time in seconds since 1970, if dated.
std::optional<long> publication_time(const Xapian::Database& db, Xapian::docid id) {
    const std::string value = db.get_document(id).get_value(schema::slot::kTimestamp);
    if (value.empty()) return std::nullopt;
    return static_cast<long>(std::llround(Xapian::sortable_unserialise(value)));
}

// The size and time span of an event node: "d<docid>" (one article) or
// "g<key>" (an existing event group, read from the database).
BoundedComponents::Extent event_extent(const Xapian::Database& db, const std::string& node) {
    BoundedComponents::Extent extent;
    auto widen = [&extent](std::optional<long> t) {
        if (!t) return;
        if (!extent.earliest || *t < *extent.earliest) extent.earliest = t;
        if (!extent.latest || *t > *extent.latest) extent.latest = t;
    };
    if (node[0] == 'd') {
        widen(publication_time(db, static_cast<Xapian::docid>(std::stoul(node.substr(1)))));
        return extent;
    }
    extent.members = 0;
    const std::string term = schema::term(group_prefix(GroupLevel::kEvent), node.substr(1));
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
        ++extent.members;
        widen(publication_time(db, *p));
    }
    extent.members = std::max<size_t>(extent.members, 1);
    return extent;
}

struct WorkerResult {
    std::vector<Link> links;
    size_t articles = 0;
    size_t matched = 0;
    size_t fingerprints_read = 0;
    size_t comparisons = 0;
    size_t ruled_out = 0;
    size_t out_of_reach = 0;
    // The article ids of linked documents, read anyway to compare them:
    // re-keying needs them and need not read them again.
    std::unordered_map<Xapian::docid, std::string> ids;
};

// Finds and verifies the candidates of `articles` (in date order), on its
// own read-only handle of the committed database (Xapian handles are not
// shared between threads).
void find_links(const std::string& db_path, const std::vector<Xapian::docid>& articles, size_t cache_budget,
                WorkerResult& out) {
    const Xapian::Database db(db_path);
    TermWeights weights(db);
    FingerprintCache cache(db, weights, cache_budget);
    CandidateFinder finder(db, weights, {}, [&cache](Xapian::docid id) { return cache.id(id); });
    for (const Xapian::docid d : articles) {
        cache.forget_before(cache.get(d).fingerprint.fp.day);
        const CachedArticle& a = cache.get(d);
        if (a.fingerprint.fp.terms.empty()) continue;
        ++out.articles;
        for (const Xapian::docid c : finder.find(a.fingerprint, d)) {
            // Too far apart in time for any link: not loaded, not compared.
            if (beyond_link_reach(a.fingerprint.fp.day, finder.publication_day(c))) {
                ++out.out_of_reach;
                continue;
            }
            if (cache.compared(d, c)) continue;
            const CachedArticle& b = cache.get(c);
            // A pair found from both sides makes one link, compared once
            // (twice if the cache dropped it meanwhile: group_stories
            // counts its link once).
            if (!cache.first_comparison(d, c)) continue;
            ++out.comparisons;
            // Sharing too few distinctive words for any link: judge() would
            // find them different (kMinSharedCosine).
            if (cosine(a.fingerprint, b.fingerprint) < kMinSharedCosine - kCosineMargin) {
                ++out.ruled_out;
                continue;
            }
            // Compared in article-id order, so a pair gets one verdict
            // whichever side found it (the evidence need not be symmetric).
            const bool a_first = a.id < b.id;
            const Evidence evidence =
                a_first ? compare(a.fingerprint, b.fingerprint) : compare(b.fingerprint, a.fingerprint);
            const DedupDecision decision = decide(evidence);
            const Relation relation = decision.relation;
            if (relation != Relation::kDifferent) {
                const bool template_link = rests_on_template(evidence, relation);
                out.links.push_back({d, c, relation, template_link,
                                     template_link ? template_link_strength(evidence) : 0.0,
                                     decision.story.score - decision.story.threshold});
                out.ids.emplace(d, a.id);
                out.ids.emplace(c, b.id);
            }
        }
    }
    out.matched = finder.matched();
    finder.report_verification();
    out.fingerprints_read = cache.loads();
}

// `changed` in date order (undated first; by docid within a day), split
// into `parts` runs of consecutive dates: each worker's fingerprint cache
// then holds one date window at a time (FingerprintCache::forget_before).
std::vector<std::vector<Xapian::docid>> date_ordered_runs(const Xapian::Database& db,
                                                         const std::vector<Xapian::docid>& changed, size_t parts) {
    std::vector<std::pair<std::string, Xapian::docid>> dated;
    dated.reserve(changed.size());
    for (const Xapian::docid id : changed) dated.emplace_back(db.get_document(id).get_value(schema::slot::kDate), id);
    std::sort(dated.begin(), dated.end());
    std::vector<std::vector<Xapian::docid>> runs(parts);
    for (size_t i = 0; i < dated.size(); ++i) runs[i * parts / dated.size()].push_back(dated[i].second);
    return runs;
}

}  // namespace

GroupingStats group_stories(Xapian::WritableDatabase& db, const std::string& db_path,
                            const std::vector<Xapian::docid>& changed, unsigned jobs) {
    // Small batches are not worth a thread's start-up and cache warm-up.
    const size_t workers = std::max<size_t>(1, std::min<size_t>(jobs, changed.size() / kMinArticlesPerWorker + 1));
    const std::vector<std::vector<Xapian::docid>> runs = date_ordered_runs(db, changed, workers);
    std::vector<WorkerResult> results(workers);
    std::vector<std::exception_ptr> errors(workers);
    std::vector<std::thread> threads;
    for (size_t w = 0; w < workers; ++w) {
        threads.emplace_back([&, w] {
            try {
                find_links(db_path, runs[w], kFingerprintCacheBytes / workers, results[w]);
            } catch (...) {
                errors[w] = std::current_exception();
            }
        });
    }
    for (auto& t : threads) t.join();
    for (const auto& e : errors)
        if (e) std::rethrow_exception(e);

    GroupingStats stats;
    const std::unordered_set<Xapian::docid> is_changed(changed.begin(), changed.end());
    auto node_of = [&](Xapian::docid id, Xapian::valueno slot) {
        if (is_changed.count(id)) return "d" + std::to_string(id);
        return "g" + db.get_document(id).get_value(slot);
    };
    // A pair found from both sides is one link.
    std::set<std::pair<Xapian::docid, Xapian::docid>> linked;
    // Story links are never bounded: the extents of its nodes are not read.
    BoundedComponents stories([](const std::string&) { return BoundedComponents::Extent{}; });
    BoundedComponents events([&db](const std::string& node) { return event_extent(db, node); });
    std::vector<TemplateLink> template_links;
    std::vector<StoryLink> story_links;
    std::unordered_map<Xapian::docid, std::string> ids;
    for (auto& result : results) {
        ids.merge(result.ids);
        stats.articles += result.articles;
        stats.matched += result.matched;
        stats.fingerprints_read += result.fingerprints_read;
        stats.comparisons += result.comparisons;
        stats.ruled_out += result.ruled_out;
        stats.out_of_reach += result.out_of_reach;
        for (const Link& link : result.links) {
            if (!linked.emplace(std::min(link.article, link.candidate), std::max(link.article, link.candidate)).second)
                continue;
            const std::string node = "d" + std::to_string(link.article);
            ++stats.event_links;
            const std::string other = node_of(link.candidate, schema::slot::kEvent);
            if (link.template_link) {
                auto [first, second] = std::minmax(ids.at(link.article), ids.at(link.candidate));
                template_links.push_back({node, other, link.strength, first, second});
            } else {
                events.unite(node, other);
            }
            if (link.relation == Relation::kSameStory)
                story_links.push_back({link.article, link.candidate, link.story_strength, ids.at(link.article),
                                       ids.at(link.candidate)});
        }
    }
    stats.story_links = story_links.size();
    // Story links last too, once all are known: a hub's are bounded.
    std::vector<Xapian::docid> hubs;
    const std::vector<StoryLink> kept = bound_story_hubs(
        story_links, [&](Xapian::docid id) { return node_of(id, schema::slot::kStory); }, &hubs);
    stats.story_hubs = hubs.size();
    stats.story_links_refused = stats.story_links - kept.size();
    for (const Xapian::docid hub : hubs) stats.story_hub_ids.push_back(ids.at(hub));
    std::sort(stats.story_hub_ids.begin(), stats.story_hub_ids.end());
    for (const StoryLink& link : kept)
        stories.unite("d" + std::to_string(link.a), node_of(link.b, schema::slot::kStory));
    // Template links last, once every other link has joined its groups.
    unite_template_links(events, std::move(template_links));
    std::map<Xapian::docid, NewKeys> new_keys;
    rekey(db, stories, GroupLevel::kStory, ids, new_keys);
    rekey(db, events, GroupLevel::kEvent, ids, new_keys);
    const auto rewrite_start = std::chrono::steady_clock::now();
    stats.rekeyed = set_groups(db, new_keys);
    stats.rewrite_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - rewrite_start).count();
    return stats;
}

}  // namespace news
