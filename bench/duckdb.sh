#!/bin/sh
# `stancemap matrix` against DuckDB on the same generated corpora: the
# mean stance, count and standard deviation per actor × theme, from the
# CSV file to a result, at 10^5 and 10^6 statements (and 10^7 with
# --large). Both sides run as child processes of bench/duckdb (a Go
# module of its own: the DuckDB driver needs cgo), which takes turns
# between them RUNS times (default 5), checks that both computed the same
# cells, counts, means and standard deviations, and prints best and median
# wall times, median CPU time (user + sys) and peak resident memory.
# Usage: bench/duckdb.sh [--large] [--sizes N,N] [--corpus DIR] [--runs N]
set -eu
cd "$(dirname "$0")/.."
go build -tags bindata -o bin/stancemap ./cmd/stancemap
(cd bench/duckdb && go build -o ../../bin/duckdb-bench .)
exec bin/duckdb-bench --stancemap bin/stancemap --runs "${RUNS:-5}" "$@"
