#include "searcher/search.h"

#include <algorithm>
#include <filesystem>
#include <limits>
#include <map>

#include "common/database.h"
#include "common/error.h"
#include "common/fingerprint.h"
#include "common/schema.h"
#include "common/similarity.h"
#include "common/xapian_error.h"
#include "common/keys.h"
#include "searcher/feedback.h"
#include "searcher/query.h"
#include "searcher/request_query.h"

namespace news {
namespace {

// How many documents match `query` in each group of the page that has more
// than one version: one boolean match restricted to those groups (the
// matcher drives it from their few postings), counted per key by Xapian's
// ValueCountMatchSpy, which remote databases run too. Xapian's collapse
// count is no substitute: it is only a lower bound.
std::map<std::string, Xapian::doccount> count_matching_versions(const Xapian::Database& db, const Xapian::Query& query,
                                                                GroupLevel level,
                                                                const std::vector<std::string>& keys) {
    std::map<std::string, Xapian::doccount> counts;
    if (keys.empty()) return counts;
    std::vector<Xapian::Query> groups;
    for (const auto& key : keys) groups.emplace_back(schema::term(group_prefix(level), key));
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query,
                                    Xapian::Query(Xapian::Query::OP_OR, groups.begin(), groups.end())));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::ValueCountMatchSpy per_key(group_slot(level));
    enquire.add_matchspy(&per_key);
    enquire.get_mset(0, 0, db.get_doccount());
    for (auto v = per_key.values_begin(); v != per_key.values_end(); ++v) counts[*v] = v.get_termfreq();
    return counts;
}

bool counts_every_match(const SearchRequest& request) { return request.exact_total || !request.facets.empty(); }

// check_at_least for get_mset: the page and the request's exact-total
// articles after it; every document when every match is to be counted. The
// sum saturates, as offset and limit may each be near INT_MAX.
Xapian::doccount count_target(const Xapian::Database& db, const SearchRequest& request) {
    const unsigned long long wanted = counts_every_match(request)
                                          ? db.get_doccount()
                                          : 0ULL + request.offset + request.limit + request.exact_total_articles;
    return static_cast<Xapian::doccount>(std::min<unsigned long long>(std::numeric_limits<Xapian::doccount>::max(), wanted));
}

// The total under the request's grouping: exact when the match saw every
// matching document, Xapian's estimate otherwise (never below the hits it
// saw).
void set_total(const Xapian::Database& db, Xapian::doccount check_at_least, SearchResult& result) {
    // Having looked at every document, the collapsed lower bound (groups seen
    // plus documents without a key) is the exact number of groups.
    result.total_exact = check_at_least >= db.get_doccount() || result.matches_lower == result.matches_upper;
    result.total = result.total_exact ? result.matches_lower : std::max(result.matches_lower, result.matches_estimated);
}

// How the search's matches are ranked and collapsed: the same for the
// first match and the feedback rerank.
void configure(Xapian::Enquire& enquire, const Xapian::Database& db, const SearchRequest& request) {
    enquire.set_weighting_scheme(*make_weight(request.ranking));
    if (const auto level = group_level(request.grouping)) enquire.set_collapse_key(group_slot(*level));
    switch (request.sort) {
        case SortOrder::kRelevance: break;
        // Undated articles have no timestamp, and the empty value sorts before
        // every date: last already when the newest come first, and given a key
        // past every date when the oldest do.
        case SortOrder::kNewest: enquire.set_sort_by_value_then_relevance(schema::slot::kTimestamp, true); break;
        case SortOrder::kOldest: {
            auto* undated_last = new Xapian::MultiValueKeyMaker;
            undated_last->add_value(schema::slot::kTimestamp, false,
                                    db.get_value_upper_bound(schema::slot::kTimestamp) + "\xff");
            enquire.set_sort_by_key_then_relevance(undated_last->release(), false);
            break;
        }
    }
}

// The page of hits of the first match `candidates` (the best ones from the
// first, whose page ends no deeper, one per group), reranked with
// pseudo-relevance feedback terms from its top hits (searcher/feedback.h).
// Only those candidates are matched again, so the terms' postings are read
// for them alone and each story shows the version the first match chose: on
// one database by a list of their document ids; through a stub of shards or
// a remote database, where such a list cannot go, by their id terms.
Xapian::MSet reranked_page(const Xapian::Database& db, const SearchRequest& request, const RequestQuery& queries,
                           const Xapian::MSet& candidates) {
    const Xapian::Query expanded =
        ranked_query(db, request, with_feedback(queries.words_ranked, db, candidates, request.ranking));
    Xapian::Enquire enquire(db);
    configure(enquire, db, request);
    // The candidates are one per group already (the first match collapsed
    // them): collapsing again would only read their keys.
    enquire.set_collapse_key(Xapian::BAD_VALUENO);
    if (db.size() == 1) {
        std::vector<Xapian::docid> ids;
        for (auto m = candidates.begin(); m != candidates.end(); ++m) ids.push_back(*m);
        enquire.set_query(only_documents(expanded, std::move(ids)));
        try {
            return enquire.get_mset(request.offset, request.limit);
        } catch (const Xapian::UnimplementedError&) {
            // A remote database: the list cannot be sent to it.
        }
    }
    enquire.set_query(only_candidates(db, expanded, candidates));
    return enquire.get_mset(request.offset, request.limit);
}

Xapian::doccount saturating_sum(Xapian::doccount a, Xapian::doccount b) {
    return static_cast<Xapian::doccount>(
        std::min<unsigned long long>(std::numeric_limits<Xapian::doccount>::max(), 0ULL + a + b));
}

SearchResult run_search(const Xapian::Database& db, const SearchRequest& request) {
    SearchResult result;
    result.query = request.query;
    const RequestQuery request_queries = request_query(db, request, result);
    const Xapian::Query& query = request_queries.matching;
    result.parsed = query.get_description();
    Xapian::Enquire enquire(db);
    enquire.set_query(request_queries.ranked);
    configure(enquire, db, request);
    const auto level = group_level(request.grouping);
    FacetCounter facets(request.facets, level ? std::optional<Xapian::valueno>(group_slot(*level)) : std::nullopt);
    facets.attach(enquire);
    const Xapian::doccount check_at_least = count_target(db, request);
    // With feedback, the first match ranks the candidates the rerank orders:
    // the first `feedback_depth` hits, or the page's if it ends deeper.
    const bool rerank = request_queries.feedback;
    const Xapian::doccount page_end = saturating_sum(request.offset, request.limit);
    Xapian::MSet mset =
        rerank ? enquire.get_mset(0, std::max(page_end, request.ranking.feedback_depth), check_at_least)
               : enquire.get_mset(request.offset, request.limit, check_at_least);
    result.matches_estimated = mset.get_matches_estimated();
    result.matches_lower = mset.get_matches_lower_bound();
    result.matches_upper = mset.get_matches_upper_bound();
    set_total(db, check_at_least, result);
    result.facets = facets.results();
    if (rerank && !mset.empty()) mset = reranked_page(db, request, request_queries, mset);
    // Snippets come from an MSet of the query; one of its title terms
    // unprefixed when it has any, so that `title:` matches are marked too.
    // Always from the matching query: the ranked one's feedback terms were not typed.
    Xapian::MSet highlighting = mset;
    if (!mset.empty()) {
        Xapian::Enquire highlight_enquire(db);
        const auto unprefixed = title_terms_unprefixed(query);
        highlight_enquire.set_query(unprefixed ? *unprefixed : query);
        highlighting = highlight_enquire.get_mset(0, 0);
    }
    const std::vector<QueryWord> words = query_words(query);
    std::vector<std::string> grouped_keys;  // of hits standing for more than one version
    for (auto m = mset.begin(); m != mset.end(); ++m) {
        Hit hit;
        const Xapian::Document doc = m.get_document();
        hit.rank = m.get_rank() + 1;
        hit.article = unserialise_article(doc.get_data());
        hit.score = m.get_weight();
        hit.story = doc.get_value(schema::slot::kStory);
        hit.event = doc.get_value(schema::slot::kEvent);
        if (level) {
            // The key is one of the two just read (each value read is a block read).
            const std::string& key = *level == GroupLevel::kStory ? hit.story : hit.event;
            const std::string term = schema::term(group_prefix(*level), key);
            hit.versions = std::max<Xapian::doccount>(1, db.get_termfreq(term));
            if (hit.versions > 1) grouped_keys.push_back(key);
        }
        hit.title = make_title(highlighting, hit.article.title);
        hit.snippet = make_snippet(highlighting, hit.article.body, request.snippet_bytes, words, doc);
        result.hits.push_back(std::move(hit));
    }
    if (level) {
        const auto matching = count_matching_versions(db, query, *level, grouped_keys);
        for (auto& hit : result.hits) {
            const auto count = matching.find(request.grouping == Grouping::kStory ? hit.story : hit.event);
            if (count != matching.end()) hit.matching_versions = count->second;
        }
    }
    return result;
}

std::vector<Version> list_versions(const Xapian::Database& db, const std::string& id, Grouping grouping) {
    // An id, or the path of an article's file (common/database.h).
    const auto found = find_article(db, id);
    if (!found) throw Error(ErrorKind::kUsage, "no article with id " + id);
    const Xapian::docid shown_id = *found;
    const Xapian::Document shown = db.get_document(shown_id);
    TermWeights weights(db);
    auto fingerprint_of = [&](const Xapian::Document& doc) { return load_fingerprint(doc, weights); };
    const WeighedFingerprint shown_fp = fingerprint_of(shown);

    std::vector<Xapian::docid> members{shown_id};
    if (const auto level = group_level(grouping)) {
        const std::string term = schema::term(group_prefix(*level), shown.get_value(group_slot(*level)));
        members.clear();
        for (auto q = db.postlist_begin(term); q != db.postlist_end(term); ++q) members.push_back(*q);
    }
    std::vector<Version> out;
    for (const Xapian::docid member : members) {
        const Xapian::Document doc = db.get_document(member);
        Version v;
        v.article = unserialise_article(doc.get_data());
        v.story = doc.get_value(schema::slot::kStory);
        v.shown = member == shown_id;
        const Evidence evidence = compare(shown_fp, fingerprint_of(doc));
        v.similarity = v.shown ? 1.0 : evidence.cosine;
        v.relation = v.shown ? "shown" : to_string(judge(evidence));
        out.push_back(std::move(v));
    }
    std::stable_sort(out.begin(), out.end(), [](const Version& a, const Version& b) {
        if (a.shown != b.shown) return a.shown;
        return a.similarity > b.similarity;
    });
    return out;
}

// A `news-index build` committing meanwhile can overwrite the revision being
// read (a reader only keeps its place while the writer is within one commit of
// it); the whole operation is redone on the newest revision.
constexpr int kReopenAttempts = 3;

template <typename Operation>
auto reopening_if_modified(Xapian::Database& db, Operation operation) {
    for (int reopened = 0;; ++reopened) {
        try {
            return operation();
        } catch (const Xapian::DatabaseModifiedError& e) {
            if (reopened == kReopenAttempts) throw from_xapian(e, "reading the database");
            db.reopen();
        } catch (const Xapian::Error& e) {
            throw from_xapian(e, "reading the database");
        }
    }
}

}  // namespace

Searcher::Searcher(Xapian::Database db) : db_(std::move(db)) {}

SearchResult Searcher::search(const SearchRequest& request) {
    return reopening_if_modified(db_, [&] { return run_search(db_, request); });
}

std::vector<Version> Searcher::versions(const std::string& id, Grouping grouping) {
    return reopening_if_modified(db_, [&] { return list_versions(db_, id, grouping); });
}

}  // namespace news
