#!/bin/sh
# Side by side: `stancemap extract` against bench/coding.py, the same
# dictionary coder written in Python with `re`, over the UN General Debate
# Corpus (../shared/data/ungdc_1946-2024.csv.gz, 10,952 speeches, 199 MB).
# Both code by the rules alone (stancemap with --model none: the learned
# model has no Python twin), every sentence that speaks of cyberspace or
# has a neighbour in its paragraph that does (CONTEXT=1 adds
# --require-context to both: only the sentences that do). bench/compare_coding.py then checks that they
# wrote the same statements, field for field, and only then are the times
# printed, with the ratio python / stancemap. Goal (issue 8): at least 5.
#
#   sh bench/coding.sh            # from anywhere; builds bin/stancemap
set -eu
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-../shared/data/ungdc_1946-2024.csv.gz}
if [ ! -f "$CORPUS" ]; then
	echo "bench/coding.sh: $CORPUS is absent (it lives in ../shared/data, outside the repository): nothing to compare" >&2
	exit 0
fi
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"

# Python 3 with PyYAML (to read codebook.yaml and rules.yaml); everything
# else coding.py uses is the standard library.
if [ -z "${PYTHON:-}" ]; then
	if [ -x /usr/bin/python3 ]; then PYTHON=/usr/bin/python3; else PYTHON=python3; fi
fi
if ! "$PYTHON" -c 'import yaml' 2>/dev/null; then
	if [ "$PYTHON" = /usr/bin/python3 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		echo "installing python3-yaml (PyYAML, to read the codebook and rules)" >&2
		apt-get install -y -q python3-yaml >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q python3-yaml >/dev/null; }
	else
		echo "bench/coding.sh: $PYTHON has no yaml module: install PyYAML (apt-get install python3-yaml, or pip install pyyaml)" >&2
		exit 1
	fi
fi

CTX=""
if [ "${CONTEXT:-0}" = 1 ]; then CTX="--require-context"; fi

go build -o bin/stancemap ./cmd/stancemap

# run NAME COMMAND...: runs the command, its standard error in $OUT/NAME.err,
# and its wall time, CPU time and peak memory in $OUT/NAME.time.
run() {
	name=$1
	shift
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -o "$OUT/$name.time" -f "%e %U %S %M" "$@" 2>"$OUT/$name.err"
	else
		t0=$(date +%s.%N)
		"$@" 2>"$OUT/$name.err"
		t1=$(date +%s.%N)
		echo "$(echo "$t1 - $t0" | bc) - - -" >"$OUT/$name.time"
	fi || { echo "bench/coding.sh: $name failed:" >&2; cat "$OUT/$name.err" >&2; exit 1; }
}

echo "== stancemap extract (the command line as a user runs it; no -q, so it prints its summary)"
# shellcheck disable=SC2086
run stancemap bin/stancemap extract "$CORPUS" --text-col text --actor-col country --date-col year --model none $CTX -o "$OUT/stancemap.csv"
cat "$OUT/stancemap.err"
echo "== bench/coding.py (Python $("$PYTHON" -c 'import sys; print(sys.version.split()[0])'), re)"
# shellcheck disable=SC2086
run python "$PYTHON" bench/coding.py "$CORPUS" --text-col text --actor-col country --date-col year $CTX -o "$OUT/python.csv"
cat "$OUT/python.err"

echo "== do they agree?"
"$PYTHON" bench/compare_coding.py "$OUT/stancemap.csv" "$OUT/python.csv" \
	--go-log "$OUT/stancemap.err" --py-log "$OUT/python.err" || {
	echo "bench/coding.sh: the outputs differ: no times reported (outputs in $OUT)" >&2
	exit 1
}

echo "== times (same statements on both sides; $(nproc 2>/dev/null || echo ?) cores, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo ?))"
read -r gw gu gs gm <"$OUT/stancemap.time"
read -r pw pu ps pm <"$OUT/python.time"
awk -v gw="$gw" -v gu="$gu" -v gs="$gs" -v gm="$gm" -v pw="$pw" -v pu="$pu" -v ps="$ps" -v pm="$pm" 'BEGIN {
	printf "%-10s %9s %9s %12s\n", "", "wall s", "CPU s", "peak MB"
	if (gu == "-") {
		printf "%-10s %9.2f %9s %12s\n", "stancemap", gw, "-", "-"
		printf "%-10s %9.2f %9s %12s\n", "coding.py", pw, "-", "-"
		printf "ratio python / stancemap: %.1fx wall\n", pw / gw
		exit
	}
	printf "%-10s %9.2f %9.2f %12.0f\n", "stancemap", gw, gu + gs, gm / 1024
	printf "%-10s %9.2f %9.2f %12.0f\n", "coding.py", pw, pu + ps, pm / 1024
	printf "ratio python / stancemap: %.1fx wall, %.1fx CPU (stancemap uses every core, coding.py one)\n", pw / gw, (pu + ps) / (gu + gs)
}'
echo "outputs in $OUT"
