#include "server/service.h"

#include <algorithm>

#include "common/database.h"
#include "common/error.h"
#include "searcher/alerts_output.h"
#include "searcher/printer.h"
#include "searcher/saved_searches.h"
#include "searcher/query.h"
#include "searcher/search.h"
#include "searcher/timeline.h"
#include "server/assets.h"
#include "server/page.h"

namespace news::serve {
namespace {

constexpr const char* kHtml = "text/html; charset=utf-8";
constexpr const char* kJson = "application/json";

Response html_response(std::string body) { return {200, kHtml, std::move(body)}; }
Response json_response(std::string body) { return {200, kJson, std::move(body)}; }

bool wants_json(const std::string& path) { return path.rfind("/api/", 0) == 0; }

Response error_response(const std::string& path, int status, const std::string& message) {
    if (wants_json(path)) {
        // A message may hold anything the request did; JSON-escape it by hand
        // to keep this free of the printer's types.
        std::string escaped;
        for (const char c : message) {
            if (c == '"' || c == '\\') escaped += '\\';
            if (static_cast<unsigned char>(c) < 0x20) continue;
            escaped += c;
        }
        return {status, kJson, "{\"error\": \"" + escaped + "\", \"status\": " + std::to_string(status) + "}\n"};
    }
    return {status, kHtml, error_page(status, message)};
}

Timeline load_timeline(const std::string& db_path, const std::string& id) {
    Searcher searcher(open_for_reading(db_path));
    return make_timeline(id, searcher.versions(id, Grouping::kStory));
}

// The page's list of saved searches with their unread counts.
std::vector<AlertLine> alert_lines(const Xapian::Database& db) {
    std::vector<AlertLine> lines;
    for (const auto& s : saved_searches(db)) {
        size_t stories = 0;
        for (const auto& a : s.unread) stories += a.new_story;
        lines.push_back({s.name, s.query, stories});
    }
    return lines;
}

}  // namespace

Response Service::handle(const std::string& path, const Params& params) const {
    try {
        return route(path, params);
    } catch (const BadRequest& e) {
        return error_response(path, 400, e.what());
    } catch (const QuerySyntaxError& e) {
        return error_response(path, 400, std::string("query syntax error: ") + e.what());
    } catch (const Error& e) {
        // Usage errors are the request's (a bad date, an unknown id);
        // anything else is the server's.
        if (e.kind() == ErrorKind::kUsage) return error_response(path, 400, e.what());
        return error_response(path, 500, e.what());
    } catch (const Xapian::Error& e) {
        return error_response(path, 500, e.get_description());
    } catch (const std::exception& e) {
        return error_response(path, 500, e.what());
    }
}

Response Service::route(const std::string& path, const Params& params) const {
    if (const Asset* asset = find_asset(path)) {
        if (!params.empty()) throw BadRequest("static files take no parameters");
        return {200, std::string(asset->content_type), std::string(asset->body)};
    }
    if (path == "/" || path == "/api/search") {
        PageRequest request = parse_page_request(params);
        const bool api = path != "/";
        const Xapian::Database db = open_for_reading(db_path_);
        if (request.empty()) {
            if (api) throw BadRequest("no query given: q is needed");
            return html_response(search_page(request, nullptr, alert_lines(db)));
        }
        if (!api) request.facets = "source,month";
        const SearchRequest search = request.search();
        Searcher searcher(db);
        const SearchResult result = searcher.search(search);
        if (api) return json_response(results_json(search, result));
        return html_response(search_page(request, &result, alert_lines(db)));
    }
    if (path == "/timeline" || path == "/api/timeline") {
        check_names(params, {"id", "fragment"});
        const std::string id = single_value(params, "id", 2000);
        if (id.empty()) throw BadRequest("id is needed");
        const std::string fragment = single_value(params, "fragment", 1);
        if (!fragment.empty() && fragment != "1") throw BadRequest("fragment must be 1");
        const Timeline timeline = load_timeline(db_path_, id);
        if (path == "/api/timeline") return json_response(timeline_json(timeline));
        return html_response(fragment.empty() ? timeline_page(timeline) : timeline_fragment(timeline));
    }
    if (path == "/alerts" || path == "/api/alerts") {
        // Read only: the page shows alerts without marking them read
        // (news-search --alerts does that).
        check_names(params, {"name"});
        const std::string name = single_value(params, "name", 64);
        std::vector<SavedSearch> searches = saved_searches(open_for_reading(db_path_));
        if (!name.empty()) {
            searches.erase(std::remove_if(searches.begin(), searches.end(),
                                          [&](const SavedSearch& s) { return s.name != name; }),
                           searches.end());
            if (searches.empty()) throw BadRequest("no saved search named " + name);
        }
        if (path == "/api/alerts") return json_response(saved_searches_json(searches, true));
        return html_response(alerts_page(searches));
    }
    return error_response(path, 404, "no such page: " + path.substr(0, 100));
}

}  // namespace news::serve
