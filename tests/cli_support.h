// Helpers for the suites that run the real news-index and news-search
// binaries: running them, showing a run, parsing JSON output, and a database
// built from corpus/.
#pragma once

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "test_support.h"

namespace test {

inline RunResult search(const std::string& db, std::vector<std::string> args) {
    args.insert(args.begin(), {search_bin(), "--db", db});
    return run(args);
}

inline RunResult index(const std::string& db, std::vector<std::string> args) {
    args.insert(args.begin(), {index_bin(), "--db", db});
    return run(args);
}

// Exit status and both outputs, for failure messages (long outputs cut short).
inline std::string show(const RunResult& r) {
    constexpr size_t kShown = 3000;
    return "exit " + std::to_string(r.status) + "\n--- stdout\n" + r.out.substr(0, kShown) + "--- stderr\n" +
           r.err.substr(0, kShown);
}

inline nlohmann::json parse_json(const std::string& text, const RunResult& r) {
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        BOOST_FAIL("not JSON (" << e.what() << "): " << text << "\n" << show(r));
    }
    return {};
}
inline nlohmann::json parse_json(const RunResult& r) { return parse_json(r.out, r); }

// A folder of inputs (`in`) and a database for them, built by the real news-index.
struct InputFolder {
    TempDir dir;
    std::string db = dir / "db";
    std::string in = dir / "in";
    InputFolder() { std::filesystem::create_directories(in); }

    // `news-index --db DB build EXTRA... IN`
    RunResult build(std::vector<std::string> extra = {}) {
        std::vector<std::string> args{"build"};
        args.insert(args.end(), extra.begin(), extra.end());
        args.push_back(in);
        return index(db, args);
    }
};

// corpus/ indexed once per test program by the real news-index.
struct CorpusDatabase {
    TempDir dir;
    std::string db = dir / "db";
    RunResult build;
    CorpusDatabase() { build = index(db, {"build", corpus_dir()}); }
    static CorpusDatabase& instance() {
        static CorpusDatabase corpus;
        return corpus;
    }
};

// Fixture: the corpus database, which must have built.
struct CorpusFixture {
    CorpusDatabase& corpus = CorpusDatabase::instance();
    const std::string& db = corpus.db;
    CorpusFixture() { BOOST_TEST_REQUIRE(corpus.build.status == 0, show(corpus.build)); }
};

}  // namespace test

// The same helpers under the name cli_tests and cli_input_tests use.
namespace cli {
using test::index;
using test::parse_json;
using test::search;
using test::show;

// stderr lines that mention `name`.
inline std::vector<std::string> lines_naming(const test::RunResult& r, const std::string& name) {
    std::vector<std::string> out;
    for (const auto& line : test::lines_of(r.err))
        if (line.find(name) != std::string::npos) out.push_back(line);
    return out;
}

}  // namespace cli

// The names the CLI suites use unqualified.
using cli::index;
using cli::parse_json;
using cli::search;
using cli::show;
using nlohmann::json;
namespace fs = std::filesystem;
