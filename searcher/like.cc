#include "searcher/like.h"

#include "common/database.h"
#include "common/error.h"
#include "common/schema.h"
#include "searcher/stemmed_words.h"

namespace news {

Xapian::Query more_like_query(const Xapian::Database& db, const std::string& id) {
    const auto found = find_article(db, id);
    if (!found) throw Error(ErrorKind::kUsage, "no article with id " + id);
    const Xapian::docid docid = *found;
    Xapian::RSet rset;
    rset.add_document(docid);
    Xapian::Enquire enquire(db);
    const StemmedWordsOnly decider;
    const Xapian::ESet eset = enquire.get_eset(kLikeTerms, rset, kExpandFlags, &decider);
    std::vector<Xapian::Query> terms;
    for (auto t = eset.begin(); t != eset.end(); ++t) terms.emplace_back(*t);
    const std::string story =
        schema::term(schema::prefix::kStory, db.get_document(docid).get_value(schema::slot::kStory));
    return Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                         Xapian::Query(story));
}

}  // namespace news
