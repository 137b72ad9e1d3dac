#include "server/assets.h"

namespace news::serve {
namespace {

constexpr std::string_view kStyle = R"CSS(
body { font: 16px/1.45 system-ui, sans-serif; margin: 0; color: #1d1d1f; background: #fafafa; }
header { background: #12355b; padding: .6em 1em; }
header form { display: flex; flex-wrap: wrap; gap: .5em; align-items: center; color: #fff; }
header .home { color: #fff; font-weight: bold; text-decoration: none; margin-right: .5em; }
header input[type=search] { flex: 1 1 20em; font-size: 1.05em; padding: .3em .5em; }
main { max-width: 70em; margin: 0 auto; padding: 0 1em 2em; }
.layout { display: flex; gap: 2em; align-items: flex-start; }
.facets { flex: 0 0 13em; font-size: .92em; }
.facets h2 { font-size: 1em; margin: 1em 0 .3em; }
.facets ul { list-style: none; padding: 0; margin: 0; }
.facets .count { color: #777; }
.results { flex: 1 1 auto; min-width: 0; }
.hits { padding-left: 1.5em; }
.hit { margin: 0 0 1.3em; }
.hit h3 { margin: 0; font-size: 1.12em; }
.meta { color: #4d6b3c; margin: .1em 0; font-size: .9em; }
.snippet { margin: .2em 0; }
mark { background: #ffe58a; color: inherit; }
.chip { display: inline-block; background: #e3ecf7; border-radius: 1em; padding: .1em .7em; text-decoration: none; }
.didyoumean { font-style: italic; }
.error { color: #a00; font-weight: bold; }
details.versions > summary { cursor: pointer; color: #12355b; font-weight: 600; }
ol.timeline { list-style: none; padding: 0; border-left: 3px solid #12355b; margin: .5em 0 .5em .3em; }
ol.timeline > li { padding: .2em 0 .6em 1em; }
ol.timeline h4 { margin: .1em 0; }
.first-badge { background: #12355b; color: #fff; border-radius: .3em; padding: 0 .4em; font-size: .85em; }
.when { margin: 0; color: #555; }
.changes-summary { margin: .1em 0; font-size: .92em; }
.diff { font-size: .92em; background: #fff; border: 1px solid #ddd; padding: .5em; }
.diff del { background: #fdd; color: #900; }
.diff ins { background: #dfd; color: #060; text-decoration: none; }
.change.synonym { outline: 2px solid #f0a000; }
.change.link-line { outline: 2px solid #c00; }
.change.numbers { outline: 2px dashed #06c; }
.skipped { color: #888; font-style: italic; }
.pages { margin: 1em 0; }
.alerts { margin-top: 2em; }
.unread { font-weight: bold; color: #a00; }
)CSS";

// Loads a story's timeline into its "N versions" when opened; without
// JavaScript the link inside goes to the timeline page instead. The HTML
// comes from this server, already escaped.
constexpr std::string_view kScript = R"JS(
document.addEventListener('toggle', function (event) {
  var details = event.target;
  if (!details.matches || !details.matches('details.versions') || !details.open || details.dataset.loaded) return;
  details.dataset.loaded = '1';
  var slot = details.querySelector('.timeline-slot');
  fetch(details.dataset.timeline, {headers: {'Accept': 'text/html'}})
    .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.text(); })
    .then(function (html) { slot.innerHTML = html; })
    .catch(function (e) { slot.textContent = 'The timeline could not be loaded (' + e.message + ').'; });
}, true);
)JS";

const Asset kAssets[] = {{"text/css; charset=utf-8", kStyle}, {"text/javascript; charset=utf-8", kScript}};

}  // namespace

const Asset* find_asset(std::string_view path) {
    if (path == "/static/style.css") return &kAssets[0];
    if (path == "/static/app.js") return &kAssets[1];
    return nullptr;
}

}  // namespace news::serve
