#include "common/stopwords.h"

#include <iterator>
#include <string_view>
#include <unordered_map>

namespace news {
namespace {

// Snowball's English stop-word list (https://snowballstem.org/algorithms/english/stop.txt),
// the one Xapian's documentation recommends for its English stemmer. Its
// order is stored: fingerprints keep a word's place in it (stopword_index),
// so reordering or changing it needs a new schema version (common/schema.h).
constexpr std::string_view kWords[] = {
    "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are",
    "aren't", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can't", "cannot", "could", "couldn't", "did", "didn't", "do", "does", "doesn't",
    "doing", "don't", "down", "during", "each", "few", "for", "from", "further", "had", "hadn't",
    "has", "hasn't", "have", "haven't", "having", "he", "he'd", "he'll", "he's", "her", "here",
    "here's", "hers", "herself", "him", "himself", "his", "how", "how's", "i", "i'd", "i'll",
    "i'm", "i've", "if", "in", "into", "is", "isn't", "it", "it's", "its", "itself", "let's", "me",
    "more", "most", "mustn't", "my", "myself", "no", "nor", "not", "of", "off", "on", "once",
    "only", "or", "other", "ought", "our", "ours", "ourselves", "out", "over", "own", "same",
    "shan't", "she", "she'd", "she'll", "she's", "should", "shouldn't", "so", "some", "such",
    "than", "that", "that's", "the", "their", "theirs", "them", "themselves", "then", "there",
    "there's", "these", "they", "they'd", "they'll", "they're", "they've", "this", "those",
    "through", "to", "too", "under", "until", "up", "very", "was", "wasn't", "we", "we'd",
    "we'll", "we're", "we've", "were", "weren't", "what", "what's", "when", "when's", "where",
    "where's", "which", "while", "who", "who's", "whom", "why", "why's", "with", "won't",
    "would", "wouldn't", "you", "you'd", "you'll", "you're", "you've", "your", "yours",
    "yourself", "yourselves"};

class ListStopper : public Xapian::Stopper {
  public:
    bool operator()(const std::string& term) const override { return is_stopword(term); }
    std::string get_description() const override { return "news::ListStopper"; }
};

}  // namespace

static_assert(std::size(kWords) == kStopwordCount);

int stopword_index(const std::string& word) {
    static const std::unordered_map<std::string_view, int> index = [] {
        std::unordered_map<std::string_view, int> out;
        for (int k = 0; k < kStopwordCount; ++k) out.emplace(kWords[k], k);
        return out;
    }();
    const auto it = index.find(word);
    return it == index.end() ? -1 : it->second;
}

bool is_stopword(const std::string& word) { return stopword_index(word) >= 0; }

const Xapian::Stopper& english_stopper() {
    static const ListStopper stopper;
    return stopper;
}

}  // namespace news
