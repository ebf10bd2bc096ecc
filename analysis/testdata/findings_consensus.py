# Expected values of TestFindingsConsensus (analysis/findings_test.go), from
# the formulas of analysis/findings_stats.go, with scipy (Debian's
# python3-scipy). Eight actors, four statements each, on one theme x: every
# cell has the same n, so every cell's sampling variance is the same and
# the Q-profile interval of the SD of true positions has a closed form.
# Run: /usr/bin/python3 analysis/testdata/findings_consensus.py
from math import sqrt
from statistics import mean, variance
from scipy.stats import chi2, norm

CASES = {
    # every actor's mean is +1: the means vary less than sampling error
    # alone would make them (Q = 0), so the interval of the SD is empty
    "flat": [[0, 1, 1, 2]] * 8,
    # means 0.75 to 1.5
    "mild": [[1, 1, 1, 1], [0, 1, 1, 2], [1, 1, 2, 2], [0, 1, 1, 1],
             [1, 1, 1, 2], [0, 0, 1, 2], [1, 2, 1, 1], [1, 1, 0, 2]],
}
# twelve statements each, means 11/12 to 13/12
base = [0, 1, 1, 2] * 3
CASES["close"] = [base, base[:-1] + [1], base[:-2] + [2, 2], base, base[:-1] + [3 - 2],
                  [0, 0] + base[2:], base, [2] + base[1:]]
level = 0.99
alpha = (1 - level) / 6   # six kinds of finding share the error rate
for name, cells in CASES.items():
    k, n = len(cells), len(cells[0])
    ss = sum((n - 1) * variance(v) for v in cells)
    df = sum(n - 1 for v in cells)
    sigma2 = (ss + 2) / (df + 2)          # pooled, shrunk towards 1 with 2 df
    s2 = sigma2 / n
    x = [mean(v) for v in cells]
    xm = mean(x)
    S = sum((v - xm) ** 2 for v in x)
    q = S / s2
    hi = min(2, sqrt(max(0, S / chi2.ppf(alpha / 2, k - 1) - s2)))
    half = norm.ppf(1 - alpha / 2) * sqrt(s2 / k)
    print("%s: mean %.4f (%.4f to %.4f) Q %.4f on %d df, SD at most %.4f, score %.6f"
          % (name, xm, xm - half, xm + half, q, k - 1, hi, 0.5 - hi))
