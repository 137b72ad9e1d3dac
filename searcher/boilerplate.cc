#include "searcher/boilerplate.h"

#include <iterator>
#include <regex>
#include <string_view>
#include <unordered_set>

#include "common/stopwords.h"

namespace news {
namespace {

// Asking, wanting and vague qualifiers: the words of a request, not of its
// subject. Only unambiguous ones: words that are the subject of many a news
// story ("interest", "show", "list", "may", "documents") stay; "documents
// about" and the like are taken out as phrases (request_phrases below).
constexpr std::string_view kWords[] = {
    // asking
    "describe", "describes", "described", "describing", "description", "discuss", "discussed", "discussing",
    "explain", "explained", "find", "give", "tell", "know",
    // wanting
    "want", "wanted", "wish", "need", "needed", "interested", "looking", "seeking", "please",
    "like", "also", "especially", "particularly", "specifically", "particular", "specific",
    "concerning", "regarding", "relating", "pertaining",
    // modal and vague
    "can", "might", "must", "shall", "etc", "whether", "kind", "kinds", "various", "certain"};

// "documents about", "information on": a noun naming what to find, then
// what it is about. The noun goes; on its own it may be the subject.
const std::regex& request_phrase() {
    static const std::regex phrase(
        R"(\b(?:documents?|articles?|papers?|reports?|stories|news|information|publications?|literature|material|items?)\s+)"
        R"((?=(?:about|on|concerning|regarding|relating\s+to|dealing\s+with|describing|discussing|that|which)\b))",
        std::regex::icase | std::regex::ECMAScript);
    return phrase;
}

class QuestionStopper : public Xapian::Stopper {
  public:
    bool operator()(const std::string& term) const override {
        return is_stopword(term) || is_request_boilerplate(term);
    }
    std::string get_description() const override { return "news::QuestionStopper"; }
};

}  // namespace

bool is_request_boilerplate(const std::string& word) {
    static const std::unordered_set<std::string_view> words(std::begin(kWords), std::end(kWords));
    return words.count(word) != 0;
}

std::string without_request_phrases(const std::string& text) {
    return std::regex_replace(text, request_phrase(), " ");
}

const Xapian::Stopper& question_stopper() {
    static const QuestionStopper stopper;
    return stopper;
}

}  // namespace news
