#!/bin/sh
# The reports of many actors: for 2,000 and 10,000 actors (100,000
# statements on 12 themes, stancemap synth), the time and peak memory of
#   stancemap report --html --xlsx
# the size of both files, and how long the HTML takes to open and draw in
# headless Chromium (reports/html TestBrowserDrawFile: wall clock from
# navigation to every chart drawn, and the CPU time of the page's
# threads, which a busy machine inflates less). Goals at 2,000 actors:
# under 10 MB, drawn in under 5 s. The load average is printed before
# and after: on a shared machine the wall-clock figures are inflated.
# At 10,000 actors the analysis itself (distances, clustering, Louvain
# communities) takes most of the time and several GB.
# Usage: bench/report_actors.sh [ACTORS...]   (default: 2000 10000)
# Needs chromium for the drawing time; KEEP=DIR keeps the files there.
set -eu
cd "$(dirname "$0")/.."
go build -tags bindata -o bin/stancemap ./cmd/stancemap
go test -tags bindata -c -o bin/html.test ./reports/html
dir=${KEEP:-$(mktemp -d)}
mkdir -p "$dir"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$dir"' EXIT
echo "load: $(uptime)"
for a in ${*:-2000 10000}; do
	c="$dir/c$a"
	bin/stancemap synth --actors "$a" --themes 12 --statements 100000 --out "$c" >/dev/null
	/usr/bin/time -f "%e s wall, %U s user + %S s sys, peak %M KB" -o "$dir/t" \
		bin/stancemap report "$c/statements.csv" --actors "$c/actors.csv" --codebook "$c/codebook.yaml" \
		--html "$dir/r$a.html" --xlsx "$dir/r$a.xlsx" --max-problems 0 >/dev/null
	printf '%s actors: report %s; HTML %s bytes; workbook %s bytes\n' "$a" "$(cat "$dir/t")" \
		"$(stat -c %s "$dir/r$a.html")" "$(stat -c %s "$dir/r$a.xlsx")"
	STANCEMAP_DRAW_FILE="$dir/r$a.html" bin/html.test -test.run '^TestBrowserDrawFile$' -test.v 2>&1 |
		sed -n 's/^ *browser_actors_test.go:[0-9]*: /  /p'
done
echo "load: $(uptime)"
