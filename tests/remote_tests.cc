// Shards on other machines: two shards served by xapian-tcpsrv on loopback,
// searched through a Xapian stub file, give what one local database gives:
// the same ranked and collapsed hits, totals, facets, snippets and versions.
//
// The shards are the corpus database's documents dealt out alternately, so
// versions of one story sit on both shards and collapsing must work across
// them (story keys are global: a hash of the story's smallest article id).
// Shards built apart by news-index would each group only their own half;
// grouping over all shards is the sharded build's job, not the search's.
//
// Skipped, with a message, where xapian-tcpsrv (Debian xapian-tools) is absent.
#define BOOST_TEST_MODULE remote_tests
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "cli_support.h"
#include "common/schema.h"
#include "searcher/recency.h"

namespace {

const char* const kTcpServer = "/usr/bin/xapian-tcpsrv";

struct HaveTcpServer {
    boost::test_tools::assertion_result operator()(boost::unit_test::test_unit_id) const {
        boost::test_tools::assertion_result ok(access(kTcpServer, X_OK) == 0);
        ok.message() << kTcpServer << " not found (apt-get install xapian-tools): remote search not tested";
        return ok;
    }
};

// A port nobody listens on now (the kernel's choice for port 0).
int free_port() {
    const int s = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (s < 0 || bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
        throw std::runtime_error("no free port");
    close(s);
    return ntohs(addr.sin_port);
}

bool accepts_connections(int port) {
    const int s = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = s >= 0 && connect(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    if (s >= 0) close(s);
    return ok;
}

// One xapian-tcpsrv serving `db` on loopback; stopped when destroyed.
class TcpServer {
  public:
    TcpServer(const std::string& db, const std::string& log) : port_(free_port()) {
        const std::string port = std::to_string(port_);
        // Its own process group: xapian-tcpsrv answers SIGTERM by signalling
        // its whole group (its forked connection handlers), which would
        // otherwise be this test and whatever started it.
        pid_ = fork();
        if (pid_ < 0) throw std::runtime_error("fork failed");
        if (pid_ == 0) {
            setpgid(0, 0);
            const int out = open((log + ".out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            const int err = open((log + ".err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (out < 0 || err < 0) _exit(127);
            dup2(out, STDOUT_FILENO);
            dup2(err, STDERR_FILENO);
            execl(kTcpServer, kTcpServer, "--interface", "127.0.0.1", "--port", port.c_str(), db.c_str(),
                  static_cast<char*>(nullptr));
            _exit(127);
        }
        setpgid(pid_, pid_);
        for (int i = 0; i < 200 && !accepts_connections(port_); ++i) {
            if (!test::still_running(pid_)) throw std::runtime_error("xapian-tcpsrv exited: " + test::read_file(log + ".err"));
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    ~TcpServer() {
        if (pid_ <= 0) return;
        kill(-pid_, SIGTERM);
        test::wait_for(pid_);
    }
    TcpServer(const TcpServer&) = delete;
    TcpServer& operator=(const TcpServer&) = delete;
    int port() const { return port_; }

  private:
    int port_;
    pid_t pid_ = -1;
};

// The corpus database, its documents dealt out to two shards (metadata such
// as the schema version on both, the spelling data on the first), each
// served by its own xapian-tcpsrv, and the stub naming them.
struct RemoteShards {
    test::CorpusDatabase& corpus = test::CorpusDatabase::instance();
    test::TempDir dir;
    std::string stub = dir / "shards.stub";
    std::vector<std::string> shard_paths = {dir / "shard0", dir / "shard1"};
    std::vector<std::unique_ptr<TcpServer>> servers;

    RemoteShards() {
        BOOST_TEST_REQUIRE(corpus.build.status == 0, test::show(corpus.build));
        Xapian::Database full(corpus.db);
        std::vector<Xapian::WritableDatabase> shards;
        for (const auto& path : shard_paths) shards.emplace_back(path, Xapian::DB_CREATE);
        for (auto id = full.postlist_begin(""); id != full.postlist_end(""); ++id)
            shards[*id % 2].add_document(full.get_document(*id));
        for (auto key = full.metadata_keys_begin(); key != full.metadata_keys_end(); ++key)
            for (auto& shard : shards) shard.set_metadata(*key, full.get_metadata(*key));
        for (auto word = full.spellings_begin(); word != full.spellings_end(); ++word)
            shards[0].add_spelling(*word, word.get_termfreq());
        for (auto& shard : shards) shard.close();
        std::string lines;
        for (size_t i = 0; i < shard_paths.size(); ++i) {
            servers.push_back(std::make_unique<TcpServer>(shard_paths[i], dir / ("server" + std::to_string(i))));
            // Xapian's stub syntax for a TCP remote database ("remote :PROGRAM"
            // would run a program instead).
            lines += "remote 127.0.0.1:" + std::to_string(servers.back()->port()) + "\n";
        }
        test::write_file(stub, lines);
    }
};

// Made once, for every test case; the servers stop at exit.
RemoteShards& remote_shards() {
    static RemoteShards shards;
    return shards;
}

// news-search's JSON for `args` on a database, without the parsed query's
// description (a debugging aid, not a result) and Xapian's own match bounds
// (kept for compatibility: under collapsing Xapian bounds them per shard, so
// they differ where `total`, which the tests compare, does not). Totals are
// counted exactly (--exact-total): past its bound a total is Xapian's
// estimate, which it too works out per shard.
nlohmann::json json_of(const std::string& db, std::vector<std::string> args) {
    args.insert(args.begin(), {"--format", "json", "--exact-total"});
    const auto r = test::search(db, args);
    BOOST_TEST_REQUIRE(r.status <= 1, test::show(r));
    auto j = test::parse_json(r);
    if (j.is_object())
        for (const char* key : {"parsed_query", "matches_estimated", "matches_lower_bound", "matches_upper_bound"})
            j.erase(key);
    return j;
}

// BM25 scores agree to the last bits (Xapian shares the term statistics of all
// shards). The recency boost's size is a share of the query's highest
// possible score, a bound Xapian works out per shard, so with recency on
// scores agree to within that share's error only.
void same_scores_then_drop(nlohmann::json& local, nlohmann::json& remote, double tolerance) {
    BOOST_TEST_REQUIRE(local.at("hits").size() == remote.at("hits").size());
    for (size_t i = 0; i < local.at("hits").size(); ++i) {
        auto& l = local["hits"][i];
        auto& r = remote["hits"][i];
        BOOST_TEST(l.at("score").get<double>() == r.at("score").get<double>(), boost::test_tools::tolerance(tolerance));
        l.erase("score");
        r.erase("score");
    }
}

const std::vector<std::vector<std::string>> kSearches = {
    {"said"},
    {"oil prices"},
    {"Blinken Beijing talks"},
    {"\"crude oil\""},
    {"title:oil OR wheat"},
    {"said", "--limit", "3", "--offset", "2"},
    {"talks", "--event"},
    {"oil", "--all-versions", "--facets", "source,month"},
    {"said", "--sort", "newest"},
    {"prices", "--no-recency"},
    {"oil prices", "--no-recency"},
    {"Blinken Beijing talks", "--no-recency"},
    // Reranked with feedback terms, stories of several versions: each story's
    // shown version is chosen alike locally and through the stub.
    {"Blinken talks"},
    {"Xi Jinping Blinken"},
    {"China talks envoy"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(remote, *boost::unit_test::precondition(HaveTcpServer()))

BOOST_AUTO_TEST_CASE(stub_of_remote_shards_searches_like_one_database) {
    RemoteShards& shards = remote_shards();
    bool some_hit_has_versions = false;
    for (const auto& args : kSearches) {
        std::string shown;
        for (const auto& a : args) shown += a + " ";
        BOOST_TEST_CONTEXT(shown) {
            auto local = json_of(shards.corpus.db, args);
            auto remote = json_of(shards.stub, args);
            BOOST_TEST(!local.at("hits").empty());
            const bool recency = std::find(args.begin(), args.end(), "--no-recency") == args.end() &&
                                 std::find(args.begin(), args.end(), "--sort") == args.end();
            // The boost is at most kRecencyShare of the (per-shard) ceiling: on a
            // one-word query, without feedback terms to dilute it, shards' ceilings
            // moved "said" scores by 2.5-3%.
            same_scores_then_drop(local, remote, recency ? news::kRecencyShare : 1e-9);
            BOOST_TEST(local == remote, "local:\n" << local.dump(1) << "\nremote:\n" << remote.dump(1));
            for (const auto& hit : local.at("hits")) some_hit_has_versions |= hit.at("versions").get<int>() > 1;
        }
    }
    BOOST_TEST(some_hit_has_versions);
}

// Text shows scores, so it is compared without the recency boost (above).
BOOST_AUTO_TEST_CASE(text_output_and_version_listing_are_the_same) {
    RemoteShards& shards = remote_shards();
    for (const std::vector<std::string>& args : {std::vector<std::string>{"--color", "never", "--no-recency", "Blinken Beijing"},
                                                std::vector<std::string>{"--color", "never", "--versions", test::seed_id(0)}}) {
        const auto local = test::search(shards.corpus.db, args);
        const auto remote = test::search(shards.stub, args);
        BOOST_TEST(local.status == 0, test::show(local));
        BOOST_TEST(remote.out == local.out, test::show(remote));
        BOOST_TEST(remote.status == local.status);
    }
}

BOOST_AUTO_TEST_CASE(stories_collapse_across_shards) {
    RemoteShards& shards = remote_shards();
    // A story with versions on both shards is one hit through the stub.
    Xapian::Database shard0(shards.shard_paths[0]), shard1(shards.shard_paths[1]);
    Xapian::Database full(shards.corpus.db);
    std::string split_story;
    for (auto t = full.allterms_begin(std::string(news::schema::prefix::kStory));
         t != full.allterms_end(std::string(news::schema::prefix::kStory)) && split_story.empty(); ++t)
        if (shard0.get_termfreq(*t) > 0 && shard1.get_termfreq(*t) > 0)
            split_story = (*t).substr(news::schema::prefix::kStory.size());
    BOOST_TEST_REQUIRE(!split_story.empty(), "no story has versions on both shards");
    const auto j = json_of(shards.stub, {"story:" + split_story});
    BOOST_TEST(j.at("total").at("count").get<int>() == 1);
    BOOST_TEST_REQUIRE(j.at("hits").size() == 1u);
    const auto versions = full.get_termfreq(std::string(news::schema::prefix::kStory) + split_story);
    BOOST_TEST(j.at("hits")[0].at("versions").get<Xapian::doccount>() == versions);
    BOOST_TEST(j.at("hits")[0].at("matching_versions").get<Xapian::doccount>() == versions);
}

BOOST_AUTO_TEST_SUITE_END()
