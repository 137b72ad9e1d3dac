"""A text spinner over Debian's WordNet (/usr/share/wordnet), for making
paraphrased ("spun") copies of news articles the way content farms do:
synonyms swapped in for a share of the content words, "READ: ..." link lines
and boilerplate inserted, and at the heaviest a paragraph dropped or two
sentences swapped.

Used by scripts/make-dedup-data; deterministic for a given random.Random.
It reads WordNet's index.* files (lemma -> synsets, commonest sense first),
data.* files (synset -> lemmas) and *.exc files (irregular forms).
"""
import os
import re

WORDNET = "/usr/share/wordnet"
POS = ("noun", "verb", "adj", "adv")
PTR_POS = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}

# Words a spinner leaves alone: function words and very short words.
KEEP = set("""a an the and or but if of in on at to for from by with as is are was were be been being
have has had do does did not no nor so than that this these those it its he she they them his her their
we our you your i me my mr mrs ms said says say will would can could may might shall should must
""".split())

LINK_TEMPLATES = ["READ: {}", "READ MORE: {}", "Related: {}", "SEE ALSO: {}"]
BOILERPLATE = [
    "Sign up for our daily newsletter to get the latest news.",
    "Click here to follow us on social media.",
    "Advertisement",
    "This article was updated with more details.",
    "Subscribe now for unlimited access to breaking news.",
    "Share this story with your friends.",
]


class WordNet:
    def __init__(self, root=WORDNET):
        self.senses = {}   # (lemma, pos) -> [synset offsets], commonest first
        self.lemmas = {}   # (pos, offset) -> [lemmas]
        self.exceptions = {}  # (inflected, pos) -> base
        self.near = {}  # (pos, offset) -> broader or similar synsets' offsets
        for pos in POS:
            with open(os.path.join(root, "index." + pos), encoding="latin-1") as f:
                for line in f:
                    if line.startswith(" "):
                        continue
                    parts = line.split()
                    lemma, n_synsets, n_ptrs = parts[0], int(parts[2]), int(parts[3])
                    offsets = parts[4 + n_ptrs + 2:]
                    self.senses[(lemma, pos)] = [int(o) for o in offsets[:n_synsets]]
            with open(os.path.join(root, "data." + pos), encoding="latin-1") as f:
                for line in f:
                    if line.startswith(" "):
                        continue
                    parts = line.split()
                    n_words = int(parts[3], 16)
                    words = [parts[4 + 2 * i] for i in range(n_words)]
                    self.lemmas[(pos, int(parts[0]))] = [re.sub(r"\(.*\)$", "", w).lower() for w in words]
                    # Broader ("@", hypernym) and similar ("&", adjectives) synsets, for rewrite_article.
                    at = 4 + 2 * n_words
                    near = []
                    for i in range(int(parts[at])):
                        symbol, offset, ptr_pos = parts[at + 1 + 4 * i: at + 4 + 4 * i]
                        if symbol in ("@", "&") and PTR_POS.get(ptr_pos) == pos:
                            near.append(int(offset))
                    if near:
                        self.near[(pos, int(parts[0]))] = near
            exc = os.path.join(root, pos + ".exc")
            if os.path.exists(exc):
                with open(exc, encoding="latin-1") as f:
                    for line in f:
                        parts = line.split()
                        if len(parts) >= 2:
                            self.exceptions[(parts[0], pos)] = parts[1]

    def base_forms(self, word):
        """(base, pos, suffix) candidates for a lower-case word, as WordNet's morphy finds them."""
        found = []
        for pos in POS:
            if (word, pos) in self.senses:
                found.append((word, pos, ""))
            if (word, pos) in self.exceptions:
                found.append((self.exceptions[(word, pos)], pos, None))
        rules = {"noun": [("s", ""), ("es", ""), ("ies", "y")],
                 "verb": [("s", ""), ("ies", "y"), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")]}
        for pos, pos_rules in rules.items():
            for suffix, repl in pos_rules:
                if word.endswith(suffix) and len(word) > len(suffix) + 2:
                    base = word[: -len(suffix)] + repl
                    if (base, pos) in self.senses:
                        found.append((base, pos, suffix))
        return found


def inflect(lemma, suffix):
    if not suffix:
        return lemma
    if suffix in ("s", "es", "ies"):
        if lemma.endswith("y") and not lemma.endswith(("ay", "ey", "oy")):
            return lemma[:-1] + "ies"
        return lemma + ("es" if lemma.endswith(("s", "x", "ch", "sh")) else "s")
    if suffix == "ed":
        return lemma + ("d" if lemma.endswith("e") else "ed")
    if suffix == "ing":
        return (lemma[:-1] if lemma.endswith("e") else lemma) + "ing"
    return lemma


class Spinner:
    """Swaps synonyms in. `any_sense` picks the synset among all senses of the
    word (uniformly) instead of mostly the commonest one."""

    def __init__(self, wordnet, any_sense=False):
        self.wn = wordnet
        self.any_sense = any_sense

    def synonym(self, word, rng):
        lower = word.lower()
        if lower in KEEP or len(lower) < 3 or not lower.isalpha():
            return None
        candidates = [c for c in self.wn.base_forms(lower) if c[2] is not None]
        if not candidates:
            return None
        base, pos, suffix = candidates[0]
        offsets = self.wn.senses[(base, pos)]
        if self.any_sense:
            order = list(offsets)
            rng.shuffle(order)
        else:
            # Commonest sense first, then the next ones.
            order = list(offsets)
            if len(order) > 1 and rng.random() < 0.3:
                order[0], order[1] = order[1], order[0]
        for offset in order:
            options = [l for l in self.wn.lemmas[(pos, offset)] if l != base and "_" not in l and "-" not in l
                       and l.isalpha()]
            if options:
                choice = inflect(rng.choice(options), suffix)
                if word[0].isupper():
                    choice = choice[0].upper() + choice[1:]
                return choice
        return None

    def swap_words(self, text, share, rng):
        """Replaces about `share` of the replaceable lower-case content words."""
        def replace(m):
            word = m.group(0)
            # Capitalised words inside a sentence are names: spinners keep them.
            if word[0].isupper() and m.start() > 0 and text[max(0, m.start() - 2):m.start()].strip() not in ("", "."):
                return word
            if word.isupper() and len(word) > 1:
                return word
            if rng.random() >= share:
                return word
            return self.synonym(word, rng) or word
        return re.sub(r"[A-Za-z]+", replace, text)


INTENSITY = {"light": 0.15, "medium": 0.30, "heavy": 0.55}


def paragraphs(body):
    # Reuters: paragraphs start with an indented line; BBC: blank lines.
    parts = re.split(r"\n\s*\n|\n(?=    )", body)
    return [p.strip() for p in parts if p.strip()]


def with_two_sentences_swapped(paras, rng):
    """Two neighbouring sentences swapped, the text re-paragraphed two sentences a paragraph; as it
    was if it has fewer than three sentences."""
    sentences = [s for p in paras for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", p)]
    if len(sentences) < 3:
        return paras
    i = rng.randrange(0, len(sentences) - 1)
    sentences[i], sentences[i + 1] = sentences[i + 1], sentences[i]
    return [" ".join(sentences[j:j + 2]) for j in range(0, len(sentences), 2)]


def spin_article(spinner, title, body, intensity, rng, link_titles):
    """A spun copy of (title, body) at `intensity` (light/medium/heavy)."""
    share = INTENSITY[intensity]
    paras = [re.sub(r"\s*\n\s*", " ", p) for p in paragraphs(body)]
    if intensity == "heavy" and len(paras) >= 3:
        if rng.random() < 0.5:
            del paras[rng.randrange(1, len(paras))]
        else:
            paras = with_two_sentences_swapped(paras, rng)
    paras = [spinner.swap_words(p, share, rng) for p in paras]
    # Link lines and boilerplate between paragraphs.
    extras = 1 + (intensity != "light") + (intensity == "heavy")
    for _ in range(extras):
        if rng.random() < 0.6 and link_titles:
            line = rng.choice(LINK_TEMPLATES).format(rng.choice(link_titles).title())
        else:
            line = rng.choice(BOILERPLATE)
        paras.insert(rng.randrange(1, len(paras) + 1) if paras else 0, line)
    new_title = spinner.swap_words(title.title() if title.isupper() else title, share / 2, rng)
    return new_title, "\n\n".join(paras)


# rewrite_article: a harsher kind of spinning than spin_article, as article
# rewriters do it: any sense's lemma or a broader or similar synset's (multi-word
# ones too), wire shorthand written out, a byline and a credit line that add
# names, a headline made of the lead's first words, a paragraph dropped or two
# sentences swapped. Its copies are DUP with their original (make-dedup-data's
# kind spin-rewrite), so the fit sees copies whose synsets no longer match.
WRITTEN_OUT = [(r"\bmln\b", "million"), (r"\bbln\b", "billion"), (r"\bdlrs\b", "dollars"),
               (r"\bpct\b", "percent"), (r"\bcts\b", "cents"), (r"\bqtr\b", "quarter"), (r"\bshr\b", "share")]
BYLINE_NAMES = ["Alex Morgan", "Jamie Fraser", "Sam Porter", "Chris Hale", "Dana Whitfield", "Lee Carver"]
CREDITS = ["Reporting by {} for Market Daily Digest.", "Copyright {} Newswire Partners.",
           "Filed by {}, Business Desk.", "{} contributed to this report."]


def broad_synonym(wn, word, rng):
    lower = word.lower()
    if lower in KEEP or len(lower) < 3 or not lower.isalpha():
        return None
    candidates = [c for c in wn.base_forms(lower) if c[2] is not None]
    if not candidates:
        return None
    base, pos, suffix = candidates[0]
    synsets = list(wn.senses[(base, pos)])
    rng.shuffle(synsets)
    for offset in synsets:
        pool = [offset] + wn.near.get((pos, offset), [])
        options = [l.replace("_", " ") for o in pool for l in wn.lemmas[(pos, o)]
                   if l != base and "-" not in l and l.replace("_", "").isalpha()]
        if options:
            choice = rng.choice(options)
            choice = inflect(choice, suffix) if " " not in choice else choice
            return choice[0].upper() + choice[1:] if word[0].isupper() else choice
    return None


def rewrite_article(wn, title, body, rng):
    share = rng.uniform(0.35, 0.65)

    def swap(text, share):
        def replace(m):
            word = m.group(0)
            if word[0].isupper() and m.start() > 0 and text[max(0, m.start() - 2):m.start()].strip() not in ("", "."):
                return word
            if (word.isupper() and len(word) > 1) or rng.random() >= share:
                return word
            return broad_synonym(wn, word, rng) or word
        return re.sub(r"[A-Za-z]+", replace, text)

    paras = [re.sub(r"\s*\n\s*", " ", p) for p in paragraphs(body)]
    if len(paras) >= 3 and rng.random() < 0.5:
        del paras[rng.randrange(1, len(paras))]
    elif len(paras) >= 2:
        paras = with_two_sentences_swapped(paras, rng)
    out = []
    for p in paras:
        for pattern, words in WRITTEN_OUT:
            if rng.random() < 0.7:
                p = re.sub(pattern, words, p)
        out.append(swap(p, share))
    name = rng.choice(BYLINE_NAMES)
    if out:
        if rng.random() < 0.5:
            out.insert(0, "By " + name)
        out.append(rng.choice(CREDITS).format(name))
    lead = out[1 if out and out[0].startswith("By ") else 0] if out else ""
    if lead and rng.random() < 0.6:
        words = lead.split()
        new_title = " ".join(words[:rng.randrange(7, 13)]).rstrip(",.;:")
    else:
        new_title = swap(title.title() if title.isupper() else title, share / 2)
    return new_title, "\n\n".join(out)
