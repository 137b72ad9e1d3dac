#!/usr/bin/python3
"""Fit small gradient-boosted tree ensembles for the duplicate decision and compare them with the
logistic model of scripts/train-dedup, on the same pairs, splits, weights and threshold rules.

Usage: dedup_trees.py [--work DIR] [--news-index PATH] [--shared DIR] [--logistic FILE] [--write FILE]
                      [--validation]

Uses train-dedup's steps 1-4 (work dir, features.jsonl, seed pairs) and its rules:
  - each level (story: DUP against the rest; event: DUP or SAME_EVENT against DIFFERENT) is fitted
    on the train split's pairs its rules leave to the model, with train-dedup's sample weights
    (each kind equal total weight, real pairs REAL_WEIGHT times more), the event level without
    the STORY_ONLY features;
  - monotone where the logistic model is: the MONOTONE similarities may only raise the score;
  - each hyper-parameter choice (HYPER_GRID) gets its threshold from train-dedup's
    choose_threshold on the tune split within the seeds' bounds, and the level keeps the choice
    with train-dedup's ranking: tune precision goal met, then F1 on the tune split's hand-labelled
    pairs, then F1 on all tune pairs, then the smaller ensemble.
The logistic models compared against are read from --logistic (default common/dedup_model.h, as
train-dedup wrote them) and scored here on the same features. The product decides with the trees
(kUseTrees in the header) when they rank above the logistic models on the tune split (tune_rank:
story precision goal met, event goal met, then the share of UNSEEN_KIND copies each family groups
when its whole story-level procedure is run again without them, then story and event F1 on the
hand-labelled pairs).
Prints the TRAINING and TUNE figures of both; --validation also prints the VALIDATION block of
both final choices (look once, after choosing). --write FILE writes the trees as a C++ header
(scripts/train-dedup runs this script with --write common/dedup_trees_model.h after its own fit).
Needs python3-sklearn (HistGradientBoostingClassifier). Deterministic: fixed random_state, no
subsampling, no early stopping.
"""
import argparse
import importlib.machinery
import importlib.util
import itertools
import json
import math
import os
import re
import sys

os.environ.setdefault("OMP_NUM_THREADS", "1")  # noqa: E402 -- bounded CPU, same sums every run
import numpy as np  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
_loader = importlib.machinery.SourceFileLoader("train_dedup", os.path.join(HERE, "train-dedup"))
_spec = importlib.util.spec_from_loader("train_dedup", _loader)
td = importlib.util.module_from_spec(_spec)
_loader.exec_module(td)

# (max_depth, trees, learning_rate, l2_regularization); min_samples_leaf MIN_LEAF.
HYPER_GRID = list(itertools.product((2, 3, 4), (50, 100, 200), (0.1, 0.05), (0.0, 1.0)))
MIN_LEAF = 20
# The kind of generated pair both model families are refitted without, to rank them on copies made
# in a way neither fit saw (tune_rank): the product is checked on copies by other spinners, while
# the tune split's other spun copies come from the very spinner the fits learnt. spin-rewrite
# (spin_wordnet.rewrite_article) is the kind least like the rest: lemmas of any sense or a broader
# one, wire shorthand written out, byline and credit lines, a headline from the lead, a paragraph
# dropped or sentences swapped.
UNSEEN_KIND = "spin-rewrite"


def level_setup(pairs, names, name):
    """(rows of the train fit, their weights, labels, usable mask, the columns fitted on)."""
    positive = {"DUP"} if name == "kStory" else {"DUP", "SAME_EVENT"}
    blocking = {"two-flashes", "nothing-shared"} | (td.STORY_BLOCKING if name == "kStory" else td.EVENT_BLOCKING)
    usable = [not (blocking & set(q["rules"])) for q in pairs]
    y = np.array([1.0 if q["label"] in positive else 0.0 for q in pairs])
    kind_total = {}
    for q in pairs:
        if q["split"] == "train":
            kind_total[q["kind"]] = kind_total.get(q["kind"], 0) + 1
    sel = [i for i, q in enumerate(pairs) if q["split"] == "train" and usable[i]]
    raw = np.array([td.REAL_WEIGHT.get(pairs[i]["kind"], 1.0) / kind_total[pairs[i]["kind"]] for i in sel])
    weights = raw * len(sel) / raw.sum()
    # The logistic fit's split of the evidence: the story level never sees the event-only
    # evidence (shared rare names and figures say "one event", not "one article").
    excluded = td.EVENT_ONLY if name == "kStory" else td.STORY_ONLY
    cols = [j for j in range(len(names)) if names[j] not in excluded]
    return sel, weights, y, usable, cols


def fit(X, y, w, sel, cols, names, depth, trees, rate, l2):
    monotone = [1 if names[j] in td.MONOTONE else 0 for j in cols]
    model = HistGradientBoostingClassifier(max_depth=depth, max_iter=trees, learning_rate=rate,
                                           l2_regularization=l2, min_samples_leaf=MIN_LEAF,
                                           monotonic_cst=monotone, early_stopping=False, random_state=0)
    model.fit(X[np.ix_(sel, cols)], y[sel], sample_weight=w)
    return model


def choose(pairs, names, X, name, scores_so_far, thresholds_so_far, log):
    """Grid search of one level; returns (rank, params, model, scores, threshold)."""
    sel, w, y, usable, cols = level_setup(pairs, names, name)
    tune = [i for i, q in enumerate(pairs) if q["split"] == "tune" and usable[i]]
    seeds = [i for i, q in enumerate(pairs) if q["kind"] == "seed"]
    forbid = [name == "kStory" and pairs[i]["label"] == "DIFFERENT" for i in tune]
    real = [pairs[i]["kind"] == "real-labelled" for i in tune]
    truth = [bool(y[i]) for i in tune]
    best = None
    for depth, trees, rate, l2 in HYPER_GRID:
        model = fit(X, y, w, sel, cols, names, depth, trees, rate, l2)
        s = list(model.decision_function(X[:, cols]))
        if name == "kStory":
            above, at_most = td.seed_bounds(pairs, seeds, s, usable, lambda q: q["label"] == "DUP",
                                            lambda q: q["label"] != "DUP", "story")
        else:
            t_story = thresholds_so_far["kStory"]
            story = scores_so_far["kStory"]
            index = {id(q): i for i, q in enumerate(pairs)}
            story_linked = lambda q: (not (td.STORY_BLOCKING & set(q["rules"])) and  # noqa: E731
                                      story[index[id(q)]] >= t_story)
            above, at_most = -math.inf, td.seed_event_bound(pairs, seeds, s, usable, story_linked)
        threshold = td.choose_threshold([s[i] for i in tune], truth, td.MIN_PRECISION[name], real,
                                        td.MIN_REAL_PRECISION[name], forbid, above, at_most)
        merged = [s[i] >= threshold for i in tune]
        goal = (td.precision(merged, truth) >= td.MIN_PRECISION[name] and
                td.precision([m for m, r in zip(merged, real) if r], [t for t, r in zip(truth, real) if r])
                >= td.MIN_REAL_PRECISION[name] and not any(m and f for m, f in zip(merged, forbid)) and
                (name != "kStory" or spun_goal_met([pairs[i]["kind"] for i in tune], merged)))
        f1_real = td.f1([m for m, r in zip(merged, real) if r], [t for t, r in zip(truth, real) if r])
        rank = (goal, f1_real, td.f1(merged, truth), -depth * trees)
        log("dedup_trees: %s depth %d trees %d rate %g l2 %g: threshold %.4f, goal %s, tune F1 hand-labelled "
            "%.3f, all %.3f" % (name, depth, trees, rate, l2, threshold, "met" if goal else "NOT met",
                                f1_real, rank[2]))
        if best is None or rank > best[0]:
            best = (rank, (depth, trees, rate, l2), model, s, threshold, cols, sel, w)
    return best


def unseen_kind_recall(pairs, names, X):
    """The share of the tune split's UNSEEN_KIND pairs each family (trees, logistic) groups as one story
    when its whole story-level procedure (hyper-parameters or penalty, fit, threshold within the
    seeds' bounds) is run again with no UNSEEN_KIND pair in the train or tune split."""
    held = [dict(q, split="held-" + q["split"]) if q["kind"] == UNSEEN_KIND and q["split"] in ("train", "tune")
            else q for q in pairs]
    target = [i for i, q in enumerate(pairs) if q["kind"] == UNSEEN_KIND and q["split"] == "tune"]
    usable = level_setup(held, names, "kStory")[3]
    _, _, _, trees, t_trees = choose(held, names, X, "kStory", {}, {}, lambda m: None)[:5]
    levels, logistic = td.fit_levels(held, names, ("kStory",))
    t_logistic = levels["kStory"][4]
    share = lambda s, t: sum(usable[i] and s[i] >= t for i in target) / len(target)  # noqa: E731
    return {"trees": share(trees, t_trees), "logistic": share(logistic["kStory"], t_logistic)}


def tree_arrays(model, X, sel, w, cols):
    """The ensemble as flat node lists: (feature or -1, threshold, left, right, value) with
    indices into the whole list; a leaf's value is its output, an inner node's the weighted mean
    output of the training pairs reaching it (for path attribution). Returns (baseline, roots, nodes)."""
    baseline = float(np.ravel(model._baseline_prediction)[0])
    Xs = X[np.ix_(sel, cols)]
    nodes, roots = [], []
    for predictors in model._predictors:
        tree = predictors[0].nodes
        offset = len(nodes)
        roots.append(offset)
        # Which node each training pair passes through.
        at = np.zeros(len(Xs), dtype=int)
        visits = [[] for _ in range(len(tree))]
        active = np.ones(len(Xs), dtype=bool)
        for _ in range(64):
            for n in np.unique(at[active]):
                visits[n].append(np.where(active & (at == n))[0])
            leaf = tree["is_leaf"][at].astype(bool)
            active &= ~leaf
            if not active.any():
                break
            go_left = Xs[np.arange(len(Xs)), tree["feature_idx"][at]] <= tree["num_threshold"][at]
            at = np.where(active, np.where(go_left, tree["left"][at], tree["right"][at]), at)
        leaf_value = tree["value"][at]
        for k, node in enumerate(tree):
            if node["is_leaf"]:
                nodes.append((-1, 0.0, -1, -1, float(node["value"])))
            else:
                idx = np.concatenate(visits[k]) if visits[k] else np.array([], dtype=int)
                value = float(np.average(leaf_value[idx], weights=w[idx])) if len(idx) else 0.0
                nodes.append((cols[int(node["feature_idx"])], float(node["num_threshold"]),
                              offset + int(node["left"]), offset + int(node["right"]), value))
    return baseline, roots, nodes


def predict(baseline, roots, nodes, x):
    """The score as the C++ inference computes it (common/dedup_trees.cc)."""
    s = baseline
    for r in roots:
        n = r
        while nodes[n][0] >= 0:
            n = nodes[n][2] if x[nodes[n][0]] <= nodes[n][1] else nodes[n][3]
        s += nodes[n][4]
    return s


def logistic_scores(path, pairs):
    """The story and event scores and thresholds of the logistic models in `path` (common/dedup_model.h,
    as train-dedup writes it), for every pair: {level: (scores, threshold)}."""
    text = open(path).read()
    out = {}
    for name in ("kStory", "kEvent"):
        block = text[text.index("inline constexpr Level %s = {" % name):]
        block = block[block.index("{") + 1:block.index("};")]
        arrays = [[float(v) for v in a.split(",")] for a in re.findall(r"{([^{}]*)}", block)]
        scalars = [float(v) for v in re.sub(r"{[^{}]*}", "", block).replace(",", " ").split()]
        intercept, threshold = scalars
        mean, scale, coef = arrays
        scores = [intercept + sum(c * (x - m) / d for c, x, m, d in zip(coef, q["x"], mean, scale)) for q in pairs]
        out[name] = (scores, threshold)
    return out


def spun_goal_met(kinds, merged):
    """Every kind of spun copy (spin-*) grouped with its original at td.MIN_SPUN_RECALL or more:
    the issue's target for paraphrased copies, part of the story goal on tune."""
    by_kind = {}
    for kind, m in zip(kinds, merged):
        if kind.startswith("spin"):
            by_kind.setdefault(kind, []).append(m)
    return all(sum(ms) / len(ms) >= td.MIN_SPUN_RECALL for ms in by_kind.values())


def tune_rank(pairs, relations, unseen):
    """How a model does on the tune split, compared in order: story precision goal met (train-dedup's
    MIN_PRECISION on all tune pairs and MIN_REAL_PRECISION on its hand-labelled ones, no DIFFERENT
    pair one story, every kind of spun copy grouped at MIN_SPUN_RECALL), event goal met, the share of
    UNSEEN_KIND copies grouped by the family refitted without them (`unseen`, to two decimals: a
    difference of a pair or two is a tie), F1 of the story and then the event level on the
    hand-labelled pairs."""
    f = td.figures(pairs, relations)["tune"]
    story_goal = (f["story_all"][0] >= td.MIN_PRECISION["kStory"] and
                  f["story_real"][0] >= td.MIN_REAL_PRECISION["kStory"] and f["different_merged"] == 0 and
                  all(v[0] >= td.MIN_SPUN_RECALL for k, v in f.items() if k.startswith("spin")))
    event_goal = f["event_all"][0] >= td.MIN_PRECISION["kEvent"]
    return (story_goal, event_goal, round(unseen, 2), round(f["story_real"][2], 3), round(f["event_real"][2], 3))


def write_header(path, names, levels, lines, samples, use_trees):
    body = ["// Gradient-boosted tree ensembles for the duplicate decision (see common/dedup_trees.h).",
            "// GENERATED by scripts/dedup_trees.py; do not edit by hand: rerun it.",
            "// score = baseline + sum over trees of the leaf x reaches (x[feature] <= threshold: left);",
            "// yes when score >= threshold. An inner node's value is the weighted mean output of the",
            "// training pairs reaching it (path attribution in `news-index compare`).",
            "//"]
    body += ["//   " + l for l in lines]
    body += ["#pragma once", "", "#include <cstddef>", "", "namespace news::dedup_trees_model {", "",
             "// Whether the product decides with these trees (else with dedup_model.h's logistic models):",
             "// they ranked above the logistic models on the tune split, unless --decide-with overrode",
             "// the rank (the TUNE rank line above says).",
             "inline constexpr bool kUseTrees = %s;" % ("true" if use_trees else "false"), "",
             "inline constexpr size_t kFeatures = %d;" % len(names),
             "inline constexpr const char* kFeatureNames[kFeatures] = {"]
    for i in range(0, len(names), 4):
        body.append("    " + " ".join('"%s",' % n for n in names[i:i + 4]))
    body += ["};", "", "struct Node {", "    int feature;  // -1: a leaf", "    double threshold;",
             "    int left, right;", "    double value;", "};", ""]
    for name, (baseline, roots, nodes, threshold, params) in levels.items():
        body.append("// %s: depth %d, %d trees, learning rate %g, l2 %g" % ((name,) + params))
        body.append("inline constexpr double %sBaseline = %.17g;" % (name, baseline))
        body.append("inline constexpr double %sThreshold = %.17g;" % (name, threshold))
        body.append("inline constexpr int %sRoots[] = {%s};" % (name, ", ".join(str(r) for r in roots)))
        body.append("inline constexpr Node %sNodes[] = {" % name)
        for f, t, lft, rgt, v in nodes:
            body.append("    {%d, %.17g, %d, %d, %.17g}," % (f, t, lft, rgt, v))
        body.append("};")
        body.append("")
    body.append("// Feature vectors of pairs and the scores python computed for them (a test checks C++ agrees).")
    body.append("struct Sample {")
    body.append("    double x[kFeatures];")
    body.append("    double story;")
    body.append("    double event;")
    body.append("};")
    body.append("inline constexpr Sample kSamples[] = {")
    for x, s, e in samples:
        body.append("    {{%s}, %.17g, %.17g}," % (", ".join("%.17g" % v for v in x), s, e))
    body.append("};")
    body += ["", "}  // namespace news::dedup_trees_model"]
    with open(path, "w") as f:
        f.write("\n".join(body) + "\n")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--work", default="/tmp/news-dedup-train")
    p.add_argument("--news-index", default=os.path.join(ROOT, "build", "indexer", "news-index"))
    p.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    p.add_argument("--write", metavar="FILE", help="write the chosen ensembles as a C++ header")
    p.add_argument("--logistic", default=os.path.join(ROOT, "common", "dedup_model.h"),
                   help="the logistic models to compare with (train-dedup's output)")
    p.add_argument("--validation", action="store_true", help="also print both models' VALIDATION figures")
    p.add_argument("--decide-with", choices=("rank", "trees", "logistic"), default="rank",
                   help="which models the product decides with: the tune rank's choice (default), or the "
                   "one named, overriding it for a reason the README gives")
    p.add_argument("--quiet", action="store_true", help="no line per hyper-parameter choice")
    p.add_argument("--pairs-cache", metavar="FILE", help="keep the pairs with their features (seeds included) "
                   "in FILE and reuse them (experiments only: stale once news-index changes)")
    args = p.parse_args()
    log = (lambda m: None) if args.quiet else (lambda m: print(m, file=sys.stderr))

    if args.pairs_cache and os.path.exists(args.pairs_cache):
        with open(args.pairs_cache) as f:
            pairs, names = json.load(f)
    else:
        db, pairs_path = td.prepare(args)
        pairs, names = td.features(args, db, pairs_path, fresh=False)
        pairs += td.seed_pairs(args)
        if args.pairs_cache:
            with open(args.pairs_cache, "w") as f:
                json.dump([pairs, names], f)
    X = np.array([q["x"] for q in pairs], dtype=float)

    chosen, scores, thresholds = {}, {}, {}
    for name in ("kStory", "kEvent"):
        rank, params, model, s, threshold, cols, sel, w = choose(pairs, names, X, name, scores, thresholds, log)
        log("dedup_trees: %s takes depth %d, %d trees, rate %g, l2 %g (tune goal %s, F1 hand-labelled %.3f)"
            % ((name,) + params + ("met" if rank[0] else "NOT met", rank[1])))
        scores[name], thresholds[name] = s, threshold
        chosen[name] = tree_arrays(model, X, sel, w, cols) + (threshold, params)
        # The exported arrays must give the model's own scores.
        baseline, roots, nodes = chosen[name][:3]
        worst = max(abs(predict(baseline, roots, nodes, X[i]) - s[i]) for i in range(0, len(pairs), 7))
        assert worst < 1e-9, "exported trees differ from the model by %g" % worst

    trees = td.decisions(pairs, scores["kStory"], scores["kEvent"], thresholds["kStory"], thresholds["kEvent"])
    lg = logistic_scores(args.logistic, pairs)
    logistic = td.decisions(pairs, lg["kStory"][0], lg["kEvent"][0], lg["kStory"][1], lg["kEvent"][1])
    unseen = unseen_kind_recall(pairs, names, X)
    ranks = {family: tune_rank(pairs, relations, unseen[family])
             for family, relations in (("trees", trees), ("logistic", logistic))}
    use_trees = ranks["trees"] > ranks["logistic"]
    overridden = args.decide_with != "rank" and use_trees != (args.decide_with == "trees")
    if args.decide_with != "rank":
        use_trees = args.decide_with == "trees"
    shown = ("train", "tune", "validation") if args.validation else ("train", "tune")
    out = []
    for label, relations in (("TREES", trees), ("LOGISTIC (%s)" % os.path.relpath(args.logistic, ROOT), logistic)):
        figs = td.figures(pairs, relations)
        out.append("== %s ==" % label)
        out += td.format_figures({k: v for k, v in figs.items() if k in shown})
        out += td.seed_lines(pairs, relations)
    out.append("TUNE rank (story goal met, event goal met, %s grouped when fitted without, story F1 "
               "hand-labelled, event F1 hand-labelled): " % UNSEEN_KIND +
               "trees %s, logistic %s -> the product decides with the %s"
               % (ranks["trees"], ranks["logistic"], "trees" if use_trees else "logistic model")
               + (" (--decide-with %s overrides the rank: README, \"The decision\")" % args.decide_with
                  if overridden else ""))
    print("\n".join(out))
    if args.write:
        # Two pairs of each kind in tune, for the C++ test that inference equals python's.
        samples, seen = [], {}
        for i, q in enumerate(pairs):
            if q["split"] == "tune" and seen.get(q["kind"], 0) < 2:
                seen[q["kind"]] = seen.get(q["kind"], 0) + 1
                samples.append((q["x"], scores["kStory"][i], scores["kEvent"][i]))
        lines = td.format_figures({k: v for k, v in td.figures(pairs, trees).items() if k != "validation"})
        lines += td.seed_lines(pairs, trees) + [out[-1]]
        write_header(args.write, names, chosen, lines, samples, use_trees)
        print("dedup_trees: wrote %s; rebuild news-index to use it" % args.write, file=sys.stderr)


if __name__ == "__main__":
    main()
