#!/bin/sh
# Runs every fuzz target of the project for FUZZTIME each (default 10s).
# A crasher is saved under the package's testdata/fuzz/<Target>/ and from
# then on runs as a regression case with every `go test`.
set -eu
t=${FUZZTIME:-10s}
for pkg in $(go list ./...); do
	dir=$(go list -f '{{.Dir}}' "$pkg")
	for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
		echo "fuzzing $pkg $target for $t"
		go test -run '^$' -fuzz "^$target\$" -fuzztime "$t" "$pkg"
	done
done
