"""Read the BBC News corpus (Greene & Cunningham, ICML 2006; ../shared/corpora/bbc) as articles.

One plain-text file per article in five topic folders: the first line is the headline, the rest
the body. Article ids are bbc-TOPIC-NNN (folder and file name), the ids the hand-labelled pair
files (tests/data/README-labels.md) and scripts/make-dedup-data use, so the two must not drift:
both read the corpus through read_bbc. The files are latin-1; there are no dates.
"""
import os


def read_bbc(root):
    """Every article under root, sorted by topic and file name, as dicts with id, title, body, source."""
    articles = []
    for topic in sorted(os.listdir(root)):
        folder = os.path.join(root, topic)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".txt"):
                continue
            with open(os.path.join(folder, name), encoding="latin-1") as f:
                text = f.read()
            title, _, body = text.partition("\n")
            articles.append({"id": "bbc-%s-%s" % (topic, name[:-4]), "title": title.strip(),
                             "body": body.strip(), "source": "BBC"})
    return articles
