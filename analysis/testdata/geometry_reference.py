#!/usr/bin/python3
"""Independent reference values for distance.go, posmap.go and cluster.go.

Writes geometry_expected.json next to this script. The Go tests in
distance_test.go, posmap_test.go and cluster_test.go read that file and
need no Python; they ask for agreement to 1e-9.

Run with Debian's python3 (numpy, scipy):  /usr/bin/python3 geometry_reference.py

Fixtures (row x theme matrices of mean stances, NaN = no statement) are
generated from fixed seeds below and written into the JSON, so the Go side
reads exactly the same numbers. For each fixture:

  distances  for each metric, pairwise deletion over the themes both rows
             have, written straightforwardly in numpy:
               euclidean  sqrt(sum((x-y)^2) / k)
               cosine     1 - x.y / (|x| |y|)        undefined if |x| or |y| is 0
               pearson    1 - corr(x, y)              undefined if x or y is constant
             pairs sharing fewer than min_overlap = 2 themes: null;
  pca        impute each missing cell by regularised iterative PCA (two
             components, from the column means), centre columns,
             numpy SVD; explained = s^2 / sum(s^2); scores = Xc V;
             loadings = V; components with share < 1e-12 zeroed; sign: each
             component flipped so that its largest |loading| is positive
             (first one among ties within a relative 1e-9);
  mds        per metric, after dropping rows with not-comparable pairs
             (greedy: most not-comparable pairs first, ties by smallest id):
             B = -1/2 J D^2 J, numpy eigh, decreasing order, coordinates
             V_c sqrt(lambda_c), same sign rule on the coordinates;
  linkage    scipy.cluster.hierarchy.linkage(squareform(D), "average") on
             the same kept rows; fcluster(Z, k, "maxclust") for k = 2..4
             (see flat() for scipy 1.10's maxclust bug);
             leaves_list(Z); silhouette from its definition (Rousseeuw
             1987; singletons score 0) for each k, and the best k in
             2..min(6, n-1) (ties to the smaller k).

The trees must be unique for the comparison to be fair: a naive UPGMA
checks the gap between the closest and the second closest pair at every
step, and where there is a tie the linkage is written as null (this
happens for Pearson distances over 2 shared themes, which are always 0 or
2: a correlation of two points is +1 or -1). The script asserts that the
two leading eigenvalues of every PCA and MDS are distinct, so that the
axes are unique too.
"""

import json
import os

import numpy as np
from scipy.cluster.hierarchy import fcluster, leaves_list, linkage
from scipy.spatial.distance import squareform

HERE = os.path.dirname(os.path.abspath(__file__))
MIN_OVERLAP = 2
METRICS = ["euclidean", "cosine", "pearson"]


def fixtures():
    out = []

    # 8 actors x 5 themes, a few missing cells; every pair shares >= 3 themes.
    rs = np.random.RandomState(20130624)
    x = np.round(rs.uniform(-2, 2, size=(8, 5)), 3)
    for r, c in [(0, 4), (2, 1), (3, 3), (5, 0), (6, 2), (7, 4)]:
        x[r, c] = np.nan
    out.append(("eight_by_five_missing",
                ["BRA", "CHN", "DEU", "FRA", "GBR", "IND", "RUS", "USA"],
                ["sovereignty", "multistakeholder", "openness", "digital_divide", "international_law"], x))

    # 12 x 5, complete, continuous: no ties anywhere.
    rs = np.random.RandomState(42)
    x = np.round(rs.uniform(-2, 2, size=(12, 5)), 4)
    out.append(("twelve_by_five", ["r%02d" % i for i in range(12)], ["t1", "t2", "t3", "t4", "t5"], x))

    # 7 x 4 with a constant row (+1 everywhere: Pearson undefined), a
    # neutral row (0 everywhere: cosine undefined, Pearson undefined) and
    # a row constant only on the themes it shares with another.
    rs = np.random.RandomState(7)
    x = np.round(rs.uniform(-2, 2, size=(7, 4)), 3)
    x[1, :] = 1.0
    x[4, :] = 0.0
    x[6, :] = [0.5, 0.5, np.nan, -1.25]
    x[5, 3] = np.nan
    out.append(("constant_rows", ["a", "b", "c", "d", "e", "f", "g"], ["t1", "t2", "t3", "t4"], x))

    # 9 x 5, sparse: some pairs share fewer than 2 themes, a theme nobody
    # spoke on, and a row with no statement at all.
    rs = np.random.RandomState(2016)
    x = np.round(rs.uniform(-2, 2, size=(9, 5)), 3)
    x[:, 2] = np.nan                       # nobody on t3
    x[3, :] = np.nan                       # row "d" silent
    x[0, [1, 3]] = np.nan                  # "a" only on t1, t5
    x[1, [0, 4]] = np.nan                  # "b" only on t2, t4: nothing in common with "a"
    x[7, [0, 1]] = np.nan                  # "h" only on t4, t5: shares 1 with "a" and "b"
    out.append(("sparse", ["a", "b", "c", "d", "e", "f", "g", "h", "i"], ["t1", "t2", "t3", "t4", "t5"], x))
    return out


def distances(x, metric):
    n = x.shape[0]
    d = np.full((n, n), np.nan)
    shared = np.zeros((n, n), dtype=int)
    status = [["ok"] * n for _ in range(n)]
    for i in range(n):
        shared[i, i] = int(np.sum(~np.isnan(x[i])))
        d[i, i] = 0.0
        for j in range(n):
            if i == j:
                continue
            m = ~np.isnan(x[i]) & ~np.isnan(x[j])
            k = int(m.sum())
            shared[i, j] = k
            if k < MIN_OVERLAP:
                status[i][j] = "few"
                continue
            a, b = x[i, m], x[j, m]
            if metric == "euclidean":
                d[i, j] = np.sqrt(np.sum((a - b) ** 2) / k)
            elif metric == "cosine":
                if not np.any(a) or not np.any(b):
                    status[i][j] = "constant"
                    continue
                d[i, j] = 1 - np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b))
            else:
                if np.all(a == a[0]) or np.all(b == b[0]):
                    status[i][j] = "constant"
                    continue
                d[i, j] = 1 - np.corrcoef(a, b)[0, 1]
    return d, shared, status


def orient(v):
    """+1 or -1 making the largest-magnitude entry of v positive (first among ties)."""
    big = np.max(np.abs(v))
    if big == 0:
        return 1.0
    for e in v:
        if abs(e) >= big * (1 - 1e-9):
            return -1.0 if e < 0 else 1.0
    return 1.0


def pca(x, rows, themes):
    keep_r = [i for i in range(x.shape[0]) if np.any(~np.isnan(x[i]))]
    y = x[keep_r]
    keep_t = [t for t in range(y.shape[1]) if np.any(~np.isnan(y[:, t]))]
    y = y[:, keep_t]
    imputed = int(np.isnan(y).sum())
    miss = np.isnan(y)
    means = np.nanmean(y, axis=0)
    y = np.where(miss, means[None, :], y)
    # Regularised iterative PCA with two components (Josse & Husson 2012):
    # reconstruct from the first two components, each shrunk by
    # (lambda - sigma2) / lambda, sigma2 the mean of the other components'
    # variances; replace the missing cells (kept within -2..+2) until they
    # move less than 1e-9, at most 500 rounds.
    n, p = y.shape
    if miss.any() and p > 2 and n > 2:
        for _ in range(500):
            mu = y.mean(axis=0)
            yc = y - mu
            _, sv, vt2 = np.linalg.svd(yc, full_matrices=False)
            lam = sv ** 2 / (n - 1)
            noise = lam[2:].mean() if len(lam) > 2 else 0.0
            rec = mu.copy()[None, :].repeat(n, axis=0)
            for k in range(min(2, len(lam))):
                if lam[k] <= 1e-20:
                    continue
                sc = yc @ vt2[k]
                rec += np.outer(sc, vt2[k]) * max(0.0, lam[k] - noise) / lam[k]
            new = np.clip(rec, -2, 2)
            change = np.abs(new[miss] - y[miss]).max()
            y[miss] = new[miss]
            if change < 1e-9:
                break
    xc = y - y.mean(axis=0)
    u, s, vt = np.linalg.svd(xc, full_matrices=False)
    var = s ** 2
    share = var / var.sum()
    v = vt.T.copy()
    scores = xc @ v
    ncomp = len(s)
    assert ncomp >= 3 and share[0] - share[1] > 1e-6 and share[1] - share[2] > 1e-6, "PCA axes not unique"
    coords = np.zeros((len(keep_r), 2))
    loads = np.zeros((len(keep_t), 2))
    for c in range(ncomp):
        if share[c] < 1e-12:
            share[c] = 0.0
            continue
        sg = orient(v[:, c])
        if c < 2:
            coords[:, c] = sg * scores[:, c]
            loads[:, c] = sg * v[:, c]
    return {
        "rows": [rows[i] for i in keep_r],
        "themes": [themes[t] for t in keep_t],
        "imputed": imputed,
        "explained": share.tolist(),
        "coords": coords.tolist(),
        "loadings": loads.tolist(),
    }


def greedy_drop(d, rows):
    alive = list(range(len(rows)))
    dropped = []
    while True:
        bad = {i: sum(1 for j in alive if j != i and np.isnan(d[i, j])) for i in alive}
        worst = [i for i in alive if bad[i] > 0]
        if not worst:
            break
        top = max(bad[i] for i in worst)
        cand = sorted([i for i in worst if bad[i] == top], key=lambda i: (rows[i], i))
        dropped.append(cand[0])
        alive.remove(cand[0])
    return alive, dropped


def mds(d):
    n = d.shape[0]
    j = np.eye(n) - np.ones((n, n)) / n
    b = -0.5 * j @ (d ** 2) @ j
    w, v = np.linalg.eigh(b)
    order = np.argsort(w)[::-1]
    w, v = w[order], v[:, order]
    tol = max(1e-10 * np.max(np.abs(w)), 1e-20)
    pos = w[w > tol]
    assert len(pos) >= 2 and n >= 3 and (w[0] - w[1]) > 1e-6 * w[0] and (w[1] - w[2]) > 1e-6 * w[0], "MDS axes not unique"
    coords = np.zeros((n, 2))
    for c in range(2):
        col = v[:, c] * np.sqrt(w[c])
        coords[:, c] = orient(col) * col
    neg = -w[w < -tol].sum()
    return {
        "coords": coords.tolist(),
        "explained": (pos / pos.sum()).tolist(),
        "negative_share": float(neg / pos.sum()),
    }


def has_ties(d):
    """Naive UPGMA: True unless, at every step, the closest pair beats the next by 1e-6."""
    n = d.shape[0]
    clusters = {i: [i] for i in range(n)}
    while len(clusters) > 1:
        keys = sorted(clusters)
        pairs = []
        for a in range(len(keys)):
            for b in range(a + 1, len(keys)):
                ca, cb = clusters[keys[a]], clusters[keys[b]]
                pairs.append((np.mean([d[p, q] for p in ca for q in cb]), keys[a], keys[b]))
        pairs.sort()
        if len(pairs) > 1 and pairs[1][0] - pairs[0][0] <= 1e-6:
            return True
        _, a, b = pairs[0]
        clusters[a] = clusters[a] + clusters.pop(b)
    return False


def silhouette(d, labels):
    n = len(labels)
    labels = np.asarray(labels)
    s = np.zeros(n)
    for i in range(n):
        own = labels == labels[i]
        if own.sum() == 1:
            continue
        a = d[i, own & (np.arange(n) != i)].mean()
        b = min(d[i, labels == c].mean() for c in set(labels.tolist()) if c != labels[i])
        s[i] = 0.0 if a == b else (b - a) / max(a, b)
    return float(s.mean()), s.tolist()


def flat(z, k):
    """The partition into k clusters: fcluster(Z, k, "maxclust").

    scipy 1.10 (Debian's) has a bug in maxclust's binary search that can
    return fewer than k clusters when k is close to n (scipy gh-12651,
    fixed in 1.15 by gh-21121). Then the partition is taken with
    criterion "distance" at the midpoint between the heights of merges
    n-k and n-k+1, which is the same partition when heights are distinct
    (checked whenever maxclust does return k clusters)."""
    n = z.shape[0] + 1
    h = z[:, 2]
    by_distance = fcluster(z, (h[n - k - 1] + h[n - k]) / 2, criterion="distance")
    lab = fcluster(z, k, criterion="maxclust")
    if len(set(lab.tolist())) != k:
        return by_distance, "distance"
    assert same_partition(lab, by_distance)
    return lab, "maxclust"


def same_partition(a, b):
    pairs = set(zip(a.tolist(), b.tolist()))
    return len(pairs) == len(set(a.tolist())) == len(set(b.tolist()))


def clustering(d):
    n = d.shape[0]
    if has_ties(d):
        return None
    z = linkage(squareform(d, checks=False), method="average")
    assert np.all(np.diff(z[:, 2]) > 1e-6), "tied merge heights"
    cuts = {}
    for k in range(2, min(4, n - 1) + 1):
        lab, how = flat(z, k)
        assert len(set(lab.tolist())) == k
        mean, per = silhouette(d, lab)
        cuts[str(k)] = {"labels": lab.tolist(), "by": how, "silhouette": mean, "per": per}
    best_k, best = None, None
    for k in range(2, min(6, n - 1) + 1):
        mean, _ = silhouette(d, flat(z, k)[0])
        if best is None or mean > best + 1e-12:
            best_k, best = k, mean
    return {
        "z": z.tolist(),
        "cuts": cuts,
        "leaves": leaves_list(z).tolist(),
        "best_k": best_k,
        "best_silhouette": best,
    }


def nulls(a):
    return [[None if np.isnan(v) else float(v) for v in row] for row in a]


def main():
    doc = {"min_overlap": MIN_OVERLAP, "fixtures": []}
    for name, rows, themes, x in fixtures():
        fx = {"name": name, "rows": rows, "themes": themes, "x": nulls(x), "pca": pca(x, rows, themes), "metrics": {}}
        for metric in METRICS:
            d, shared, status = distances(x, metric)
            alive, dropped = greedy_drop(d, rows)
            sub = d[np.ix_(alive, alive)]
            entry = {
                "d": nulls(d),
                "shared": shared.tolist(),
                "status": status,
                "kept": [rows[i] for i in alive],
                "dropped": [rows[i] for i in dropped],
                "mds": mds(sub),
                "linkage": clustering(sub),
            }
            fx["metrics"][metric] = entry
        doc["fixtures"].append(fx)
    with open(os.path.join(HERE, "geometry_expected.json"), "w") as f:
        json.dump(doc, f, indent=1, allow_nan=False)
        f.write("\n")


if __name__ == "__main__":
    main()
