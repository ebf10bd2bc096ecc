#!/usr/bin/python3
"""An independent learner on the coder's own features, on the dev half.

The coder's model is a logistic regression written in Go (learn.go). This
fits scikit-learn's LogisticRegression to the same features, with five folds
by speech (GroupKFold), to tell whether the learner or the features limit the
coder:
  - presence, per theme: the penalty C and the threshold that give the best
    out-of-fold F1 (picked on the same folds, so optimistic), and the micro F1;
  - stance, per theme, over every gold code (as if the theme were found; the
    words of the neighbours left out, as the coder's side model does):
    Krippendorff's ordinal alpha between the gold and the out-of-fold class.
Dev half only. Write the units first:
  STANCEMAP_TRAIN=1 STANCEMAP_UNITS=/tmp/units.jsonl go test ./internal/extract -run TestUNGATrainModel
then: /usr/bin/python3 internal/extract/testdata/sklearn_compare.py /tmp/units.jsonl
Measured (2026-12-04, 868 dev sentences): presence micro F1 0.696; stance
alpha (best C) sovereignty 0.020, multistakeholder 0.582, openness 0.054,
digital_divide 0.092, international_law 0.394. The coder, cross-validated on
the same folds' kind (TestUNGATrainModel): F1 0.737; stance of every gold
code 0.389, 0.557, 0.585, 0.438, 0.507.
"""
import json, sys
import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

THEMES = ["sovereignty", "multistakeholder", "openness", "digital_divide", "international_law"]


def ordinal_alpha(pairs):
    """Krippendorff's alpha, ordinal metric, two coders, no missing values."""
    vals = sorted({v for p in pairs for v in p})
    n = {v: 0 for v in vals}
    for a, b in pairs:
        n[a] += 1
        n[b] += 1

    def d(c, k):
        i, j = sorted((vals.index(c), vals.index(k)))
        s = sum(n[vals[g]] for g in range(i, j + 1)) - (n[c] + n[k]) / 2
        return s * s

    N = 2 * len(pairs)
    Do = sum(d(a, b) for a, b in pairs) * 2 / N
    De = sum(n[c] * n[k] * d(c, k) for c in vals for k in vals) / (N * (N - 1))
    return 1 - Do / De


def main(path):
    rows = [json.loads(l) for l in open(path)]
    groups = [r["doc"] for r in rows]
    X = DictVectorizer().fit_transform([{f: 1 for f in r["feats"]} for r in rows])
    tp = fp = fn = 0
    for th in THEMES:
        y = np.array([th in r["gold"] for r in rows])
        best = None
        for C in [0.1, 0.3, 1, 3, 10]:
            oof = np.zeros(len(y))
            for tr, te in GroupKFold(5).split(X, y, groups):
                oof[te] = LogisticRegression(C=C, max_iter=2000).fit(X[tr], y[tr]).predict_proba(X[te])[:, 1]
            for thr in np.arange(0.05, 0.9, 0.05):
                p = oof >= thr
                t, f, m = int((p & y).sum()), int((p & ~y).sum()), int((~p & y).sum())
                f1 = 2 * t / (2 * t + f + m)
                if best is None or f1 > best[0]:
                    best = (f1, C, thr, t, f, m)
        print("presence %-18s %3d gold: F1 %.3f (C %g, threshold %.2f; tp %d fp %d fn %d)" % ((th, y.sum()) + best))
        tp, fp, fn = tp + best[3], fp + best[4], fn + best[5]
    print("presence micro F1 %.3f" % (2 * tp / (2 * tp + fp + fn)))
    for th in THEMES:
        rs = [r for r in rows if th in r["gold"]]
        y = np.array([r["gold"][th] for r in rs])
        if len(set(y)) < 2:
            continue
        Xs = DictVectorizer().fit_transform([{f: 1 for f in r["feats"] if not f.startswith(("p:", "n:"))} for r in rs])
        g = [r["doc"] for r in rs]
        out = []
        for C in [0.1, 0.3, 1, 3]:
            oof = np.zeros(len(y), dtype=int)
            for tr, te in GroupKFold(5).split(Xs, y, g):
                oof[te] = LogisticRegression(C=C, max_iter=3000).fit(Xs[tr], y[tr]).predict(Xs[te])
            out.append("C %g: %.3f" % (C, ordinal_alpha(list(zip(y, oof)))))
        print("stance %-18s %3d gold codes: ordinal alpha %s" % (th, len(y), "; ".join(out)))


if __name__ == "__main__":
    main(sys.argv[1])
