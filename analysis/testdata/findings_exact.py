# Expected values of TestExactDivideTail (analysis/findings_exact_test.go):
# the exact upper tail of Cochran's Q for three rows of two stances each,
# every stance an independent draw from p over -2..+2, each row's mean with
# sampling variance sigma2 / 2, by enumerating all 5^6 outcomes (numpy).
# Run: /usr/bin/python3 analysis/testdata/findings_exact.py
import itertools
import numpy as np

p = np.array([0.05, 0.05, 0.15, 0.6, 0.15])
vals = np.arange(-2, 3)
n = [2, 2, 2]
sigma2 = 0.5
for q_obs in [2.0, 6.0, 12.0]:
    tail = 0.0
    for combo in itertools.product(range(5), repeat=sum(n)):
        prob = np.prod(p[list(combo)])
        x, k = [], 0
        for m in n:
            x.append(vals[list(combo[k:k + m])].mean())
            k += m
        w = np.array(n) / sigma2
        x = np.array(x)
        mean = (w * x).sum() / w.sum()
        q = (w * (x - mean) ** 2).sum()
        if q >= q_obs * (1 - 1e-9):
            tail += prob
    print("Q >= %.1f: %.10f" % (q_obs, tail))
