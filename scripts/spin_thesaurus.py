"""A second, independent kind of spinner, for checking duplicate grouping on rewrites
it was never fitted on (scripts/bench-spin-ood). Nothing in training reads it.

scripts/spin_wordnet.py (whose copies the model is fitted on) swaps a word for a
lemma of one of its WordNet synsets. Content farms' tools do more and worse, and
this spinner does what that one never does:

- synonyms from the LibreOffice English thesaurus (Debian's mythes-en-us), any
  meaning, including its broader ("generic term"), similar and related terms and
  multi-word phrases: "company" may become "institution", "rose" "grew";
- wire shorthand written out and figures reformatted: "mln dlrs" -> "million
  dollars", "pct" -> "percent", "1,250" -> "1250";
- attributions moved to the front ("..., the company said." -> "The company
  stated that ..."), "said" varied;
- a new headline made from the lead sentence's opening words (medium, heavy);
- a byline above and a source line below, not link lines;
- at the heaviest, the last paragraph cut (not a middle one) and two sentences
  joined into one.

Deterministic for a given random.Random.
"""
import re

import spin_wordnet

THESAURUS = "/usr/share/mythes/th_en_US_v2.dat"

KEEP = set("""a an the and or but if of in on at to for from by with as is are was were be been being
have has had do does did not no nor so than that this these those it its he she they them his her their
we our you your i me my mr mrs ms will would can could may might shall should must also which who
""".split())

SHARE = {"light": 0.20, "medium": 0.40, "heavy": 0.60}

SHORTHAND = [
    (r"\bmln\b", ["million"]), (r"\bbln\b", ["billion"]), (r"\bdlrs\b", ["dollars", "U.S. dollars"]),
    (r"\bdlr\b", ["dollar"]), (r"\bpct\b", ["percent", "per cent"]), (r"\bcts\b", ["cents"]),
    (r"\bshr\b", ["share"]), (r"\bqtr\b", ["quarter"]), (r"\bvs\b", ["versus", "compared with"]),
    (r"\bU\.S\.", ["US", "United States"]), (r"\bU\.K\.", ["UK", "Britain"]),
]
SAID = ["stated", "reported", "noted", "explained", "announced", "told reporters"]
BYLINES = ["By Staff Writer", "By our business desk", "Posted by News Team", "Written by Editorial Staff"]
FOOTERS = ["Source: wire reports.", "This content was produced with wire reports.",
           "Copyright all rights reserved.", "Tags: business, markets, world news"]


class Thesaurus:
    def __init__(self, path=THESAURUS):
        self.entries = {}  # word -> [term, ...] over all its meanings
        with open(path, encoding="utf-8", errors="replace") as f:
            f.readline()  # encoding line
            while True:
                head = f.readline()
                if not head:
                    break
                word, _, count = head.rstrip("\n").rpartition("|")
                terms = []
                for _ in range(int(count)):
                    for term in f.readline().rstrip("\n").split("|")[1:]:
                        if "(antonym)" in term:
                            continue
                        term = re.sub(r"\s*\((generic|similar|related)[^)]*\)", "", term).strip()
                        if not term or term.lower() == word:
                            continue
                        terms.append(term)
                if terms and word.islower():
                    self.entries[word] = terms

    def base_form(self, word):
        """(base, suffix) for a lower-case word found in the thesaurus, by plain suffix rules."""
        if word in self.entries:
            return word, ""
        for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""),
                             ("ing", "e"), ("ly", "")):
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                base = word[: -len(suffix)] + repl
                if base in self.entries:
                    return base, suffix
        return None, None


def inflect(term, suffix):
    """spin_wordnet.inflect, with an adverb's "-ly" put back; a phrase stays as it is."""
    if suffix == "ly":
        return term + "ly"
    return term if " " in term else spin_wordnet.inflect(term, suffix)


ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr", "aug", "sept",
                 "sep", "oct", "nov", "dec", "st", "no", "gov", "sen", "rep", "gen", "vs"}


def sentences_of(paragraph):
    """Sentences, not split after an initial ("U.S.") or a common abbreviation ("Corp.")."""
    out, start = [], 0
    for m in re.finditer(r"[.!?]\s+(?=[A-Z\"])", paragraph):
        before = re.search(r"([A-Za-z.]+)[.!?]$", paragraph[start:m.start() + 1])
        token = before.group(1).lower().replace(".", "") if before else ""
        if before and (len(token) <= 1 or token in ABBREVIATIONS or "." in before.group(1)):
            continue
        out.append(paragraph[start:m.start() + 1])
        start = m.end()
    out.append(paragraph[start:])
    return [s for s in out if s.strip()]


class ThesaurusSpinner:
    def __init__(self, thesaurus):
        self.th = thesaurus

    def swap_words(self, text, share, rng):
        def replace(m):
            word = m.group(0)
            start = m.start()
            if word[0].isupper() and start > 0 and text[max(0, start - 2):start].strip() not in ("", "."):
                return word  # a name inside a sentence
            if word.isupper() and len(word) > 1:
                return word
            lower = word.lower()
            if lower in KEEP or len(lower) < 3 or rng.random() >= share:
                return word
            base, suffix = self.th.base_form(lower)
            if base is None:
                return word
            options = [t for t in self.th.entries[base] if re.fullmatch(r"[A-Za-z][A-Za-z ]*", t)]
            if not options:
                return word
            choice = inflect(rng.choice(options).lower(), suffix)
            return choice[0].upper() + choice[1:] if word[0].isupper() else choice
        return re.sub(r"[A-Za-z]+", replace, text)

    @staticmethod
    def write_out(text, rng):
        for pattern, options in SHORTHAND:
            text = re.sub(pattern, lambda m: rng.choice(options), text)
        text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
        return text

    @staticmethod
    def front_attribution(sentence, rng):
        m = re.match(r"^(.*[a-z0-9%)]),\s+((?:the |a |an )?[A-Za-z .'-]{2,60}?)\s+said\.$", sentence)
        if not m:
            return re.sub(r"\bsaid\b", lambda _: rng.choice(SAID), sentence, count=1) \
                if rng.random() < 0.5 else sentence
        claim, who = m.group(1), m.group(2)
        who = who[0].upper() + who[1:]
        return "%s %s that %s." % (who, rng.choice(SAID), claim[0].lower() + claim[1:])


def paragraphs(body):
    parts = re.split(r"\n\s*\n|\n(?=    )", body)
    return [re.sub(r"\s*\n\s*", " ", p.strip()) for p in parts if p.strip()]


def spin_article(spinner, title, body, intensity, rng):
    """A rewritten copy of (title, body) at `intensity` (light/medium/heavy)."""
    share = SHARE[intensity]
    paras = paragraphs(body)
    if intensity == "heavy" and len(paras) >= 3:
        paras = paras[:-1]
    out = []
    for p in paras:
        sents = [ThesaurusSpinner.front_attribution(s, rng) for s in sentences_of(p)]
        if intensity == "heavy" and len(sents) >= 2 and rng.random() < 0.5:
            i = rng.randrange(0, len(sents) - 1)
            sents[i:i + 2] = [sents[i].rstrip(".") + ", and " + sents[i + 1][0].lower() + sents[i + 1][1:]]
        text = spinner.write_out(" ".join(sents), rng)
        out.append(spinner.swap_words(text, share, rng))
    if out:
        out.insert(0, rng.choice(BYLINES))
        out.append(rng.choice(FOOTERS))
    lead = sentences_of(paras[0])[0] if paras else title
    if intensity == "light" or not lead:
        new_title = spinner.swap_words(title.title() if title.isupper() else title, share / 2, rng)
    else:
        words = spinner.swap_words(spinner.write_out(lead, rng), share / 2, rng).split()
        new_title = " ".join(words[:min(len(words), 10)]).rstrip(",.;:")
    return new_title, "\n\n".join(out)


if __name__ == "__main__":
    # Prints the three copies of each JSON Lines article read from stdin, to read by eye.
    import json
    import random
    import sys
    spinner = ThesaurusSpinner(Thesaurus())
    for line in sys.stdin:
        a = json.loads(line)
        for level in SHARE:
            t, b = spin_article(spinner, a["title"], a["body"], level, random.Random(a["id"] + level))
            print("== %s %s\n%s\n%s\n" % (a["id"], level, t, b))
