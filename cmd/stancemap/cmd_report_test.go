package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stancemap/stancemap/data"
)

func TestReportWritesBothFiles(t *testing.T) {
	dir := t.TempDir()
	h, x := filepath.Join(dir, "r.html"), filepath.Join(dir, "r.xlsx")
	code, _, errs := runCmd(t, "report", "--html", h, "--xlsx", x, "--period", "year", "--assets", "cdn",
		"--select-actors", "CHN,qian_hongshan,william_hague", "--title", "Three speakers")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	page, err := os.ReadFile(h)
	if err != nil || !strings.Contains(string(page), "Three speakers") || !strings.Contains(string(page), "Qian Hongshan") {
		t.Errorf("HTML report missing or without its title and actors (%v)", err)
	}
	// The workbook reads back as statements: the 1 + 6 + 2 statements of
	// the three actors selected.
	res, err := data.ReadStatements([]string{x}, data.ReadOptions{})
	if err != nil || len(res.Statements) != 9 {
		t.Errorf("workbook statements: %v, %d read", err, len(res.Statements))
	}
	if code, _, errs := runCmd(t, "report"); code != 2 || !strings.Contains(errs, "--html FILE") {
		t.Errorf("report with nothing to write: exit %d %s", code, errs)
	}
	if code, _, errs := runCmd(t, "report", "--html", h, "--select-actors", "Atlantis"); code != 2 || !strings.Contains(errs, "Atlantis") {
		t.Errorf("unknown selected actor: exit %d %s", code, errs)
	}
}

func TestTemplateReadsBackAsStatements(t *testing.T) {
	p := filepath.Join(t.TempDir(), "coding.xlsx")
	if code, _, errs := runCmd(t, "template", "-o", p); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	code, out, _ := runCmd(t, "validate", p)
	if code != 0 || !strings.Contains(out, "0 statement rows read") {
		t.Errorf("an empty template should validate clean: exit %d\n%s", code, out)
	}
}
