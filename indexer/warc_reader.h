// Web archives (.warc, .warc.gz): the format crawls are kept in (ISO 28500;
// Common Crawl's CC-NEWS is the public news example). Each HTML `response`
// record is one article page, read by the HTML reader (indexer/html_reader.h);
// every other record (warcinfo, request, metadata, a redirect, an image) is
// skipped and counted. A .warc.gz is one gzip member per record, which
// FileSource reads as one stream.
#pragma once

#include <functional>
#include <string>

#include "indexer/input_problem.h"

namespace news {

// Called once per record that is not an article, with why:
// "warcinfo", "request", "metadata", "revisit", "not HTML", "HTTP status 404", ...
using SkippedRecordHandler = std::function<void(const std::string& reason)>;

// Reads every record of `path`. An article's id and url are the page's
// canonical URL, else the record's WARC-Target-URI; its date is the page's
// own, else the record's WARC-Date (when the page was fetched). A page the
// HTML reader rejects goes to `on_problem` as
// "path: record N (byte B): reason" and the next record is read; a
// truncated or malformed record is reported the same way and ends the file,
// since no later record can be found reliably after it. Byte offsets are in
// the decompressed stream.
void read_warc_file(const std::string& path, const ArticleHandler& on_article, const ProblemHandler& on_problem,
                    const SkippedRecordHandler& on_skipped);

}  // namespace news
