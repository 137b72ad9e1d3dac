// news-serve: the search page and JSON API over HTTP, on loopback unless told
// otherwise. A thin layer of cpp-httplib over server/service.h.
#include <httplib.h>

#include <boost/program_options.hpp>
#include <csignal>
#include <iostream>

#include "common/database.h"
#include "common/error.h"
#include "server/service.h"

namespace po = boost::program_options;

namespace {

const char* kUsage = R"(Usage: news-serve [OPTIONS]

Serves the search page of a news-search database over HTTP: a query box with
the query language of news-search, results with highlighted snippets, each
story's timeline with what changed between its versions, facets by source and
month, saved searches with their alerts. The JSON API answers with the
documents of news-search --format json:
  /api/search?q=QUERY[&source=S&month=YYYY-MM&since=D&until=D&sort=S&page=N&n=N&facets=LIST]
  /api/timeline?id=ID    /api/alerts
It listens on loopback (127.0.0.1:8080) unless --listen says otherwise; port 0
picks a free port. The line "listening on http://ADDR:PORT/" on stdout says
where. Stop it with Ctrl-C (SIGINT) or SIGTERM.
)";

// Request bodies are never read (GET only); a request line or header longer
// than this is refused by the library before any handler runs.
constexpr size_t kMaxPayloadBytes = 16 * 1024;

httplib::Server* running = nullptr;

void stop(int) {
    if (running) running->stop();
}

std::pair<std::string, int> parse_listen(const std::string& listen) {
    const size_t colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0)
        throw news::Error(news::ErrorKind::kUsage, "--listen must be ADDRESS:PORT, e.g. 127.0.0.1:8080");
    const std::string port = listen.substr(colon + 1);
    if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(port) > 65535)
        throw news::Error(news::ErrorKind::kUsage, "--listen: bad port \"" + port + "\"");
    std::string host = listen.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    return {host, std::stoi(port)};
}

int run(int argc, char** argv) {
    po::options_description opts("Options");
    opts.add_options()("help,h", "show this help")(
        "db", po::value<std::string>(),
        "database (else $NEWS_DB, else $XDG_DATA_HOME/news-search/db or ~/.local/share/news-search/db)")(
        "listen", po::value<std::string>()->default_value("127.0.0.1:8080"),
        "ADDRESS:PORT to listen on (port 0: any free port)")(
        "threads", po::value<int>()->default_value(8), "requests answered at once");
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(opts).run(), vm);
    if (vm.count("help")) {
        std::cout << kUsage << '\n' << opts;
        return 0;
    }
    const std::string db_path = news::resolve_database_path(vm.count("db") ? vm["db"].as<std::string>() : "");
    news::open_for_reading(db_path);  // fail now, not at the first request
    const auto [host, port] = parse_listen(vm["listen"].as<std::string>());
    const int threads = vm["threads"].as<int>();
    if (threads < 1 || threads > 256) throw news::Error(news::ErrorKind::kUsage, "--threads must be 1 to 256");

    const news::serve::Service service(db_path);
    httplib::Server server;
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.set_payload_max_length(kMaxPayloadBytes);
    server.set_default_headers({{"Content-Security-Policy",
                                 "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                                 "img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"},
                                {"X-Content-Type-Options", "nosniff"},
                                {"Referrer-Policy", "no-referrer"}});
    auto answer = [&service](const httplib::Request& req, httplib::Response& res) {
        const news::serve::Response r = service.handle(req.path, req.params);
        res.status = r.status;
        res.set_content(r.body, r.content_type.c_str());
    };
    server.Get(R"(/.*)", answer);
    // Only GET (and HEAD, which the library answers from GET) is served.
    auto refuse = [](const httplib::Request&, httplib::Response& res) {
        res.status = 405;
        res.set_header("Allow", "GET, HEAD");
        res.set_content("only GET is served\n", "text/plain; charset=utf-8");
    };
    server.Post(R"(/.*)", refuse);
    server.Put(R"(/.*)", refuse);
    server.Delete(R"(/.*)", refuse);
    server.Patch(R"(/.*)", refuse);

    const int bound = port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
    if (bound < 0)
        throw news::Error(news::ErrorKind::kUsage, "cannot listen on " + vm["listen"].as<std::string>());
    running = &server;
    std::signal(SIGINT, stop);
    std::signal(SIGTERM, stop);
    const bool v6 = host.find(':') != std::string::npos;
    std::cout << "news-serve: listening on http://" << (v6 ? "[" + host + "]" : host) << ':' << bound << "/"
              << std::endl;
    server.listen_after_bind();
    return 0;
}

int report(const news::Error& e) {
    std::cerr << news::error_line("news-serve", e) << '\n';
    return news::exit_status(e.kind());
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const news::Error& e) {
        return report(e);
    } catch (const po::error& e) {
        return report(news::Error(news::ErrorKind::kUsage, std::string(e.what()) + " (try --help)"));
    } catch (const std::exception& e) {  // out of memory, a file system error
        return report(news::Error(news::ErrorKind::kSystem, e.what()));
    }
}
