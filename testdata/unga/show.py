#!/usr/bin/env python3
"""Print selected UN General Debate sentences with their neighbours, for coding by hand.

Usage: python3 testdata/unga/show.py [--corpus PATH] FIRST COUNT [--half dev|test]

Reads testdata/unga/sentences.csv (offsets only) and the corpus from ../shared; prints, for
each selected sentence in file order from index FIRST, its id, the sentence before, the
sentence itself between >>> <<<, and the sentence after (by the same offsets the index uses).
"""
import argparse, csv, gzip, os, sys

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("first", type=int)
ap.add_argument("count", type=int)
ap.add_argument("--half")
ap.add_argument("--corpus", default=os.path.join(here, "..", "..", "..", "shared", "data", "ungdc_1946-2024.csv.gz"))
a = ap.parse_args()
rows = list(csv.DictReader(open(os.path.join(here, "sentences.csv"))))
if a.half:
    rows = [r for r in rows if r["half"] == a.half]
rows = rows[a.first:a.first + a.count]
want = {(r["year"], r["country"]) for r in rows}
csv.field_size_limit(10**9)
speeches = {}
with gzip.open(a.corpus, "rt", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        if (r["year"], r["country"]) in want:
            speeches[(r["year"], r["country"])] = r["text"]
for r in rows:
    text = speeches[(r["year"], r["country"])]
    s, e = int(r["start"]), int(r["end"])
    before = " ".join(text[max(0, s - 400):s].split())[-300:]
    after = " ".join(text[e:e + 400].split())[:300]
    print("=" * 8, r["id"], r["half"])
    print("before: ..." + before)
    print(">>> " + " ".join(text[s:e].split()) + " <<<")
    print("after: " + after + "...")
