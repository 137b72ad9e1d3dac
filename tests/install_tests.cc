// `cmake --install` puts the binaries and the bash completions in place, and
// the completions complete options and their values in a real bash.
#define BOOST_TEST_MODULE install_tests
#include <boost/test/unit_test.hpp>
#include <sys/stat.h>

#include <algorithm>
#include <string>
#include <vector>

#include "test_support.h"

#ifndef NEWS_TEST_CMAKE
#define NEWS_TEST_CMAKE "cmake"
#endif
#ifndef NEWS_TEST_BUILD_DIR
#define NEWS_TEST_BUILD_DIR "."
#endif
#ifndef NEWS_TEST_COMPLETIONS
#define NEWS_TEST_COMPLETIONS "completions"
#endif

namespace {

std::string show(const test::RunResult& r) {
    return "exit " + std::to_string(r.status) + "\n--- stdout\n" + r.out + "--- stderr\n" + r.err;
}

bool executable(const std::string& path) {
    struct stat st {};
    return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & S_IXUSR);
}

// COMPREPLY, one per line, after completing `words` (the last is the word
// being completed) with the completion script for `command`.
std::vector<std::string> complete(const std::string& command, const std::string& binary,
                                  const std::vector<std::string>& words) {
    const std::string script = std::string(NEWS_TEST_COMPLETIONS) + "/" + command + ".bash";
    std::string array = "'" + binary + "'";
    for (const auto& w : words) array += " '" + w + "'";
    const std::string function = command == "news-search" ? "_news_search" : "_news_index";
    const auto r = test::run({"/bin/bash", "--noprofile", "--norc", "-c",
                              "source '" + script + "' && complete -p " + command + " >/dev/null && COMP_WORDS=(" +
                                  array + ") && COMP_CWORD=$((${#COMP_WORDS[@]} - 1)) && " + function +
                                  " && printf '%s\\n' \"${COMPREPLY[@]}\""});
    BOOST_TEST(r.status == 0, show(r));
    return test::lines_of(r.out);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(install)

BOOST_AUTO_TEST_CASE(cmake_install_puts_binaries_and_completions_in_place) {
    test::TempDir dir;
    const std::string root = dir / "root", prefix = "/usr/local";
    const auto r = test::run({"/usr/bin/env", "DESTDIR=" + root, NEWS_TEST_CMAKE, "--install", NEWS_TEST_BUILD_DIR,
                              "--prefix", prefix});
    BOOST_TEST_REQUIRE(r.status == 0, show(r));
    for (const char* bin : {"news-index", "news-search"})
        BOOST_TEST(executable(root + prefix + "/bin/" + bin), bin);
    for (const char* command : {"news-index", "news-search"}) {
        const std::string installed = root + prefix + "/share/bash-completion/completions/" + command;
        BOOST_TEST_REQUIRE(std::filesystem::exists(installed), installed);
        BOOST_TEST(test::read_file(installed) ==
                   test::read_file(std::string(NEWS_TEST_COMPLETIONS) + "/" + command + ".bash"));
    }
    // The installed binary runs.
    const auto help = test::run({root + prefix + "/bin/news-search", "--help"});
    BOOST_TEST(help.status == 0, show(help));
    // The man pages are installed and render, with the tools' own options.
    for (const auto& [command, option] : {std::pair{"news-index", "--batch-size"}, std::pair{"news-search", "--versions"}}) {
        const std::string page = root + prefix + "/share/man/man1/" + command + ".1";
        BOOST_TEST_REQUIRE(std::filesystem::exists(page), page);
        const auto man = test::run({"/usr/bin/env", "LC_ALL=C", "MANWIDTH=80", "man", "-l", page});
        BOOST_TEST(man.status == 0, show(man));
        BOOST_TEST(man.out.find("NAME") != std::string::npos, show(man));
        BOOST_TEST(man.out.find(std::string(command) + " - ") != std::string::npos, show(man));
        BOOST_TEST(man.out.find(option) != std::string::npos, show(man));
        BOOST_TEST(man.out.find("SEE ALSO") != std::string::npos, show(man));
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(bash_completion)

BOOST_AUTO_TEST_CASE(news_search_options_and_values) {
    const std::string bin = test::search_bin();
    BOOST_TEST((complete("news-search", bin, {"--for"}) == std::vector<std::string>{"--format"}));
    BOOST_TEST((complete("news-search", bin, {"--format", ""}) ==
                std::vector<std::string>{"text", "json", "jsonl", "tsv"}));
    BOOST_TEST((complete("news-search", bin, {"--format", "=", "js"}) == std::vector<std::string>{"json", "jsonl"}));
    BOOST_TEST((complete("news-search", bin, {"--sort", "n"}) == std::vector<std::string>{"newest"}));
    BOOST_TEST((complete("news-search", bin, {"--color", ""}) == std::vector<std::string>{"auto", "always", "never"}));
    BOOST_TEST((complete("news-search", bin, {"--facets", "source,m"}) == std::vector<std::string>{"source,month"}));
    BOOST_TEST((complete("news-search", bin, {"--facets", "month,"}) ==
                std::vector<std::string>{"month,source", "month,year", "month,day"}));
    // Every option --help lists completes.
    const auto all = complete("news-search", bin, {"--"});
    for (const char* option : {"--db", "--limit", "--offset", "--facets", "--format", "--sort", "--versions"})
        BOOST_TEST((std::find(all.begin(), all.end(), option) != all.end()), option);
}

BOOST_AUTO_TEST_CASE(news_index_commands_options_and_files) {
    const std::string bin = test::index_bin();
    BOOST_TEST((complete("news-index", bin, {""}) ==
                std::vector<std::string>{"build", "remove", "stats", "dups", "compact", "compare"}));
    BOOST_TEST((complete("news-index", bin, {"s"}) == std::vector<std::string>{"stats"}));
    BOOST_TEST((complete("news-index", bin, {"--db", "x", "d"}) == std::vector<std::string>{"dups"}));
    BOOST_TEST((complete("news-index", bin, {"build", "--no"}) == std::vector<std::string>{"--no-compact", "--no-group"}));
    BOOST_TEST((complete("news-index", bin, {"dups", "--level", ""}) == std::vector<std::string>{"story", "event"}));
    // Each command completes its own options (and the global ones), not the others'.
    const auto build_options = complete("news-index", bin, {"build", "--"});
    for (const char* option : {"--db", "--help", "--version", "--strict", "--field", "--jobs"})
        BOOST_TEST((std::find(build_options.begin(), build_options.end(), option) != build_options.end()), option);
    for (const char* option : {"--level", "--min-size", "--format"})
        BOOST_TEST((std::find(build_options.begin(), build_options.end(), option) == build_options.end()), option);
    BOOST_TEST((complete("news-index", bin, {"dups", "--l"}) == std::vector<std::string>{"--level"}));
    BOOST_TEST((complete("news-index", bin, {"stats", "--f"}) == std::vector<std::string>{"--format"}));
    BOOST_TEST((complete("news-index", bin, {"remove", "--q"}) == std::vector<std::string>{"--quiet"}));
    BOOST_TEST((complete("news-index", bin, {"build", "--field", "ti"}) == std::vector<std::string>{"title="}));
    // build completes files: the corpus directory's seeds.
    const auto files = complete("news-index", bin, {"build", test::seeds_dir() + "/000"});
    BOOST_TEST_REQUIRE(files.size() == 1u);
    BOOST_TEST(files[0] == test::seed_path(0));
}

BOOST_AUTO_TEST_SUITE_END()
