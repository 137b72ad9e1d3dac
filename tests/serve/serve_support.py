"""What the news-serve tests share: the binaries, a database with hostile
articles, and a running server on a free loopback port."""
import json
import os
import subprocess
import tempfile
import unittest
import urllib.error
import urllib.request

SERVE = os.environ.get("NEWS_SERVE_BIN", "news-serve")
INDEX = os.environ.get("NEWS_INDEX_BIN", "news-index")
SEARCH = os.environ.get("NEWS_SEARCH_BIN", "news-search")
CORPUS = os.environ.get("NEWS_TEST_CORPUS", "corpus")

# Articles whose every field tries to break out of the page's HTML.
HOSTILE = [
    {"id": "hostile-1", "title": "<script>alert('title')</script> Lantern over the harbour",
     "body": "A lantern \"><img src=x onerror=alert(1)> was seen &amp; &lt;b&gt; reported. "
             "<script>document.title='pwned'</script> Officials said the lantern drifted east.",
     "source": "Evil \"Source\" <b>", "url": "javascript:alert(document.cookie)", "date": "2023-05-02"},
    {"id": "hostile-2\"><script>alert(2)</script>", "title": "Second lantern ' onmouseover='alert(3)",
     "body": "Another lantern report with <iframe src=//evil></iframe> in it and &quot;quotes&quot;.",
     "source": "Plain Source", "url": "https://example.com/a?b=<c>&d=\"e\"", "date": "2023-05-03"},
]


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def build_database(directory):
    db = os.path.join(directory, "db")
    hostile = os.path.join(directory, "hostile.jsonl")
    with open(hostile, "w") as f:
        for a in HOSTILE:
            f.write(json.dumps(a) + "\n")
    for source in (os.path.join(CORPUS, "seeds"), os.path.join(CORPUS, "reuters-sample.jsonl"), hostile):
        r = run([INDEX, "--db", db, "build", source])
        if r.returncode != 0:
            raise RuntimeError("news-index build %s failed: %s" % (source, r.stderr))
    return db


class Server:
    """news-serve on 127.0.0.1, port 0: it prints the port it got."""

    def __init__(self, db):
        self.proc = subprocess.Popen([SERVE, "--db", db, "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if "listening on " not in line:
            self.proc.kill()
            raise RuntimeError("news-serve did not start: %r %s" % (line, self.proc.stderr.read()))
        self.url = line.split("listening on ", 1)[1].strip().rstrip("/")

    def get(self, path, method="GET"):
        """(status, content type, body text) of a request; errors are answers too."""
        req = urllib.request.Request(self.url + path, method=method)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, r.headers.get("Content-Type", ""), r.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Content-Type", ""), e.read().decode("utf-8", "replace")

    def stop(self):
        """Stops it with SIGTERM; it must exit cleanly (under the sanitizers,
        a report makes the exit status non-zero)."""
        self.proc.terminate()
        try:
            status = self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            status = self.proc.wait()
        errors = self.proc.stderr.read()
        self.proc.stdout.close()
        self.proc.stderr.close()
        if status != 0:
            raise RuntimeError("news-serve exited with status %d: %s" % (status, errors[-3000:]))


def temp_dir():
    base = os.environ.get("NEWS_TEST_TMPDIR")
    if base:
        os.makedirs(base, exist_ok=True)
    return tempfile.TemporaryDirectory(prefix="serve-", dir=base)


class ServedCorpus(unittest.TestCase):
    """Test case base: the corpus and the hostile articles indexed, served."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = temp_dir()
        cls.db = build_database(cls.tmp.name)
        cls.server = Server(cls.db)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.tmp.cleanup()
