#!/bin/sh
# Analytics, stancemap versus pandas + scipy + scikit-learn, on the same
# generated corpus in one run: load a statements CSV, matrices per actor ×
# theme × year, Euclidean distances, average-linkage clustering, PCA.
# Both sides' numbers are checked to agree before the times are printed.
# Usage: bench/analytics.sh [STATEMENTS]   (default 1000000)
set -eu
cd "$(dirname "$0")/.."
n=${1:-1000000}
if ! /usr/bin/python3 -c 'import pandas, scipy, sklearn' 2>/dev/null; then
	echo "installing python3-pandas python3-scipy python3-sklearn (Debian)"
	apt-get install -y -qq python3-pandas python3-scipy python3-sklearn >/dev/null
fi
go build -o bin/stancemap ./cmd/stancemap
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
bin/stancemap synth --actors 200 --themes 10 --statements "$n" --years 30 --out "$dir" >/dev/null
ls -l "$dir/statements.csv" | awk '{printf "corpus: %s statements, %.0f MB\n", '"$n"', $5/1e6}'
floor_cat=$( { /usr/bin/time -f %e cat "$dir/statements.csv" >/dev/null; } 2>&1 )
start=$(date +%s.%N)
bin/stancemap analyze "$dir/statements.csv" --actors "$dir/actors.csv" --codebook "$dir/codebook.yaml" \
	--period year --bootstrap 0 --json -o "$dir/go.json" 2>/dev/null
end=$(date +%s.%N)
go_s=$(echo "$end - $start" | bc)
py_s=$(/usr/bin/python3 bench/analytics.py "$dir/statements.csv" "$dir/py.json")
/usr/bin/python3 bench/compare_analytics.py "$dir/go.json" "$dir/py.json"
echo "read the file once (cat):            ${floor_cat} s"
echo "stancemap analyze (all measures):    ${go_s} s"
echo "pandas + scipy + scikit-learn:       ${py_s} s (after interpreter start)"
echo "ratio python / stancemap:            $(echo "scale=2; $py_s / $go_s" | bc)"
