#include "searcher/feedback.h"

#include <algorithm>
#include <memory>
#include <set>
#include <vector>

#include "searcher/highlight.h"
#include "searcher/stemmed_words.h"

namespace news {
namespace {

// A fixed sorted list of documents as a boolean posting list: the matcher
// then only visits those documents, skipping every other term's postings
// straight to them.
class DocumentList : public Xapian::PostingSource {
  public:
    explicit DocumentList(std::shared_ptr<const std::vector<Xapian::docid>> docs) : docs_(std::move(docs)) {}
    void init(const Xapian::Database&) override {
        at_ = 0;
        started_ = false;
    }
    Xapian::doccount get_termfreq_min() const override { return static_cast<Xapian::doccount>(docs_->size()); }
    Xapian::doccount get_termfreq_est() const override { return get_termfreq_min(); }
    Xapian::doccount get_termfreq_max() const override { return get_termfreq_min(); }
    void next(double) override {
        if (started_) ++at_;
        started_ = true;
    }
    void skip_to(Xapian::docid did, double) override {
        if (started_ && at_ < docs_->size() && (*docs_)[at_] >= did) return;
        started_ = true;
        at_ = static_cast<size_t>(std::lower_bound(docs_->begin() + static_cast<std::ptrdiff_t>(at_), docs_->end(), did) -
                                  docs_->begin());
    }
    bool at_end() const override { return started_ && at_ >= docs_->size(); }
    Xapian::docid get_docid() const override { return (*docs_)[at_]; }
    PostingSource* clone() const override { return new DocumentList(docs_); }
    std::string get_description() const override { return "DocumentList(" + std::to_string(docs_->size()) + ")"; }

  private:
    std::shared_ptr<const std::vector<Xapian::docid>> docs_;
    size_t at_ = 0;
    bool started_ = false;
};

}  // namespace

bool wants_feedback(const Xapian::Query& query, const RankingParams& ranking) {
    std::set<std::string> stems;
    for (const auto& word : query_words(query)) stems.insert(word.stem);
    return stems.size() >= ranking.feedback_min_words;
}

Xapian::Query with_feedback(const Xapian::Query& query, const Xapian::Database& db, const Xapian::MSet& first_pass,
                            const RankingParams& ranking) {
    if (ranking.feedback_docs == 0 || ranking.feedback_terms == 0 || !(ranking.feedback_weight > 0)) return query;
    Xapian::RSet rset;
    for (auto m = first_pass.begin(); m != first_pass.end() && rset.size() < ranking.feedback_docs; ++m)
        rset.add_document(*m);
    if (rset.empty()) return query;
    // The query is set so that its own terms are not offered again.
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    const StemmedWordsOnly decider;
    const Xapian::ESet eset = enquire.get_eset(ranking.feedback_terms, rset, kExpandFlags, &decider);
    if (eset.empty()) return query;
    const double best = eset.begin().get_weight();
    if (!(best > 0)) return query;
    std::vector<Xapian::Query> terms;
    for (auto t = eset.begin(); t != eset.end(); ++t)
        if (t.get_weight() > 0)
            terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*t),
                               ranking.feedback_weight * t.get_weight() / best);
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                         Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
}

Xapian::Query only_documents(const Xapian::Query& query, std::vector<Xapian::docid> docs) {
    std::sort(docs.begin(), docs.end());
    docs.erase(std::unique(docs.begin(), docs.end()), docs.end());
    // release(): the query owns the source.
    const Xapian::Query list(
        (new DocumentList(std::make_shared<const std::vector<Xapian::docid>>(std::move(docs))))->release());
    return Xapian::Query(Xapian::Query::OP_FILTER, query, list);
}

}  // namespace news
