package extract

import (
	"github.com/stancemap/stancemap/internal/testutil"
	"math"
	"testing"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
)

func st(actor, theme string, stance int, url string) data.Statement {
	return data.Statement{ID: url + theme, Actor: actor, Theme: theme, Stance: stance, URL: url, Weight: 1}
}

func TestEvaluateCountsBySentenceAndTheme(t *testing.T) {
	gold := []data.Statement{
		st("CHN", "sovereignty", 2, "a.txt#char=0,50"),
		st("CHN", "openness", -1, "a.txt#char=0,50"),
		st("qian_hongshan", "sovereignty", 1, "a.txt#char=51,90"),
		st("KOR", "digital_divide", 1, "b.txt#char=0,40"),
	}
	pred := []data.Statement{
		st("CHN", "sovereignty", 2, "dir/a.txt#char=0,49"),      // found, right stance
		st("CHN", "multistakeholder", 0, "dir/a.txt#char=0,49"), // extra theme
		st("CHN", "sovereignty", 1, "dir/a.txt#char=52,90"),     // found; actor is the official's state
		st("UN", "digital_divide", 0, "other.txt#char=0,40"),    // another document: extra
	}
	reg, _ := data.DefaultRegistry()
	ev := Evaluate(gold, pred, []string{"sovereignty", "multistakeholder", "openness", "digital_divide"}, reg)
	byTheme := map[string]ThemeScore{}
	for _, s := range ev.Themes {
		byTheme[s.Theme] = s
	}
	if s := byTheme["sovereignty"]; s.TP != 2 || s.FP != 0 || s.FN != 0 || s.F1 != 1 {
		t.Errorf("sovereignty %+v", s)
	}
	if s := byTheme["openness"]; s.TP != 0 || s.FN != 1 || s.F1 != 0 {
		t.Errorf("openness %+v", s)
	}
	if s := byTheme["digital_divide"]; s.FN != 1 || s.FP != 1 {
		t.Errorf("digital_divide %+v", s)
	}
	if ev.Micro.TP != 2 || ev.Micro.FP != 2 || ev.Micro.FN != 2 || math.Abs(ev.Micro.F1-0.5) > 1e-12 {
		t.Errorf("micro %+v", ev.Micro)
	}
	if ev.GoldSentences != 3 || ev.Aligned != 2 || ev.ActorCorrect != 1 || ev.OrganisationCorrect != 2 {
		t.Errorf("attribution: %d sentences, %d aligned, %d actor right, %d organisation right",
			ev.GoldSentences, ev.Aligned, ev.ActorCorrect, ev.OrganisationCorrect)
	}
	want, _ := analysis.KrippendorffAlpha([][]float64{{2, 1}, {2, 1}}, analysis.Ordinal)
	if ev.StancePairs != 2 || ev.StanceAlpha != want || ev.StanceExact != 1 {
		t.Errorf("stance: %d pairs, alpha %v (want %v), exact %v", ev.StancePairs, ev.StanceAlpha, want, ev.StanceExact)
	}
}

// seedsPath finds ../shared/seeds above the module, wherever the test runs.
func seedsPath() string { return testutil.SharedPath("seeds") }

// TestSeedsIntegration codes the five seed reports and checks the named
// officials' actors and the scores against the hand-coded gold set
// (testdata/seeds_gold.csv: offsets and codes only, no text).
func TestSeedsIntegration(t *testing.T) {
	dir := seedsPath()
	if dir == "" {
		t.Skip("../shared/seeds is absent: the seed reports are not part of the repository, so this integration test is skipped")
	}
	x := newTestExtractor(t, Options{})
	reg := x.Registry()
	in, ps := CollectInputs([]string{dir}, TextOptions{Manifest: "testdata/seeds_manifest.csv"}, reg)
	if ps.Errors() > 0 {
		t.Fatal(ps)
	}
	var pred []data.Statement
	st, err := x.RunFiles(in, func(c *Coded) error {
		if !c.Flagged() {
			pred = append(pred, c.Statement)
		}
		return nil
	}, RunOptions{})
	if err != nil || st.Documents != 5 {
		t.Fatalf("err %v, %d documents", err, st.Documents)
	}
	// Each named official is coded as themselves, speaking for the right actor.
	want := map[string]string{"Qian Hongshan": "CHN", "Ban Ki-moon": "UN", "William Hague": "GBR", "Park Geun-hye": "KOR", "Cai Mingzhao": "CHN"}
	seen := map[string]bool{}
	for _, s := range pred {
		org, ok := want[s.Speaker]
		if !ok {
			continue
		}
		seen[s.Speaker] = true
		a, _ := reg.Get(s.Actor)
		if a == nil || (a.ID != org && a.Organisation != org) {
			t.Errorf("%s's statement %s coded for %q, want an actor speaking for %s", s.Speaker, s.URL, s.Actor, org)
		}
	}
	for name := range want {
		if !seen[name] {
			t.Errorf("no statement attributed to %s", name)
		}
	}
	res, err := data.ReadStatements([]string{"testdata/seeds_gold.csv"}, data.ReadOptions{Registry: reg, Codebook: x.Codebook()})
	if err != nil || res.InvalidRows > 0 {
		t.Fatalf("gold set: %v %v", err, res.Problems)
	}
	ev := Evaluate(res.Statements, pred, x.Codebook().ThemeIDs(), reg)
	for _, m := range ev.Misses {
		if m.Kind == "extra theme" {
			t.Log(m)
		}
	}
	t.Logf("seeds: theme P %.3f R %.3f F1 %.3f, attribution %.3f, stance alpha %.3f on %d", ev.Micro.Precision, ev.Micro.Recall, ev.Micro.F1, ev.ActorAccuracy, ev.StanceAlpha, ev.StancePairs)
	// The goals of issue 6; the extractor meets them on this gold set, and
	// a change to the rules that loses that should be seen.
	if ev.Micro.F1 < 0.80 || ev.ActorAccuracy < 0.85 || ev.StanceAlpha < 0.67 {
		t.Errorf("theme F1 %.3f (goal 0.80), attribution %.3f (0.85), stance alpha %.3f (0.67)", ev.Micro.F1, ev.ActorAccuracy, ev.StanceAlpha)
	}
}
