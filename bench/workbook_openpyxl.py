#!/usr/bin/python3
"""The workbook job done with openpyxl, for bench/workbook.sh: read a
statements CSV, write a Statements sheet with every statement and a Stance
sheet with the actor × theme mean stance (write-only mode, openpyxl's fastest).

Usage: workbook_openpyxl.py statements.csv out.xlsx means.json
Prints the seconds it took on stdout; writes the means it computed to means.json.
"""
import csv
import json
import sys
import time

t0 = time.perf_counter()
from openpyxl import Workbook

src, out, means_path = sys.argv[1:4]
wb = Workbook(write_only=True)
ws = wb.create_sheet("Statements")
sums, weights = {}, {}
with open(src, newline="", encoding="utf-8") as f:
    rows = csv.reader(f)
    header = next(rows)
    ws.append(header)
    ia, it, ist, iw = header.index("actor"), header.index("theme"), header.index("stance"), header.index("weight")
    for r in rows:
        ws.append(r)
        key = (r[ia], r[it])
        w = float(r[iw] or 1)
        sums[key] = sums.get(key, 0.0) + w * int(r[ist])
        weights[key] = weights.get(key, 0.0) + w
actors = sorted({a for a, _ in sums})
themes = sorted({t for _, t in sums})
st = wb.create_sheet("Stance")
st.append(["actor"] + themes)
for a in actors:
    st.append([a] + [sums[(a, t)] / weights[(a, t)] if (a, t) in sums else None for t in themes])
wb.save(out)
elapsed = time.perf_counter() - t0
json.dump({f"{a}\t{t}": sums[(a, t)] / weights[(a, t)] for (a, t) in sums}, open(means_path, "w"))
print(f"{elapsed:.3f}")
