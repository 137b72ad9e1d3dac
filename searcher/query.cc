#include "searcher/query.h"

#include <algorithm>
#include <cctype>

#include "common/keys.h"
#include "common/schema.h"
#include "common/stopwords.h"
#include "common/text.h"
#include "searcher/boilerplate.h"
#include "searcher/date_filter.h"
#include "searcher/query_syntax.h"
#include "searcher/spelling_distance.h"

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

// A wildcard expands to at most this many words, the most frequent ones, so
// `a*` cannot make a query of the whole vocabulary.
constexpr Xapian::termcount kMaxWildcardTerms = 200;

// Operators only in capitals: a lower-case "not" or "and" is a word.
// CJK text is split into words as the indexer splits it (FLAG_CJK_NGRAM:
// unigrams and bigrams), so that 中国 finds a title that has it among others.
constexpr unsigned kWordFlags = Xapian::QueryParser::FLAG_CJK_NGRAM;
constexpr unsigned kExpressionFlags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                                      Xapian::QueryParser::FLAG_PURE_NOT | kWordFlags;

void configure(Xapian::QueryParser& qp, const Xapian::Database& db) {
    namespace field = schema::field;
    namespace prefix = schema::prefix;
    qp.set_database(db);
    qp.set_stemmer(english_stemmer());
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_stopper(&english_stopper());
    qp.set_default_op(Xapian::Query::OP_OR);
    qp.set_max_expansion(kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    qp.add_prefix(std::string(field::kTitle), std::string(prefix::kTitle));
    qp.add_boolean_prefix(std::string(field::kSource), (new TermFilter(source_term))->release());
    qp.add_boolean_prefix(std::string(field::kSite), (new TermFilter(site_term))->release());
    qp.add_boolean_prefix(std::string(field::kId),
                          (new TermFilter([](const std::string& v) { return id_term(std::string(trim(v))); }))->release());
    qp.add_boolean_prefix(std::string(field::kStory), (new ExactFilter(prefix::kStory))->release());
    // date:START..END (a range) and date:DAY (one day, month or year).
    qp.add_rangeprocessor((new DateRangeProcessor)->release());
    qp.add_boolean_prefix(std::string(field::kDate), (new DateFieldProcessor)->release());
}

// A pasted sentence: its words, and its phrases if its quotes pair up. If
// something in it still reads as a bad field or range ("wait..what",
// "date:2023-13"), it is read again with ':' and ".." as spaces.
// `default_prefix` parses it over one field (the title) instead.
Xapian::Query parse_prose(Xapian::QueryParser& qp, std::string text, const std::string& default_prefix = {}) {
    const unsigned flags = (query_syntax::quotes_balanced(text) ? Xapian::QueryParser::FLAG_PHRASE : 0) | kWordFlags;
    try {
        return qp.parse_query(text, flags, default_prefix);
    } catch (const Xapian::QueryParserError&) {
    } catch (const QuerySyntaxError&) {
    }
    for (size_t dots = text.find(".."); dots != std::string::npos; dots = text.find("..", dots))
        text.replace(dots, 2, "  ");
    std::replace(text.begin(), text.end(), ':', ' ');
    return qp.parse_query(text, flags, default_prefix);
}

bool is_word_byte(char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) || u >= 0x80 || c == '\'';
}

// A word is corrected when no article has it (as typed or stemmed), or it is
// a rare misspelling: in at most kRareWord articles, and its correction in
// kCommonerBy times as many.
constexpr Xapian::doccount kRareWord = 2;
constexpr Xapian::doccount kCommonerBy = 50;

// Scripts written without spaces between words (CJK, from U+2E80): their
// "words" are n-grams, which spelling correction knows nothing about.
bool unspaced_script(const std::string& word) {
    for (size_t i = 0; i < word.size(); ++i) {
        const auto c = static_cast<unsigned char>(word[i]);
        // U+3000 and up starts with E3 or more; U+2E80..U+2FFF with E2 BA..E2 BF.
        if (c >= 0xE3) return true;
        if (c == 0xE2 && i + 1 < word.size() && static_cast<unsigned char>(word[i + 1]) >= 0xBA) return true;
    }
    return false;
}

bool needs_correction(const Xapian::Database& db, const std::string& lower) {
    const Xapian::doccount freq =
        db.get_termfreq(lower) + db.get_termfreq(schema::term(schema::prefix::kStemmed, english_stemmer()(lower)));
    return freq <= kRareWord;
}

// The text with its misspelt words replaced by the nearest word of Xapian's
// spelling data (the most frequent at the least edit distance); empty if
// nothing is replaced. QueryParser's FLAG_SPELLING_CORRECTION is not used:
// it also "corrects" words the corpus has into more frequent ones (spy ->
// say). Field names and values, wildcards, operators and numbers are left alone.
std::string spelling_correction(const std::string& text, const Xapian::Database& db) {
    std::string out;
    bool changed = false;
    for (size_t i = 0; i < text.size();) {
        if (!is_word_byte(text[i])) {
            out += text[i++];
            continue;
        }
        size_t end = i;
        while (end < text.size() && is_word_byte(text[end])) ++end;
        const std::string word = text.substr(i, end - i);
        const bool fielded = (end < text.size() && text[end] == ':') || (i > 0 && text[i - 1] == ':');
        const bool wildcard = end < text.size() && text[end] == '*';
        const bool has_digit = std::any_of(word.begin(), word.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
        const std::string lower = to_lower(word);
        std::string suggestion;
        if (!fielded && !wildcard && !has_digit && !query_syntax::is_operator(word) && !is_stopword(lower) &&
            !unspaced_script(word) && needs_correction(db, lower)) {
            suggestion = db.get_spelling_suggestion(lower, max_spelling_edits(lower));
            const Xapian::doccount freq = db.get_termfreq(lower);
            if (freq > 0 && db.get_termfreq(suggestion) < freq * kCommonerBy) suggestion.clear();
        }
        out += suggestion.empty() ? word : suggestion;
        changed = changed || !suggestion.empty();
        i = end;
    }
    return changed ? out : std::string();
}

// The query as an expression, or as plain words for prose.
Xapian::Query parse_text(Xapian::QueryParser& qp, const std::string& text, bool prose,
                         const std::string& default_prefix = {}) {
    if (prose) return parse_prose(qp, text, default_prefix);
    if (auto error = query_syntax::structural_error(text)) throw QuerySyntaxError(*error);
    try {
        return qp.parse_query(query_syntax::rewrite_exclusions(text), kExpressionFlags, default_prefix);
    } catch (const Xapian::QueryParserError& e) {
        throw QuerySyntaxError(query_syntax::readable_parser_error(e.get_msg()));
    }
}

// Pasted text as the parser should see it: lower-cased, so that a word
// capitalised at the start of a sentence or in SHOUTED text is stemmed like
// any other (an expression keeps its case: there "Apple" may mean the name),
// and without request phrases ("documents about").
std::string prepared_prose(const std::string& text, const RankingParams& ranking) {
    std::string out = ranking.stem_capitalised ? to_lower(text) : text;
    return ranking.drop_boilerplate ? without_request_phrases(out) : out;
}

// Each pair of neighbouring words of the query (unstemmed, positional terms;
// stop words left out) near each other, as one OR.
Xapian::Query neighbouring_pairs(const Xapian::Query& words_in_order, Xapian::termcount window) {
    std::vector<std::string> words;
    for (auto t = words_in_order.get_terms_begin(); t != words_in_order.get_terms_end(); ++t) {
        const std::string& term = *t;
        // Unprefixed words only: prefixes start with a capital letter.
        if (!term.empty() && !std::isupper(static_cast<unsigned char>(term[0]))) words.push_back(term);
    }
    std::vector<Xapian::Query> pairs;
    for (size_t i = 0; i + 1 < words.size(); ++i) {
        if (words[i] == words[i + 1]) continue;
        const Xapian::Query pair[] = {Xapian::Query(words[i]), Xapian::Query(words[i + 1])};
        pairs.emplace_back(Xapian::Query::OP_NEAR, std::begin(pair), std::end(pair), window);
    }
    return pairs.empty() ? Xapian::Query() : Xapian::Query(Xapian::Query::OP_OR, pairs.begin(), pairs.end());
}

}  // namespace

const Xapian::Stem& english_stemmer() {
    // One per thread: a Stem's state and reference count are not thread-safe,
    // and news-serve searches on several threads.
    static thread_local const Xapian::Stem stemmer(schema::kStemLanguage);
    return stemmer;
}

ParsedQuery parse_query(const std::string& typed, const Xapian::Database& db, const RankingParams& ranking) {
    if (trim(typed).empty()) throw Error(ErrorKind::kUsage, "empty query: give words to search for (try --help)");
    // Words as the index has them: straight apostrophes, accents folded.
    const std::string text = query_syntax::fold_words(with_ascii_quotes(typed));
    Xapian::QueryParser qp;
    configure(qp, db);
    ParsedQuery parsed;
    parsed.plain_text = query_syntax::looks_like_prose(text);
    // Only pasted text gets the question stopper: in an expression every word was chosen.
    if (parsed.plain_text && ranking.drop_boilerplate) qp.set_stopper(&question_stopper());
    const std::string searched = parsed.plain_text ? prepared_prose(text, ranking) : text;
    parsed.query = parse_text(qp, searched, parsed.plain_text);
    if (parsed.query.empty()) throw Error(ErrorKind::kUsage, "query has no searchable words: " + typed);
    if (ranking.title_weight > 0)
        parsed.title_words = parse_text(qp, searched, parsed.plain_text, std::string(schema::prefix::kTitle));
    if (ranking.proximity_weight > 0) {
        Xapian::QueryParser words;
        words.set_stopper(parsed.plain_text && ranking.drop_boilerplate ? &question_stopper() : &english_stopper());
        parsed.word_pairs = neighbouring_pairs(words.parse_query(searched, kWordFlags), ranking.proximity_window);
    }

    // A correction replaces words that match (next to) nothing by words of
    // the corpus, so it can only find more.
    const std::string correction = spelling_correction(text, db);
    if (!correction.empty()) {
        try {
            parse_text(qp, correction, parsed.plain_text);
            parsed.correction = correction;
        } catch (const Error&) {
            // A correction that does not parse helps nobody.
        }
    }
    return parsed;
}

}  // namespace news
