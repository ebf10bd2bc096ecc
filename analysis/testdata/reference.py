#!/usr/bin/python3
"""Independent reference values for the analysis package's tests.

Reads reference_statements.csv and writes reference_expected.json with:

  cells      N, weight, weighted mean, weighted SD and salience per
             (period, actor, theme), periods "all" and "year", computed
             with numpy/pandas from the formulas written out below;
  bootstrap  for small cells (n = 3..7, some weighted), the EXACT
             bootstrap distribution of the weighted mean, by enumerating
             every multiset of resample counts with its multinomial
             probability (exact rational arithmetic: fractions.Fraction),
             and its quantiles at 2.5% and 97.5%.

Conventions (the same as the Go code states):
  mean      = sum(w x) / sum(w)
  SD        = sqrt( sum(w (x - mean)^2) / (sum(w) - 1) )   frequency weights,
              unbiased; undefined (null) when sum(w) <= 1. With unit weights
              this is numpy's std(ddof=1), checked below.
  salience  = sum(w on the theme) / sum(w of the actor in the period)
  quantile  inverse-CDF definition: the smallest value v of the bootstrap
            distribution with P(mean <= v) >= p.

Run with Debian's python3 (numpy, pandas):  /usr/bin/python3 reference.py
"""

import itertools
import json
import math
import os
from fractions import Fraction

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))


def cell_stats():
    df = pd.read_csv(os.path.join(HERE, "reference_statements.csv"), dtype={"date": str})
    df["year"] = df["date"].str.slice(0, 4)
    out = []
    for period_col in ("all", "year"):
        if period_col == "all":
            df["period"] = "all"
        else:
            df["period"] = df["year"]
        totals = df.groupby(["period", "actor"])["weight"].sum()
        for (period, actor, theme), g in df.groupby(["period", "actor", "theme"], sort=True):
            x = g["stance"].to_numpy(dtype=float)
            w = g["weight"].to_numpy(dtype=float)
            sw = w.sum()
            mean = (w * x).sum() / sw
            sd = None
            if sw > 1:
                sd = math.sqrt((w * (x - mean) ** 2).sum() / (sw - 1))
                if np.all(w == 1):
                    assert abs(sd - np.std(x, ddof=1)) < 1e-12
            out.append({
                "period": period, "actor": actor, "theme": theme,
                "n": int(len(x)), "weight": float(sw), "mean": float(mean), "sd": sd,
                "salience": float(sw / totals[(period, actor)]),
            })
    return out


# Cells for the exact bootstrap check: stances and weights, n = 3..7.
BOOT_CELLS = [
    ("n3", [-1, 0, 2], None),
    ("n4", [-2, 1, 1, 2], None),
    ("n5", [-2, -1, 0, 1, 2], None),
    ("n6", [1, 1, 2, 2, -1, 0], None),
    ("n7", [2, 2, 2, 1, 0, -1, -2], None),
    ("n4w", [-2, 0, 1, 2], ["0.5", "1", "2", "1.5"]),
    ("n5w", [-1, -1, 1, 2, 2], ["2", "1", "0.5", "1", "1"]),
    ("n6w", [-2, -1, 0, 1, 2, 2], ["1", "1.5", "0.5", "2", "1", "0.5"]),
    ("n7w", [1, 2, -2, 0, 1, -1, 2], ["1", "2", "0.5", "1", "1.5", "1", "0.5"]),
]
LEVEL = Fraction(95, 100)


def compositions(n, k):
    """All k-tuples of non-negative integers summing to n."""
    for bars in itertools.combinations(range(n + k - 1), k - 1):
        prev = -1
        parts = []
        for b in bars:
            parts.append(b - prev - 1)
            prev = b
        parts.append(n + k - 1 - prev - 1)
        yield parts


def exact_bootstrap(stances, weights):
    n = len(stances)
    x = [Fraction(s) for s in stances]
    w = [Fraction(v) for v in (weights or ["1"] * n)]
    dist = {}
    total = Fraction(0)
    nn = Fraction(n) ** n
    for counts in compositions(n, n):
        prob = Fraction(math.factorial(n), math.prod(math.factorial(c) for c in counts)) / nn
        sw = sum(c * wi for c, wi in zip(counts, w))
        mean = sum(c * wi * xi for c, wi, xi in zip(counts, w, x)) / sw
        dist[mean] = dist.get(mean, 0) + prob
        total += prob
    assert total == 1
    support = sorted(dist)
    cdf = list(itertools.accumulate(dist[v] for v in support))
    return support, [dist[v] for v in support], cdf


def quantile(support, cdf, p):
    """Inverse-CDF quantile with the CDF just below and at it."""
    for i, c in enumerate(cdf):
        if c >= p:
            below = cdf[i - 1] if i > 0 else Fraction(0)
            return support[i], below, c
    raise AssertionError("cdf never reaches p")


def bootstrap_cells():
    out = []
    a = (1 - LEVEL) / 2
    for name, stances, weights in BOOT_CELLS:
        support, probs, cdf = exact_bootstrap(stances, weights)
        qlo, blo, alo = quantile(support, cdf, a)
        qhi, bhi, ahi = quantile(support, cdf, 1 - a)
        out.append({
            "name": name,
            "stances": stances,
            "weights": [float(Fraction(v)) for v in (weights or ["1"] * len(stances))],
            "level": float(LEVEL),
            "support": [float(v) for v in support],
            "cdf": [float(c) for c in cdf],
            "q_lo": float(qlo), "cdf_below_q_lo": float(blo), "cdf_at_q_lo": float(alo),
            "q_hi": float(qhi), "cdf_below_q_hi": float(bhi), "cdf_at_q_hi": float(ahi),
        })
    return out


def main():
    doc = {
        "generated_by": "analysis/testdata/reference.py (numpy %s, pandas %s)" % (np.__version__, pd.__version__),
        "cells": cell_stats(),
        "bootstrap": bootstrap_cells(),
    }
    with open(os.path.join(HERE, "reference_expected.json"), "w") as f:
        json.dump(doc, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
