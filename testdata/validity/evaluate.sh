#!/bin/sh
# Reproduces the validity figures of README.md: positions on state_control from
# the UN General Debate Corpus, 2010-2024, by stancemap scale (from the texts, and
# from coded statements) and by the ten-line regular expression, and their AUC
# against the two classifications here.
#   sh testdata/validity/evaluate.sh bin/stancemap ../shared/data/ungdc_1946-2024.csv.gz
set -eu
bin=${1:-bin/stancemap}
corpus=${2:-../shared/data/ungdc_1946-2024.csv.gz}
here=$(dirname "$0")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
py=/usr/bin/python3
lists="$here/foc_sco.csv $here/codeofconduct_jointstatement.csv"

"$bin" scale "$corpus" --text-col text --actor-col country --date-col year --from 2010 --to 2024 --format csv -o "$out/texts.csv" -q
"$bin" extract "$corpus" --text-col text --actor-col country --date-col year --require-context -q -o "$out/coded.csv"
"$bin" scale "$out/coded.csv" --from 2010 --to 2024 --format csv -o "$out/coded_pos.csv" 2>/dev/null
"$bin" extract "$corpus" --text-col text --actor-col country --date-col year -q -o "$out/coded_all.csv"
"$bin" scale "$out/coded_all.csv" --from 2010 --to 2024 --format csv -o "$out/coded_all_pos.csv" 2>/dev/null
"$bin" scale "$here/../../data/sample/unga/statements.csv" --from 2010 --to 2024 --format csv -o "$out/unga_pos.csv"
$py "$here/regex_baseline.py" "$corpus" 2010 2024 > "$out/regex.csv"

echo "== Wordscores from the texts (all states; then without the four reference actors)"
$py "$here/auc.py" "$out/texts.csv" $lists
$py "$here/auc.py" --exclude CHN,RUS,USA,GBR "$out/texts.csv" $lists
echo "== the regular expression (all states; then without the four)"
$py "$here/auc.py" "$out/regex.csv" $lists
$py "$here/auc.py" --exclude CHN,RUS,USA,GBR "$out/regex.csv" $lists
echo "== coded statements: stancemap extract --require-context, then scale"
$py "$here/auc.py" "$out/coded_pos.csv" $lists
echo "   the texts and the regular expression on the same states"
$py "$here/auc.py" --within "$out/coded_pos.csv" "$out/texts.csv" $lists
$py "$here/auc.py" --within "$out/coded_pos.csv" "$out/regex.csv" $lists
echo "== coded statements: stancemap extract (every sentence), then scale"
$py "$here/auc.py" "$out/coded_all_pos.csv" $lists
echo "== the hand-coded unga sample (2010-2024), then scale"
$py "$here/auc.py" "$out/unga_pos.csv" $lists
echo "   the texts and the regular expression on the same states"
$py "$here/auc.py" --within "$out/unga_pos.csv" "$out/texts.csv" $lists
$py "$here/auc.py" --within "$out/unga_pos.csv" "$out/regex.csv" $lists
