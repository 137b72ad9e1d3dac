#include "indexer/spelling_collector.h"

#include <cctype>
#include <utility>

#include "common/stopwords.h"

namespace news {
namespace {

// Xapian's prefixes (and so the schema's) start with a capital letter, which
// indexed words never do: TermGenerator lower-cases them. Stop words are left
// out: queries drop them, so "oill" must become "oil", not the commoner "will".
// The cheap tests come first: most terms are prefixed (stems, titles).
bool is_spelling_word(const std::string& term) {
    if (term.empty() || std::isupper(static_cast<unsigned char>(term[0]))) return false;
    for (const char c : term)
        if (std::isdigit(static_cast<unsigned char>(c))) return false;
    return !is_stopword(term);
}

}  // namespace

void SpellingCollector::add(const Xapian::Document& doc) {
    for (auto t = doc.termlist_begin(); t != doc.termlist_end();) {
        const std::string term = *t;
        if (!term.empty() && std::isupper(static_cast<unsigned char>(term[0]))) {
            // The termlist is sorted: skip every prefixed term (about half
            // of them: stems, title words, keys) in one step, to the first
            // term after "Z...".
            t.skip_to("[");
            continue;
        }
        if (is_spelling_word(term)) counts_[term] += t.get_wdf();
        ++t;
    }
}

void SpellingCollector::absorb(SpellingCollector&& other) {
    if (counts_.empty()) {
        counts_.swap(other.counts_);
        return;
    }
    for (const auto& [word, count] : other.counts_) counts_[word] += count;
    other.counts_.clear();
}

void SpellingCollector::write(Xapian::WritableDatabase& db) {
    for (const auto& [word, count] : counts_) db.add_spelling(word, count);
    counts_.clear();
}

SpellingPartWriter::SpellingPartWriter(std::string path, SpellingCollector&& words)
    : path_(std::move(path)), words_(std::move(words)) {
    thread_ = std::thread([this] {
        try {
            Xapian::WritableDatabase part(path_, Xapian::DB_CREATE_OR_OVERWRITE);
            words_.write(part);
            part.commit();
            part.close();
        } catch (...) {
            error_ = std::current_exception();
        }
    });
}

SpellingPartWriter::~SpellingPartWriter() {
    if (thread_.joinable()) thread_.join();
}

const std::string& SpellingPartWriter::finish() {
    if (thread_.joinable()) thread_.join();
    if (error_) std::rethrow_exception(error_);
    return path_;
}

}  // namespace news
