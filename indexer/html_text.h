// What of an HTML page is the article's text: the rules that tell page
// furniture (navigation, adverts, share bars, "Related articles" blocks...)
// from the article, the choice of the element holding the article, and its
// text with paragraph breaks.
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace news::html {

// True for elements the article text leaves out: navigation, header,
// footer, asides, scripts, forms, figures, hidden elements, and elements
// whose class or id names furniture ("ad-slot", "related-posts", "share-bar").
bool is_furniture(const GumboNode* n);

// Non-space bytes of visible text under `n` (furniture left out), and how
// many of them are link text.
void measure_text(const GumboNode* n, bool in_link, size_t& total, size_t& linked, int depth = 0);

// Where the article's text may be, as found outside furniture.
struct ContainerCandidates {
    std::vector<const GumboNode*> article_bodies;  // itemprop=articleBody
    std::vector<const GumboNode*> articles;        // <article>
    std::vector<const GumboNode*> mains;           // <main>
    std::vector<std::pair<const GumboNode*, size_t>> paragraphs;  // <p>, with its non-link text bytes
};

// The element holding the article's text: the largest marked article body,
// else the largest <article>, else <main>, else the element whose
// paragraphs hold the most text; `root` if there are no paragraphs at all.
const GumboNode* main_container(const ContainerCandidates& candidates, const GumboNode* root);

// The text of `container` without furniture, one paragraph per block
// element, paragraphs separated by a blank line; headings other than <h1>
// (the headline) are paragraphs too.
std::string article_text(const GumboNode* container);

}  // namespace news::html
