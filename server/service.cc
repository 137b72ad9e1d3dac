#include "server/service.h"

#include "common/database.h"
#include "common/error.h"
#include "searcher/printer.h"
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
        if (request.empty()) {
            if (api) throw BadRequest("no query given: q is needed");
            return html_response(search_page(request, nullptr, {}));
        }
        if (!api) request.facets = "source,month";
        const SearchRequest search = request.search();
        Searcher searcher(open_for_reading(db_path_));
        const SearchResult result = searcher.search(search);
        if (api) return json_response(results_json(search, result));
        return html_response(search_page(request, &result, {}));
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
    return error_response(path, 404, "no such page: " + path.substr(0, 100));
}

}  // namespace news::serve
