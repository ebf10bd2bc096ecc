#!/bin/sh
# `stancemap matrix` against sqlite3 on the same generated corpus: the
# mean stance and count per actor × theme, from the CSV file to a result.
# sqlite3's time is its `.import` of the CSV into a table plus the
# GROUP BY; stancemap's is the whole command (`--bootstrap 0`, CSV out).
# Both results are checked to hold the same cells, counts and means (to
# 1e-9) before any time is printed. The sides take turns RUNS times
# (default 5); best and median times and their ratios are printed.
# Usage: bench/matrix_sqlite.sh [STATEMENTS]   (default 1000000)
set -eu
cd "$(dirname "$0")/.."
n=${1:-1000000}
runs=${RUNS:-5}
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed (Debian: apt-get install sqlite3)"; exit 1; }
go build -o bin/stancemap ./cmd/stancemap
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
bin/stancemap synth --actors 200 --themes 10 --statements "$n" --years 30 --out "$dir" >/dev/null
ls -l "$dir/statements.csv" | awk '{printf "corpus: %s statements, %.0f MB\n", '"$n"', $5/1e6}'
cat > "$dir/q.sql" <<'SQL'
.mode csv
.import STATEMENTS s
.output OUT
SELECT actor, theme, avg(stance), count(*) FROM s GROUP BY actor, theme;
SQL
sed -i "s|STATEMENTS|$dir/statements.csv|; s|OUT|$dir/sqlite.csv|" "$dir/q.sql"
sync
elapsed() { # command...: runs it, prints the seconds it took
	start=$(date +%s.%N)
	"$@" >/dev/null
	end=$(date +%s.%N)
	echo "$end - $start" | bc
}
go_times=""
sq_times=""
for i in $(seq "$runs"); do
	go_times="$go_times $(elapsed bin/stancemap matrix "$dir/statements.csv" --actors "$dir/actors.csv" \
		--codebook "$dir/codebook.yaml" --format csv --bootstrap 0 -o "$dir/go.csv")"
	rm -f "$dir/db"
	sq_times="$sq_times $(elapsed sqlite3 "$dir/db" ".read $dir/q.sql")"
done
# The same cells: actor, theme, count and mean from both, sorted (cells
# with no statements, which stancemap lists empty, GROUP BY leaves out).
awk -F, 'NR > 1 && $6 > 0 { printf "%s,%s,%d,%.9f\n", $4, $5, $6, $8 }' "$dir/go.csv" | sort > "$dir/a"
awk -F, '{ printf "%s,%s,%d,%.9f\n", $1, $2, $4, $3 }' "$dir/sqlite.csv" | sort > "$dir/b"
if ! cmp -s "$dir/a" "$dir/b"; then
	echo "the two results differ:"; diff "$dir/a" "$dir/b" | head; exit 1
fi
echo "same $(wc -l < "$dir/a") cells (actor, theme, count, mean) on both sides"
best() { sort -g | head -1; }
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
go_s=$(echo $go_times | tr ' ' '\n' | best)
sq_s=$(echo $sq_times | tr ' ' '\n' | best)
go_m=$(echo $go_times | tr ' ' '\n' | median)
sq_m=$(echo $sq_times | tr ' ' '\n' | median)
echo "stancemap matrix:               ${go_s} s best, ${go_m} s median (of:${go_times})"
echo "sqlite3 .import + GROUP BY:     ${sq_s} s best, ${sq_m} s median (of:${sq_times})"
echo "ratio sqlite3 / stancemap:      $(echo "scale=2; $sq_s / $go_s" | bc) (best times); $(echo "scale=2; $sq_m / $go_m" | bc) (medians)"
