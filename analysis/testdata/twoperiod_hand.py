#!/usr/bin/python3
"""Hand values of analysis.ComparePeriods for TestComparePeriodsByHand.

Independent of the Go code: numpy for the means and sums of squares,
scipy for the Student quantile. Prints one line per cell:
row theme change low high verdict. Run: /usr/bin/python3 twoperiod_hand.py (Debian python3 has numpy and scipy)
"""
import numpy as np
from scipy import stats

# stances by (row, theme) in periods 2010 and 2011, as in the Go test
cells = {
    ("A", "x"): ([-2, -1, -2], [1, 2]),
    ("B", "x"): ([0, 1], [0, 0, 1]),
    ("C", "x"): ([2], [1, 1]),
    ("D", "y"): ([1, 1, 1, 1, 1, 1, 1, 2], [1, 1, 1, 1, 1, 1, 2, 1]),
}
MIN, LEVEL, MARGIN, PRIOR = 2, 0.95, 1.0, 4.0

pooled = {}
for theme in ("x", "y"):
    ss, df = 2.0, 2.0  # shrunk towards 1 with two degrees of freedom
    for (row, th), sides in cells.items():
        if th != theme:
            continue
        for s in sides:
            if len(s) >= 2:
                s = np.array(s, float)
                ss += ((s - s.mean()) ** 2).sum()
                df += len(s) - 1
    pooled[theme] = (ss / df, df)
    print("sigma2", theme, repr(ss / df), df)

for (row, th), (a, b) in cells.items():
    s2, df = pooled[th]
    a, b = np.array(a, float), np.array(b, float)
    d = b.mean() - a.mean()
    def side(s):
        # moderated variance of one statement, over n: the mean's
        own = ((s - s.mean()) ** 2).sum() if len(s) >= 2 else 0.0
        d = len(s) - 1 + PRIOR
        return (own + PRIOR * s2) / d / len(s), d
    va, dfa = side(a)
    vb, dfb = side(b)
    welch = (va + vb) ** 2 / (va ** 2 / dfa + vb ** 2 / dfb)
    half = stats.t.ppf(1 - (1 - LEVEL) / 2, welch) * np.sqrt(va + vb)
    lo, hi = d - half, d + half
    if len(a) < MIN or len(b) < MIN:
        v = "cannot tell"
    elif lo > 0 or hi < 0:
        v = "moved"
    elif lo > -MARGIN and hi < MARGIN:
        v = "stayed"
    else:
        v = "cannot tell"
    print(row, th, repr(d), repr(lo), repr(hi), v)
