// The page's stylesheet and script, compiled into news-serve: the server
// reads no file to answer a request.
#pragma once

#include <string_view>

namespace news::serve {

struct Asset {
    std::string_view content_type;
    std::string_view body;
};

// The asset at a path under /static/ ("/static/style.css"), or null.
const Asset* find_asset(std::string_view path);

}  // namespace news::serve
