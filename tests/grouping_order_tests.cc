// Duplicate detection finds the same story and event groups whatever the
// input order, batch size and thread count: corpus/ built twice by the real
// news-index, the second time in reverse order, in small batches and with
// two detection threads. (scripts/check-order-independence does the same on
// all of Reuters-21578.)
#define BOOST_TEST_MODULE grouping_order_tests
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "cli_support.h"

namespace {

using Groups = std::set<std::set<std::string>>;

// The groups `dups` lists at `level`, as sets of article ids.
Groups groups_of(const std::string& db, const std::string& level) {
    const auto r = test::index(db, {"dups", "--level", level, "--format", "json"});
    BOOST_TEST_REQUIRE(r.status == 0, test::show(r));
    const nlohmann::json report = test::parse_json(r);
    Groups out;
    for (const auto& group : report["groups"]) {
        std::set<std::string> members;
        for (const auto& m : group["members"]) members.insert(m["id"].get<std::string>());
        out.insert(members);
    }
    return out;
}

std::string describe(const Groups& groups) {
    std::string out;
    for (const auto& g : groups) {
        out += "{";
        for (const auto& id : g) out += id + " ";
        out += "} ";
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(grouping_order_tests)

BOOST_AUTO_TEST_CASE(groups_do_not_depend_on_order_batches_or_threads) {
    test::TempDir dir;
    const auto in_order = test::index(dir / "sorted", {"build", "--jobs", "1", test::corpus_dir()});
    BOOST_TEST_REQUIRE(in_order.status == 0, test::show(in_order));

    auto lines = test::lines_of(test::read_file(test::reuters_path()));
    std::reverse(lines.begin(), lines.end());
    std::string reversed;
    for (const auto& line : lines) reversed += line + "\n";
    test::write_file(dir / "reversed.jsonl", reversed);
    // The seeds and pages come first this time, the Reuters sample reversed,
    // in batches of 37 (grouping then sees several pending batches at once).
    const auto shuffled = test::index(dir / "shuffled", {"build", "--jobs", "2", "--batch-size", "37",
                                                         test::html_dir(), test::seeds_dir(), dir / "reversed.jsonl"});
    BOOST_TEST_REQUIRE(shuffled.status == 0, test::show(shuffled));

    for (const std::string level : {"story", "event"}) {
        BOOST_TEST_CONTEXT("level " << level) {
            const Groups a = groups_of(dir / "sorted", level), b = groups_of(dir / "shuffled", level);
            BOOST_TEST(!a.empty());  // the corpus has versions to group
            BOOST_TEST((a == b), "in order: " << describe(a) << "\nshuffled: " << describe(b));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
