#include "indexer/jsonl_reader.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/text.h"

namespace news {
namespace {

// Reuters-21578 gives its headline-only flashes the body "******Blah blah
// blah.", and conversions of it keep it: read as a body, it would make every
// flash a full story sharing a word the reference corpus hardly has.
bool is_placeholder_body(std::string_view body) {
    body = trim(body);
    body.remove_prefix(std::min(body.find_first_not_of('*'), body.size()));
    // Every article passes here: lower-case a copy only of text that short.
    constexpr std::string_view kPlaceholder = "blah blah blah.";
    if (body.size() > kPlaceholder.size()) return false;
    const std::string words = to_lower(body);
    return words == kPlaceholder || words == kPlaceholder.substr(0, kPlaceholder.size() - 1);
}

// The member `name` of `j`, or, for a dotted name no member has, the member
// reached through nested objects; null if there is none.
const nlohmann::json* member(const nlohmann::json& j, const std::string& name) {
    if (auto it = j.find(name); it != j.end()) return &*it;
    if (name.find('.') == std::string::npos) return nullptr;
    const nlohmann::json* at = &j;
    for (size_t start = 0;;) {
        const size_t dot = name.find('.', start);
        if (!at->is_object()) return nullptr;
        auto it = at->find(name.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (it == at->end()) return nullptr;
        at = &*it;
        if (dot == std::string::npos) return at;
        start = dot + 1;
    }
}

// The field's text without control characters (they must not reach
// terminals or JSON consumers), stripped straight from the parsed value.
std::string string_field(const nlohmann::json& j, const std::string& name) {
    const nlohmann::json* value = member(j, name);
    if (!value || value->is_null()) return {};
    if (value->is_string()) return strip_controls(value->get_ref<const std::string&>());
    if (value->is_number()) return value->dump();
    throw Error(ErrorKind::kInput, "field \"" + name + "\" is not a string");
}

bool is_hex4(std::string_view s, size_t at) {
    return at + 4 <= s.size() && std::all_of(s.begin() + at, s.begin() + at + 4, [](char c) {
               return std::isxdigit(static_cast<unsigned char>(c));
           });
}

}  // namespace

size_t replace_lone_surrogates(std::string& line) {
    // Backslashes occur in valid JSON only inside strings, as escapes, so a
    // scan from escape to escape cannot mistake text for an escape.
    size_t replaced = 0;
    for (size_t i = line.find('\\'); i != std::string::npos; i = line.find('\\', i)) {
        if (i + 1 >= line.size()) break;
        if (line[i + 1] != 'u' || !is_hex4(line, i + 2)) {
            i += 2;  // "\\", "\n", ...: one escape, never the start of another
            continue;
        }
        const unsigned unit = std::stoul(line.substr(i + 2, 4), nullptr, 16);
        const bool high = unit >= 0xD800 && unit <= 0xDBFF, low = unit >= 0xDC00 && unit <= 0xDFFF;
        if (high && line.compare(i + 6, 2, "\\u") == 0 && is_hex4(line, i + 8)) {
            const unsigned next = std::stoul(line.substr(i + 8, 4), nullptr, 16);
            if (next >= 0xDC00 && next <= 0xDFFF) {
                i += 12;  // a proper pair
                continue;
            }
        }
        if (high || low) {
            line.replace(i + 2, 4, "fffd");
            ++replaced;
        }
        i += 6;
    }
    return replaced;
}

void JsonlFields::assign(const std::string& mapping) {
    const size_t eq = mapping.find('=');
    const std::string field = mapping.substr(0, eq);
    const std::string name = eq == std::string::npos ? std::string() : mapping.substr(eq + 1);
    if (eq == std::string::npos || name.empty())
        throw Error(ErrorKind::kUsage, "--field takes FIELD=NAME (e.g. title=headline), not '" + mapping + "'");
    std::string* target = field == "id"       ? &id
                          : field == "title"  ? &title
                          : field == "body"   ? &body
                          : field == "date"   ? &date
                          : field == "source" ? &source
                          : field == "url"    ? &url
                                              : nullptr;
    if (!target)
        throw Error(ErrorKind::kUsage,
                    "unknown field '" + field + "' in --field (fields: id, title, body, date, source, url)");
    *target = name;
}

Article parse_jsonl_article(const std::string& path, long line_number, const std::string& line,
                            const JsonlFields& fields) {
    if (line.find('\0') != std::string::npos || looks_binary(line))
        throw Error(ErrorKind::kInput, "binary data, not JSON");
    if (auto bad = find_invalid_utf8(line))
        throw Error(ErrorKind::kInput, "invalid UTF-8 at column " + std::to_string(*bad + 1));
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
        throw Error(ErrorKind::kInput, "malformed JSON at column " + std::to_string(e.byte));
    }
    if (!j.is_object()) throw Error(ErrorKind::kInput, "expected a JSON object");
    Article a;
    a.path = path;
    a.line = line_number;
    a.id = string_field(j, fields.id);
    a.title = string_field(j, fields.title);
    a.body = string_field(j, fields.body);
    if (a.body.empty() && fields.body == JsonlFields().body) a.body = string_field(j, "text");
    if (is_placeholder_body(a.body)) a.body.clear();
    a.source = string_field(j, fields.source);
    a.url = string_field(j, fields.url);
    if (const auto* date = member(j, fields.date); date && date->is_number()) {
        // Seconds since 1970, as many feeds export them.
        const double seconds = date->get<double>();
        const long days = static_cast<long>(std::floor(seconds / 86400));
        Date d = Date::from_days(days);
        d.seconds_of_day = static_cast<long>(seconds - days * 86400.0);
        d.has_time = true;
        a.date = d;
        a.date_text = d.iso();
    } else {
        a.date_text = string_field(j, fields.date);
        if (!a.date_text.empty()) a.date = parse_date(a.date_text);
    }
    if (a.id.empty()) a.id = a.url;
    if (a.id.empty()) throw Error(ErrorKind::kInput, "no \"" + fields.id + "\" (or \"" + fields.url + "\") field");
    if (trim(a.title).empty() && trim(a.body).empty())
        throw Error(ErrorKind::kInput, "no \"" + fields.title + "\" or \"" + fields.body + "\" text");
    return a;
}

void read_jsonl_file(const std::string& path, const ArticleHandler& on_article,
                     const ProblemHandler& on_problem, const JsonlFields& fields, size_t max_line_bytes) {
    LineReader reader(path, max_line_bytes);
    std::string line;
    bool any = false;
    for (LineReader::Result result; (result = reader.next(line)) != LineReader::Result::kEnd;) {
        const long number = reader.line_number();
        if (result == LineReader::Result::kTooLong) {
            any = true;
            on_problem({path, number,
                        "line longer than " + describe_size(max_line_bytes) + ", skipped"});
            continue;
        }
        if (trim(line).empty()) continue;
        any = true;
        try {
            const size_t replaced = replace_lone_surrogates(line);
            Article article = parse_jsonl_article(path, number, line, fields);
            if (replaced)
                on_problem({path, number,
                            std::to_string(replaced) + " lone UTF-16 surrogate escape" + (replaced > 1 ? "s" : "") +
                                " (\\ud800-\\udfff) replaced with U+FFFD",
                            true});
            if (!article.date_text.empty() && !article.date)
                on_problem(
                    {path, number, "unreadable date \"" + article.date_text + "\" (indexed without a date)", true});
            on_article(std::move(article));
        } catch (const Error& e) {
            if (e.kind() != ErrorKind::kInput) throw;
            on_problem({path, number, e.what()});
        }
    }
    if (!any) on_problem({path, 0, "empty file, no articles"});
}

}  // namespace news
