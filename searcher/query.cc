#include "searcher/query.h"

#include <optional>
#include <vector>

#include "common/error.h"
#include "common/keys.h"
#include "common/schema.h"
#include "common/stopwords.h"
#include "common/text.h"

namespace news {
namespace {

// A boolean filter whose term is made by the same function the indexer
// uses (common/keys.h), so case folding and shortening of long values agree.
class TermFilter : public Xapian::FieldProcessor {
  public:
    explicit TermFilter(std::string (*make_term)(const std::string&)) : make_term_(make_term) {}
    Xapian::Query operator()(const std::string& value) override { return Xapian::Query(make_term_(value)); }

  private:
    std::string (*make_term_)(const std::string&);
};

// Ids and story keys are matched exactly as written; ids too long for a term
// are shortened as id_term shortens them, or they would never match.
class ExactFilter : public Xapian::FieldProcessor {
  public:
    explicit ExactFilter(std::string_view prefix) : prefix_(prefix) {}
    Xapian::Query operator()(const std::string& value) override {
        return Xapian::Query(schema::term(prefix_, bounded_term_value(std::string(trim(value)))));
    }

  private:
    std::string prefix_;
};

// Capitalised, so the parser keeps it unstemmed and its term is predictable.
constexpr std::string_view kPlaceholderWord = "Newssearchplaceholder";
constexpr std::string_view kPlaceholderTerm = "newssearchplaceholder";

// Xapian's grammar cannot take a query of nothing but `-` exclusions: it fails
// and parses the text again without operators, so `-oil` would find oil.
// With a positive word appended, the parser's own reading of the exclusions
// comes back as `word AND_NOT (...)`; those are then taken out of every
// document, as FLAG_PURE_NOT does for `NOT oil`. Empty if the text has
// anything besides exclusions.
std::optional<Xapian::Query> exclusions_only(Xapian::QueryParser& qp, const std::string& text, unsigned flags) {
    if (text.find('-') == std::string::npos) return std::nullopt;
    const Xapian::Query with_placeholder = qp.parse_query(text + " " + std::string(kPlaceholderWord), flags);
    if (with_placeholder.get_type() != Xapian::Query::OP_AND_NOT) return std::nullopt;
    const Xapian::Query kept = with_placeholder.get_subquery(0);
    if (kept.get_type() != Xapian::Query::LEAF_TERM || *kept.get_terms_begin() != kPlaceholderTerm)
        return std::nullopt;
    std::vector<Xapian::Query> excluded;
    for (size_t i = 1; i < with_placeholder.get_num_subqueries(); ++i)
        excluded.push_back(with_placeholder.get_subquery(i));
    return Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll,
                         Xapian::Query(Xapian::Query::OP_OR, excluded.begin(), excluded.end()));
}

}  // namespace

const Xapian::Stem& english_stemmer() {
    static const Xapian::Stem stemmer(schema::kStemLanguage);
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
    qp.add_boolean_prefix(std::string(field::kSource), (new TermFilter(source_term))->release());
    qp.add_boolean_prefix(std::string(field::kSite), (new TermFilter(site_term))->release());
    qp.add_boolean_prefix(std::string(field::kId),
                          (new TermFilter([](const std::string& v) { return id_term(std::string(trim(v))); }))->release());
    qp.add_boolean_prefix(std::string(field::kStory), (new ExactFilter(prefix::kStory))->release());
    // Reads YYYY-MM-DD (or YYYYMMDD) bounds; the slot holds YYYYMMDD.
    qp.add_rangeprocessor(
        (new Xapian::DateRangeProcessor(schema::slot::kDate, std::string(field::kDate) + ":"))->release());
    // Operators only in capitals: a pasted question's "not" or "and" is a word.
    const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                           Xapian::QueryParser::FLAG_PURE_NOT;
    try {
        if (auto everything_but = exclusions_only(qp, text, flags)) return *everything_but;
        Xapian::Query query = qp.parse_query(text, flags);
        if (query.empty()) throw Error(ErrorKind::kUsage, "query has no searchable words: " + text);
        return query;
    } catch (const Xapian::QueryParserError& e) {
        throw Error(ErrorKind::kUsage, "cannot parse query: " + e.get_msg());
    }
}

}  // namespace news
