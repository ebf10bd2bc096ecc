# Expected values of TestFindingsByHand (analysis/findings_test.go), from
# the formulas of analysis/findings_stats.go, in Python's standard library.
# Actors A (2, 2, 1, 2, 2, 1), B (-2, -1, -2, -2, -1, -2), C (0, 1, 0, 0, 1,
# 0) on theme x; D (-2, -2) is thin (2 statements, below
# --min-actor-statements 3). (With three statements a row, the divide's
# Q of 33.8 is not confirmed by the exact test of findings_exact.go:
# nine stances dealt to three rows give the most extreme split 6 times
# in 1,680, above the divide's level.)
from math import sqrt, log, exp
from statistics import NormalDist, mean, variance

cells = {"A": [2, 2, 1] * 2, "B": [-2, -1, -2] * 2, "C": [0, 1, 0] * 2}
level = 0.99
alpha = (1 - level) / 6            # six kinds of finding share the error rate
ss = sum((len(v) - 1) * variance(v) for v in cells.values())
df = sum(len(v) - 1 for v in cells.values())
sigma2 = (ss + 2) / (df + 2)       # pooled, shrunk towards 1 with 2 df
print("sigma2", sigma2)
pairs = 3
z = NormalDist().inv_cdf(1 - alpha / (2 * pairs))
d = mean(cells["A"]) - mean(cells["B"])
n = len(cells["A"])                # statements per row
half = z * sqrt(sigma2 / n + sigma2 / n)
print("gap A-B: d %.6f half %.6f lo %.6f hi %.6f score %.10f" % (d, half, d - half, d + half, (d - half) / 4))
# heterogeneity: equal s2, so the Q-profile has a closed form; chi2 with
# 2 df has quantile -2 ln(1 - p) and survival exp(-q/2).
x = [mean(v) for v in cells.values()]
s2 = sigma2 / n
xm = mean(x)
S = sum((v - xm) ** 2 for v in x)
q0 = S / s2
p = exp(-q0 / 2)
a = alpha / 2
up, lo = -2 * log(a), -2 * log(1 - a)
est = sqrt(max(0, S / 2 - s2))
tlo = sqrt(max(0, S / up - s2))
thi = min(2, sqrt(max(0, S / lo - s2)))  # the SD of positions on -2..+2 is at most 2
print("divide: Q %.6f p %.3g tau %.6f lo %.6f hi %.6f score %.10f" % (q0, p, est, tlo, thi, tlo / 2))
