package extract

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/stancemap/stancemap/data"
)

// TestFitLinearMLE checks the fit against the maximum-likelihood
// estimate, known in closed form for one binary feature: with "a" in 40
// examples (30 positive) and absent from 60 (15 positive), the log-odds
// are logit(15/60) = ln(1/3) without it and logit(30/40) = ln 3 with it,
// so the bias difference is −1.0986 and the weight difference 2.1972.
func TestFitLinearMLE(t *testing.T) {
	var exs []example
	for i := range 100 {
		var f []string
		y := 0
		if i < 40 {
			f = []string{"a"}
			if i < 30 {
				y = 1
			}
		} else if i < 55 {
			y = 1
		}
		exs = append(exs, example{f, y})
	}
	l := fitLinear(exs, 2, fitOptions{L2: 1e-6, Epochs: 400, MinCount: 1})
	b := l.Bias[1] - l.Bias[0]
	w := l.Weights["a"][1] - l.Weights["a"][0]
	if math.Abs(b-math.Log(1.0/3)) > 0.03 || math.Abs(w-2*math.Log(3)) > 0.05 {
		t.Errorf("bias %.4f (want −1.0986), weight %.4f (want 2.1972)", b, w)
	}
	// A strong penalty pulls the weight towards 0.
	l = fitLinear(exs, 2, fitOptions{L2: 1, Epochs: 400, MinCount: 1})
	if w2 := l.Weights["a"][1] - l.Weights["a"][0]; !(w2 > 0 && w2 < w/2) {
		t.Errorf("penalised weight %.4f, want between 0 and %.4f", w2, w/2)
	}
}

// TestCalibrate: each tenth is smoothed by one right and one wrong code
// ((r+1)/(n+2)) and adjacent tenths that would make confidence fall as
// probability rises are pooled.
func TestCalibrate(t *testing.T) {
	got := calibrate([10]int{4, 0, 0, 0, 0, 0, 0, 0, 0, 10}, [10]int{1, 0, 0, 0, 0, 0, 0, 0, 0, 9})
	want := []float64{0.33, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.83}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
	// 8 of 10 right, then 2 of 10: (9+3)/(12+12) = 0.5 for both.
	got = calibrate([10]int{10, 10}, [10]int{8, 2})
	if got[0] != 0.5 || got[1] != 0.5 || len(got) != 10 {
		t.Errorf("pooled: got %v", got)
	}
}

func TestParseModelRefusesBadFiles(t *testing.T) {
	for _, c := range []struct{ json, want string }{
		{`{"version":2,"texts":"speeches"}`, "version 2"},
		{`{"version":1,"texts":"tweets"}`, `texts "tweets"`},
		{`{"version":1,"texts":"speeches","themes":[{"theme":"x","mode":"model","presence":{"bias":[0]}}]}`, "theme x: want 2 classes"},
		{`{"version":1,"texts":"speeches","themes":[{"theme":"x","mode":"guess","presence":{"bias":[0,0]}}],"side":{"bias":[0,0,0]},"strong":{"bias":[0,0]}}`, `mode "guess"`},
		{`{"version":1,"texts":"speeches","side":{"bias":[0,0,0],"weights":{"w:a":[1]}},"strong":{"bias":[0,0]}}`, `feature "w:a" has 1 weights`},
		{`{"version":1,"texts":"speeches","extra":1}`, "not a stancemap model file"},
		{`{"version":1,"texts":"speeches","themes":[{"theme":"x","mode":"model","stance":"guess","presence":{"bias":[0,0]}}],"side":{"bias":[0,0,0]},"strong":{"bias":[0,0]}}`, `stance "guess"`},
	} {
		_, err := ParseModel([]byte(c.json), "m.json")
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "m.json: ") {
			t.Errorf("%s: got %v, want an error naming the file and %q", c.json, err, c.want)
		}
	}
	if _, err := DefaultModel(); err != nil {
		t.Fatal(err)
	}
}

// TestContextGate: a sentence with a theme's words but about something
// else is coded only when it, or a sentence within two of it, speaks of
// cyberspace; with --require-context, only when it does itself.
func TestContextGate(t *testing.T) {
	x := newTestExtractor(t, Options{})
	speech := func(x *Extractor, text string) []string {
		d, _ := data.ParseDate("2015")
		var out []string
		for _, c := range x.Extract(&Document{Ref: "s", Text: text, Speech: true, Actor: "CHN", Date: d}).Coded {
			out = append(out, c.Theme)
		}
		return out
	}
	sov := "All states must respect state sovereignty and non-interference in the internal affairs of states."
	if got := speech(x, "Our harvest was good this year. "+sov); len(got) != 0 {
		t.Errorf("no cyber context: coded %v", got)
	}
	near := "The internet brings new threats to every nation. The harvest was good. " + sov
	if got := speech(x, near); len(got) != 1 || got[0] != "sovereignty" {
		t.Errorf("cyberspace two sentences before: coded %v, want sovereignty", got)
	}
	far := "The internet brings new threats to every nation. The harvest was good. Rains came late. " + sov
	if got := speech(x, far); len(got) != 0 {
		t.Errorf("cyberspace three sentences before: coded %v", got)
	}
	xr := newTestExtractor(t, Options{RequireContext: true})
	if got := speech(xr, near); len(got) != 0 {
		t.Errorf("--require-context: coded %v", got)
	}
	if got := speech(x, "We need free access by believers to the holy places. Pilgrims must reach them in safety."); len(got) != 0 {
		t.Errorf("holy places: coded %v", got)
	}
	// Next to a sentence on the internet, a bare keyword still does not
	// make the holy places the digital divide.
	if got := speech(x, "Mobile internet now reaches every county. Freedom of access by believers to the holy places must be protected."); len(got) != 0 {
		t.Errorf("holy places beside the internet: coded %v", got)
	}
}

// TestModelCodesItsKindOfText: the built-in model, trained on speeches,
// codes speeches (rows of a table) and leaves reports to the rules; its
// codes keep their evidence and a calibrated confidence.
func TestModelCodesItsKindOfText(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	x := newTestExtractor(t, Options{Model: m})
	text := "We must bridge the digital divide and bring affordable internet access to every village."
	d, _ := data.ParseDate("2015")
	res := x.Extract(&Document{Ref: "s", Text: text, Speech: true, Actor: "KEN", Date: d})
	var dd *Coded
	for i := range res.Coded {
		if res.Coded[i].Theme == "digital_divide" {
			dd = &res.Coded[i]
		}
	}
	if dd == nil || dd.Stance <= 0 || !strings.Contains(dd.Note, "model p=") || dd.Confidence < 0.4 || dd.Confidence > 1 {
		t.Fatalf("speech: %+v", res.Coded)
	}
	res = x.Extract(&Document{Ref: "r", Text: text, Actor: "KEN", Date: d})
	for _, c := range res.Coded {
		if strings.Contains(c.Note, "model") {
			t.Errorf("a report sentence was coded by the speech model: %s", c.Note)
		}
	}
}

// TestTrainIsDeterministic: the same coding gives the same model file.
func TestTrainIsDeterministic(t *testing.T) {
	x := newTestExtractor(t, Options{})
	texts := []string{
		"We must bridge the digital divide. Internet access is still too costly in rural areas.",
		"Existing international law applies to cyberspace. The internet must stay open and free.",
		"A new binding convention on information security is needed. Digital technology helps farmers.",
		"Cyber attacks threaten our elections. We welcome internet connectivity for all schools.",
	}
	d, _ := data.ParseDate("2015")
	units, err := x.CollectUnits(func() error {
		for i, tx := range texts {
			x.Extract(&Document{Ref: "d" + string(rune('a'+i)), Text: tx, Speech: true, Actor: "KEN", Date: d})
		}
		return nil
	})
	if err != nil || len(units) != 8 {
		t.Fatalf("%d units, %v", len(units), err)
	}
	gold := []data.Statement{
		{Theme: "digital_divide", Stance: 2, URL: data.Evidence(units[0].Doc, units[0].Start, units[0].End)},
		{Theme: "digital_divide", Stance: 1, URL: data.Evidence(units[1].Doc, units[1].Start, units[1].End)},
		{Theme: "international_law", Stance: -1, URL: data.Evidence(units[2].Doc, units[2].Start, units[2].End)},
		{Theme: "openness", Stance: 1, URL: data.Evidence(units[3].Doc, units[3].Start, units[3].End)},
		{Theme: "international_law", Stance: 1, URL: data.Evidence(units[4].Doc, units[4].Start, units[4].End)},
		{Theme: "digital_divide", Stance: 1, URL: data.Evidence(units[7].Doc, units[7].Start, units[7].End)},
	}
	var scope []string
	for _, u := range units {
		scope = append(scope, data.Evidence(u.Doc, u.Start, u.End))
	}
	o := TrainOptions{Folds: 2, Texts: TextsSpeeches}
	m1, rep, err := Train(units, gold, scope, x.Codebook().ThemeIDs(), o)
	if err != nil {
		t.Fatal(err)
	}
	m2, _, _ := Train(units, gold, scope, x.Codebook().ThemeIDs(), o)
	if string(m1.WriteJSON()) != string(m2.WriteJSON()) || rep.Sentences != 8 {
		t.Errorf("two trainings differ, or %d sentences", rep.Sentences)
	}
	if _, err := ParseModel(m1.WriteJSON(), "trained"); err != nil {
		t.Errorf("the written model does not read back: %v", err)
	}
	if _, _, err := Train(units, nil, nil, x.Codebook().ThemeIDs(), o); err == nil {
		t.Error("no gold: want an error")
	}
}

// TestFitLinearBag: a bagged fit is the mean, weight by weight, of the
// fits that visit the examples in each seed's order; the orders differ
// enough that the single fits do.
func TestFitLinearBag(t *testing.T) {
	var exs []example
	for i := range 60 {
		f := []string{"a", "b"}[i%2 : i%2+1]
		if i%3 == 0 {
			f = append(f, "c")
		}
		exs = append(exs, example{f, (i / 2) % 3})
	}
	o := fitOptions{L2: 0.001, Epochs: 6, MinCount: 1}
	var fits []*Linear
	for s := range 3 {
		o.Seed = uint64(s)
		fits = append(fits, fitLinear(exs, 3, o))
	}
	if fits[0].Weights["c"][0] == fits[1].Weights["c"][0] {
		t.Fatal("two seeds gave the same weight: the test would not tell a bag from one fit")
	}
	bag := fitLinear(exs, 3, fitOptions{L2: 0.001, Epochs: 6, MinCount: 1, Bag: 3})
	for _, f := range []string{"a", "b", "c"} {
		for k := range 3 {
			want := (fits[0].Weights[f][k] + fits[1].Weights[f][k] + fits[2].Weights[f][k]) / 3
			if math.Abs(bag.Weights[f][k]-want) > 1e-12 {
				t.Errorf("%s[%d]: bag %.6f, mean of the fits %.6f", f, k, bag.Weights[f][k], want)
			}
		}
	}
	for k := range 3 {
		want := (fits[0].Bias[k] + fits[1].Bias[k] + fits[2].Bias[k]) / 3
		if math.Abs(bag.Bias[k]-want) > 1e-12 {
			t.Errorf("bias[%d]: bag %.6f, mean %.6f", k, bag.Bias[k], want)
		}
	}
}

// TestRuleStance reads the rules' stance back from a sentence's features.
func TestRuleStance(t *testing.T) {
	for _, c := range []struct {
		feats []string
		want  int
		found bool
	}{
		{[]string{"w:law"}, 0, false},
		{[]string{"r:openness", "r:openness:0"}, 0, true},
		{[]string{"r:openness", "r:openness:+"}, 1, true},
		{[]string{"r:openness", "r:openness:-", "r:openness:2"}, -2, true},
		{[]string{"r:openness", "r:openness:+", "r:openness:2", "r:sovereignty", "r:sovereignty:-"}, 2, true},
	} {
		slices.Sort(c.feats)
		if got, found := ruleStance("openness", c.feats); got != c.want || found != c.found {
			t.Errorf("%v: got %d %v, want %d %v", c.feats, got, found, c.want, c.found)
		}
	}
	if a := pairAlpha([]float64{1, 1, 1}, []float64{1, 1, 1}); a != -1 {
		t.Errorf("alpha with no variation: %v, want -1", a)
	}
	if a := pairAlpha([]float64{-1, 0, 1, 2}, []float64{-1, 0, 1, 2}); a != 1 {
		t.Errorf("alpha of equal codings: %v, want 1", a)
	}
}

// TestStanceByRules: a theme whose model says its stance comes from the
// rules takes the rule coder's stance, and says so in the note; the
// model's own stance otherwise.
func TestStanceByRules(t *testing.T) {
	text := "We do not believe a new treaty is needed: existing international law applies to cyberspace."
	d, _ := data.ParseDate("2015")
	code := func(x *Extractor) *Coded {
		for _, c := range x.Extract(&Document{Ref: "s", Text: text, Speech: true, Actor: "GBR", Date: d}).Coded {
			if c.Theme == "international_law" {
				return &c
			}
		}
		t.Fatalf("no international_law code")
		return nil
	}
	rules := code(newTestExtractor(t, Options{}))
	if rules.Stance >= 0 {
		t.Fatalf("the rules give %d, want the − pole (existing law applies)", rules.Stance)
	}
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	for i := range m.Themes {
		m.Themes[i].Mode = ModeRules
		m.Themes[i].Stance = ModeRules
	}
	// a side model that always says +: only the rules can give −
	m.Side = &Linear{Bias: []float64{0, 0, 5}, Weights: map[string][]float64{}}
	got := code(newTestExtractor(t, Options{Model: m}))
	if got.Stance != rules.Stance || !strings.Contains(got.Note, "stance by the rules") {
		t.Errorf("stance by the rules: got %d (%s), want %d", got.Stance, got.Note, rules.Stance)
	}
	for i := range m.Themes {
		m.Themes[i].Stance = ""
	}
	if got := code(newTestExtractor(t, Options{Model: m})); got.Stance <= 0 || strings.Contains(got.Note, "stance by the rules") {
		t.Errorf("stance by the model: got %d (%s), want the side model's +", got.Stance, got.Note)
	}
}

// TestCalibrateStance: a side classifier that puts every code on the +
// side (bias +1 for +) while gold has half of them at 0 is shifted
// towards "no side" by the smallest step of the grid that separates them:
// units with w:x (+3 more for +) stay +, the others become 0, alpha 1.
// At a shift of 1 the others' "none" and + tie, and a tie goes to the
// first class, so 1 is the smallest such shift; strength needs none.
func TestCalibrateStance(t *testing.T) {
	m := &Model{
		Side:   &Linear{Bias: []float64{0, 0, 1}, Weights: map[string][]float64{"w:x": {0, 0, 3}}},
		Strong: &Linear{Bias: []float64{0, -5}, Weights: map[string][]float64{}},
	}
	var ls []labelled
	for i := range 8 {
		l := labelled{TrainUnit{Doc: "d", Start: i, End: i + 1}, map[string]int{"openness": 0}}
		if i%2 == 0 {
			l.Feats = []string{"w:x"}
			l.gold["openness"] = 1
		}
		ls = append(ls, l)
	}
	fold := make([]int, len(ls))
	if st := m.stance("openness", nil); st != 1 {
		t.Fatalf("before: stance %d, want +1 for every unit", st)
	}
	d0, d2 := calibrateStance(ls, fold, []*Model{m}, []string{"openness"})
	if d0 != 1 || d2 != 0 {
		t.Errorf("shifts %+.2f %+.2f, want +1 +0", d0, d2)
	}
	if m.stance("openness", nil) != 0 || m.stance("openness", []string{"w:x"}) != 1 {
		t.Errorf("the out-of-fold model is not left shifted: %d %d", m.stance("openness", nil), m.stance("openness", []string{"w:x"}))
	}
}
