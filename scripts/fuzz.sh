#!/bin/sh
# Runs every fuzz target of the project: FUZZTIME each (default 10000x,
# a number of executions; a duration such as 30s works too). Counts, not
# durations, by default: with a duration, `go test -fuzz` fails with
# "context deadline exceeded" when its time runs out while it is
# minimizing a new input, which is no bug of ours. Minimization is
# bounded too (FUZZMINIMIZE, default 100x). A crasher is saved under the
# package's testdata/fuzz/<Target>/ and from then on runs as a regression
# case with every `go test`.
set -eu
t=${FUZZTIME:-10000x}
m=${FUZZMINIMIZE:-100x}
for pkg in $(go list ./...); do
	dir=$(go list -f '{{.Dir}}' "$pkg")
	for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
		echo "fuzzing $pkg $target: $t"
		go test -run '^$' -fuzz "^$target\$" -fuzztime "$t" -fuzzminimizetime "$m" "$pkg"
	done
done
