package analysis

import (
	"math"
	"strings"
	"testing"

	"github.com/stancemap/stancemap/data"
)

func compareCorpus(t *testing.T) *data.Corpus {
	t.Helper()
	reg := data.NewRegistry()
	for _, a := range []data.Actor{
		{ID: "XAA", Kind: data.KindState, Groups: []string{"North"}},
		{ID: "x_minister", Kind: data.KindOfficial, Organisation: "XAA"},
		{ID: "YBB", Kind: data.KindState, Groups: []string{"South"}},
		{ID: "ZCC", Kind: data.KindState, Groups: []string{"South"}},
	} {
		if err := reg.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	cb := &data.Codebook{Themes: []data.Theme{{ID: "p"}, {ID: "q"}, {ID: "r"}, {ID: "s"}}}
	d, _ := data.ParseDate("2016")
	st := func(id, actor, theme string, stance int) data.Statement {
		return data.Statement{ID: id, Actor: actor, Theme: theme, Stance: stance, Date: d, Weight: 1}
	}
	return &data.Corpus{Actors: reg, Codebook: cb, Statements: []data.Statement{
		st("a1", "XAA", "p", 2), st("a2", "x_minister", "p", 2),
		st("b1", "YBB", "p", -1), st("b2", "ZCC", "p", 1),
		st("a3", "XAA", "q", 1), st("b3", "YBB", "q", 1),
		st("a4", "XAA", "r", 1), st("b4", "ZCC", "r", -1),
		st("a5", "x_minister", "s", -2),
	}}
}

func TestCompareActorWithOfficialsAgainstGroup(t *testing.T) {
	c := compareCorpus(t)
	cmp, err := Compare(c, "XAA", "south", CompareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(cmp.A.Members, ",") != "XAA,x_minister" || cmp.B.Kind != "group" || strings.Join(cmp.B.Members, ",") != "YBB,ZCC" {
		t.Fatalf("sides %+v %+v", cmp.A, cmp.B)
	}
	byTheme := map[string]ThemeComparison{}
	for _, tc := range cmp.Themes {
		byTheme[tc.Theme] = tc
	}
	// p: A {2, 2} mean 2; B {−1, +1} mean 0 → diff 2, "differ" (B is neutral).
	// Bootstrap: A's resampled mean is always 2; B's is −1, 0 or +1 with
	// probabilities ¼, ½, ¼, so the difference is 3, 2 or 1 and its 2.5%
	// and 97.5% quantiles are 1 and 3.
	p := byTheme["p"]
	if p.A.Mean != 2 || p.B.Mean != 0 || p.Diff != 2 || p.Verdict != VerdictDiffer {
		t.Errorf("p: %+v", p)
	}
	if p.DiffLow != 1 || p.DiffHigh != 3 || p.A.CILow != 2 || p.A.CIHigh != 2 || p.B.CILow != -1 || p.B.CIHigh != 1 {
		t.Errorf("p intervals: diff [%v, %v], A [%v, %v], B [%v, %v]", p.DiffLow, p.DiffHigh, p.A.CILow, p.A.CIHigh, p.B.CILow, p.B.CIHigh)
	}
	if strings.Join(p.A.Evidence, ",") != "a1,a2" || strings.Join(p.B.Evidence, ",") != "b1,b2" {
		t.Errorf("p evidence %v %v", p.A.Evidence, p.B.Evidence)
	}
	// q: 1 vs 1, one statement each: no interval, so no telling whether
	// they agree, although the means are equal.
	if q := byTheme["q"]; q.Verdict != VerdictUnknown || q.Diff != 0 || !math.IsNaN(q.DiffLow) {
		t.Errorf("q: %+v", q)
	}
	// r: +1 vs −1, one statement each: no telling either; s: only the
	// minister spoke → only A.
	if r := byTheme["r"]; r.Verdict != VerdictUnknown || r.Diff != 2 {
		t.Errorf("r: %+v", r)
	}
	if s := byTheme["s"]; s.Verdict != VerdictOnlyA || s.A.Mean != -2 {
		t.Errorf("s: %+v", s)
	}
	if len(cmp.Agree) != 0 || len(cmp.Clash) != 0 || cmp.SharedThemes != 3 {
		t.Errorf("agree %v clash %v shared %d", cmp.Agree, cmp.Clash, cmp.SharedThemes)
	}
	again, _ := Compare(c, "XAA", "south", CompareOptions{})
	if again.Themes[0].DiffLow != p.DiffLow || again.Themes[0].DiffHigh != p.DiffHigh {
		t.Errorf("not deterministic")
	}
}

func TestCompareActorOnlyAndUnknownSide(t *testing.T) {
	c := compareCorpus(t)
	cmp, err := Compare(c, "XAA", "YBB", CompareOptions{ActorOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(cmp.A.Members, ",") != "XAA" || cmp.StatementsA != 3 {
		t.Errorf("actor only: %+v, %d statements", cmp.A, cmp.StatementsA)
	}
	if _, err := Compare(c, "XAA", "Atlantis", CompareOptions{}); err == nil || !strings.Contains(err.Error(), `"Atlantis"`) {
		t.Errorf("unknown side: %v", err)
	}
}

func TestVerdict(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		a, b, lo, hi float64
		want         string
	}{
		{2, 1.5, -0.2, 0.9, VerdictAgree},
		{0, 0, -0.99, 0.99, VerdictAgree},
		{0, 0, -1, 0.5, VerdictUnknown}, // reaches −1: it could be a point apart
		{0, 0, nan, nan, VerdictUnknown},
		{0.5, -0.4, 0.1, 1.7, VerdictDiffer}, // opposite sides, but less than 1 apart
		{0.5, -0.5, 0.2, 1.8, VerdictClash},
		{2, -2, 3, 4, VerdictClash},
		{2, -2, -0.1, 4, VerdictUnknown}, // the case: 4 apart on too few statements
		{-2, -0.5, -0.57, -0.05, VerdictDiffer},
		{2, 0, 1, 3, VerdictDiffer},
	}
	for _, tc := range cases {
		if got := verdict(tc.a, tc.b, tc.lo, tc.hi); got != tc.want {
			t.Errorf("verdict(%v, %v, [%v, %v]) = %s, want %s", tc.a, tc.b, tc.lo, tc.hi, got, tc.want)
		}
	}
}

// A negative Bootstrap asks for no intervals: the means and verdicts are
// computed, every interval is NaN, and nothing panics (the HTML report
// passes --bootstrap 0 through as −1).
func TestCompareWithoutBootstrap(t *testing.T) {
	cmp, err := Compare(compareCorpus(t), "XAA", "south", CompareOptions{Bootstrap: -1})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range cmp.Themes {
		if tc.Theme == "p" && (tc.Diff != 2 || tc.Verdict != VerdictUnknown) {
			t.Errorf("p: diff %v verdict %v, want 2 and cannot tell (no interval)", tc.Diff, tc.Verdict)
		}
		for _, v := range []float64{tc.DiffLow, tc.DiffHigh, tc.A.CILow, tc.A.CIHigh, tc.B.CILow, tc.B.CIHigh} {
			if !math.IsNaN(v) {
				t.Errorf("%s: an interval without a bootstrap: %+v", tc.Theme, tc)
				break
			}
		}
	}
}
