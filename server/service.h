// What news-serve answers, apart from HTTP: a path and its parameters in, a
// status, type and body out. Each request opens the database afresh, so it
// reads one committed revision, the newest, even while a build commits.
#pragma once

#include <string>

#include "server/page_request.h"

namespace news::serve {

struct Response {
    int status = 200;
    std::string content_type;
    std::string body;
};

class Service {
  public:
    explicit Service(std::string db_path) : db_path_(std::move(db_path)) {}
    // Routes: / (search page), /timeline?id=ID[&fragment=1], /alerts[?name=N],
    // /api/search (the document of news-search --format json),
    // /api/timeline?id=ID (--timeline ID --format json), /api/alerts,
    // /static/*. Anything else is 404; bad parameters 400.
    Response handle(const std::string& path, const Params& params) const;

  private:
    Response route(const std::string& path, const Params& params) const;
    std::string db_path_;
};

}  // namespace news::serve
