// Turns an Article into the Xapian document the schema describes.
#pragma once

#include <xapian.h>

#include <string>

#include "common/article.h"
#include "common/fingerprint.h"

namespace news {

struct BuiltDocument {
    Xapian::Document document;
    std::string id_term;       // the unique `Q` term
    std::string content_hash;  // also in slot::kContentHash
    Fingerprint fingerprint;   // also stored (common/fingerprint_storage.h)
};

class DocumentBuilder {
  public:
    DocumentBuilder();
    // Reuses one TermGenerator: building is the indexer's inner loop.
    BuiltDocument build(const Article& article);

  private:
    Xapian::TermGenerator termgen_;
};

// Hash of the fields that are indexed (not where the article was read
// from), 8 bytes: equal hashes mean re-indexing would change nothing.
std::string content_hash(const Article& article);

// The lower-cased host of a URL ("https://www.bbc.co.uk/x" -> "www.bbc.co.uk").
std::string url_host(const std::string& url);

}  // namespace news
