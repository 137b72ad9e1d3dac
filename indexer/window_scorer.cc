#include "indexer/window_scorer.h"

#include <algorithm>
#include <cmath>

namespace news {

// Every expression below is written in xapian-core 1.4's operation order
// (weight/bm25weight.cc, matcher/orpostlist.cc, api/queryinternal.cc's
// OrContext): a different order, or a fused multiply-add (this file is
// built with -ffp-contract=off), would change the last bit of a weight and
// with it, at a rounding boundary, a candidate.

WindowScorer::WindowScorer(const Xapian::Database& db) : db_(db), doccount_(db.get_doccount()) {
    // Weight::Internal::get_average_length(), inverted as BM25Weight::init does.
    const double average = doccount_ ? double(db_.get_total_length()) / doccount_ : 0;
    len_factor_ = average != 0 ? 1 / average : 0;
}

double WindowScorer::term_weight(Xapian::doccount doccount, Xapian::doccount termfreq) {
    using P = Bm25Parameters;
    // Unsigned subtraction first, as Xapian does (termfreq <= doccount).
    double tw = (doccount - termfreq + 0.5) / (termfreq + 0.5);
    // Xapian's guard against negative weights of very common terms.
    if (tw < 2) tw = tw * 0.5 + 1;
    const double factor = 1.0;
    double weight = std::log(tw) * factor;
    const double wqf = 1.0;
    weight *= (P::k3 + 1) * wqf / (P::k3 + wqf);
    weight *= (P::k1 + 1);
    return weight;
}

// get_sumpart() computes `k1 * (normlen * b + (1 - b))` before adding the
// wdf; stored in a double in between, the value is the same.
double WindowScorer::length_part(double len_factor, Xapian::termcount doclen) {
    using P = Bm25Parameters;
    const double normlen = std::max(doclen * len_factor, P::min_normlen);
    return P::k1 * (normlen * P::b + (1 - P::b));
}

double WindowScorer::part(double term_weight, double length_part, Xapian::termcount wdf) {
    const double wdf_double = wdf;
    const double denom = length_part + wdf_double;
    return term_weight * (wdf_double / denom);
}

const WindowScorer::Term& WindowScorer::term(const std::string& name) {
    if (auto it = terms_.find(name); it != terms_.end()) return it->second;
    // A long run meets many terms once: bounded, the memo is rebuilt.
    if (terms_.size() >= (size_t{1} << 20)) terms_.clear();
    const Xapian::doccount tf = db_.get_termfreq(name);
    return terms_.emplace(name, Term{tf, term_weight(doccount_, tf)}).first->second;
}

namespace {

// A posting list is read run by run (skip_to each run's start) only when it
// holds this many postings per run or more: a skip costs about what reading
// a few dozen postings does.
constexpr Xapian::doccount kPostingsPerSkip = 64;

// Memory for one scorer's kept window postings (WindowScorer::score's
// `window`): the 10x copy of Reuters kept at most 10 MB in one window. A
// term read once the budget is spent is read again when asked for.
constexpr size_t kWindowPostingsBytes = size_t{32} << 20;

// OrPostList::get_termfreq_est(): the estimate of an OR of independent terms.
Xapian::doccount or_estimate(Xapian::doccount l, Xapian::doccount r, Xapian::doccount dbsize) {
    if (dbsize == 0) return 0;
    const double lest = static_cast<double>(l);
    const double rest = static_cast<double>(r);
    const double est = lest + rest - (lest * rest / dbsize);
    return static_cast<Xapian::doccount>(est + 0.5);
}

}  // namespace

void WindowScorer::build_tree(const std::vector<Xapian::doccount>& termfreqs) {
    // OrContext::postlist(): a Huffman-like tree built with the std:: heap
    // functions over the leaves in query order, the most frequent on top,
    // each new node joining the top two.
    leaves_ = termfreqs.size();
    tree_.clear();
    if (leaves_ < 2) return;
    std::vector<Xapian::doccount> estimate(termfreqs);
    std::vector<uint32_t> heap(leaves_);
    for (uint32_t i = 0; i < leaves_; ++i) heap[i] = i;
    const auto cmp = [&estimate](uint32_t a, uint32_t b) { return estimate[a] > estimate[b]; };
    std::make_heap(heap.begin(), heap.end(), cmp);
    while (true) {
        const uint32_t r = heap.front();
        std::pop_heap(heap.begin(), heap.end(), cmp);
        heap.pop_back();
        const uint32_t l = heap.front();
        const auto node = static_cast<uint32_t>(leaves_ + tree_.size());
        tree_.emplace_back(l, r);
        estimate.push_back(or_estimate(estimate[l], estimate[r], doccount_));
        if (heap.size() == 1) return;
        std::pop_heap(heap.begin(), heap.end(), cmp);
        heap.back() = node;
        std::push_heap(heap.begin(), heap.end(), cmp);
    }
}

double WindowScorer::tree_sum(const std::vector<std::pair<uint32_t, double>>& parts) {
    // One part is itself and two meet in one sum whatever the shape (IEEE
    // addition commutes); only three or more need the tree's order.
    if (parts.size() == 1) return parts[0].second;
    if (parts.size() == 2) return parts[0].second + parts[1].second;
    const size_t nodes = leaves_ + tree_.size();
    value_.assign(nodes, 0.0);
    present_.assign(nodes, 0);
    for (const auto& [leaf, part] : parts) {
        value_[leaf] = part;
        present_[leaf] = 1;
    }
    // OrPostList::get_weight(): one side's weight, or the sum of both.
    for (size_t i = 0; i < tree_.size(); ++i) {
        const auto [l, r] = tree_[i];
        const size_t node = leaves_ + i;
        present_[node] = present_[l] | present_[r];
        value_[node] = present_[l] && present_[r] ? value_[l] + value_[r] : present_[l] ? value_[l] : value_[r];
    }
    return value_[nodes - 1];
}

double WindowScorer::length_part_of(Xapian::docid doc) {
    if (length_parts_.size() <= doc) length_parts_.resize(doc + 1, -1.0);
    double& known = length_parts_[doc];
    if (known < 0) known = length_part(len_factor_, db_.get_doclength(doc));
    return known;
}

void WindowScorer::collect(uint32_t leaf, Xapian::docid doc, double part) {
    uint32_t& slot = slot_of_[doc];
    if (slot == 0) {
        docs_.push_back(doc);
        slot = static_cast<uint32_t>(docs_.size());
        if (parts_.size() < docs_.size()) parts_.resize(docs_.size());
        parts_[slot - 1].clear();
    }
    parts_[slot - 1].emplace_back(leaf, part);
}

WindowScorer::DocidRuns WindowScorer::runs_of(const std::vector<Xapian::docid>& docs, Xapian::docid max_gap) {
    DocidRuns runs;
    for (const Xapian::docid d : docs) {
        if (!runs.empty() && d - runs.back().second - 1 <= max_gap) {
            runs.back().second = d;
        } else {
            runs.emplace_back(d, d);
        }
    }
    return runs;
}

std::vector<WindowScorer::Match> WindowScorer::score(const std::vector<std::string>& terms,
                                                     const std::vector<uint8_t>& in_window, bool from_memory,
                                                     const DocidRuns* runs, uint64_t window) {
    if (window != 0 && window != kept_window_) {
        window_postings_.clear();
        window_postings_bytes_ = 0;
        kept_window_ = window;
    }
    const bool keep = window != 0 && !from_memory;
    std::vector<const Term*> infos;
    std::vector<Xapian::doccount> termfreqs;
    infos.reserve(terms.size());
    termfreqs.reserve(terms.size());
    for (const std::string& t : terms) {
        infos.push_back(&term(t));
        termfreqs.push_back(infos.back()->termfreq);
    }
    build_tree(termfreqs);
    if (slot_of_.size() < in_window.size()) slot_of_.resize(in_window.size(), 0);
    docs_.clear();
    for (uint32_t leaf = 0; leaf < terms.size(); ++leaf) {
        if (infos[leaf]->termfreq == 0) continue;
        const std::string& t = terms[leaf];
        const double weight = infos[leaf]->weight;
        if (from_memory) {
            const auto it = postings_.find(t);
            if (it == postings_.end()) continue;
            for (const Posting& p : it->second)
                if (p.doc < in_window.size() && in_window[p.doc] && kept_[p.doc].kept)
                    collect(leaf, p.doc, part(weight, length_parts_[p.doc], p.wdf));
            continue;
        }
        // A window's postings read before are kept: the same postings in the
        // same (docid) order, so the same parts.
        if (keep) {
            if (const auto kept = window_postings_.find(t); kept != window_postings_.end()) {
                for (const Posting& p : kept->second) collect(leaf, p.doc, part(weight, length_part_of(p.doc), p.wdf));
                continue;
            }
        }
        std::vector<Posting> read;
        const auto visit = [&](const Xapian::PostingIterator& p) {
            const Xapian::docid doc = *p;
            if (doc < in_window.size() && in_window[doc]) {
                const Xapian::termcount wdf = p.get_wdf();
                collect(leaf, doc, part(weight, length_part_of(doc), wdf));
                if (keep) read.push_back({doc, wdf});
            }
        };
        const Xapian::PostingIterator end = db_.postlist_end(t);
        Xapian::PostingIterator p = db_.postlist_begin(t);
        if (runs && runs->size() * kPostingsPerSkip < infos[leaf]->termfreq) {
            for (const auto& [first, last] : *runs) {
                if (p == end) break;
                if (*p < first) p.skip_to(first);
                for (; p != end && *p <= last; ++p) visit(p);
            }
        } else {
            for (; p != end; ++p) visit(p);
        }
        const size_t bytes = read.size() * sizeof(Posting) + t.size() + 64;
        if (keep && window_postings_bytes_ + bytes <= kWindowPostingsBytes) {
            window_postings_bytes_ += bytes;
            read.shrink_to_fit();
            window_postings_.emplace(t, std::move(read));
        }
    }
    std::vector<Match> matches;
    matches.reserve(docs_.size());
    for (size_t i = 0; i < docs_.size(); ++i) {
        matches.push_back({docs_[i], tree_sum(parts_[i])});
        slot_of_[docs_[i]] = 0;
    }
    return matches;
}

void WindowScorer::add(Xapian::docid doc) {
    if (kept_.size() <= doc) kept_.resize(doc + 1);
    if (kept_[doc].kept) return;
    // Its old postings would count twice.
    if (kept_[doc].stale) compact();
    Kept& k = kept_[doc];
    length_part_of(doc);
    k.postings = 0;
    // Every term, boolean ones too: a term of wdf 0 matches with weight 0
    // in the matcher, and so here.
    for (auto t = db_.termlist_begin(doc); t != db_.termlist_end(doc); ++t) {
        postings_[*t].push_back({doc, t.get_wdf()});
        ++k.postings;
    }
    k.kept = true;
    live_postings_ += k.postings;
}

void WindowScorer::remove(Xapian::docid doc) {
    if (doc >= kept_.size() || !kept_[doc].kept) return;
    kept_[doc].kept = false;
    kept_[doc].stale = true;
    live_postings_ -= kept_[doc].postings;
    dead_postings_ += kept_[doc].postings;
    if (dead_postings_ > live_postings_) compact();
}

void WindowScorer::compact() {
    for (auto it = postings_.begin(); it != postings_.end();) {
        auto& list = it->second;
        list.erase(std::remove_if(list.begin(), list.end(), [this](const Posting& p) { return !kept_[p.doc].kept; }),
                   list.end());
        if (list.empty()) {
            it = postings_.erase(it);
        } else {
            ++it;
        }
    }
    for (Kept& k : kept_) k.stale = false;
    dead_postings_ = 0;
}

void WindowScorer::clear() {
    postings_.clear();
    kept_.clear();
    live_postings_ = dead_postings_ = 0;
}

size_t WindowScorer::memory_bytes() const {
    // A term: its string, its vector and the hash node (~100 bytes).
    return (live_postings_ + dead_postings_) * sizeof(Posting) + postings_.size() * 100 + kept_.size() * sizeof(Kept);
}

}  // namespace news
