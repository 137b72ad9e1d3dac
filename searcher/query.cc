#include "searcher/query.h"

#include "common/error.h"
#include "common/schema.h"
#include "common/stopwords.h"
#include "common/text.h"

namespace news {
namespace {

// Boolean fields hold lower-cased values (see DocumentBuilder), so `source:Reuters`
// and `source:reuters` must find the same articles.
class LowercaseFilter : public Xapian::FieldProcessor {
  public:
    explicit LowercaseFilter(std::string_view prefix) : prefix_(prefix) {}
    Xapian::Query operator()(const std::string& value) override {
        return Xapian::Query(schema::term(prefix_, to_lower(trim(value))));
    }

  private:
    std::string prefix_;
};

// Ids and story keys are matched exactly as written.
class ExactFilter : public Xapian::FieldProcessor {
  public:
    explicit ExactFilter(std::string_view prefix) : prefix_(prefix) {}
    Xapian::Query operator()(const std::string& value) override {
        return Xapian::Query(schema::term(prefix_, trim(value)));
    }

  private:
    std::string prefix_;
};

}  // namespace

const Xapian::Stem& english_stemmer() {
    static const Xapian::Stem stemmer("english");
    return stemmer;
}

Xapian::Query parse_query(const std::string& text, const Xapian::Database& db) {
    if (trim(text).empty()) throw Error(ErrorKind::kUsage, "empty query");
    namespace field = schema::field;
    namespace prefix = schema::prefix;
    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_stemmer(english_stemmer());
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_stopper(&english_stopper());
    qp.set_default_op(Xapian::Query::OP_OR);
    qp.add_prefix(std::string(field::kTitle), std::string(prefix::kTitle));
    qp.add_boolean_prefix(std::string(field::kSource), (new LowercaseFilter(prefix::kSource))->release());
    qp.add_boolean_prefix(std::string(field::kSite), (new LowercaseFilter(prefix::kSite))->release());
    qp.add_boolean_prefix(std::string(field::kId), (new ExactFilter(prefix::kId))->release());
    qp.add_boolean_prefix(std::string(field::kStory), (new ExactFilter(prefix::kStory))->release());
    // Reads YYYY-MM-DD (or YYYYMMDD) bounds; the slot holds YYYYMMDD.
    qp.add_rangeprocessor(
        (new Xapian::DateRangeProcessor(schema::slot::kDate, std::string(field::kDate) + ":"))->release());
    // Operators only in capitals: a pasted question's "not" or "and" is a word.
    const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                           Xapian::QueryParser::FLAG_PURE_NOT;
    try {
        Xapian::Query query = qp.parse_query(text, flags);
        if (query.empty()) throw Error(ErrorKind::kUsage, "query has no searchable words: " + text);
        return query;
    } catch (const Xapian::QueryParserError& e) {
        throw Error(ErrorKind::kUsage, "cannot parse query: " + e.get_msg());
    }
}

}  // namespace news
