"""The ten-line baseline: sovereignty words minus human-rights words, per 1,000 words.

usage: python3 regex_baseline.py ungdc.csv.gz 2010 2024 > baseline.csv
Writes actor,period,position,low,high,n like stancemap scale (no interval).
"""
import csv, gzip, re, sys, collections
SOV = re.compile(r"\bsovereign\w*|\bnon-?interference\b|\binternal affairs\b|\bterritorial integrity\b")
HR = re.compile(r"\bhuman rights?\b|\bdemocra\w*|\bfreedom\w*|\brule of law\b")
csv.field_size_limit(1 << 30)
score, words, n = collections.Counter(), collections.Counter(), collections.Counter()
for row in csv.DictReader(gzip.open(sys.argv[1], "rt", encoding="utf-8")):
    if int(sys.argv[2]) <= int(row["year"]) <= int(sys.argv[3]):
        t = row["text"].lower()
        score[row["country"]] += len(SOV.findall(t)) - len(HR.findall(t))
        words[row["country"]] += len(t.split()); n[row["country"]] += 1
print("actor,period,position,low,high,n")
for a in sorted(score):
    print(f"{a},all,{1000 * score[a] / words[a]:.4f},,,{n[a]}")
