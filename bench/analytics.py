#!/usr/bin/python3
"""The analytics job done the way an analyst would in Python, for
bench/analytics.sh: load a statements CSV, the stance matrix per actor ×
theme × year and overall, Euclidean distances with pairwise deletion (root
mean square over shared themes, at least 2 shared), average-linkage
clustering, PCA of the overall matrix with its missing cells estimated by
regularised iterative PCA, as stancemap's position map does.

Usage: analytics.py statements.csv out.json
Prints the seconds it took (from before reading the CSV) on stdout.
"""
import json
import sys
import time

t0 = time.perf_counter()
import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import linkage
from sklearn.decomposition import PCA

path, out = sys.argv[1], sys.argv[2]
df = pd.read_csv(path, usecols=["actor", "theme", "stance", "date", "weight"], dtype={"actor": str, "theme": str, "date": str})
df["year"] = df["date"].str[:4]
df["ws"] = df["stance"] * df["weight"]
by_year = df.groupby(["actor", "theme", "year"]).agg(n=("stance", "size"), w=("weight", "sum"), ws=("ws", "sum"))
by_year["mean"] = by_year["ws"] / by_year["w"]
overall = df.groupby(["actor", "theme"]).agg(w=("weight", "sum"), ws=("ws", "sum"))
overall["mean"] = overall["ws"] / overall["w"]
X = overall["mean"].unstack()  # actors × themes, NaN where silent
actors = list(X.index)
V = X.to_numpy()
have = ~np.isnan(V)
Z = np.where(have, V, 0.0)
shared = have.astype(float) @ have.T.astype(float)
sq = (Z * Z * have) @ have.T + have @ (Z * Z * have).T - 2 * (Z * have) @ (Z * have).T
with np.errstate(invalid="ignore", divide="ignore"):
    D = np.sqrt(np.maximum(sq, 0) / shared)
D[shared < 2] = np.nan
np.fill_diagonal(D, 0.0)
n = len(actors)
iu = np.triu_indices(n, 1)
cond = D[iu]
tree = linkage(cond, "average") if not np.isnan(cond).any() else None
# The position map's missing cells as stancemap estimates them:
# regularised iterative PCA with two components (Josse & Husson 2012),
# from the theme means, each component shrunk by (lambda - sigma2) /
# lambda (sigma2 the mean of the other components' variances), the
# reconstruction kept within -2..+2, until the cells move less than 1e-9
# (at most 500 rounds); then PCA of the completed matrix.
imputed = np.where(have, V, np.nanmean(V, axis=0))
miss = ~have
nr, nt = imputed.shape
if miss.any() and nt > 2 and nr > 2:
    for _ in range(500):
        mu = imputed.mean(axis=0)
        yc = imputed - mu
        _, sv, vt = np.linalg.svd(yc, full_matrices=False)
        lam = sv ** 2 / (nr - 1)
        noise = lam[2:].mean() if len(lam) > 2 else 0.0
        rec = np.repeat(mu[None, :], nr, axis=0)
        for k in range(min(2, len(lam))):
            if lam[k] > 1e-20:
                rec += np.outer(yc @ vt[k], vt[k]) * max(0.0, lam[k] - noise) / lam[k]
        new = np.clip(rec, -2, 2)
        change = np.abs(new[miss] - imputed[miss]).max()
        imputed[miss] = new[miss]
        if change < 1e-9:
            break
pca = PCA(n_components=2, svd_solver="full").fit(imputed)
elapsed = time.perf_counter() - t0
json.dump({
    "actors": actors,
    "themes": list(X.columns),
    "overall": [[None if np.isnan(v) else float(v) for v in row] for row in V],
    "distances": [[None if np.isnan(v) else float(v) for v in row] for row in D],
    "heights": sorted(float(h) for h in tree[:, 2]) if tree is not None else [],
    "explained": [float(v) for v in pca.explained_variance_ratio_],
    "cells_by_year": int(len(by_year)),
    "seconds": elapsed,
}, open(out, "w"))
print(f"{elapsed:.3f}")
