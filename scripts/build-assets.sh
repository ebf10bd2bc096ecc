#!/bin/sh
# Gets echarts from the npm registry, at the version package.json and
# package-lock.json pin, and copies dist/echarts.min.js with its licence
# texts into reports/html/assets/, where go:embed finds them for builds
# with -tags bindata (the Makefile's). Runs `npm ci` only when
# node_modules is missing or holds another version, and copies only what
# changed, so a second run does nothing.
set -eu
cd "$(dirname "$0")/.."
dest=reports/html/assets
mod=node_modules/echarts

installed() {
	[ -f "$mod/package.json" ] && [ -f "$mod/dist/echarts.min.js" ] || return 1
	have=$(node -p "require('./$mod/package.json').version")
	want=$(node -p "require('./package-lock.json').packages['node_modules/echarts'].version")
	[ "$have" = "$want" ]
}

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
	echo "build-assets: npm (Node.js) is needed to fetch echarts for the HTML report." >&2
	echo "  Install it (Debian: apt-get install npm), or build without the embedded script:" >&2
	echo "  go build ./cmd/stancemap   (reports then load echarts from the network)" >&2
	exit 1
fi
if ! installed; then
	log=$(mktemp)
	if ! npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >"$log" 2>&1; then
		cat "$log" >&2
		rm -f "$log"
		echo "build-assets: npm ci failed (see above)" >&2
		exit 1
	fi
	rm -f "$log"
	installed || { echo "build-assets: npm ci did not install the echarts version package-lock.json pins" >&2; exit 1; }
fi

mkdir -p "$dest"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$mod/dist/echarts.min.js" "$tmp/echarts.min.js"
node -p "require('./$mod/package.json').version" | tr -d '\n' >"$tmp/VERSION"
{
	echo "The HTML report inlines Apache ECharts $(cat "$tmp/VERSION") (dist/echarts.min.js from the npm"
	echo "package echarts), which bundles ZRender and tslib. Their licences and notices follow."
	for f in "$mod/NOTICE" "$mod/LICENSE" "$mod/licenses/LICENSE-d3" node_modules/zrender/LICENSE node_modules/tslib/LICENSE.txt; do
		[ -f "$f" ] || continue
		echo
		echo "==== $f"
		echo
		cat "$f"
	done
} >"$tmp/THIRD_PARTY.txt"
for f in echarts.min.js VERSION THIRD_PARTY.txt; do
	cmp -s "$tmp/$f" "$dest/$f" 2>/dev/null || cp "$tmp/$f" "$dest/$f"
done
