package data

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestProblemCodesAreConstants keeps problem codes typed: a problem made
// with a code written as a string literal, in any package, escapes the
// list of ProblemCode constants that filters and the Data quality sheet
// rely on.
func TestProblemCodesAreConstants(t *testing.T) {
	literal := regexp.MustCompile(`\bCode:\s*"|\.Code\s*(==|!=|=)\s*"`)
	root := ".."
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && p != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(b), "\n") {
			if literal.MatchString(line) {
				t.Errorf("%s:%d: a problem code written as a string; use a ProblemCode constant: %s", p, i+1, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
