package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestUNGASampleShows checks what the built-in unga sample must show
// (issue 14): a study started from it validates with no errors; it holds
// at least 600 hand-coded statements from at least 100 countries over
// 2000-2024, at least 25 of them speaking in three or more of the five
// five-year periods; analyze on it reports movers and bloc flows; the
// demo writes its reports to out/unga/.
func TestUNGASampleShows(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "study")
	if code, _, errs := runCmd(t, "init", "--sample", "unga", dir); code != 0 {
		t.Fatalf("init --sample unga: exit %d %s", code, errs)
	}
	st := filepath.Join(dir, "statements.csv")
	if code, out, errs := runCmd(t, "validate", st, "--codebook", filepath.Join(dir, "codebook.yaml"),
		"--actors", filepath.Join(dir, "actors.csv")); code != 0 || strings.Contains(out+errs, "error") {
		t.Errorf("validate: exit %d\n%s%s", code, out, errs)
	}
	f, err := os.Open(st)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	periods := map[string]map[int]bool{}
	first, last := 9999, 0
	for i, r := range rows[1:] {
		if r[col["origin"]] != "manual" {
			t.Errorf("row %d: origin %q, want manual", i+2, r[col["origin"]])
		}
		if !strings.HasPrefix(r[col["url"]], "ungdc:") || !strings.Contains(r[col["url"]], "#char=") {
			t.Errorf("row %d: url %q does not point to a sentence", i+2, r[col["url"]])
		}
		if n := len(strings.Fields(r[col["text"]])); n == 0 || n > 25 {
			t.Errorf("row %d: the paraphrase has %d words", i+2, n)
		}
		y, err := strconv.Atoi(r[col["date"]])
		if err != nil {
			t.Fatalf("row %d: date %q", i+2, r[col["date"]])
		}
		first, last = min(first, y), max(last, y)
		a := r[col["actor"]]
		if periods[a] == nil {
			periods[a] = map[int]bool{}
		}
		periods[a][(y-2000)/5] = true
	}
	three := 0
	for _, ps := range periods {
		if len(ps) >= 3 {
			three++
		}
	}
	if n := len(rows) - 1; n < 600 || len(periods) < 100 || first != 2000 || last != 2024 || three < 25 {
		t.Errorf("%d statements by %d actors, %d-%d, %d actors in three or more periods; want ≥600, ≥100, 2000-2024, ≥25",
			n, len(periods), first, last, three)
	}
	code, out, errs := runCmd(t, "analyze", "--sample", "unga", "--period", "2000-2004,2005-2009,2010-2014,2015-2019,2020-2024")
	if code != 0 {
		t.Fatalf("analyze --sample unga: exit %d %s", code, errs)
	}
	for _, want := range []string{"using the built-in sample unga (" + strconv.Itoa(len(rows)-1) + " statements", "Movers (", "Bloc flows between consecutive periods"} {
		if !strings.Contains(out+errs, want) {
			t.Errorf("analyze --sample unga says nothing of %q", want)
		}
	}
	if code, _, errs := runCmd(t, "analyze", "--sample", "unga", st); code != 2 || !strings.Contains(errs, "not both") {
		t.Errorf("a file and --sample together: exit %d %s", code, errs)
	}
	t.Chdir(t.TempDir())
	if code, _, errs := runCmd(t, "demo", "--sample", "unga", "--figures=false"); code != 0 {
		t.Fatalf("demo --sample unga: exit %d %s", code, errs)
	}
	for _, f := range []string{"report.html", "report.xlsx", "matrix.csv", "statements.csv"} {
		if _, err := os.Stat(filepath.Join("out", "unga", f)); err != nil {
			t.Errorf("demo --sample unga did not write out/unga/%s", f)
		}
	}
}
