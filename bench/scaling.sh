#!/bin/sh
# How cost grows with the corpus: for 10^4 … 10^7 statements (200 actors,
# 10 themes, 30 years) and for 20 … 2,000 actors (100,000 statements),
# the time and peak memory of
#   matrix  — read the CSV, actor × theme matrices with 2,000-resample CIs
#   job     — the analytics job of bench/analytics.sh: read the CSV, yearly
#             and overall matrices, distances, blocs, PCA, JSON out
#             (analyze --period year --skip network,polarisation,evolution,findings)
#   analyze — read the CSV, every measure of `stancemap analyze` (no CIs)
#   floor   — read the file once (cat) and parse it as CSV with nothing else (Go encoding/csv)
#   DuckDB  — the matrix job's numbers (mean, count, sd per actor × theme) by
#             DuckDB: read_csv + GROUP BY (bench/duckdb, its own Go module
#             with cgo; the column is left out when it does not build)
# Usage: bench/scaling.sh [MAX_STATEMENTS]   (default 10000000)
set -eu
cd "$(dirname "$0")/.."
max=${1:-10000000}
go build -tags bindata -o bin/stancemap ./cmd/stancemap
go build -o bin/csvfloor ./bench/csvfloor
duck=true
(cd bench/duckdb && go build -o ../../bin/duckdb-bench .) || duck=false
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
measure() { # label, command...
	label=$1; shift
	/usr/bin/time -f "%e %M" -o "$dir/t" "$@" >/dev/null 2>&1 || true
	read -r secs kb < "$dir/t"
	printf '%s %s s %s MB\n' "$label" "$secs" "$((kb / 1024))"
}
row() { # statements actors
	n=$1; a=$2
	bin/stancemap synth --actors "$a" --themes 10 --statements "$n" --years 30 --out "$dir/c" >/dev/null
	size=$(stat -c %s "$dir/c/statements.csv")
	f="$dir/c/statements.csv --actors $dir/c/actors.csv --codebook $dir/c/codebook.yaml"
	cat_t=$( { /usr/bin/time -f %e cat "$dir/c/statements.csv" >/dev/null; } 2>&1 )
	floor=$(measure floor bin/csvfloor "$dir/c/statements.csv")
	mat=$(measure matrix bin/stancemap matrix $f --format csv -o "$dir/m.csv" --max-problems 0)
	job=$(measure job bin/stancemap analyze $f --period year --bootstrap 0 --skip network,polarisation,evolution,findings --json -o "$dir/j.json" --max-problems 0)
	ana=$(measure analyze bin/stancemap analyze $f --bootstrap 0 --json -o "$dir/a.json" --max-problems 0)
	dd="(not built)"
	if $duck; then
		dd=$(measure DuckDB bin/duckdb-bench query "$dir/c/statements.csv" "$dir/d.csv")
	fi
	printf '| %s | %s | %s MB | cat %s s; %s | %s | %s | %s | %s |\n' "$n" "$a" "$((size / 1000000))" "$cat_t" "$floor" "$mat" "$job" "$ana" "$dd"
}
echo "| statements | actors | CSV | read floor | matrix | analytics job | analyze | DuckDB (matrix numbers) |"
echo "|---|---|---|---|---|---|---|---|"
for n in 10000 100000 1000000 10000000; do
	[ "$n" -le "$max" ] && row "$n" 200
done
for a in 20 200 2000; do
	row 100000 "$a"
done
