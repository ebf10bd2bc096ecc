"""AUC of actor positions separating two camps of states.

usage: python3 auc.py positions.csv classification.csv [more classifications…]

positions.csv has the columns actor,period,position (stancemap scale --format csv;
the first period of each actor is used, so give positions without --period).
A classification has the columns country,camp with camp "control" or "open".
AUC is the probability that a random "control" state sits further towards the
positive (state control) end than a random "open" state, ties counting one half
(the Mann-Whitney U statistic divided by n_control * n_open). Only states with a
position count; the script says how many of each camp that is.
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


def auc(pos, path):
    camps = {"control": [], "open": []}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["country"] in pos:
                camps[row["camp"]].append(pos[row["country"]])
    c, o = camps["control"], camps["open"]
    if not c or not o:
        return float("nan"), len(c), len(o)
    u = sum((x > y) + 0.5 * (x == y) for x in c for y in o)
    return u / (len(c) * len(o)), len(c), len(o)


def main():
    pos = read_positions(sys.argv[1])
    for path in sys.argv[2:]:
        a, nc, no = auc(pos, path)
        print(f"{path}: AUC {a:.3f} ({nc} control, {no} open states)")


if __name__ == "__main__":
    main()
