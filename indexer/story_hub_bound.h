// The bound on story stars: an article story-linked to many others that are
// not linked to each other.
//
// Story groups are unions of pairwise story links, so one article linked to
// several others joins them all, however unlike they are. Versions of one
// article are each a version of the others: a wire story's outlets, and a
// content farm's copies (which share the farm's inserted lines), link to each
// other as well as to their source. A short text with little of its own
// (an abstract of 16 words, no names, no figures) does not: out of domain,
// one such abstract was story-linked to 27 others on related subjects, none
// of them linked to another (bench-dedup-ood, NPL; docs/plan-short-items.md).
//
// So an article whose story links reach kHubComponents or more neighbours
// that fall apart without it (no story link between them, and not already
// in one story group) is a hub: it keeps only its links into the part its
// strongest link reaches. A late copy linked to its source and a chain of
// copies are untouched: they reach one or two parts.
//
// Hubs are found on the whole set of the build's story links at once, each
// judged on the links as found (not as bounded), and ties go by article ids,
// so the groups depend on the set of links alone, not on the order articles
// arrived in.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include <xapian.h>

namespace news {

// Neighbours, apart from each other, at which an article is a hub.
inline constexpr size_t kHubComponents = 5;

struct StoryLink {
    Xapian::docid a, b;
    double strength;  // story score over its threshold
    std::string a_id, b_id;  // article ids, for ties
};

// The links of `links` that the bound keeps. `node_of` names a document's
// story node: the same name for two documents already in one story group
// (unchanged by this build), else one of its own.
// `hubs`, if given, receives the hubs found, ascending.
std::vector<StoryLink> bound_story_hubs(const std::vector<StoryLink>& links,
                                        const std::function<std::string(Xapian::docid)>& node_of,
                                        std::vector<Xapian::docid>* hubs = nullptr);

}  // namespace news
