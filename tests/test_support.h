// Shared helpers for the news-search test suites: paths handed over by CTest,
// temporary directories, file I/O, and running the command-line binaries.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace test {

namespace fs = std::filesystem;

inline std::string env_or(const char* name, const char* fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::string(v) : std::string(fallback);
}

#ifndef NEWS_TEST_DEFAULT_CORPUS
#define NEWS_TEST_DEFAULT_CORPUS "corpus"
#endif
#ifndef NEWS_TEST_DEFAULT_DATA
#define NEWS_TEST_DEFAULT_DATA "tests/data"
#endif
#ifndef NEWS_TEST_DEFAULT_TMPDIR
#define NEWS_TEST_DEFAULT_TMPDIR "/tmp"
#endif
#ifndef NEWS_TEST_DEFAULT_INDEX_BIN
#define NEWS_TEST_DEFAULT_INDEX_BIN "news-index"
#endif
#ifndef NEWS_TEST_DEFAULT_SEARCH_BIN
#define NEWS_TEST_DEFAULT_SEARCH_BIN "news-search"
#endif

inline std::string corpus_dir() { return env_or("NEWS_TEST_CORPUS", NEWS_TEST_DEFAULT_CORPUS); }
inline std::string data_dir() { return env_or("NEWS_TEST_DATA", NEWS_TEST_DEFAULT_DATA); }
inline std::string seeds_dir() { return corpus_dir() + "/seeds"; }
inline std::string reuters_path() { return corpus_dir() + "/reuters-sample.jsonl"; }
inline std::string index_bin() { return env_or("NEWS_INDEX_BIN", NEWS_TEST_DEFAULT_INDEX_BIN); }
inline std::string search_bin() { return env_or("NEWS_SEARCH_BIN", NEWS_TEST_DEFAULT_SEARCH_BIN); }

// corpus/seeds/NNN_*.txt for seed number n (0..4).
inline std::string seed_path(int n) {
    char prefix[8];
    std::snprintf(prefix, sizeof prefix, "%03d_", n);
    for (const auto& e : fs::directory_iterator(seeds_dir())) {
        const std::string name = e.path().filename().string();
        if (name.compare(0, 4, prefix) == 0) return e.path().string();
    }
    throw std::runtime_error("no seed " + std::string(prefix) + " in " + seeds_dir());
}

// The article id news-index gives a .txt file: its canonical path.
inline std::string seed_id(int n) { return fs::weakly_canonical(seed_path(n)).string(); }

// corpus/html/: HTML pages republishing seed 1 (with the usual page furniture)
// and seed 2 (gzip-compressed), so the corpus has 407 articles.
constexpr size_t kCorpusArticles = 407;
inline std::string html_dir() { return corpus_dir() + "/html"; }
inline std::string html_copy_path(int seed) {
    if (seed == 1) return html_dir() + "/worlddispatch-blinken-baby-steps.html";
    if (seed == 2) return html_dir() + "/harbourtimes-blinken-opens-talks.html.gz";
    throw std::runtime_error("no HTML copy of seed " + std::to_string(seed));
}
// Its id: the canonical URL the page states.
inline std::string html_copy_id(int seed) {
    if (seed == 1) return "https://worlddispatch.example/2023/06/19/blinken-takes-baby-steps-to-revive-us-china-relations/";
    if (seed == 2) return "https://www.harbourtimes.example/world/asia/blinken-opens-talks-with-chinas-top-envoy-20230619";
    throw std::runtime_error("no HTML copy of seed " + std::to_string(seed));
}
// An id of one of the seeds or of an HTML copy of one.
inline bool is_seed_version(const std::string& id) {
    return id.find("/seeds/") != std::string::npos || id == html_copy_id(1) || id == html_copy_id(2);
}

inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void write_file(const std::string& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + path);
    out << content;
}

// Writes `content` gzip-compressed.
inline void write_gzip(const std::string& path, const std::string& content) {
    gzFile gz = gzopen(path.c_str(), "wb");
    if (!gz) throw std::runtime_error("cannot write " + path);
    const bool ok = content.empty() || gzwrite(gz, content.data(), static_cast<unsigned>(content.size())) ==
                                           static_cast<int>(content.size());
    if (gzclose(gz) != Z_OK || !ok) throw std::runtime_error("cannot write " + path);
}

// A fresh directory under NEWS_TEST_TMPDIR, removed with everything in it.
class TempDir {
  public:
    TempDir() {
        std::string base = env_or("NEWS_TEST_TMPDIR", NEWS_TEST_DEFAULT_TMPDIR);
        std::error_code ec;
        fs::create_directories(base, ec);
        std::string tmpl = base + "/news-test-XXXXXX";
        std::vector<char> buf(tmpl.begin(), tmpl.end());
        buf.push_back('\0');
        if (!mkdtemp(buf.data())) throw std::runtime_error("mkdtemp " + tmpl + ": " + std::strerror(errno));
        path_ = buf.data();
    }
    ~TempDir() {
        std::error_code ec;
        // Files a test made unreadable must not stop the clean-up.
        for (auto it = fs::recursive_directory_iterator(path_, ec); !ec && it != fs::recursive_directory_iterator();
             it.increment(ec))
            if (!it->is_symlink(ec)) fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::string& path() const { return path_; }
    std::string operator/(const std::string& name) const { return path_ + "/" + name; }

  private:
    std::string path_;
};

struct RunResult {
    int status = -1;  // exit status, or 128 + signal
    std::string out;
    std::string err;
};

using Environment = std::vector<std::pair<std::string, std::string>>;

// Runs `argv` (argv[0] a path) with stdin from /dev/null and stdout and
// stderr captured through pipes, so the program sees piped output; `env`
// adds to (or overrides) the environment of the program.
inline RunResult run(const std::vector<std::string>& argv, const Environment& env = {}) {
    int out_pipe[2], err_pipe[2];
    if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0) throw std::runtime_error("pipe failed");
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        const int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0) dup2(devnull, STDIN_FILENO);
        dup2(out_pipe[1], STDOUT_FILENO);
        dup2(err_pipe[1], STDERR_FILENO);
        close(out_pipe[0]), close(out_pipe[1]), close(err_pipe[0]), close(err_pipe[1]);
        for (const auto& [name, value] : env) setenv(name.c_str(), value.c_str(), 1);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execv(args[0], args.data());
        std::fprintf(stderr, "exec %s: %s\n", args[0], std::strerror(errno));
        _exit(127);
    }
    close(out_pipe[1]);
    close(err_pipe[1]);
    RunResult r;
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    std::string* sinks[2] = {&r.out, &r.err};
    int open_fds = 2;
    char buf[65536];
    while (open_fds > 0) {
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            const ssize_t n = read(fds[i].fd, buf, sizeof buf);
            if (n > 0) {
                sinks[i]->append(buf, static_cast<size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                close(fds[i].fd);
                fds[i].fd = -1;
                --open_fds;
            }
        }
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status)) r.status = WEXITSTATUS(status);
    else if (WIFSIGNALED(status)) r.status = 128 + WTERMSIG(status);
    return r;
}

// Starts `argv` in the background with stdout and stderr going to files;
// wait_for() reaps it.
inline pid_t spawn(const std::vector<std::string>& argv, const std::string& out_path, const std::string& err_path,
                   const Environment& env = {}) {
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        const int devnull = open("/dev/null", O_RDONLY);
        const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (devnull < 0 || out < 0 || err < 0) _exit(127);
        dup2(devnull, STDIN_FILENO);
        dup2(out, STDOUT_FILENO);
        dup2(err, STDERR_FILENO);
        for (const auto& [name, value] : env) setenv(name.c_str(), value.c_str(), 1);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
    return pid;
}

// Exit status of a spawned process (128 + signal if killed); blocks.
inline int wait_for(pid_t pid) {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}

// True while a spawned process has not exited (without reaping it).
inline bool still_running(pid_t pid) {
    siginfo_t info{};
    info.si_pid = 0;
    return waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == 0;
}

// A JSON string literal for plain ASCII text (no escapes needed).
inline std::string json_string(const std::string& s) { return "\"" + s + "\""; }

// Writes `count` synthetic articles as JSON Lines: pseudo-words with a
// skewed frequency (so some words are common and some rare), dates over two
// years (every 17th article undated), four sources, and every 7th article a
// lightly edited copy of an earlier one a day later, so duplicate detection
// has stories to find. Ids are "syn-N"; every 50th line repeats the line
// before it (the same id twice). Each body holds the word "synthmarker".
// Returns the number of distinct ids written.
inline size_t write_synthetic_jsonl(const std::string& path, size_t count, unsigned seed = 1) {
    unsigned long long state = seed * 2654435761ULL + 1;
    auto next = [&] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<unsigned>(state >> 33);
    };
    static const char* syllables[] = {"ka", "lo", "mi", "ren", "tas", "vo", "pel", "dri", "son", "gua",
                                      "ber", "nix", "ta", "om", "sul", "fen", "ri", "cha", "po", "ly"};
    std::vector<std::string> vocab;
    for (int i = 0; i < 3000; ++i) {
        std::string w;
        const int n = 2 + i % 3;
        unsigned v = static_cast<unsigned>(i) * 7919u + 13u;
        for (int k = 0; k < n; ++k, v /= 20) w += syllables[v % 20];
        vocab.push_back(w);
    }
    auto word = [&] {  // skewed: low indexes far more often
        const double u = (next() % 100000) / 100000.0;
        return vocab[static_cast<size_t>(u * u * u * (vocab.size() - 1))];
    };
    static const char* sources[] = {"Wire One", "Daily Planet", "Gazette", "Herald"};
    std::ofstream out(path, std::ios::trunc);
    std::vector<std::string> bodies, titles;
    std::vector<int> days;
    std::string previous;
    size_t distinct = 0;
    for (size_t i = 0; i < count; ++i) {
        if (i % 50 == 49 && !previous.empty()) {
            out << previous << '\n';
            continue;
        }
        std::string title, body;
        int day = static_cast<int>(next() % 730);
        if (i % 7 == 6 && !bodies.empty()) {
            const size_t src = next() % bodies.size();
            title = titles[src];
            std::istringstream words(bodies[src]);
            size_t k = 0;
            for (std::string w; words >> w; ++k) body += (k % 23 == 5 ? word() : w) + " ";
            day = days[src] + 1;
        } else {
            for (int k = 0, n = 4 + static_cast<int>(next() % 6); k < n; ++k) title += word() + " ";
            for (int k = 0, n = 80 + static_cast<int>(next() % 150); k < n; ++k) body += word() + " ";
            body += "synthmarker.";
        }
        bodies.push_back(body);
        titles.push_back(title);
        days.push_back(day);
        const int year = 2020 + day / 365, doy = day % 365;
        char date[32];
        std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, 1 + doy / 31 % 12, 1 + doy % 28);
        std::string line = "{\"id\": " + json_string("syn-" + std::to_string(i)) + ", \"title\": " + json_string(title) +
                           ", \"body\": " + json_string(body) + ", \"source\": " + json_string(sources[i % 4]);
        if (i % 17 != 3) line += ", \"date\": " + json_string(date);
        line += "}";
        out << line << '\n';
        previous = line;
        ++distinct;
    }
    if (!out) throw std::runtime_error("cannot write " + path);
    return distinct;
}

inline std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

inline size_t count_of(const std::string& haystack, const std::string& needle) {
    size_t n = 0;
    for (size_t pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) ++n;
    return n;
}

// Decodes valid UTF-8 into code points (for slicing by code-point offsets).
inline std::u32string utf8_to_u32(const std::string& s) {
    std::u32string out;
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
        char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
        for (size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out += cp;
        i += len;
    }
    return out;
}

inline std::string u32_to_utf8(const std::u32string& s) {
    std::string out;
    for (char32_t cp : s) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }
    return out;
}

// text[begin, end) in code points.
inline std::string slice_code_points(const std::string& text, size_t begin, size_t end) {
    const std::u32string u = utf8_to_u32(text);
    if (begin > end || end > u.size()) return "<out of range>";
    return u32_to_utf8(u.substr(begin, end - begin));
}

inline std::string ascii_lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace test
