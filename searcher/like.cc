#include "searcher/like.h"

#include <cctype>

#include "common/database.h"
#include "common/error.h"
#include "common/schema.h"
#include "common/stopwords.h"

namespace news {
namespace {

// Only stemmed words: the unstemmed forms would count every word twice, and
// prefixed terms (ids, sources, group keys, title words) say nothing about
// the subject. Numbers and stop words neither.
class StemmedWordsOnly : public Xapian::ExpandDecider {
  public:
    bool operator()(const std::string& term) const override {
        const std::string_view stemmed = schema::prefix::kStemmed;
        if (term.compare(0, stemmed.size(), stemmed) != 0) return false;
        const std::string word = term.substr(stemmed.size());
        if (word.empty() || is_stopword(word)) return false;
        for (const char c : word)
            if (std::isdigit(static_cast<unsigned char>(c)) || std::isupper(static_cast<unsigned char>(c))) return false;
        return true;
    }
};

}  // namespace

Xapian::Query more_like_query(const Xapian::Database& db, const std::string& id) {
    const auto found = find_article(db, id);
    if (!found) throw Error(ErrorKind::kUsage, "no article with id " + id);
    const Xapian::docid docid = *found;
    Xapian::RSet rset;
    rset.add_document(docid);
    Xapian::Enquire enquire(db);
    const StemmedWordsOnly decider;
    const Xapian::ESet eset = enquire.get_eset(kLikeTerms, rset, &decider);
    std::vector<Xapian::Query> terms;
    for (auto t = eset.begin(); t != eset.end(); ++t) terms.emplace_back(*t);
    const std::string story =
        schema::term(schema::prefix::kStory, db.get_document(docid).get_value(schema::slot::kStory));
    return Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                         Xapian::Query(story));
}

}  // namespace news
