package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestDemoPrintsTheSampleMatrixAndWritesCSV(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := runCmd(t, "demo", "--out", dir, "--figures=false")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"Sample corpus:", "Stance by actor × theme", "sovereignty", "international_law",
		"Qian Hongshan (qian_hongshan)", "Salience", "matrix.csv"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
	f, err := os.Open(filepath.Join(dir, "matrix.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "period,from,to,row,theme,n,weight,mean,sd,ci_low,ci_high,salience,example" {
		t.Errorf("header %v", rows[0])
	}
	// Qian Hongshan's sovereignty statements in the sample are coded +2, +1, +1, +1.
	for _, r := range rows[1:] {
		if r[3] == "qian_hongshan" && r[4] == "sovereignty" {
			if r[5] != "4" || r[7] != "1.25" {
				t.Errorf("qian_hongshan × sovereignty: n=%s mean=%s, want 4 and 1.25", r[5], r[7])
			}
		}
	}
}

func TestDemoIsDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	_, outA, _ := runCmd(t, "demo", "--out", a, "--figures=false")
	_, outB, _ := runCmd(t, "demo", "--out", b, "--figures=false")
	if strings.ReplaceAll(outA, a, "") != strings.ReplaceAll(outB, b, "") {
		t.Errorf("demo output differs between runs")
	}
	ma, _ := os.ReadFile(filepath.Join(a, "matrix.csv"))
	mb, _ := os.ReadFile(filepath.Join(b, "matrix.csv"))
	if !bytes.Equal(ma, mb) || len(ma) == 0 {
		t.Errorf("matrix.csv differs between runs")
	}
}

func TestValidateExitCodes(t *testing.T) {
	broken := "../../data/testdata/broken/"
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"clean file", []string{"validate", broken + "bom.csv"}, 0, "no problems found"},
		{"bad stance", []string{"validate", broken + "bad_stance.csv"}, 1, `bad_stance.csv:2:stance: stance is not on the scale (found "maybe"`},
		{"several files, problems counted", []string{"validate", broken + "bad_date.csv", broken + "ragged.csv"}, 1, "4 problems: 4 errors, 0 warnings"},
		{"missing file", []string{"validate", broken + "nope.csv"}, 2, "nope.csv"},
		{"empty file", []string{"validate", broken + "empty.csv"}, 2, "empty.csv"},
		{"no arguments", []string{"validate"}, 2, "needs at least 1 file"},
		{"unknown flag", []string{"validate", "--frobnicate", broken + "bom.csv"}, 2, "unknown flag"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCmd(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, errs)
			}
			if !strings.Contains(out+errs, tc.want) {
				t.Errorf("output lacks %q:\n%s%s", tc.want, out, errs)
			}
		})
	}
}

func TestMatrixRefusesInvalidRowsUnlessSkipped(t *testing.T) {
	file := "../../data/testdata/broken/semicolon.csv"
	code, _, errs := runCmd(t, "matrix", file)
	if code != 1 || !strings.Contains(errs, "1 of 2 rows is invalid") {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	code, out, errs := runCmd(t, "matrix", file, "--skip-invalid", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	if !strings.Contains(errs, "skipped 1 of 2 rows") || !strings.Contains(errs, `semicolon.csv:3:stance`) {
		t.Errorf("skip not reported precisely: %s", errs)
	}
	if !strings.Contains(out, "all,2013-10-17,2013-10-17,GBR,openness,1,1,2,") {
		t.Errorf("csv lacks GBR openness mean 2:\n%s", out)
	}
}

func TestMatrixRefusesToOverwriteItsInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "s.csv")
	body := "actor,theme,stance,date\nCHN,sovereignty,2,2016\n"
	os.WriteFile(in, []byte(body), 0o644)
	code, _, errs := runCmd(t, "matrix", in, "--format", "csv", "-o", in)
	if code != 2 || !strings.Contains(errs, "refusing to overwrite an input") {
		t.Errorf("exit %d: %s", code, errs)
	}
	if b, _ := os.ReadFile(in); string(b) != body {
		t.Errorf("input was changed")
	}
}

func TestInitWritesAStudyThatValidates(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "study")
	if code, _, errs := runCmd(t, "init", dir); code != 0 {
		t.Fatalf("init: exit %d %s", code, errs)
	}
	for _, f := range []string{"codebook.yaml", "actors.csv", "statements.csv"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("init did not write %s", f)
		}
	}
	if code, _, _ := runCmd(t, "init", dir); code != 3 {
		t.Errorf("second init should refuse to overwrite (exit 3), got %d", code)
	}
	st := filepath.Join(dir, "statements.csv")
	f, _ := os.OpenFile(st, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("x1,PRC,sovereignty,2,2016-07-11,,,,,,,,,,\n")
	f.Close()
	code, out, errs := runCmd(t, "validate", st, filepath.Join(dir, "actors.csv"), filepath.Join(dir, "codebook.yaml"),
		"--codebook", filepath.Join(dir, "codebook.yaml"), "--actors", filepath.Join(dir, "actors.csv"))
	if code != 0 {
		t.Errorf("exit %d\n%s%s", code, out, errs)
	}
}

func TestVersionAndHelp(t *testing.T) {
	code, out, _ := runCmd(t, "version")
	if code != 0 || !strings.HasPrefix(out, "stancemap ") {
		t.Errorf("version: %d %q", code, out)
	}
	for _, cmd := range []string{"demo", "init", "validate", "matrix", "analyze", "compare", "report", "template", "synth", "version"} {
		code, out, _ := runCmd(t, cmd, "--help")
		if code != 0 || !strings.Contains(out, "Example:") {
			t.Errorf("%s --help has no worked example", cmd)
		}
	}
}

func TestCompareOnTheSample(t *testing.T) {
	code, out, errs := runCmd(t, "compare", "CHN", "GBR")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "using the built-in sample") {
		t.Errorf("sample use not said: %s", errs)
	}
	// China's side pools CHN, Cai Mingzhao and Qian Hongshan: openness −1 (two
	// statements); the UK's is William Hague's +2 (one statement): with one
	// statement there is no interval, so no telling whether they clash.
	for _, want := range []string{"A = CHN (with cai_mingzhao, qian_hongshan), 12 statements",
		"openness           -1.00 [2]  +2.00 [1]  -3.00  (too few statements)  cannot tell"} {
		if !strings.Contains(out, want) {
			t.Errorf("compare output lacks %q:\n%s", want, out)
		}
	}
	code, _, errs = runCmd(t, "compare", "CHN", "Atlantis")
	if code != 2 || !strings.Contains(errs, `"Atlantis"`) {
		t.Errorf("unknown side: exit %d %s", code, errs)
	}
}

func TestValidateDNAExport(t *testing.T) {
	export := "../../data/testdata/dna/export.csv"
	if code, out, _ := runCmd(t, "validate", export); code != 2 || !strings.Contains(out, "--dna") {
		t.Errorf("without --dna: exit %d\n%s", code, out)
	}
	if code, out, _ := runCmd(t, "validate", export, "--dna"); code != 0 || !strings.Contains(out, "8 statement rows read: 8 valid, 0 invalid") {
		t.Errorf("with --dna: exit %d\n%s", code, out)
	}
}
