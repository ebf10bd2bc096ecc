#!/bin/sh
# The workbook, stancemap versus openpyxl, on the same generated corpus in
# one run: every statement in a Statements sheet plus the actor × theme
# stance matrix. stancemap writes its whole report workbook (13 sheets,
# charts, live formulas where they fit); openpyxl writes the two sheets
# only, in its fastest (write-only) mode. The matrices are checked equal
# before the times are printed.
# Usage: bench/workbook.sh [STATEMENTS]   (default 100000)
set -eu
cd "$(dirname "$0")/.."
n=${1:-100000}
if ! /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
	echo "installing python3-openpyxl (Debian)"
	apt-get install -y -qq python3-openpyxl >/dev/null
fi
go build -o bin/stancemap ./cmd/stancemap
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
bin/stancemap synth --actors 200 --themes 10 --statements "$n" --years 30 --out "$dir" >/dev/null
echo "corpus: $n statements"
start=$(date +%s.%N)
bin/stancemap report "$dir/statements.csv" --actors "$dir/actors.csv" --codebook "$dir/codebook.yaml" \
	--bootstrap 0 --xlsx "$dir/go.xlsx" >/dev/null 2>&1
end=$(date +%s.%N)
go_s=$(echo "$end - $start" | bc)
py_s=$(/usr/bin/python3 bench/workbook_openpyxl.py "$dir/statements.csv" "$dir/py.xlsx" "$dir/means.json")
/usr/bin/python3 bench/check_workbook.py "$dir/go.xlsx" "$dir/means.json"
echo "stancemap report --xlsx (whole report): ${go_s} s"
echo "openpyxl (statements + matrix):        ${py_s} s"
echo "ratio openpyxl / stancemap:            $(echo "scale=2; $py_s / $go_s" | bc)"
