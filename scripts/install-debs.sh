#!/bin/sh
# Installs the Debian packages the browser and spreadsheet tests use
# (chromium, libreoffice-calc-nogui), when they are missing and this
# machine lets us: root with apt-get. Elsewhere it says what to install
# and the tests that need them skip.
set -eu
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v soffice >/dev/null 2>&1 || missing="$missing libreoffice-calc-nogui"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "installing$missing (Debian packages for the browser and spreadsheet tests)"
	apt-get update -qq >/dev/null
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
else
	echo "note:$missing not installed and cannot install here (needs root and apt-get); the tests that need them will skip"
fi
