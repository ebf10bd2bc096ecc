package figures

import (
	"slices"
	"strings"
	"testing"

	"github.com/stancemap/stancemap/internal/testutil/samplecorpus"

	"github.com/stancemap/stancemap/analysis"
)

// TestTwoPeriodFigures: on the unga sample from 2005–2009 to 2020–2024,
// the change heatmap writes Estonia's change on international law, its n
// on each side and "moved", and hatches the cells that cannot be told;
// the slope chart names Estonia beside its line with its n at both ends.
// The seeds sample's yearly periods have no row on a theme in both: the
// figures say so.
func TestTwoPeriodFigures(t *testing.T) {
	c, s := samplecorpus.Load(t, "unga")
	p, err := analysis.ParsePeriodSpec(s.Periods)
	if err != nil {
		t.Fatal(err)
	}
	a, err := analysis.Analyze(c, analysis.AnalyzeOptions{Matrix: analysis.MatrixOptions{Period: p, Bootstrap: -1},
		Compare: analysis.PeriodChangeOptions{From: "2005-2009", To: "2020-2024"}})
	if err != nil {
		t.Fatal(err)
	}
	figs, err := Build(a, c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]Figure{}
	for _, f := range figs {
		byName[f.Name] = f
	}
	heat := strings.Join(texts(render(t, byName["change-heatmap"], "svg")), "|")
	for _, want := range []string{"Change in mean stance, 2005–2009 to 2020–2024", "Estonia", "-1.58", "n 4→3", "+0.27", "framed, moved", "1 moved, 2 stayed, 179 cannot tell"} {
		if !strings.Contains(heat, want) {
			t.Errorf("change heatmap lacks %q: %s", want, heat)
		}
	}
	slope := texts(render(t, byName["slope"], "svg"))
	if i := slices.Index(slope, "Estonia"); i < 2 || slope[i-1] != "3" || slope[i-2] != "4" {
		t.Errorf("slope chart: Estonia's line should carry n 4 and 3 before its name: %q", slope)
	}

	sa, sc := sample(t)
	figs, err = Build(sa, sc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range figs {
		if (f.Name == "change-heatmap" || f.Name == "slope") && !strings.Contains(f.Note, "No actor spoke on the same theme in both 2008 and 2016") {
			t.Errorf("%s on the seeds sample: note %q", f.Name, f.Note)
		}
	}
}

// TestDendrogramMarksThinRows: the dendrogram figure marks the leaves of
// the rows below --min-actor-statements with † and says what † means.
func TestDendrogramMarksThinRows(t *testing.T) {
	a, c := sample(t)
	figs, err := Build(a, c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range figs {
		if f.Name == "dendrogram" {
			got = texts(render(t, f, "svg"))
		}
	}
	all := strings.Join(got, "|")
	thin := 0
	for _, th := range a.Evidence.Thin {
		if slices.Contains(a.Blocs.Dendrogram.Rows, th.Row) {
			thin++
		}
	}
	marked := strings.Count(all, " †|")
	if thin == 0 || marked != thin || !strings.Contains(all, "†: fewer than 5 statements") {
		t.Errorf("%d leaves marked, %d thin rows clustered: %s", marked, thin, all)
	}
}
