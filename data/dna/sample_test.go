package dna_test

import (
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/data/dna"
	"github.com/stancemap/stancemap/internal/testutil"
)

// TestSampleDatabaseMatchesExport reads DNA's own sample database
// (sample.dna of the leifeld/dna repository, in ../shared/data) directly,
// and as the CSV event list testdata/export_eventlist.py writes from it
// in DNA's export layout with Python's sqlite3 (a second, independent
// route), and checks that both give the same statements and the same
// one-mode and two-mode networks, value for value, for every qualifier
// and normalisation; and that the networks carry DNA's published figures
// for the sample (rDNA's tests and manual): the two-mode organization ×
// concept network sums to 40, the one-mode one (ignore) to 276, and
// Senate–Sierra Club is 7, 2, 5 and −3 under ignore, congruence,
// conflict and subtract.
func TestSampleDatabaseMatchesExport(t *testing.T) {
	db := testutil.SharedPath("data", "dna_sample.dna")
	if db == "" {
		t.Skip("../shared/data/dna_sample.dna is absent: DNA's sample database is not compared with its export")
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is absent: the sample's CSV export cannot be written")
	}
	csv := filepath.Join(t.TempDir(), "sample_export.csv")
	if out, err := exec.Command(python, "testdata/export_eventlist.py", db, csv).CombinedOutput(); err != nil {
		t.Fatalf("export_eventlist.py: %v\n%s", err, out)
	}
	ro := data.ReadOptions{DNADatabase: dna.Read}
	fromDB, resDB, err := data.LoadCorpus([]string{db}, data.LoadOptions{ReadOptions: ro})
	if err != nil {
		t.Fatal(err)
	}
	fromCSV, resCSV, err := data.LoadCorpus([]string{csv}, data.LoadOptions{DNA: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []*data.ReadResult{resDB, resCSV} {
		if r.Rows != 40 || r.InvalidRows != 0 || r.Problems.Errors() != 0 {
			t.Fatalf("%v: rows %d invalid %d problems %v", r.Files, r.Rows, r.InvalidRows, r.Problems)
		}
	}
	if !slices.Equal(fromDB.Codebook.ThemeIDs(), fromCSV.Codebook.ThemeIDs()) {
		t.Errorf("themes\n db %q\ncsv %q", fromDB.Codebook.ThemeIDs(), fromCSV.Codebook.ThemeIDs())
	}
	for i := range fromDB.Statements {
		a, b := fromDB.Statements[i], fromCSV.Statements[i]
		a.Pos, b.Pos = data.Pos{}, data.Pos{}
		// DNA's export writes ";" as "," and '"' as "'" in its text
		// cells; the database holds the text as coded.
		a.Text = strings.NewReplacer(";", ",", `"`, "'").Replace(a.Text)
		if a != b {
			t.Errorf("statement %d\n db %+v\ncsv %+v", i, a, b)
		}
	}

	type setting struct {
		mode analysis.NetworkMode
		q    analysis.Qualifier
		n    analysis.Normalization
		dup  analysis.DuplicateRule
	}
	var settings []setting
	for _, q := range []analysis.Qualifier{"ignore", "congruence", "conflict", "subtract"} {
		for _, n := range []analysis.Normalization{"none", "average", "jaccard", "cosine"} {
			settings = append(settings, setting{analysis.NetworkOneMode, q, n, "include"})
		}
	}
	for _, q := range []analysis.Qualifier{"ignore", "subtract", "combine"} {
		for _, n := range []analysis.Normalization{"none", "activity", "prominence"} {
			if q != "combine" || n == "none" {
				settings = append(settings, setting{analysis.NetworkTwoMode, q, n, "include"})
			}
		}
	}
	for _, dup := range []analysis.DuplicateRule{"document", "week", "month", "year", "acrossrange"} {
		settings = append(settings, setting{analysis.NetworkOneMode, "subtract", "none", dup}, setting{analysis.NetworkTwoMode, "ignore", "none", dup})
	}
	nets := map[setting]analysis.Network{}
	for _, s := range settings {
		opt := analysis.NetworkOptions{Mode: s.mode, Qualifier: s.q, Normalization: s.n, Duplicates: s.dup}
		a, err := analysis.AgreementNetwork(fromDB, opt)
		if err != nil {
			t.Fatalf("%v: %v", s, err)
		}
		b, err := analysis.AgreementNetwork(fromCSV, opt)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(a.Rows, b.Rows) || !slices.Equal(a.Cols, b.Cols) || !slices.Equal(a.RowFreq, b.RowFreq) ||
			a.Statements != b.Statements || a.Duplicates != b.Duplicates {
			t.Errorf("%v: nodes differ\n db %v %v\ncsv %v %v", s, a.Rows, a.Cols, b.Rows, b.Cols)
			continue
		}
		for i := range a.W {
			if !slices.Equal(a.W[i], b.W[i]) {
				t.Errorf("%v: row %s\n db %v\ncsv %v", s, a.Rows[i], a.W[i], b.W[i])
			}
		}
		nets[s] = a
	}

	sum := func(n analysis.Network) float64 {
		var s float64
		for _, r := range n.W {
			for _, v := range r {
				s += v
			}
		}
		return s
	}
	if s := sum(nets[setting{analysis.NetworkTwoMode, "ignore", "none", "include"}]); s != 40 {
		t.Errorf("two-mode network sums to %v, DNA's to 40", s)
	}
	if s := sum(nets[setting{analysis.NetworkOneMode, "ignore", "none", "include"}]); s != 276 {
		t.Errorf("one-mode network sums to %v, DNA's to 276", s)
	}
	tie := func(n analysis.Network, a, b string) float64 {
		return n.W[slices.Index(n.Rows, a)][slices.Index(n.Cols, b)]
	}
	for q, want := range map[analysis.Qualifier]float64{"ignore": 7, "congruence": 2, "conflict": 5, "subtract": -3} {
		if got := tie(nets[setting{analysis.NetworkOneMode, q, "none", "include"}], "Senate", "Sierra Club"); got != want {
			t.Errorf("Senate–Sierra Club (%s) = %v, DNA's is %v", q, got, want)
		}
	}
}
