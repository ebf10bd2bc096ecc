#!/usr/bin/env python3
"""Turn coding files (id,theme,stance,note) into a stancemap statements CSV, for
`stancemap agreement` and `stancemap evaluate`.

Usage: python3 testdata/unga/tostatements.py CODING.csv... [--ids FILE] -o OUT.csv

Each themed row becomes one statement: the country as actor, the year as date, the id
(ungdc:YEAR:ISO3#char=START,END) as url, the file's coder as coder. Rows with no theme
give no statement (pass the sentence list to --units instead). --ids keeps only the
sentences whose id is in FILE's id column.
"""
import argparse, csv, os

ap = argparse.ArgumentParser()
ap.add_argument("files", nargs="+")
ap.add_argument("--ids")
ap.add_argument("-o", "--output", required=True)
a = ap.parse_args()
keep = None
if a.ids:
    keep = {r["id"] for r in csv.DictReader(open(a.ids, newline=""))}
rows = []
for f in a.files:
    coder = os.path.basename(f).split("-")[0]
    for r in csv.DictReader(open(f, newline="")):
        if not r["theme"] or (keep is not None and r["id"] not in keep):
            continue
        key = r["id"][len("ungdc:"):].split("#")[0]
        year, country = key.split(":")
        rows.append({"id": f"{r['id']}:{r['theme']}", "actor": country, "theme": r["theme"], "stance": r["stance"],
                     "date": year, "source": "UN General Debate " + year, "url": r["id"], "coder": coder,
                     "origin": "manual"})
rows.sort(key=lambda r: r["id"])
with open(a.output, "w", newline="") as out:
    w = csv.DictWriter(out, fieldnames=["id", "actor", "theme", "stance", "date", "source", "url", "coder", "origin"])
    w.writeheader()
    w.writerows(rows)
