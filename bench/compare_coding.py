#!/usr/bin/env python3
"""Check that stancemap extract and bench/coding.py coded the same statements.

"The same numbers" means, precisely:

1. The same set of statements. A statement is keyed by where it was read
   and what it is about: (row, start, theme), where row is the line of the
   input file at which the speech's row starts and start the sentence's
   first character (code points into the speech text, as in stancemap's
   evidence "file#row=N;char=start,end"). Every key on one side must be on
   the other; a key found twice on one side is an error too.
2. For each statement, equal fields: end (the sentence's last character),
   actor (the registry id the country column resolves to), date, stance
   (-2..+2), confidence (to 1e-9), cues (each theme phrase as written in
   the sentence, lowercased, with the side it took: "cyber sovereignty (+)")
   and the sentence text (white space collapsed).
3. The same counts of what was read: documents coded and sentences coded
   (long enough to hold a statement), from the summary lines both programs
   print ("N statements from D documents (S sentences)"), when given.

It then reports agreement at the level an analyst reads: per (actor, year,
theme), the number of statements and the stance sum on each side.

Any difference is printed (the first ten of each kind) and the exit status
is 1: a benchmark of two programs that disagree measures nothing.

    python3 bench/compare_coding.py go.csv py.csv [--go-log go.err --py-log py.err]
"""

import argparse
import collections
import csv
import re
import sys

URL = re.compile(r"#row=(\d+);char=(\d+),(\d+)$")
SUMMARY = re.compile(r"(\d+) statements from (\d+) documents \((\d+) sentences\)")
FIELDS = ["end", "actor", "date", "stance", "confidence", "cues", "text"]


def unescape(cell):
    """Undo the escaping stancemap's CSV writer applies to a cell a
    spreadsheet would run as a formula (a leading apostrophe before = + -
    @ tab or CR), as stancemap's own readers do (data.UnescapeFormula)."""
    if len(cell) >= 2 and cell[0] == "'" and cell[1] in "=+-@\t\r":
        return cell[1:]
    return cell


def read_go(path):
    out, dups = {}, []
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            r = {k: unescape(v) for k, v in r.items()}
            m = URL.search(r["url"])
            if not m:
                raise SystemExit("compare_coding: %s: url %r holds no #row=N;char=a,b" % (path, r["url"]))
            note = r["note"]
            if not note.startswith("cues: "):
                raise SystemExit("compare_coding: %s: note %r does not start with the cues" % (path, note))
            cues = note[len("cues: "):].rsplit("; speaker: ", 1)[0]
            key = (int(m.group(1)), int(m.group(2)), r["theme"])
            val = (int(m.group(3)), r["actor"], r["date"], int(r["stance"]), float(r["confidence"] or 0), cues, r["text"])
            if key in out:
                dups.append(key)
            out[key] = val
    return out, dups


def read_py(path):
    out, dups = {}, []
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            key = (int(r["row"]), int(r["start"]), r["theme"])
            val = (int(r["end"]), r["actor"], r["date"], int(r["stance"]), float(r["confidence"]), r["cues"], r["text"])
            if key in out:
                dups.append(key)
            out[key] = val
    return out, dups


def summary(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = SUMMARY.search(line)
            if m:
                return int(m.group(1)), int(m.group(2)), int(m.group(3))
    raise SystemExit("compare_coding: %s holds no summary line (N statements from D documents (S sentences))" % path)


def main():
    ap = argparse.ArgumentParser(description="compare stancemap's statements with bench/coding.py's")
    ap.add_argument("go_csv")
    ap.add_argument("py_csv")
    ap.add_argument("--go-log", help="stancemap extract's standard error (its summary line)")
    ap.add_argument("--py-log", help="coding.py's standard error (its summary line)")
    a = ap.parse_args()

    go, go_dups = read_go(a.go_csv)
    py, py_dups = read_py(a.py_csv)
    problems = 0

    def show(title, items):
        nonlocal problems
        items = list(items)
        if not items:
            return
        problems += len(items)
        print("MISMATCH: %s: %d" % (title, len(items)))
        for it in items[:10]:
            print("   ", it)

    show("statements listed twice by stancemap", go_dups)
    show("statements listed twice by coding.py", py_dups)
    only_go = sorted(set(go) - set(py))
    only_py = sorted(set(py) - set(go))
    show("statements only stancemap found (row, start, theme)", [(k, go[k][3], go[k][5]) for k in only_go])
    show("statements only coding.py found (row, start, theme)", [(k, py[k][3], py[k][5]) for k in only_py])
    both = sorted(set(go) & set(py))
    equal = 0
    diffs = collections.defaultdict(list)
    for k in both:
        g, p = go[k], py[k]
        same = True
        for i, name in enumerate(FIELDS):
            a_, b_ = g[i], p[i]
            ok = abs(a_ - b_) <= 1e-9 if name == "confidence" else a_ == b_
            if not ok:
                diffs[name].append((k, "stancemap: %r" % (a_,), "coding.py: %r" % (b_,)))
                same = False
        equal += same
    for name in FIELDS:
        show("%s differs" % name, diffs[name])

    print("statements: stancemap %d, coding.py %d; same key %d; identical in every field %d" % (
        len(go), len(py), len(both), equal))
    if a.go_log and a.py_log:
        gs, ps = summary(a.go_log), summary(a.py_log)
        print("read: stancemap %d documents, %d sentences; coding.py %d documents, %d sentences" % (gs[1], gs[2], ps[1], ps[2]))
        for what, x, y in (("statements", gs[0], len(go)), ("statements", ps[0], len(py))):
            if x != y:
                show("summary says %d %s, the file holds %d" % (x, what, y), [(x, y)])
        if gs[1:] != ps[1:]:
            show("documents or sentences read differ", [("stancemap", gs[1:]), ("coding.py", ps[1:])])

    # Agreement as an analyst reads it: per actor, year and theme.
    cells = collections.defaultdict(lambda: [0, 0, 0, 0])
    for k, v in go.items():
        c = cells[(v[1], v[2], k[2])]
        c[0] += 1
        c[1] += v[3]
    for k, v in py.items():
        c = cells[(v[1], v[2], k[2])]
        c[2] += 1
        c[3] += v[3]
    agree = sum(1 for c in cells.values() if c[0] == c[2] and c[1] == c[3])
    print("per actor, year and theme: %d cells, %d with the same statement count and stance sum" % (len(cells), agree))
    if agree != len(cells):
        show("cells whose count or stance sum differ (actor, year, theme)",
             [(k, "stancemap n=%d sum=%d" % (c[0], c[1]), "coding.py n=%d sum=%d" % (c[2], c[3]))
              for k, c in sorted(cells.items()) if c[0] != c[2] or c[1] != c[3]])

    if problems:
        print("FAIL: the two coders disagree (%d differences): timing them would compare different work" % problems)
        sys.exit(1)
    print("OK: the same %d statements, field for field" % len(go))


if __name__ == "__main__":
    main()
