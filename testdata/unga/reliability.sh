#!/bin/sh
# Inter-coder reliability of the hand-coded UN corpus: the first coding
# against the second, independent coding of the 300 sentences of
# reliability.csv, both as they stood before adjudication
# (reliability/first.csv, taken from coding/ at manual revision 2;
# reliability/second.csv, from second/), by `stancemap agreement --units`
# (every listed sentence counts as coded by both, themed or not). The
# result is reliability.txt, and the command case agreement/unga-reliability.
# Usage: sh testdata/unga/reliability.sh [STANCEMAP]
set -eu
here=$(dirname "$0")
sm=${1:-stancemap}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$here/tostatements.py" "$here/reliability/first.csv" -o "$tmp/first.csv"
python3 "$here/tostatements.py" "$here/reliability/second.csv" -o "$tmp/second.csv"
units=$(cd "$here" && pwd)/reliability.csv
cd "$tmp" && "$sm" agreement first.csv second.csv --units "$units"
