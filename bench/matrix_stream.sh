#!/bin/sh
# `stancemap matrix` on one synthetic CSV (200 actors, 10 themes, 30
# years; default 1,000,000 statements), by the streaming path it takes and
# by the plain path that reads the statements into memory (the hidden
# flag --no-stream), with --bootstrap 0 and with the default 2,000
# resamples: wall time, CPU time (user + sys) and peak resident memory
# from /usr/bin/time, the two paths taking turns RUNS times (default 3),
# and a check that both wrote the same bytes. The load average is printed
# at the start and the end: on a shared machine, compare CPU times.
# Usage: bench/matrix_stream.sh [STATEMENTS]
set -eu
cd "$(dirname "$0")/.."
n=${1:-1000000}
go build -tags bindata -o bin/stancemap ./cmd/stancemap
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
bin/stancemap synth --actors 200 --themes 10 --statements "$n" --years 30 --out "$dir/c" >/dev/null
f="$dir/c/statements.csv --actors $dir/c/actors.csv --codebook $dir/c/codebook.yaml --format csv"
echo "load average at the start: $(cat /proc/loadavg)"
echo "| statements | options | path | wall | CPU (user + sys) | peak RSS |"
echo "|---|---|---|---|---|---|"
for opts in "--bootstrap 0" ""; do
	for run in $(seq "${RUNS:-3}"); do
		for path in stream plain; do
			extra=""
			[ "$path" = plain ] && extra="--no-stream"
			/usr/bin/time -f "%e %U %S %M" -o "$dir/t" bin/stancemap matrix $f $opts $extra -o "$dir/$path.csv"
			read -r wall user sys kb < "$dir/t"
			echo "| $n | ${opts:-(default)} | $path | $wall s | $(awk "BEGIN { print $user + $sys }") s | $((kb / 1024)) MB |"
		done
		cmp -s "$dir/stream.csv" "$dir/plain.csv" || { echo "the two paths wrote different bytes" >&2; exit 1; }
	done
done
echo "load average at the end: $(cat /proc/loadavg)"
