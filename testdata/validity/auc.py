"""AUC of actor positions separating two camps of states.

usage: python3 auc.py [--exclude CHN,RUS,…] [--within other.csv] positions.csv classification.csv [more…]

positions.csv has the columns actor,period,position (stancemap scale --format csv;
the first period of each actor is used, so give positions without --period).
A classification has the columns country,camp with camp "control" or "open".
AUC is the probability that a random "control" state sits further towards the
positive (state control) end than a random "open" state, ties counting one half
(the Mann-Whitney U statistic divided by n_control * n_open). Only states with a
position count; the script says how many of each camp that is. --exclude leaves
states out (the reference actors of Wordscores, whose texts set the word scores);
--within keeps only the states that another positions file places, to compare two
methods on the same states.
"""
import csv
import sys


def read_positions(path):
    pos = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["position"] != "" and row["actor"] not in pos:
                pos[row["actor"]] = float(row["position"])
    return pos


def auc(pos, path, exclude=()):
    camps = {"control": [], "open": []}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["country"] in pos and row["country"] not in exclude:
                camps[row["camp"]].append(pos[row["country"]])
    c, o = camps["control"], camps["open"]
    if not c or not o:
        return float("nan"), len(c), len(o)
    u = sum((x > y) + 0.5 * (x == y) for x in c for y in o)
    return u / (len(c) * len(o)), len(c), len(o)


def main():
    args = sys.argv[1:]
    exclude = set()
    within = None
    while args[0] in ("--exclude", "--within"):
        if args[0] == "--exclude":
            exclude |= set(args[1].split(","))
        else:
            within = read_positions(args[1])
        args = args[2:]
    pos = read_positions(args[0])
    if within is not None:
        pos = {a: v for a, v in pos.items() if a in within}
    for path in args[1:]:
        a, nc, no = auc(pos, path, exclude)
        print(f"{path}: AUC {a:.3f} ({nc} control, {no} open states)")


if __name__ == "__main__":
    main()
