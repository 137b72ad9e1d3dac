// Helpers for the end-to-end suites that run the news-index and news-search
// binaries (cli_tests, cli_input_tests).
#pragma once

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "test_support.h"

namespace cli {

inline test::RunResult search(const std::string& db, std::vector<std::string> args) {
    args.insert(args.begin(), {test::search_bin(), "--db", db});
    return test::run(args);
}

inline test::RunResult index(const std::string& db, std::vector<std::string> args) {
    args.insert(args.begin(), {test::index_bin(), "--db", db});
    return test::run(args);
}

// Exit status and both outputs, for failure messages.
inline std::string show(const test::RunResult& r) {
    return "exit " + std::to_string(r.status) + "\n--- stdout\n" + r.out + "--- stderr\n" + r.err;
}

inline nlohmann::json parse_json(const test::RunResult& r) {
    try {
        return nlohmann::json::parse(r.out);
    } catch (const nlohmann::json::exception& e) {
        BOOST_FAIL("output is not JSON (" << e.what() << "):\n" << r.out << "\nstderr:\n" << r.err);
    }
    return {};
}

// stderr lines that mention `name`.
inline std::vector<std::string> lines_naming(const test::RunResult& r, const std::string& name) {
    std::vector<std::string> out;
    for (const auto& line : test::lines_of(r.err))
        if (line.find(name) != std::string::npos) out.push_back(line);
    return out;
}

}  // namespace cli
