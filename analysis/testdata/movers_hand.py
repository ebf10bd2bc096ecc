#!/usr/bin/python3
"""Hand values of the movers' trend test for TestMoversTrendByHand
(analysis/findings_test.go): actor A on theme x, yearly periods 2010-2012,
stances [-2, -1], [0, 0, 1], [2, 1]; one row-theme pair tested, level 0.99
shared by six kinds of finding. numpy for the weighted least squares, scipy
for the normal quantile. Run: /usr/bin/python3 movers_hand.py
"""
import numpy as np
from scipy import stats

cells = [[-2, -1], [0, 0, 1], [2, 1]]
t = np.array([0.0, 1.0, 2.0])
n = np.array([len(c) for c in cells], float)
m = np.array([np.mean(c) for c in cells])
ss = 2.0 + sum(((np.array(c) - np.mean(c)) ** 2).sum() for c in cells)
df = 2.0 + sum(len(c) - 1 for c in cells)
sigma2 = ss / df
# weighted least squares of the means on t, weights n
X = np.column_stack([np.ones(3), t])
W = np.diag(n)
beta = np.linalg.solve(X.T @ W @ X, X.T @ W @ m)
cov = sigma2 * np.linalg.inv(X.T @ W @ X)
span = t[-1] - t[0]
d = beta[1] * span
se = span * np.sqrt(cov[1, 1])
z = stats.norm.ppf(1 - (1 - 0.99) / 6 / 2)
print("sigma2", repr(sigma2))
print("change", repr(d), "se", repr(se), "z", repr(z))
print("interval", repr(d - z * se), repr(d + z * se))
