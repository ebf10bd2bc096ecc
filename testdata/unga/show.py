#!/usr/bin/env python3
"""Print selected UN General Debate sentences with their neighbours, for coding by hand.

Usage: python3 testdata/unga/show.py [--corpus PATH] FIRST COUNT [--half dev|test] [--ids FILE]
       python3 testdata/unga/show.py --check PARAPHRASES.csv

Reads testdata/unga/sentences.csv (offsets only) and the corpus from ../shared; prints, for
each selected sentence in file order from index FIRST, its id, the sentence before, the
sentence itself between >>> <<<, and the sentence after (by the same offsets the index uses).
--ids keeps only the sentences whose id is in FILE's id column (e.g. reliability.csv).

--check reads a paraphrase file (columns id, paraphrase) and reports every paraphrase longer
than 25 words or sharing a run of more than five words with its speech (the same check as the
Go test), then exits 1 if there was any.
"""
import argparse, csv, gzip, os, re, sys

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("first", type=int, nargs="?", default=0)
ap.add_argument("count", type=int, nargs="?", default=10**9)
ap.add_argument("--half")
ap.add_argument("--ids")
ap.add_argument("--check")
ap.add_argument("--corpus", default=os.path.join(here, "..", "..", "..", "shared", "data", "ungdc_1946-2024.csv.gz"))
a = ap.parse_args()
rows = list(csv.DictReader(open(os.path.join(here, "sentences.csv"))))
byid = {r["id"]: r for r in rows}
if a.check:
    para = list(csv.DictReader(open(a.check, newline="")))
    rows = [byid[p["id"]] for p in para if p["id"] in byid]
else:
    if a.half:
        rows = [r for r in rows if r["half"] == a.half]
    if a.ids:
        keep = {r["id"] for r in csv.DictReader(open(a.ids))}
        rows = [r for r in rows if r["id"] in keep]
    rows = rows[a.first:a.first + a.count]
want = {(r["year"], r["country"]) for r in rows}
csv.field_size_limit(10**9)
speeches = {}
with gzip.open(a.corpus, "rt", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        if (r["year"], r["country"]) in want:
            speeches[(r["year"], r["country"])] = r["text"]


def words(s):
    return re.findall(r"[^\W_]+", s.lower())


if a.check:
    bad = 0
    for p in para:
        r = byid.get(p["id"])
        if r is None:
            print("unknown id:", p["id"]); bad += 1; continue
        pw = words(p["paraphrase"])
        if not pw or len(pw) > 25:
            print(f"{p['id']}: {len(pw)} words (1 to 25 allowed)"); bad += 1
        sw = words(speeches[(r["year"], r["country"])])
        grams = {tuple(sw[i:i + 6]) for i in range(len(sw) - 5)}
        for i in range(len(pw) - 5):
            if tuple(pw[i:i + 6]) in grams:
                print(f"{p['id']}: shares '{' '.join(pw[i:i + 6])}' with the speech"); bad += 1
                break
    print(f"{len(para)} paraphrases checked, {bad} problems")
    sys.exit(1 if bad else 0)
for r in rows:
    text = speeches[(r["year"], r["country"])]
    s, e = int(r["start"]), int(r["end"])
    before = " ".join(text[max(0, s - 400):s].split())[-300:]
    after = " ".join(text[e:e + 400].split())[:300]
    print("=" * 8, r["id"], r["half"])
    print("before: ..." + before)
    print(">>> " + " ".join(text[s:e].split()) + " <<<")
    print("after: " + after + "...")
