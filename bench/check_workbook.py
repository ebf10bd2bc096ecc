#!/usr/bin/python3
"""Checks that stancemap's workbook holds the same actor × theme means as
the openpyxl side computed (the cached values of its Stance sheet), to 1e-9."""
import json
import sys

from openpyxl import load_workbook

book, means_path = sys.argv[1:3]
want = json.load(open(means_path))
ws = load_workbook(book, read_only=True, data_only=True)["Stance"]
ws.reset_dimensions()  # streamed sheets carry no reliable dimension
rows = ws.iter_rows(min_row=2, values_only=True)
header = next(rows)
themes = {j: t for j, t in enumerate(header) if j >= 2 and t}
seen = 0
for r in rows:
    if not r or r[0] is None:
        continue
    actor = r[0]
    for j, t in themes.items():
        key = f"{actor}\t{t}"
        v = r[j] if j < len(r) else None
        if key in want:
            if v in (None, "") or abs(float(v) - want[key]) > 1e-9:
                print(f"MISMATCH {actor} {t}: openpyxl side {want[key]}, stancemap {v}")
                sys.exit(1)
            seen += 1
if seen != len(want):
    print(f"MISMATCH: stancemap's Stance sheet has {seen} cells, the openpyxl side {len(want)}")
    sys.exit(1)
print(f"same numbers: {seen} matrix cells")
