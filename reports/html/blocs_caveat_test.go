package html

import (
	"strings"
	"testing"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/internal/synth"
)

// TestBlocsCaveat: where the findings hold no blocs, the map and the
// tree say that their colours are the clustering's cut, not a finding,
// and why: the unga sample's split came up by chance with p = 0.123
// (the findings' own test), the seeds sample's was never tested (too
// few actors with five statements). A planted corpus whose two blocs the
// findings confirm says nothing of the kind.
func TestBlocsCaveat(t *testing.T) {
	ua, uc := unga(t)
	out := string(render(t, ua, uc, Options{}))
	want := "These blocs are the clustering&#39;s cut, not a finding: with each theme&#39;s stances shuffled between statements, as clear-cut a split came up by chance with p = 0.123 (162 shuffles)."
	if n := strings.Count(out, want); n != 2 {
		t.Errorf("unga: the tested caveat appears %d times, want 2 (map and tree)", n)
	}
	sa, sc := sample()
	if out := string(render(t, sa, sc, Options{})); strings.Count(out, "the findings did not test them (too few actors with enough statements)") != 2 {
		t.Errorf("seeds: no untested caveat under the map and the tree")
	}
	tr, err := synth.PlantedCorpus(1)
	if err != nil {
		t.Fatal(err)
	}
	a, err := analysis.Analyze(tr.Corpus, analysis.AnalyzeOptions{Matrix: analysis.MatrixOptions{Bootstrap: -1}})
	if err != nil {
		t.Fatal(err)
	}
	blocs := false
	for _, f := range a.Findings {
		blocs = blocs || f.Kind == "blocs"
	}
	if !blocs {
		t.Fatalf("the planted corpus gives no blocs finding: the test is wrong")
	}
	if out := string(render(t, a, tr.Corpus, Options{})); strings.Contains(out, "not a finding") {
		t.Errorf("planted blocs that hold: the report still calls them not a finding")
	}
}
