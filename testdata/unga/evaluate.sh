#!/bin/sh
# The coder measured against the hand coding of the UN corpus, on the
# development half and on the test half: `stancemap extract` over the UN
# General Debate Corpus, rows named ungdc:YEAR:ISO3 (--doc-ref) so its
# urls line up with the gold's, then `stancemap evaluate --units` on each
# half's sentences (the gold is the built-in unga sample; sentences it
# left without a theme count, predictions elsewhere do not).
# Usage: sh testdata/unga/evaluate.sh [STANCEMAP [EXTRACT FLAGS...]]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
sm=${1:-stancemap}
[ $# -gt 0 ] && shift
corpus=${UNGDC:-$here/../../../shared/data/ungdc_1946-2024.csv.gz}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$sm" extract "$corpus" --text-col text --actor-col country --date-col year \
	--doc-ref 'ungdc:{year}:{country}' -q -o "$tmp/pred.csv" "$@"
"$sm" init --sample unga "$tmp/gold" >/dev/null
for half in dev test; do
	python3 -c 'import csv, sys
r = csv.DictReader(open(sys.argv[1], newline=""))
w = csv.writer(sys.stdout)
w.writerow(["id"])
w.writerows([x["id"]] for x in r if x["half"] == sys.argv[2])' "$here/sentences.csv" "$half" >"$tmp/$half.csv"
	echo "== $half half: $(($(wc -l <"$tmp/$half.csv") - 1)) sentences"
	"$sm" evaluate --gold "$tmp/gold/statements.csv" --pred "$tmp/pred.csv" --units "$tmp/$half.csv"
done
