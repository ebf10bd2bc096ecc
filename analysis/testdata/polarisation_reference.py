#!/usr/bin/python3
"""Reference values for analysis/polarisation_test.go, computed independently
with numpy and scipy (Debian's python3-numpy and python3-scipy).

Run: /usr/bin/python3 analysis/testdata/polarisation_reference.py > analysis/testdata/polarisation_expected.json
"""
import json

import numpy as np
from scipy import stats

FIXTURES = {
    "two_camps": [-2, -2, -1.5, 1.5, 2, 2],
    "consensus_with_outlier": [1, 1, 1, 1.5, 1, -2],
    "spread": [-2, -1, -0.5, 0, 0.25, 1, 2],
    "three": [0, 1, 2],
    "pair": [-1, 1],
}


def esteban_ray(xs, alpha):
    ys, counts = np.unique(np.asarray(xs, dtype=float), return_counts=True)
    ps = counts / counts.sum()
    total = 0.0
    for i in range(len(ys)):
        for j in range(len(ys)):
            total += ps[i] ** (1 + alpha) * ps[j] * abs(ys[i] - ys[j])
    return total


def main():
    out = {}
    for name, xs in FIXTURES.items():
        x = np.asarray(xs, dtype=float)
        n = len(x)
        rec = {"xs": xs, "sd": float(np.std(x, ddof=1)), "range": float(x.max() - x.min())}
        for alpha in (1.0, 1.6):
            er = esteban_ray(xs, alpha)
            er_max = esteban_ray([-2, 2], alpha)  # two equal camps at the ends
            rec["er_%.1f" % alpha] = er
            rec["er_norm_%.1f" % alpha] = er / er_max
        if n >= 4:
            g = stats.skew(x, bias=False)
            k = stats.kurtosis(x, fisher=True, bias=False)
            rec["bimodality"] = float((g * g + 1) / (k + 3 * (n - 1) ** 2 / ((n - 2) * (n - 3))))
        out[name] = rec
    print(json.dumps(out, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
