#!/bin/sh
# Inter-coder reliability of the hand-coded UN corpus: the first coding
# (testdata/unga/coding) against the second, independent coding
# (testdata/unga/second) of the 300 sentences of reliability.csv, by
# `stancemap agreement --units` (every listed sentence counts as coded by
# both, themed or not). Usage: sh testdata/unga/reliability.sh [STANCEMAP]
set -eu
here=$(dirname "$0")
sm=${1:-stancemap}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$here/tostatements.py" "$here"/coding/*.csv --ids "$here/reliability.csv" -o "$tmp/first.csv"
python3 "$here/tostatements.py" "$here"/second/*.csv -o "$tmp/second.csv"
units=$(cd "$here" && pwd)/reliability.csv
cd "$tmp" && "$sm" agreement first.csv second.csv --units "$units"
