#!/usr/bin/python3
"""Checks that stancemap analyze --json and bench/analytics.py computed the
same numbers: overall means, distances, linkage heights and PCA explained
variance, to 1e-9. Exits 1 with the first difference otherwise."""
import json
import math
import sys

go = json.load(open(sys.argv[1]))
py = json.load(open(sys.argv[2]))
tol = 1e-9


def fail(msg):
    print("MISMATCH:", msg)
    sys.exit(1)


cells = {(c["row"], c["theme"]): c["mean"] for c in go["matrices"]["overall"]["cells"]}
for i, a in enumerate(py["actors"]):
    for j, t in enumerate(py["themes"]):
        p, g = py["overall"][i][j], cells.get((a, t))
        if (p is None) != (g is None) or (p is not None and abs(p - g) > tol):
            fail(f"mean {a} {t}: python {p}, stancemap {g}")
rows = go["distances"]["rows"]
idx = {r: k for k, r in enumerate(rows)}
for i, a in enumerate(py["actors"]):
    for j, b in enumerate(py["actors"]):
        p, g = py["distances"][i][j], go["distances"]["d"][idx[a]][idx[b]]
        if (p is None) != (g is None) or (p is not None and abs(p - g) > tol):
            fail(f"distance {a} {b}: python {p}, stancemap {g}")
gh = sorted(m["height"] for m in go["blocs"].get("merges", []))
if len(gh) != len(py["heights"]) or any(abs(x - y) > tol for x, y in zip(gh, py["heights"])):
    fail("linkage heights differ")
ge = go["map"]["explained"][:2]
if any(abs(x - y) > tol for x, y in zip(ge, py["explained"])):
    fail(f"PCA explained variance: python {py['explained']}, stancemap {ge}")
print(f"same numbers: {len(cells)} matrix cells, {len(rows)}² distances, {len(gh)} merges, PCA {', '.join(f'{v:.4f}' for v in ge)}")
