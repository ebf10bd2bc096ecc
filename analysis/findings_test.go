package analysis

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/stancemap/stancemap/data"
)

func findingsCorpus() *data.Corpus {
	reg := data.NewRegistry()
	for _, a := range [][2]string{{"A", "Alpha"}, {"B", "Beta"}, {"C", "Gamma"}, {"D", "Delta"}} {
		reg.Add(data.Actor{ID: a[0], Name: a[1], Kind: data.KindState})
	}
	cb := &data.Codebook{Themes: []data.Theme{{ID: "x"}}}
	c := &data.Corpus{Actors: reg, Codebook: cb}
	n := 0
	for _, a := range []struct {
		actor   string
		stances []int
	}{{"A", []int{2, 2, 1}}, {"B", []int{-2, -1, -2}}, {"C", []int{0, 1, 0}}, {"D", []int{-2, -2}}} {
		for _, x := range a.stances {
			n++
			d, _ := data.ParseDate("2015")
			c.Statements = append(c.Statements, data.Statement{ID: "s" + string(rune('0'+n/10)) + string(rune('0'+n%10)),
				Actor: a.actor, Theme: "x", Stance: x, Date: d, Weight: 1})
		}
	}
	return c
}

// TestFindingsByHand checks the gap and the divide of a corpus small
// enough to compute by hand: analysis/testdata/findings_hand.py gives the
// values (findings_hand.txt). D, with two statements, is below the
// threshold of three and must be left out, though it is the most extreme.
func TestFindingsByHand(t *testing.T) {
	c := findingsCorpus()
	all, err := StanceMatrices(c, MatrixOptions{Bootstrap: -1})
	if err != nil {
		t.Fatal(err)
	}
	overall := all.Matrices[0]
	fs, ev := Findings(FindingInputs{Corpus: c, Overall: &overall, Options: FindingOptions{MinActorStatements: 3}})
	if len(ev.Thin) != 1 || ev.Thin[0] != (ThinRow{Row: "D", Statements: 2}) {
		t.Errorf("thin rows %v, want D with 2 statements", ev.Thin)
	}
	if len(ev.Notes) == 0 || !strings.Contains(ev.Notes[0], "1 actor with fewer than 3 statements is left out of the findings") || !strings.Contains(ev.Notes[0], "Delta") {
		t.Errorf("notes %q do not say Delta was left out", ev.Notes)
	}
	want := map[string]struct {
		text  string
		score float64
	}{
		"gap": {"Alpha and Beta differ most on x: +1.7 (3 statements) vs -1.7 (3), a difference of 3.33 (99% interval 1.34 to 5.33, allowing for the 3 pairs compared)",
			0.3350175619},
		"divide": {"x divides the actors most: the SD of their true positions is 1.63 (99% interval 0.48 to 2.00; Q = 33.8 on 2 df, p < 0.0001)",
			0.2399692655},
	}
	seen := map[string]bool{}
	for _, f := range fs {
		if strings.Contains(f.Text, "Delta") {
			t.Errorf("a finding names the thin actor: %s", f.Text)
		}
		w, ok := want[f.Kind]
		if !ok {
			continue
		}
		seen[f.Kind] = true
		if !strings.HasPrefix(f.Text, w.text) {
			t.Errorf("%s:\n got %s\nwant %s…", f.Kind, f.Text, w.text)
		}
		if math.Abs(f.Score-w.score) > 1e-6 {
			t.Errorf("%s: score %.10f, want %.10f", f.Kind, f.Score, w.score)
		}
	}
	for k := range want {
		if !seen[k] {
			t.Errorf("no %s finding in %v", k, fs)
		}
	}
}

// TestFindingsNoneSaysSo: two actors with the same few statements give no
// difference, and the findings say so in plain words.
func TestFindingsNoneSaysSo(t *testing.T) {
	c := findingsCorpus()
	for i := range c.Statements {
		c.Statements[i].Stance = []int{1, 0, 1}[i%3]
	}
	all, _ := StanceMatrices(c, MatrixOptions{Bootstrap: -1})
	overall := all.Matrices[0]
	fs, _ := Findings(FindingInputs{Corpus: c, Overall: &overall, Options: FindingOptions{MinActorStatements: 3}})
	if len(fs) == 0 || fs[len(fs)-1].Kind != "none" || !strings.HasPrefix(fs[len(fs)-1].Text, "No reliable differences in these data") {
		t.Errorf("findings %v do not end in 'No reliable differences in these data'", fs)
	}
}

func TestFindingOptionsCheck(t *testing.T) {
	for _, o := range []FindingOptions{{Level: 1.5}, {MinStatements: -1}, {MinPairs: -2}} {
		if o.Check() == nil {
			t.Errorf("%+v: no error", o)
		}
	}
	if err := (FindingOptions{}).Check(); err != nil {
		t.Errorf("zero options: %v", err)
	}
}

// TestFindingsPairsFirstAmongEquals: the furthest and the closest pair
// are those a walk over the pairs in order (row i, then row k > i) finds
// first among equals, although the pairs are tested in blocks of rows on
// several cores. 100 actors on two themes: a040 and a080 at +2, a050 and
// a090 at −2, the rest at 0; four pairs are furthest apart, equally, and
// (a040, a050) comes first. a010, a070 and a071 have eight statements a
// theme, the rest six, so the three pairs among them are the closest,
// equally: (a010, a070) is first.
func TestFindingsPairsFirstAmongEquals(t *testing.T) {
	reg := data.NewRegistry()
	cb := &data.Codebook{Themes: []data.Theme{{ID: "x"}, {ID: "y"}}}
	c := &data.Corpus{Actors: reg, Codebook: cb}
	d, _ := data.ParseDate("2015")
	for a := range 100 {
		id := fmt.Sprintf("a%03d", a)
		reg.Add(data.Actor{ID: id, Kind: data.KindState})
		stance := map[int]int{40: 2, 80: 2, 50: -2, 90: -2}[a]
		n := 6
		if a == 10 || a == 70 || a == 71 {
			n = 8
		}
		for _, th := range []string{"x", "y"} {
			for s := range n {
				c.Statements = append(c.Statements, data.Statement{ID: fmt.Sprintf("%s-%s-%d", id, th, s), Actor: id, Theme: th,
					Stance: stance, Date: d, Weight: 1})
			}
		}
	}
	all, err := StanceMatrices(c, MatrixOptions{Bootstrap: -1})
	if err != nil {
		t.Fatal(err)
	}
	overall := all.Matrices[0]
	fs, _ := Findings(FindingInputs{Corpus: c, Overall: &overall})
	want := map[string][]string{"furthest": {"a040", "a050"}, "closest": {"a010", "a070"}}
	for _, f := range fs {
		if w, ok := want[f.Kind]; ok {
			if !slices.Equal(f.Rows, w) {
				t.Errorf("%s pair %v, want %v (%s)", f.Kind, f.Rows, w, f.Text)
			}
			delete(want, f.Kind)
		}
	}
	for k := range want {
		t.Errorf("no %s finding", k)
	}
}
