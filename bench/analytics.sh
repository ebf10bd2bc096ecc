#!/bin/sh
# Analytics, stancemap versus pandas + scipy + scikit-learn, on the same
# generated corpus in one run: load a statements CSV, matrices per actor ×
# theme × year and overall, Euclidean distances, average-linkage
# clustering, PCA. Both sides' numbers are checked to agree before the
# times are printed. Each time is the whole command as a user runs it,
# from start to exit (Python's includes its interpreter and imports).
# Each side runs RUNS times (default 7); the ratio of
# the best times and the ratio of the medians are printed, since on a
# shared virtual machine a run can take twice as long as the next.
# Usage: bench/analytics.sh [STATEMENTS]   (default 1000000)
set -eu
cd "$(dirname "$0")/.."
n=${1:-1000000}
runs=${RUNS:-7}
if ! /usr/bin/python3 -c 'import pandas, scipy, sklearn' 2>/dev/null; then
	echo "installing python3-pandas python3-scipy python3-sklearn (Debian)"
	apt-get install -y -qq python3-pandas python3-scipy python3-sklearn >/dev/null
fi
go build -o bin/stancemap ./cmd/stancemap
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
bin/stancemap synth --actors 200 --themes 10 --statements "$n" --years 30 --out "$dir" >/dev/null
ls -l "$dir/statements.csv" | awk '{printf "corpus: %s statements, %.0f MB\n", '"$n"', $5/1e6}'
floor_cat=$( { /usr/bin/time -f %e cat "$dir/statements.csv" >/dev/null; } 2>&1 )
best() { # the smallest of the numbers on standard input
	sort -g | head -1
}
median() { # the middle one (the lower of the two middle ones)
	sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
# The same job as bench/analytics.py: the measures it does not compute
# (network, polarisation, evolution, findings) are skipped.
sync # the corpus just written is on disk before anything is timed
# The sides take turns, so that both meet the same moments of the machine.
go_times=""
py_times=""
for i in $(seq "$runs"); do
	start=$(date +%s.%N)
	bin/stancemap analyze "$dir/statements.csv" --actors "$dir/actors.csv" --codebook "$dir/codebook.yaml" \
		--period year --bootstrap 0 --skip network,polarisation,evolution,findings --json -o "$dir/go.json" 2>/dev/null
	end=$(date +%s.%N)
	go_times="$go_times $(echo "$end - $start" | bc)"
	start=$(date +%s.%N)
	/usr/bin/python3 bench/analytics.py "$dir/statements.csv" "$dir/py.json" >/dev/null
	end=$(date +%s.%N)
	py_times="$py_times $(echo "$end - $start" | bc)"
done
/usr/bin/python3 bench/compare_analytics.py "$dir/go.json" "$dir/py.json"
go_s=$(echo $go_times | tr ' ' '\n' | best)
py_s=$(echo $py_times | tr ' ' '\n' | best)
go_m=$(echo $go_times | tr ' ' '\n' | median)
py_m=$(echo $py_times | tr ' ' '\n' | median)
start=$(date +%s.%N)
bin/stancemap analyze "$dir/statements.csv" --actors "$dir/actors.csv" --codebook "$dir/codebook.yaml" \
	--period year --bootstrap 0 --json -o "$dir/all.json" 2>/dev/null
end=$(date +%s.%N)
echo "read the file once (cat):               ${floor_cat} s"
echo "stancemap analyze (the same measures):  ${go_s} s (best of:${go_times})"
echo "pandas + scipy + scikit-learn:          ${py_s} s (best of:${py_times})"
echo "ratio python / stancemap:               $(echo "scale=2; $py_s / $go_s" | bc) (best times); $(echo "scale=2; $py_m / $go_m" | bc) (medians: $py_m s / $go_m s)"
echo "stancemap analyze, every measure:       $(echo "$end - $start" | bc) s (network, polarisation, evolution, findings too)"
