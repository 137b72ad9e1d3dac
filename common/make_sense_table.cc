// Build-time tool: writes the C++ source of the word-sense table that
// common/senses.cc compiles in, from Debian's WordNet (wordnet-base,
// /usr/share/wordnet). Each single-word lemma is stemmed the way the indexer
// stems (schema::kStemLanguage), and the table maps the stem to the ids of the
// lemma's synsets (offset * 4 + part of speech), commonest senses first, at
// most kMaxSenses per part of speech. Irregular forms (*.exc: "went" -> "go")
// map to their base form's synsets.
// Each stem also lists its broader synsets (after its own senses): the hypernyms of its
// senses, and for adjectives the heads they are similar to ("big" for
// "huge"), so far as some single-word lemma has them. Spinners and
// rewriters swap a word for a broader or similar one as readily as for a
// synonym (a thesaurus lists them beside the synonyms); a word matches
// another's broader sense, but two words sharing only a broader sense do not
// match ("rose" and "fell" are both "change magnitude").
//
// The output is C++ arrays (common/senses.cc reads them), not text: a
// process then pays nothing at start to use the table.
//
// Usage: make-sense-table WORDNET_DIR OUTPUT.cc
#include <xapian.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "common/schema.h"

namespace {

// Rare senses add chance matches between unrelated words; a spinner that
// picks one of them is rare too.
constexpr size_t kMaxSenses = 10;
const char* const kParts[] = {"noun", "verb", "adj", "adv"};

// Pointer symbols of data.* lines leading to a broader or similar synset:
// hypernym, instance hypernym, similar to.
bool broader_pointer(const std::string& symbol) { return symbol == "@" || symbol == "@i" || symbol == "&"; }

int part_of(char pos) { return pos == 'n' ? 0 : pos == 'v' ? 1 : pos == 'r' ? 3 : 2; }  // 'a' and 's': adjectives

// synset id -> the ids of its broader or similar synsets, from data.PART.
bool read_broader(const std::string& dir, std::map<uint32_t, std::vector<uint32_t>>& broader) {
    for (int part = 0; part < 4; ++part) {
        const std::string path = dir + "/data." + kParts[part];
        std::ifstream in(path);
        if (!in) {
            std::cerr << "make-sense-table: cannot read " << path << " (install wordnet-base)\n";
            return false;
        }
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == ' ') continue;  // licence header
            std::istringstream fields(line);
            uint32_t offset = 0, lexicographer_file = 0, words = 0, pointers = 0;
            std::string pos, word, lex_id;
            fields >> offset >> lexicographer_file >> pos >> std::hex >> words >> std::dec;
            for (uint32_t w = 0; w < words; ++w) fields >> word >> lex_id;
            fields >> pointers;
            auto& out = broader[offset * 4 + part_of(pos[0])];
            for (uint32_t k = 0; k < pointers; ++k) {
                std::string symbol, target_pos, source_target;
                uint32_t target = 0;
                fields >> symbol >> target >> target_pos >> source_target;
                if (broader_pointer(symbol)) out.push_back(target * 4 + part_of(target_pos[0]));
            }
        }
    }
    return true;
}

bool plain_word(const std::string& w) {
    return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: make-sense-table WORDNET_DIR OUTPUT.cc\n";
        return 2;
    }
    const std::string dir = argv[1];
    const Xapian::Stem stem(news::schema::kStemLanguage);
    std::map<std::string, std::vector<uint32_t>> by_stem;
    std::map<std::pair<std::string, int>, std::vector<uint32_t>> by_lemma;
    for (int part = 0; part < 4; ++part) {
        const std::string path = dir + "/index." + kParts[part];
        std::ifstream in(path);
        if (!in) {
            std::cerr << "make-sense-table: cannot read " << path << " (install wordnet-base)\n";
            return 1;
        }
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == ' ') continue;  // licence header
            std::istringstream fields(line);
            std::string lemma, pos;
            size_t synsets = 0, pointers = 0;
            fields >> lemma >> pos >> synsets >> pointers;
            std::string skip;
            for (size_t i = 0; i < pointers + 2; ++i) fields >> skip;  // pointer symbols, sense counts
            std::vector<uint32_t> ids;
            uint32_t offset = 0;
            while (ids.size() < std::min(synsets, kMaxSenses) && fields >> offset) ids.push_back(offset * 4 + part);
            by_lemma[{lemma, part}] = ids;
            if (!plain_word(lemma)) continue;
            auto& list = by_stem[stem(lemma)];
            list.insert(list.end(), ids.begin(), ids.end());
        }
    }
    for (int part = 0; part < 4; ++part) {
        std::ifstream in(dir + "/" + kParts[part] + ".exc");
        std::string line;
        while (std::getline(in, line)) {
            std::istringstream fields(line);
            std::string inflected, base;
            if (!(fields >> inflected >> base) || !plain_word(inflected)) continue;
            const auto it = by_lemma.find({base, part});
            if (it == by_lemma.end()) continue;
            auto& list = by_stem[stem(inflected)];
            list.insert(list.end(), it->second.begin(), it->second.end());
        }
    }
    std::map<uint32_t, std::vector<uint32_t>> broader;
    if (!read_broader(dir, broader)) return 1;
    // A broader synset no stem has as its own sense can match nothing.
    std::vector<uint32_t> own_ids;
    for (const auto& entry : by_stem) own_ids.insert(own_ids.end(), entry.second.begin(), entry.second.end());
    std::sort(own_ids.begin(), own_ids.end());
    own_ids.erase(std::unique(own_ids.begin(), own_ids.end()), own_ids.end());
    // Each stem's own senses (first occurrences kept: the order is commonest
    // sense first), then its broader ones.
    struct Entry {
        std::vector<uint32_t> own, wider;
    };
    std::map<std::string, Entry> entries;
    for (auto& [word, ids] : by_stem) {
        Entry& e = entries[word];
        for (const uint32_t id : ids)
            if (std::find(e.own.begin(), e.own.end(), id) == e.own.end()) e.own.push_back(id);
        for (const uint32_t id : e.own)
            for (const uint32_t b : broader[id])
                if (std::binary_search(own_ids.begin(), own_ids.end(), b) &&
                    std::find(e.own.begin(), e.own.end(), b) == e.own.end() &&
                    std::find(e.wider.begin(), e.wider.end(), b) == e.wider.end())
                    e.wider.push_back(b);
    }
    // Synsets numbered densely in WordNet's order (offset * 4 + part of
    // speech, ranked), so an id fits in kSenseIdBits and a fingerprint packs
    // a sense with its term's index in 32 bits (common/similarity.h). Every
    // broader id is some stem's own, so own_ids numbers them all.
    auto dense = [&own_ids](uint32_t id) {
        return static_cast<uint32_t>(std::lower_bound(own_ids.begin(), own_ids.end(), id) - own_ids.begin());
    };
    std::ofstream out(argv[2]);
    out << "// Generated by make-sense-table from WordNet; do not edit.\n"
           "// Arrays, not text, so that a process pays nothing to read them (parsing\n"
           "// a text table took ~150 M instructions at each start).\n"
           "#include <cstdint>\n\n#include \"common/senses.h\"\n\n"
           "namespace news::detail {\n";
    out << "extern const uint32_t kSenseStemCount = " << entries.size() << ";\n";
    out << "extern const uint32_t kSenseDistinct = " << own_ids.size() << ";\n";
    out << "static_assert(" << own_ids.size() << "u <= (1u << kSenseIdBits), \"a WordNet far bigger than 3.0\");\n";
    // The stems, sorted, one after another: stem i is
    // kSenseStems[kSenseStemStart[i], kSenseStemStart[i + 1]).
    out << "extern const char kSenseStems[] =";
    size_t column = 0;
    for (const auto& entry : entries) {
        if (column % 16 == 0) out << "\n   ";
        out << " \"" << entry.first << '"';
        ++column;
    }
    out << ";\n";
    auto write_array = [&out](const char* name, const std::vector<uint32_t>& values) {
        out << "extern const uint32_t " << name << "[] = {";
        for (size_t i = 0; i < values.size(); ++i) out << (i % 16 == 0 ? "\n    " : " ") << values[i] << ',';
        out << "\n};\n";
    };
    std::vector<uint32_t> stem_start{0}, id_start{0}, broader_start, ids;
    size_t bytes = 0;
    for (const auto& [word, e] : entries) {
        bytes += word.size();
        stem_start.push_back(static_cast<uint32_t>(bytes));
        for (const uint32_t id : e.own) ids.push_back(dense(id));
        broader_start.push_back(static_cast<uint32_t>(ids.size()));
        for (const uint32_t id : e.wider) ids.push_back(dense(id));
        id_start.push_back(static_cast<uint32_t>(ids.size()));
    }
    write_array("kSenseStemStart", stem_start);
    // Stem i's senses are kSenseIds[kSenseIdStart[i], kSenseIdStart[i + 1]),
    // its broader ones from kSenseBroaderStart[i] on.
    write_array("kSenseIdStart", id_start);
    write_array("kSenseBroaderStart", broader_start);
    write_array("kSenseIds", ids);
    out << "}  // namespace news::detail\n";
    return out ? 0 : 1;
}
