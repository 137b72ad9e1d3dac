#include "searcher/synonyms.h"

#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

namespace news {
namespace {

std::string wordnet_dir() {
    const char* dir = std::getenv("NEWS_WORDNET_DIR");
    return dir && *dir ? dir : "/usr/share/wordnet";
}

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() > suffix.size() + 1 && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The word and the base forms a regular inflection could have come from;
// WordNet's index holds base forms only.
std::vector<std::string> base_forms(const std::string& w) {
    std::vector<std::string> forms{w};
    auto strip = [&](const std::string& suffix, const std::string& replacement) {
        if (ends_with(w, suffix)) forms.push_back(w.substr(0, w.size() - suffix.size()) + replacement);
    };
    strip("ies", "y");
    strip("es", "");
    strip("s", "");
    strip("ed", "");
    strip("ed", "e");
    strip("ing", "");
    strip("ing", "e");
    // "stopped", "running": the doubled consonant goes too.
    for (const std::string suffix : {"ed", "ing"})
        if (ends_with(w, suffix) && w.size() > suffix.size() + 2) {
            const size_t end = w.size() - suffix.size();
            if (w[end - 1] == w[end - 2]) forms.push_back(w.substr(0, end - 1));
        }
    return forms;
}

// Synsets ("n:offset") of each base form looked up so far; shared by the
// server's threads, so guarded.
std::mutex cache_mutex;
std::map<std::string, std::set<std::string>> synsets_of;

void look_up(const std::set<std::string>& forms) {
    std::set<std::string> missing;
    for (const auto& f : forms)
        if (!synsets_of.count(f)) missing.insert(f);
    if (missing.empty()) return;
    for (const auto& f : missing) synsets_of[f];  // known now, even if WordNet lacks it
    const std::string dir = wordnet_dir();
    for (const char* pos : {"noun", "verb", "adj", "adv"}) {
        std::ifstream in(dir + "/index." + pos);
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == ' ') continue;  // the licence header
            const std::string lemma = line.substr(0, line.find(' '));
            if (!missing.count(lemma)) continue;
            // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
            std::istringstream fields(line);
            std::string word, p;
            size_t synset_count = 0, pointer_count = 0;
            fields >> word >> p >> synset_count >> pointer_count;
            std::string skip;
            for (size_t i = 0; i < pointer_count + 2; ++i) fields >> skip;
            std::string offset;
            for (size_t i = 0; i < synset_count && fields >> offset; ++i)
                synsets_of[lemma].insert(std::string(1, pos[0]) + ":" + offset);
        }
    }
}

bool share_synset(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    for (const auto& x : a)
        for (const auto& y : b) {
            if (x == y) continue;
            const auto& sx = synsets_of[x];
            const auto& sy = synsets_of[y];
            for (const auto& s : sx)
                if (sy.count(s)) return true;
        }
    return false;
}

}  // namespace

std::vector<bool> are_synonyms(const std::vector<std::pair<std::string, std::string>>& pairs) {
    std::vector<bool> out(pairs.size(), false);
    if (pairs.empty()) return out;
    std::lock_guard<std::mutex> lock(cache_mutex);
    std::set<std::string> forms;
    for (const auto& [a, b] : pairs) {
        for (const auto& f : base_forms(a)) forms.insert(f);
        for (const auto& f : base_forms(b)) forms.insert(f);
    }
    look_up(forms);
    for (size_t i = 0; i < pairs.size(); ++i) {
        const auto& [a, b] = pairs[i];
        if (a == b) continue;
        out[i] = share_synset(base_forms(a), base_forms(b));
    }
    return out;
}

}  // namespace news
