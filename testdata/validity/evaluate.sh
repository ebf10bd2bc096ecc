#!/bin/sh
# Reproduces the validity figures of README.md: positions on state_control from
# the UN General Debate Corpus, 2010-2024, by stancemap scale (from the texts, and
# from coded statements) and by the ten-line regular expression, and their AUC
# against the classifications here. foc_sco.csv is the tuning list (the sentence
# window was chosen on it); codeofconduct_jointstatement.csv was seen when the
# method was first chosen; friends_dfi.csv and csto_budapest.csv are held out.
#   sh testdata/validity/evaluate.sh bin/stancemap ../shared/data/ungdc_1946-2024.csv.gz
set -eu
bin=${1:-bin/stancemap}
corpus=${2:-../shared/data/ungdc_1946-2024.csv.gz}
here=$(dirname "$0")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
py=/usr/bin/python3
tune="$here/foc_sco.csv"
lists="$here/foc_sco.csv $here/codeofconduct_jointstatement.csv $here/friends_dfi.csv $here/csto_budapest.csv"
refs=CHN,RUS,USA,GBR
scale() { "$bin" scale "$corpus" --text-col text --actor-col country --date-col year --from 2010 --to 2024 --format csv -q "$@"; }

scale -o "$out/texts.csv"
scale --all-sentences -o "$out/texts_all.csv"
scale --method lss -o "$out/lss.csv"
scale --method lss --all-sentences -o "$out/lss_all.csv"
"$bin" extract "$corpus" --text-col text --actor-col country --date-col year --require-context -q -o "$out/coded.csv"
"$bin" scale "$out/coded.csv" --from 2010 --to 2024 --format csv -o "$out/coded_pos.csv" 2>/dev/null
"$bin" extract "$corpus" --text-col text --actor-col country --date-col year -q -o "$out/coded_all.csv"
"$bin" scale "$out/coded_all.csv" --from 2010 --to 2024 --format csv -o "$out/coded_all_pos.csv" 2>/dev/null
"$bin" scale "$here/../../data/sample/unga/statements.csv" --from 2010 --to 2024 --format csv -o "$out/unga_pos.csv"
$py "$here/regex_baseline.py" "$corpus" 2010 2024 > "$out/regex.csv"

both() { # AUC of a positions file on every list: all states, then without the reference actors
	$py "$here/auc.py" "$@" $lists
	echo "   without $refs:"
	$py "$here/auc.py" --exclude $refs "$@" $lists
}
echo "== stancemap scale, texts (Wordscores, sentences within 5 of a context term: the default)"
both "$out/texts.csv"
echo "== Wordscores, every sentence (--all-sentences)"
both "$out/texts_all.csv"
echo "   the same on the states the default places"
both --within "$out/texts.csv" "$out/texts_all.csv"
echo "== the regular expression"
both "$out/regex.csv"
echo "   the same on the states the default places"
both --within "$out/texts.csv" "$out/regex.csv"
echo "== LSS (--method lss, sentences within 5 of a context term)"
both "$out/lss.csv"
echo "== LSS, every sentence (--method lss --all-sentences)"
both "$out/lss_all.csv"
echo "== coded statements: stancemap extract --require-context, then scale"
both "$out/coded_pos.csv"
echo "   Wordscores (default) / the regular expression on the same states"
both --within "$out/coded_pos.csv" "$out/texts.csv"
both --within "$out/coded_pos.csv" "$out/regex.csv"
echo "== coded statements: stancemap extract (every sentence), then scale"
both "$out/coded_all_pos.csv"
echo "== the hand-coded unga sample (2010-2024), then scale"
both "$out/unga_pos.csv"
echo "   Wordscores (default) / the regular expression on the same states"
both --within "$out/unga_pos.csv" "$out/texts.csv"
both --within "$out/unga_pos.csv" "$out/regex.csv"
echo "== the choice of the window, on the tuning list only (Wordscores)"
for w in 0 2 5 10 25; do
	scale --context-window $w --bootstrap 0 -o "$out/w.csv"
	printf 'window %s: ' $w; $py "$here/auc.py" "$out/w.csv" "$tune"
	printf '   without %s: ' $refs; $py "$here/auc.py" --exclude $refs "$out/w.csv" "$tune"
done
