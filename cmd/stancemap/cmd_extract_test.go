package main

import (
	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/internal/testutil"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runX runs a command line through the real entry point (main.go
// registers extract, evaluate and agreement).
func runX(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	return runCmd(t, args...)
}

// seedsDir finds ../shared/seeds from this package, or "".
func seedsDir() string { return testutil.SharedPath("seeds") }

func TestExtractWritesStatementsThatReadBack(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "coded.csv")
	code, _, errs := runX(t, "extract", "../../internal/extract/testdata/news.txt", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "5 statements from 1 document") {
		t.Errorf("summary: %s", errs)
	}
	code, vout, verr := runX(t, "validate", out)
	if code != 0 {
		t.Errorf("the output does not validate: %s %s", vout, verr)
	}
	b, _ := os.ReadFile(out)
	for _, want := range []string{"news.txt#char=", ",auto,", "stancemap extract", "CHN,sovereignty,2,2021-03-04"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("output lacks %q:\n%s", want, b)
		}
	}
}

func TestExtractExitCodesAndSkipInvalid(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("\x00\x01binary"), 0o644)
	good := "../../internal/extract/testdata/news.txt"
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no input", []string{"extract"}, 2, "extract needs documents"},
		{"missing file", []string{"extract", filepath.Join(dir, "nope.txt")}, 2, "nope.txt: cannot read: no such file"},
		{"binary file stops the run", []string{"extract", bad, good, "-q"}, 2, "bad.txt: is a binary file"},
		{"skip-invalid goes on", []string{"extract", bad, good, "--skip-invalid"}, 0, "1 skipped (--skip-invalid)"},
		{"a table needs its columns", []string{"extract", filepath.Join(dir, "corpus.csv")}, 2, "--text-col"},
		{"bad officials flag", []string{"extract", good, "--officials", "both"}, 2, "--officials"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errs := runX(t, c.args...)
			if code != c.code || !strings.Contains(errs, c.want) {
				t.Errorf("exit %d, want %d; stderr:\n%s\nwant it to mention %q", code, c.code, errs, c.want)
			}
		})
	}
}

// TestExtractReviewWorkbookReadsBack writes the suggestions into a
// review workbook and reads it back through the normal readers: the
// same statements as the CSV output.
func TestExtractReviewWorkbookReadsBack(t *testing.T) {
	dir := t.TempDir()
	csvOut, review := filepath.Join(dir, "auto.csv"), filepath.Join(dir, "review.xlsx")
	good := "../../internal/extract/testdata/news.txt"
	if code, _, errs := runX(t, "extract", good, "-o", csvOut, "--review", review); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	fromCSV, err := data.ReadStatements([]string{csvOut}, data.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	fromXLSX, err := data.ReadStatements([]string{review}, data.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(fromCSV.Statements) == 0 || len(fromXLSX.Statements) != len(fromCSV.Statements) {
		t.Fatalf("review workbook holds %d statements, the CSV %d", len(fromXLSX.Statements), len(fromCSV.Statements))
	}
	for i, s := range fromXLSX.Statements {
		c := fromCSV.Statements[i]
		if s.ID != c.ID || s.Actor != c.Actor || s.Theme != c.Theme || s.Stance != c.Stance || s.Text != c.Text {
			t.Errorf("statement %d differs: %+v vs %+v", i, s, c)
		}
	}
}

func TestExtractPrintRulesAndHelp(t *testing.T) {
	code, out, _ := runX(t, "extract", "--print-rules")
	if code != 0 || !strings.Contains(out, "negation_scope:") {
		t.Errorf("exit %d, rules:\n%.200s", code, out)
	}
	for _, cmd := range []string{"extract", "evaluate", "agreement"} {
		_, out, _ := runX(t, cmd, "--help")
		if !strings.Contains(out, "Example:") || !strings.Contains(out, "stancemap "+cmd) {
			t.Errorf("%s --help has no worked example", cmd)
		}
	}
}

func TestEvaluateAndAgreementCommands(t *testing.T) {
	dir := t.TempDir()
	pred := filepath.Join(dir, "pred.csv")
	gold := "../../internal/extract/testdata/news_gold.csv"
	if code, _, errs := runX(t, "extract", "../../internal/extract/testdata/news.txt", "-q", "-o", pred); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs := runX(t, "evaluate", "--gold", gold, "--pred", pred)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"sovereignty", "actor accuracy          1.000 (5 of 5)", "Krippendorff's alpha (ordinal)"} {
		if !strings.Contains(out, want) {
			t.Errorf("evaluate output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runX(t, "evaluate", "--gold", gold, "--pred", pred, "--json")
	if code != 0 || !strings.Contains(out, `"stance_alpha_ordinal"`) {
		t.Errorf("json: %s", out)
	}
	if code, _, errs := runX(t, "evaluate", "--gold", gold); code != 2 || !strings.Contains(errs, "--pred") {
		t.Errorf("missing --pred: exit %d %s", code, errs)
	}
	code, out, errs = runX(t, "agreement", gold, pred)
	if code != 0 || !strings.Contains(out, "Agreement of 2 coders") || !strings.Contains(out, "sentence (document and overlapping #char= span)") {
		t.Errorf("agreement exit %d:\n%s%s", code, out, errs)
	}
	if code, _, errs := runX(t, "agreement", gold); code != 2 || !strings.Contains(errs, "at least 2") {
		t.Errorf("one file: exit %d %s", code, errs)
	}
}

func TestExtractSeedsWhenPresent(t *testing.T) {
	dir := seedsDir()
	if dir == "" {
		t.Skip("../shared/seeds is absent: skipping the command-line run over the seed reports")
	}
	out := filepath.Join(t.TempDir(), "pred.csv")
	code, _, errs := runX(t, "extract", dir, "--manifest", "../../internal/extract/testdata/seeds_manifest.csv", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	code, res, errs := runX(t, "evaluate", "--gold", "../../internal/extract/testdata/seeds_gold.csv", "--pred", out)
	if code != 0 || !strings.Contains(res, "Krippendorff") {
		t.Fatalf("exit %d: %s %s", code, res, errs)
	}
	t.Log("\n" + res)
}
