#!/bin/sh
# Times `stancemap extract` over the whole UN General Debate Corpus
# (../shared/data/ungdc_1946-2024.csv.gz, 10,952 speeches, 199 MB) and prints
# the time, the peak memory and what the statements say for 2000-2024.
# Goal (issue 6): under 15 s and under 1 GB on a 2-core machine.
#
#   sh bench/ungdc.sh            # from the repository root
set -eu
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-../shared/data/ungdc_1946-2024.csv.gz}
if [ ! -f "$CORPUS" ]; then
	echo "bench/ungdc.sh: $CORPUS is absent (it lives in ../shared/data, outside the repository): nothing to time" >&2
	exit 0
fi
OUT=${OUT:-$(mktemp -d)}
go build -o "$OUT/ungdc" ./bench/ungdc
go build -o "$OUT/stancemap" ./cmd/stancemap
TIME=""
if [ -x /usr/bin/time ]; then TIME="/usr/bin/time -f %e_s_elapsed_%M_KB_peak"; fi

echo "== the library, with the 2000-2024 summary (sentences about cyberspace, the internet or ICT)"
$TIME "$OUT/ungdc" -corpus "$CORPUS" -out "$OUT/ungdc_context.csv"

echo
echo "== every sentence, no context filter (the full coding load)"
$TIME "$OUT/ungdc" -corpus "$CORPUS" -require-context=false -top 0 -out "$OUT/ungdc_all.csv" | head -2

if "$OUT/stancemap" extract --help >/dev/null 2>&1; then
	echo
	echo "== the command line, as a user runs it"
	$TIME "$OUT/stancemap" extract "$CORPUS" --text-col text --actor-col country --date-col year \
		--require-context -q -o "$OUT/ungdc_cli.csv"
	wc -l "$OUT/ungdc_cli.csv"
else
	echo "(stancemap extract is not registered in cmd/stancemap/main.go yet: command-line run skipped)"
fi
echo "outputs in $OUT"
