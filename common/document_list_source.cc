#include "common/document_list_source.h"

#include <algorithm>
#include <cstddef>

namespace news {

DocumentListSource::DocumentListSource(std::shared_ptr<const std::vector<Xapian::docid>> docs)
    : docs_(std::move(docs)) {}

void DocumentListSource::init(const Xapian::Database&) {
    at_ = 0;
    started_ = false;
}

Xapian::doccount DocumentListSource::get_termfreq_min() const { return static_cast<Xapian::doccount>(docs_->size()); }
Xapian::doccount DocumentListSource::get_termfreq_est() const { return get_termfreq_min(); }
Xapian::doccount DocumentListSource::get_termfreq_max() const { return get_termfreq_min(); }

void DocumentListSource::next(double) {
    if (started_) ++at_;
    started_ = true;
}

void DocumentListSource::skip_to(Xapian::docid did, double) {
    if (started_ && at_ < docs_->size() && (*docs_)[at_] >= did) return;
    started_ = true;
    // Galloping from where the list is: the matcher mostly skips a few
    // documents ahead, which a search over all the rest took ~11 steps for.
    const auto& docs = *docs_;
    size_t low = at_, step = 1;
    while (low + step < docs.size() && docs[low + step] < did) {
        low += step;
        step *= 2;
    }
    const size_t high = std::min(low + step + 1, docs.size());
    at_ = static_cast<size_t>(std::lower_bound(docs.begin() + static_cast<std::ptrdiff_t>(low),
                                               docs.begin() + static_cast<std::ptrdiff_t>(high), did) -
                              docs.begin());
}

bool DocumentListSource::at_end() const { return started_ && at_ >= docs_->size(); }
Xapian::docid DocumentListSource::get_docid() const { return (*docs_)[at_]; }
Xapian::PostingSource* DocumentListSource::clone() const { return new DocumentListSource(docs_); }

std::string DocumentListSource::get_description() const {
    return "DocumentListSource(" + std::to_string(docs_->size()) + ")";
}

}  // namespace news
