#pragma once
// A fixed, sorted list of document ids as a boolean posting list: what a
// match may return is narrowed to documents already known (one day's window
// of the duplicate detector's candidates, the first match's candidates that
// feedback reranks) without a term or value test per document.
#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

namespace news {

class DocumentListSource : public Xapian::PostingSource {
  public:
    // `docs` must be sorted ascending and free of repeats; it is shared, not
    // copied, by clones (Xapian clones a source per shard and per match).
    explicit DocumentListSource(std::shared_ptr<const std::vector<Xapian::docid>> docs);

    void init(const Xapian::Database&) override;
    Xapian::doccount get_termfreq_min() const override;
    Xapian::doccount get_termfreq_est() const override;
    Xapian::doccount get_termfreq_max() const override;
    void next(double min_wt) override;
    void skip_to(Xapian::docid did, double min_wt) override;
    bool at_end() const override;
    Xapian::docid get_docid() const override;
    PostingSource* clone() const override;
    std::string get_description() const override;

  private:
    std::shared_ptr<const std::vector<Xapian::docid>> docs_;
    size_t at_ = 0;
    bool started_ = false;
};

}  // namespace news
