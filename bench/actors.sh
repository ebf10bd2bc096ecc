#!/bin/sh
# How `stancemap analyze` (every measure, default options, text report)
# grows with the actors at 100,000 statements (10 themes, 30 years):
# 20, 200, 2,000 and 10,000 actors. Prints, per row, the CPU time
# (user + sys), the wall time, the peak resident memory and the load
# average when it ran (the wall time means little on a loaded machine).
# Goals (issue 19): under 3 s and 1 GB at 2,000 actors, under 30 s and
# 8 GB at 10,000.
# Usage: bench/actors.sh [ACTORS...]   (default 20 200 2000 10000)
set -eu
cd "$(dirname "$0")/.."
go build -o bin/stancemap ./cmd/stancemap
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
echo "| actors | statements | CPU (user + sys) | wall | peak memory | load average |"
echo "|---|---|---|---|---|---|"
for a in ${*:-20 200 2000 10000}; do
	bin/stancemap synth --actors "$a" --themes 10 --statements 100000 --years 30 --out "$dir/c" >/dev/null
	load=$(cut -d' ' -f1 /proc/loadavg)
	/usr/bin/time -f "%U %S %e %M" -o "$dir/t" bin/stancemap analyze "$dir/c/statements.csv" \
		--actors "$dir/c/actors.csv" --codebook "$dir/c/codebook.yaml" --max-problems 0 -o "$dir/out.txt"
	read -r user sys wall kb < "$dir/t"
	cpu=$(echo "$user $sys" | awk '{printf "%.1f", $1 + $2}')
	printf '| %s | 100,000 | %s s | %s s | %s MB | %s |\n' "$a" "$cpu" "$wall" "$((kb / 1024))" "$load"
done
