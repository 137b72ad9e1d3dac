#!/usr/bin/env python3
"""news-serve over HTTP on a free loopback port: the page, the JSON API being
exactly news-search --format json, escaping of hostile articles, bad
requests, and searches while a build commits."""
import json
import os
import re
import sys
import threading
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve_support as s  # noqa: E402


def q(**params):
    return "?" + urllib.parse.urlencode(params)


class ServeTest(s.ServedCorpus):

    def cli(self, *args):
        r = s.run([s.SEARCH, "--db", self.db] + list(args))
        self.assertIn(r.returncode, (0, 1), r.stderr)
        return r.stdout

    def test_page_answers_spy_balloon_with_one_story_of_three_versions(self):
        status, ctype, body = self.server.get("/" + q(q="spy balloon"))
        self.assertEqual(status, 200)
        self.assertTrue(ctype.startswith("text/html"))
        # The seeds' story comes first (the Reuters sample has a "spy" too).
        first_hit = body.split('<li class="hit">')[1]
        self.assertIn("3 versions</summary>", first_hit)
        self.assertIn("of 1 story", self.server.get("/" + q(q='"spy balloon"'))[2])
        self.assertIn("<mark>balloon</mark>", body)
        self.assertIn("3 versions</summary>", body)
        link = re.search(r'<a href="(/timeline\?id=[^"]+)">', body).group(1).replace("&amp;", "&")
        status, _, timeline = self.server.get(link)
        self.assertEqual(status, 200)
        self.assertEqual(timeline.count('<li class="version'), 3)
        self.assertIn("first published", timeline)
        self.assertIn("<del>", timeline)
        self.assertIn("<ins>", timeline)

    def test_api_documents_are_exactly_the_cli_json(self):
        status, ctype, body = self.server.get("/api/search" + q(q="spy balloon"))
        self.assertEqual(status, 200)
        self.assertEqual(ctype, "application/json")
        self.assertEqual(body, self.cli("--format", "json", "spy balloon"))
        status, _, body = self.server.get("/api/search" + q(q="oil prices", facets="source,month", n=3, page=2,
                                                            sort="newest", since="1987-01"))
        self.assertEqual(status, 200)
        self.assertEqual(body, self.cli("--format", "json", "--facets", "source,month", "--limit", "3", "--offset",
                                        "3", "--sort", "newest", "--since", "1987-01", "oil prices"))
        seed = os.path.join(s.CORPUS, "seeds")
        one = sorted(f for f in os.listdir(seed) if f.startswith("001_"))[0]
        ident = os.path.realpath(os.path.join(seed, one))
        status, _, body = self.server.get("/api/timeline" + q(id=ident))
        self.assertEqual(status, 200)
        self.assertEqual(body, self.cli("--format", "json", "--timeline", ident))

    def test_facets_and_paging_links_filter_and_page(self):
        _, _, body = self.server.get("/" + q(q="said", n=2))
        self.assertIn('rel="next"', body)
        source_link = re.search(r'data-facet="source"><h2>Source</h2><ul><li><a href="([^"]+)"', body).group(1)
        status, _, filtered = self.server.get(source_link.replace("&amp;", "&"))
        self.assertEqual(status, 200)
        self.assertIn('class="chip"', filtered)
        next_link = re.search(r'<a rel="next" href="([^"]+)"', body).group(1).replace("&amp;", "&")
        status, _, page2 = self.server.get(next_link)
        self.assertEqual(status, 200)
        self.assertIn('<ol class="hits" start="3">', page2)

    def test_hostile_article_text_is_escaped(self):
        for path in ("/" + q(q="lantern"), "/" + q(q="lantern", sort="newest"),
                     "/timeline" + q(id="hostile-1"), "/timeline" + q(id='hostile-2"><script>alert(2)</script>'),
                     "/" + q(q='"><script>alert(9)</script>'), "/" + q(q="lantern", source="x<script>")):
            status, _, body = self.server.get(path)
            self.assertIn(status, (200, 400), path)
            self.assertNotIn("<script>alert", body, path)
            self.assertNotIn("<script>document", body, path)
            self.assertNotIn("<img", body, path)
            self.assertNotIn("<iframe", body, path)
            self.assertNotIn("<b>", body, path)
            self.assertNotIn("' onmouseover='", body, path)
            self.assertNotIn('href="javascript:', body.lower(), path)
        _, _, body = self.server.get("/" + q(q="lantern harbour"))
        self.assertIn("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;", body)
        self.assertIn("&amp;amp; &amp;lt;b&amp;gt;", body)  # entities in the text stay text

    def test_bad_requests_are_400_with_a_message(self):
        cases = {
            "/" + q(q="oil", page="abc"): "page must be a whole number",
            "/" + q(q="oil", page="0"): "page must be between 1 and",
            "/" + q(q="oil", n="1000"): "n must be between 1 and 100",
            "/" + q(q="oil", sort="random"): "sort must be relevance, newest or oldest",
            "/" + q(q="oil", bogus="1"): "unknown parameter",
            "/" + q(q="x" * 1001): "q is too long",
            "/?q=oil&q=gas": "q is given more than once",
            "/" + q(q="oil AND"): "query syntax error",
            "/" + q(q="oil", since="2023-13-01"): "",
            "/api/search" + q(q="oil", facets="colour"): "",
            "/api/search": "no query given",
            "/timeline": "id is needed",
            "/?q=%ff%fe": "not valid UTF-8",
        }
        for path, message in cases.items():
            status, ctype, body = self.server.get(path)
            self.assertEqual(status, 400, path + " " + body[:300])
            self.assertIn(message, body, path)
            if path.startswith("/api/"):
                self.assertIn("error", json.loads(body))

    def test_only_compiled_in_assets_are_served(self):
        status, ctype, body = self.server.get("/static/style.css")
        self.assertEqual((status, ctype.split(";")[0]), (200, "text/css"))
        self.assertEqual(self.server.get("/static/app.js")[0], 200)
        for path in ("/static/../../etc/passwd", "/etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd",
                     "/static/", "/CMakeLists.txt"):
            status, _, body = self.server.get(path)
            self.assertEqual(status, 404, path)
            self.assertNotIn("root:", body)
        self.assertEqual(self.server.get("/" + q(q="oil"), method="POST")[0], 405)
        self.assertEqual(self.server.get("/?q=" + "a" * 9000)[0], 414)

    def test_alerts_are_shown_and_the_api_matches_the_cli(self):
        db = os.path.join(self.tmp.name, "alerts")
        self.assertEqual(s.run([s.INDEX, "--db", db, "build", os.path.join(s.CORPUS, "seeds")]).returncode, 0)
        self.assertEqual(s.run([s.SEARCH, "--db", db, "--save", "lanterns", "lantern"]).returncode, 0)
        hostile = os.path.join(self.tmp.name, "hostile.jsonl")
        self.assertEqual(s.run([s.INDEX, "--db", db, "build", hostile]).returncode, 0)
        server = s.Server(db)
        try:
            status, _, page = server.get("/")
            self.assertEqual(status, 200)
            self.assertIn("2 new stories", page)
            status, _, alerts = server.get("/alerts" + q(name="lanterns"))
            self.assertEqual(status, 200)
            self.assertEqual(alerts.count('class="new-story"'), 2)
            self.assertNotIn("<script>alert", alerts)
            self.assertEqual(server.get("/api/alerts")[2],
                             s.run([s.SEARCH, "--db", db, "--alerts", "--keep", "--format", "json"]).stdout)
            self.assertEqual(server.get("/alerts" + q(name="nope"))[0], 400)
        finally:
            server.stop()

    def test_searches_while_a_build_commits_stay_consistent(self):
        # A second database receives a build while searches run against it.
        db = os.path.join(self.tmp.name, "growing")
        r = s.run([s.INDEX, "--db", db, "build", os.path.join(s.CORPUS, "seeds")])
        self.assertEqual(r.returncode, 0, r.stderr)
        server = s.Server(db)
        try:
            failures = []
            done = threading.Event()

            def search_loop():
                while not done.is_set():
                    status, _, body = server.get("/api/search" + q(q="said", n=5))
                    if status != 200:
                        failures.append((status, body[:200]))
                        continue
                    doc = json.loads(body)
                    if len(doc["hits"]) != min(5, doc["total"]["count"]):
                        failures.append(("inconsistent", doc["total"], len(doc["hits"])))

            threads = [threading.Thread(target=search_loop) for _ in range(3)]
            for t in threads:
                t.start()
            build = s.run([s.INDEX, "--db", db, "build", "--batch-size", "50",
                           os.path.join(s.CORPUS, "reuters-sample.jsonl")])
            done.set()
            for t in threads:
                t.join()
            self.assertEqual(build.returncode, 0, build.stderr)
            self.assertEqual(failures, [])
            final = json.loads(server.get("/api/search" + q(q="said", n=5))[2])
            self.assertEqual(final["total"]["count"], json.loads(s.run(
                [s.SEARCH, "--db", db, "--format", "json", "said"]).stdout)["total"]["count"])
        finally:
            server.stop()


if __name__ == "__main__":
    unittest.main(verbosity=2)
