// The shape of news-index's commands as a user meets it, on the real
// binaries: each error kind's message and exit status, the audits (`dups`,
// `compare`, `stats`) in every format they offer with "format_version" and
// ISO 8601 dates, and a damaged pending-grouping record reported, never
// dropped. Also the translation of Xapian's exceptions into news::Error.
#define BOOST_TEST_MODULE cli_commands_tests
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <regex>
#include <string>
#include <vector>

#include "cli_support.h"
#include "common/schema.h"
#include "common/xapian_error.h"
#include "test_support.h"

namespace {

// Two versions of one story and an unrelated article, in .txt files.
struct SmallCorpus : test::InputFolder {
    SmallCorpus() {
        const std::string talks =
            "date 2023-06-19\n\nBlinken meets Xi in Beijing\n\nUS Secretary of State Antony Blinken met Chinese "
            "President Xi Jinping in Beijing on Monday, the last day of a two-day visit meant to steady ties.\n";
        test::write_file(in + "/a.txt", talks);
        test::write_file(in + "/b.txt", talks + "Officials said both sides agreed to keep talking.\n");
        test::write_file(in + "/c.txt",
                         "date 2023-07-02\n\nRiver floods farmland\n\nFarmers count the cost after the river "
                         "burst its banks.\n");
    }
    std::string id(const char* name) const { return fs::weakly_canonical(in + "/" + name).string(); }
};

bool is_iso_date(const json& v) {
    static const std::regex date(R"(\d{4}-\d{2}-\d{2})");
    return v.is_string() && std::regex_match(v.get<std::string>(), date);
}

std::vector<std::string> pending_keys(const std::string& db_path) {
    std::vector<std::string> keys;
    const Xapian::Database db(db_path);
    const std::string prefix(news::schema::metadata::kPendingGrouping);
    for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) keys.push_back(*k);
    return keys;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(error_kinds)

// Each kind: its message form on stderr and its exit status (README: "Exit status").
BOOST_AUTO_TEST_CASE(each_error_kind_has_its_message_and_exit_status) {
    SmallCorpus corpus;
    BOOST_TEST_REQUIRE(corpus.build().status == 0);
    struct Case {
        const char* kind;
        test::RunResult run;
        std::string says;
    };
    const Case cases[] = {
        {"usage", index(corpus.db, {"dups", "--level", "chapter"}), "news-index: error: --level must be story or event"},
        {"usage (option)", index(corpus.db, {"stats", "--bogus"}), "news-index: error: unrecognised option '--bogus' (try --help)"},
        {"usage (unknown id)", index(corpus.db, {"compare", corpus.id("a.txt"), "nope"}), "news-index: error: no article with id nope"},
        {"database (missing)", index(corpus.dir / "missing", {"stats"}), "news-index: error: no database at "},
        {"database (not ours)", index(corpus.in, {"dups"}), "is not a news-search database"},
        {"query syntax", search(corpus.db, {"oil AND"}), "news-search: query syntax error: "},
        {"search usage", search(corpus.db, {"--limit", "0", "oil"}), "news-search: error: --limit must be at least 1"},
        {"search database", search(corpus.dir / "missing", {"oil"}), "news-search: error: no database at "},
    };
    for (const auto& c : cases) {
        BOOST_TEST(c.run.status == 2, c.kind << "\n" << show(c.run));
        BOOST_TEST(c.run.err.find(c.says) != std::string::npos, c.kind << "\n" << show(c.run));
        BOOST_TEST(test::lines_of(c.run.err).size() == 1u, c.kind << "\n" << show(c.run));
        BOOST_TEST(c.run.out.empty(), c.kind << "\n" << show(c.run));
    }
}

BOOST_AUTO_TEST_CASE(a_locked_database_is_one_sentence_and_exit_2) {
    SmallCorpus corpus;
    BOOST_TEST_REQUIRE(corpus.build().status == 0);
    Xapian::WritableDatabase holder(corpus.db, Xapian::DB_OPEN);
    for (const auto& r : {corpus.build(), index(corpus.db, {"remove", corpus.id("c.txt")}), index(corpus.db, {"compact"})}) {
        BOOST_TEST(r.status == 2, show(r));
        BOOST_TEST(r.err == "news-index: database is locked by another build (" + corpus.db + ")\n", show(r));
    }
}

BOOST_AUTO_TEST_CASE(some_lost_inputs_or_ids_are_exit_1) {
    SmallCorpus corpus;
    BOOST_TEST_REQUIRE(corpus.build().status == 0);
    const auto r = index(corpus.db, {"remove", corpus.id("c.txt"), "no-such-id"});
    BOOST_TEST(r.status == 1, show(r));
    BOOST_TEST(r.err == "news-index: no article with id no-such-id\n", show(r));
}

// The library's translation, kind by kind: mains never see Xapian's exceptions.
BOOST_AUTO_TEST_CASE(xapian_exceptions_become_errors_of_their_kind) {
    using news::ErrorKind;
    const auto kind_of = [](const Xapian::Error& e) { return news::from_xapian(e, "reading db").kind(); };
    BOOST_TEST((kind_of(Xapian::DatabaseLockError("held")) == ErrorKind::kDatabaseLocked));
    BOOST_TEST((kind_of(Xapian::QueryParserError("bad")) == ErrorKind::kQuerySyntax));
    BOOST_TEST((kind_of(Xapian::DatabaseCorruptError("torn")) == ErrorKind::kDatabase));
    BOOST_TEST((kind_of(Xapian::DatabaseOpeningError("gone")) == ErrorKind::kDatabase));
    BOOST_TEST((kind_of(Xapian::NetworkError("down")) == ErrorKind::kDatabase));
    const auto e = news::from_xapian(Xapian::DatabaseCorruptError("torn"), "reading db");
    BOOST_TEST(std::string(e.what()).rfind("reading db: DatabaseCorruptError: torn", 0) == 0u, e.what());
    try {
        news::translating_xapian_errors("writing db", [] { throw Xapian::DatabaseModifiedError("moved"); });
        BOOST_ERROR("nothing thrown");
    } catch (const news::Error& e) {
        BOOST_TEST((e.kind() == ErrorKind::kDatabase));
        BOOST_TEST(std::string(e.what()).find("writing db: ") == 0u, e.what());
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(audits)

BOOST_AUTO_TEST_CASE(dups_in_every_format_has_format_version_and_iso_dates) {
    SmallCorpus corpus;
    BOOST_TEST_REQUIRE(corpus.build().status == 0);
    const auto r = index(corpus.db, {"dups", "--format", "json"});
    BOOST_TEST_REQUIRE(r.status == 0, show(r));
    const json j = parse_json(r);
    BOOST_TEST(j.at("format_version") == 1);
    BOOST_TEST(j.at("level") == "story");
    BOOST_TEST_REQUIRE(j.at("groups").size() == 1u, r.out);
    const json& group = j.at("groups")[0];
    BOOST_TEST(group.at("size") == 2);
    for (const auto& m : group.at("members")) {
        BOOST_TEST(is_iso_date(m.at("date")), m.dump());
        BOOST_TEST(m.at("date") == "2023-06-19");
        BOOST_TEST(m.at("title") == "Blinken meets Xi in Beijing");
    }
    // JSON Lines: a line per group, then the summary.
    const auto lines = test::lines_of(index(corpus.db, {"dups", "--format", "jsonl"}).out);
    BOOST_TEST_REQUIRE(lines.size() == 2u);
    BOOST_TEST(json::parse(lines[0]).at("type") == "group");
    BOOST_TEST(json::parse(lines[0]).at("key") == group.at("key"));
    BOOST_TEST(json::parse(lines[1]).at("type") == "summary");
    BOOST_TEST(json::parse(lines[1]).at("format_version") == 1);
    BOOST_TEST(json::parse(lines[1]).at("groups") == 1);
    // TSV: a header and one member a line.
    const auto tsv = test::lines_of(index(corpus.db, {"dups", "--format", "tsv"}).out);
    BOOST_TEST_REQUIRE(tsv.size() == 3u);
    BOOST_TEST(tsv[0] == "key\tsize\tid\tdate\tsource\ttitle");
    BOOST_TEST(tsv[1].find("\t2\t" + corpus.id("a.txt") + "\t2023-06-19\t") != std::string::npos, tsv[1]);
    // Text: the same groups, for people.
    const auto text = index(corpus.db, {"dups"});
    BOOST_TEST(text.out.find("(2 versions)\n  " + corpus.id("a.txt") + "  2023-06-19  Blinken meets Xi") !=
                   std::string::npos,
               text.out);
}

BOOST_AUTO_TEST_CASE(compare_in_text_json_and_json_lines) {
    SmallCorpus corpus;
    BOOST_TEST_REQUIRE(corpus.build().status == 0);
    const std::string a = corpus.id("a.txt"), b = corpus.id("b.txt");
    const auto text = index(corpus.db, {"compare", a, b});
    BOOST_TEST_REQUIRE(text.status == 0, show(text));
    BOOST_TEST(text.out.rfind(a + " and " + b + ": same-story\n", 0) == 0u, text.out);
    BOOST_TEST(text.out.find("\nstory model: score ") != std::string::npos, text.out);
    BOOST_TEST(text.out.find("\nevidence: cosine ") != std::string::npos, text.out);
    const auto j = parse_json(index(corpus.db, {"compare", "--format", "json", a, b}));
    BOOST_TEST(j.at("format_version") == 1);
    BOOST_TEST(j.at("relation") == "same-story");
    const auto line = index(corpus.db, {"compare", "--format", "jsonl", a, b});
    BOOST_TEST(test::lines_of(line.out).size() == 1u, line.out);
    BOOST_TEST(json::parse(line.out) == j);
    const auto tsv = index(corpus.db, {"compare", "--format", "tsv", a, b});
    BOOST_TEST(tsv.status == 2, show(tsv));
    BOOST_TEST(tsv.err.find("--format must be text, json or jsonl") != std::string::npos, show(tsv));
}

BOOST_AUTO_TEST_CASE(stats_json_has_format_version_and_iso_dates) {
    SmallCorpus corpus;
    BOOST_TEST_REQUIRE(corpus.build().status == 0);
    const json j = parse_json(index(corpus.db, {"stats", "--format", "json"}));
    BOOST_TEST(j.at("format_version") == 1);
    BOOST_TEST(j.at("schema_version") == news::schema::kVersion);
    BOOST_TEST(j.at("dates").at("earliest") == "2023-06-19");
    BOOST_TEST(j.at("dates").at("latest") == "2023-07-02");
    static const std::regex utc(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)");
    const std::string finished = j.at("last_build").at("finished");
    BOOST_TEST(std::regex_match(finished, utc), finished);
    BOOST_TEST(j.at("damaged_grouping_records").empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(pending_grouping)

// A record of articles awaiting grouping that cannot be read is named in a
// warning by every build and by stats, and stays in the database.
BOOST_AUTO_TEST_CASE(a_damaged_record_is_reported_and_kept) {
    SmallCorpus corpus;
    BOOST_TEST_REQUIRE(corpus.build({"--no-group"}).status == 0);
    const auto keys = pending_keys(corpus.db);
    BOOST_TEST_REQUIRE(keys.size() == 1u);
    {
        Xapian::WritableDatabase db(corpus.db, Xapian::DB_OPEN);
        db.set_metadata(keys[0], "{\"docids\": [1, 2");  // torn
        db.commit();
    }
    const auto stats = index(corpus.db, {"stats"});
    BOOST_TEST(stats.out.find("damaged:       grouping record " + keys[0] + " cannot be read") != std::string::npos,
               show(stats));
    BOOST_TEST(parse_json(index(corpus.db, {"stats", "--format", "json"})).at("damaged_grouping_records") ==
               json::array({keys[0]}));

    const auto rebuild = corpus.build();
    BOOST_TEST(rebuild.status == 0, show(rebuild));
    const auto warnings = cli::lines_naming(rebuild, keys[0]);
    BOOST_TEST_REQUIRE(warnings.size() == 1u, show(rebuild));
    BOOST_TEST(warnings[0].rfind("news-index: warning: grouping record " + keys[0] + " in the database is damaged", 0) ==
                   0u,
               warnings[0]);
    BOOST_TEST(pending_keys(corpus.db) == keys);  // kept, not deleted
    // A record of the wrong shape is damaged too.
    {
        Xapian::WritableDatabase db(corpus.db, Xapian::DB_OPEN);
        db.set_metadata(keys[0], "{\"docids\": \"1,2\"}");
        db.commit();
    }
    BOOST_TEST(cli::lines_naming(corpus.build(), keys[0]).size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
