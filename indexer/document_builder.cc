#include "indexer/document_builder.h"

#include <xxhash.h>

#include "common/fingerprint_storage.h"
#include "common/fold.h"
#include "common/keys.h"
#include "common/recency_weight.h"
#include "common/schema.h"
#include "common/stopwords.h"
#include "common/text.h"

namespace news {

std::string content_hash(const Article& a) {
    XXH3_state_t* state = XXH3_createState();
    XXH3_64bits_reset(state);
    for (const std::string* field : {&a.title, &a.body, &a.source, &a.url, &a.date_text}) {
        XXH3_64bits_update(state, field->data(), field->size());
        XXH3_64bits_update(state, "\0", 1);  // keeps ("ab","c") apart from ("a","bc")
    }
    const uint64_t h = XXH3_64bits_digest(state);
    XXH3_freeState(state);
    // 8 bytes, not 16 hex digits: it is only compared, and a value slot is not compressed.
    std::string bytes(8, '\0');
    for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>(h >> (8 * i));
    return bytes;
}

std::string url_host(const std::string& url) {
    const auto scheme = url.find("://");
    if (scheme == std::string::npos) return {};
    const auto start = scheme + 3;
    auto end = url.find_first_of("/?#", start);
    std::string host = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (const auto at = host.rfind('@'); at != std::string::npos) host.erase(0, at + 1);
    if (const auto colon = host.find(':'); colon != std::string::npos) host.erase(colon);
    return to_lower(host);
}

DocumentBuilder::DocumentBuilder() {
    termgen_.set_stemmer(Xapian::Stem(schema::kStemLanguage));
    termgen_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    termgen_.set_stopper(&english_stopper());
    termgen_.set_stopper_strategy(Xapian::TermGenerator::STOP_STEMMED);
    // CJK text has no spaces between words: index its unigrams and bigrams.
    termgen_.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
}

BuiltDocument DocumentBuilder::build(const Article& a) {
    namespace prefix = schema::prefix;
    namespace slot = schema::slot;
    BuiltDocument built;
    Xapian::Document& doc = built.document;
    termgen_.set_document(doc);
    // Title words count twice unprefixed (a title match ranks above a body
    // match) and once under the title prefix for `title:` queries.
    // Words are indexed with their accents folded ("Café" as "cafe"), as the
    // searcher folds queries: both forms of a word find it (common/fold.h).
    const std::string title = fold_accents(a.title);
    termgen_.index_text(title, 1, std::string(prefix::kTitle));
    termgen_.index_text(title, 2);
    termgen_.increase_termpos();
    termgen_.index_text(fold_accents(a.body));

    built.id_term = id_term(a.id);
    doc.add_boolean_term(built.id_term);
    if (!a.source.empty()) {
        doc.add_boolean_term(source_term(a.source));
        doc.add_value(slot::kSource, source_value(a.source));  // for source facets
    }
    // Not for JSON Lines articles: a line's id is the one way to name it.
    if (!a.path.empty() && a.line == 0) doc.add_boolean_term(schema::term(prefix::kPath, bounded_term_value(a.path)));
    if (auto host = url_host(a.url); !host.empty()) doc.add_boolean_term(site_term(host));
    if (a.date) {
        doc.add_value(slot::kDate, a.date->key());
        doc.add_value(slot::kTimestamp, Xapian::sortable_serialise(a.date->unix_seconds()));
        doc.add_boolean_term(schema::term(prefix::kDay, a.date->key()));
        doc.add_value(slot::kRecencyWeight, Xapian::sortable_serialise(recency_weight(a.date->unix_seconds())));
    } else {
        doc.add_boolean_term(std::string(prefix::kUndated));
    }

    // Until duplicate detection links it to others, an article is its own group.
    const std::string key = group_key(built.id_term.substr(prefix::kId.size()));
    doc.add_value(slot::kStory, key);
    doc.add_value(slot::kEvent, key);
    doc.add_boolean_term(schema::term(prefix::kStory, key));
    doc.add_boolean_term(schema::term(prefix::kEvent, key));

    built.content_hash = content_hash(a);
    doc.add_value(slot::kContentHash, built.content_hash);
    built.fingerprint = make_fingerprint(a, doc);
    store_fingerprint(doc, built.fingerprint);
    doc.set_data(serialise_article(a));
    return built;
}

}  // namespace news
