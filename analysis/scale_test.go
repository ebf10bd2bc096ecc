package analysis

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stancemap/stancemap/data"
)

// scaleExpected is what testdata/scale_reference.py (numpy) computes on
// testdata/scale_corpus.csv.
type scaleExpected struct {
	Wordscores struct {
		References map[string]float64
		WordScores map[string]float64 `json:"word_scores"`
		Positions  map[string]float64
		GGG        []float64 `json:"ggg_documents"`
	}
	LSS struct {
		Seeds      data.Seeds
		Dimensions int
		Polarity   map[string]float64
		Positions  map[string]float64
		GGG        []float64 `json:"ggg_documents"`
	}
	// Context: both methods reading only the sentences near the context
	// terms (null: the actor has none).
	Context struct {
		Terms         []string
		Window        int
		Sentences     int
		SentencesKept int  `json:"sentences_kept"`
		PhraseFound   bool `json:"phrase_found"`
		Wordscores    map[string]*float64
		LSS           map[string]*float64
	}
}

func readScaleReference(t *testing.T) (*TextCorpus, scaleExpected) {
	t.Helper()
	f, err := os.Open("testdata/scale_corpus.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	tc := NewTextCorpus()
	for _, r := range rows[1:] {
		d, err := data.ParseDate(r[1])
		if err != nil {
			t.Fatal(err)
		}
		tc.Add(r[0], d, r[2])
	}
	var want scaleExpected
	b, err := os.ReadFile("testdata/scale_expected.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	return tc, want
}

func positionsByActor(s *Scaling) map[string]ScalePosition {
	m := map[string]ScalePosition{}
	for _, p := range s.Positions {
		m[p.Actor] = p
	}
	return m
}

// TestWordscoresReference checks word scores, LBG-rescaled positions and
// the bootstrap of a two-document actor against numpy.
func TestWordscoresReference(t *testing.T) {
	tc, want := readScaleReference(t)
	axis := &data.Axis{ID: "x", References: want.Wordscores.References}
	value, _, err := tc.wordscores(axis, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	for w, v := range want.Wordscores.WordScores {
		if got := value[tc.words[w]]; math.Abs(got-v) > 1e-9 {
			t.Errorf("score of %s = %.6f, numpy %.6f", w, got, v)
		}
	}
	res, err := ScaleTexts(tc, axis, ScaleOptions{}, TextOptions{MinCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	got := positionsByActor(res)
	for a, v := range want.Wordscores.Positions {
		if math.Abs(got[a].Value-v) > 1e-9 {
			t.Errorf("%s: position %.6f, numpy %.6f", a, got[a].Value, v)
		}
	}
	checkTwoDocuments(t, got["GGG"], want.Wordscores.GGG)
	if h := got["HHH"]; h.N != 1 || math.IsNaN(h.Low) || !(h.Low <= h.Value && h.Value <= h.High) {
		t.Errorf("HHH (one document, resampled by sentences): %+v", h)
	}
}

// TestContextReference checks the sentence filter (a word and a phrase of
// two words, one sentence either side) with Wordscores and LSS against
// numpy: the sentences kept, the positions, and no position for the actor
// that never comes near a context term.
func TestContextReference(t *testing.T) {
	tc, want := readScaleReference(t)
	wc := want.Context
	if !wc.PhraseFound {
		t.Fatal("the reference corpus should hold the phrase, or the test does not check phrases")
	}
	keep, found, missing := tc.contextSentences(wc.Terms, wc.Window)
	kept := 0
	for _, k := range keep {
		if k {
			kept++
		}
	}
	if len(keep) != wc.Sentences || kept != wc.SentencesKept || !slices.Equal(found, wc.Terms) || len(missing) != 0 {
		t.Fatalf("kept %d of %d sentences, found %v, missing %v; numpy: %d of %d, %v", kept, len(keep), found, missing, wc.SentencesKept, wc.Sentences, wc.Terms)
	}
	lo := LSSOptions{Dimensions: want.LSS.Dimensions, Oversample: 40}
	for _, c := range []struct {
		name string
		axis *data.Axis
		to   TextOptions
		want map[string]*float64
		tol  float64
	}{
		{"wordscores", &data.Axis{ID: "x", References: want.Wordscores.References}, TextOptions{MinCount: 1}, wc.Wordscores, 1e-9},
		{"lss", &data.Axis{ID: "x", Seeds: want.LSS.Seeds}, TextOptions{Method: MethodLSS, MinCount: 1, LSS: lo}, wc.LSS, 1e-6},
	} {
		c.to.Context, c.to.Window = wc.Terms, wc.Window
		res, err := ScaleTexts(tc, c.axis, ScaleOptions{Bootstrap: -1}, c.to)
		if err != nil {
			t.Fatal(err)
		}
		if res.Text.SentencesScored != wc.SentencesKept || res.Text.ContextWindow != wc.Window {
			t.Errorf("%s: %d sentences scored, window %d", c.name, res.Text.SentencesScored, res.Text.ContextWindow)
		}
		got := positionsByActor(res)
		for a, v := range c.want {
			switch p := got[a]; {
			case v == nil:
				if !math.IsNaN(p.Value) || p.Words != 0 {
					t.Errorf("%s: %s has no sentence near a context term, got position %v on %d words", c.name, a, p.Value, p.Words)
				}
			case math.Abs(p.Value-*v) > c.tol:
				t.Errorf("%s: %s position %.6f, numpy %.6f", c.name, a, p.Value, *v)
			}
		}
	}
}

// TestContextTerms: phrases match across stop words, one-word terms match
// inside hyphenated compounds, and the filter keeps to each document.
func TestContextTerms(t *testing.T) {
	tc := NewTextCorpus()
	tc.Add("A", data.Date{}, "Alpha beta gamma. Delta epsilon. Information and communication technologies matter. Zeta eta. Theta iota.")
	tc.Add("B", data.Date{}, "Kappa lambda. Cyber-attacks grow. Mu nu.")
	tc.Add("C", data.Date{}, "Xi omicron. Pi rho.")
	keep, found, missing := tc.contextSentences([]string{"information and communication technologies", "cyber", "cyberspace"}, 1)
	want := []bool{false, true, true, true, false, true, true, true, false, false}
	if !slices.Equal(keep, want) {
		t.Errorf("kept %v, want %v", keep, want)
	}
	if !slices.Equal(found, []string{"information and communication technologies", "cyber"}) || !slices.Equal(missing, []string{"cyberspace"}) {
		t.Errorf("found %v, missing %v", found, missing)
	}
	keep, _, _ = tc.contextSentences([]string{"cyber"}, 0)
	if !slices.Equal(keep, []bool{false, false, false, false, false, false, true, false, false, false}) {
		t.Errorf("window 0 kept %v", keep)
	}
}

// checkTwoDocuments: resampling two documents gives each alone or both;
// the 2.5% and 97.5% quantiles of 2,000 resamples are the two alone.
func checkTwoDocuments(t *testing.T, p ScalePosition, docs []float64) {
	t.Helper()
	lo, hi := slices.Min(docs), slices.Max(docs)
	if p.N != 2 || math.Abs(p.Low-lo) > 1e-9 || math.Abs(p.High-hi) > 1e-9 {
		t.Errorf("GGG interval [%.6f, %.6f] over %d documents, want the two documents' scores [%.6f, %.6f]", p.Low, p.High, p.N, lo, hi)
	}
}

// TestLSSReference checks polarities and standardised positions against
// numpy's exact SVD (the range finder is exact when k + oversampling
// reaches the number of terms).
func TestLSSReference(t *testing.T) {
	tc, want := readScaleReference(t)
	axis := &data.Axis{ID: "x", Seeds: want.LSS.Seeds}
	lo := LSSOptions{Dimensions: want.LSS.Dimensions, Oversample: 40}
	value, sum, err := tc.lss(axis, 1, lo)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Terms != 40 || sum.Dimensions != 5 {
		t.Fatalf("terms %d, dimensions %d", sum.Terms, sum.Dimensions)
	}
	for w, v := range want.LSS.Polarity {
		if got := value[tc.words[w]]; math.Abs(got-v) > 1e-6 {
			t.Errorf("polarity of %s = %.6f, numpy %.6f", w, got, v)
		}
	}
	res, err := ScaleTexts(tc, axis, ScaleOptions{}, TextOptions{Method: MethodLSS, MinCount: 1, LSS: lo})
	if err != nil {
		t.Fatal(err)
	}
	got := positionsByActor(res)
	for a, v := range want.LSS.Positions {
		if math.Abs(got[a].Value-v) > 1e-6 {
			t.Errorf("%s: position %.6f, numpy %.6f", a, got[a].Value, v)
		}
	}
	checkTwoDocuments(t, got["GGG"], want.LSS.GGG)
}

// TestLSSRandomizedAgreesWithExact: with the default oversampling the
// range finder is approximate; ten power iterations bring the polarities
// within 0.01 of the exact decomposition's on the reference corpus (whose
// flat spectrum makes it converge slowly).
func TestLSSRandomizedAgreesWithExact(t *testing.T) {
	tc, want := readScaleReference(t)
	axis := &data.Axis{ID: "x", Seeds: want.LSS.Seeds}
	exact, _, err := tc.lss(axis, 1, LSSOptions{Dimensions: 5, Oversample: 40})
	if err != nil {
		t.Fatal(err)
	}
	approx, _, err := tc.lss(axis, 1, LSSOptions{Dimensions: 5, Oversample: 10, PowerIter: 10})
	if err != nil {
		t.Fatal(err)
	}
	for id := range exact {
		if math.Abs(exact[id]-approx[id]) > 0.01 {
			t.Errorf("%s: exact %.4f, randomized %.4f", tc.names[id], exact[id], approx[id])
		}
	}
}

// TestScaleTextsDeterministic: the same corpus gives the same positions
// whatever the number of workers.
func TestScaleTextsDeterministic(t *testing.T) {
	tc, want := readScaleReference(t)
	axis := &data.Axis{ID: "x", Seeds: want.LSS.Seeds}
	var first []ScalePosition
	for _, w := range []int{1, 3} {
		res, err := ScaleTexts(tc, axis, ScaleOptions{}, TextOptions{Method: MethodLSS, MinCount: 1, LSS: LSSOptions{Dimensions: 5, Workers: w}})
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = res.Positions
		} else if !slices.EqualFunc(first, res.Positions, func(a, b ScalePosition) bool { return a.Value == b.Value && a.Low == b.Low }) {
			t.Errorf("positions differ between 1 and %d workers", w)
		}
	}
}

func TestTokenizer(t *testing.T) {
	var tk tokenizer
	var got []string
	tk.each("The State's non-interference in 2013; Internet freedom. U.S. policy—open!", func(w []byte, capital, end bool) {
		switch {
		case end:
			got = append(got, "|")
		case capital:
			got = append(got, "^"+string(w))
		default:
			got = append(got, string(w))
		}
	})
	want := "^state non-interference | internet freedom | | policy open |" // "U.S." ends a sentence of no word
	if s := strings.Join(got, " "); s != want {
		t.Errorf("tokens %q, want %q", s, want)
	}
}

// TestScaleStatements checks the weighted mean of signed stances by hand:
// sovereignty +1, openness and multistakeholder −1.
func TestScaleStatements(t *testing.T) {
	cb, err := data.DefaultCodebook()
	if err != nil {
		t.Fatal(err)
	}
	axis, ok := cb.Axis("state_control")
	if !ok {
		t.Fatal("the default codebook has no state_control axis")
	}
	y := func(s string) data.Date { d, _ := data.ParseDate(s); return d }
	c := &data.Corpus{Codebook: cb, Statements: []data.Statement{
		{Actor: "X", Theme: "sovereignty", Stance: 2, Weight: 1, Date: y("2013")},
		{Actor: "X", Theme: "openness", Stance: -1, Weight: 1, Date: y("2013")},        // +1 on the axis
		{Actor: "X", Theme: "multistakeholder", Stance: 1, Weight: 2, Date: y("2014")}, // −1, twice
		{Actor: "X", Theme: "digital_divide", Stance: 2, Weight: 1, Date: y("2014")},   // not on the axis
		{Actor: "Y", Theme: "openness", Stance: 2, Weight: 1, Date: y("2014")},
		{Actor: "Y", Theme: "openness", Stance: 0, Weight: 0, Date: y("2014")}, // weight 0: left out
	}}
	res, err := ScaleStatements(c, axis, ScaleOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := positionsByActor(res)
	// X: (2 + 1 − 2) / 4 = 0.25 over 3 statements
	if x := got["X"]; math.Abs(x.Value-0.25) > 1e-12 || x.N != 3 || x.Low != -1 || x.High != 2 {
		t.Errorf("X = %+v, want 0.25 over 3 statements, interval [-1, 2] (a resample of the weight-2 statement thrice, of the +2 thrice)", x)
	}
	if y := got["Y"]; y.Value != -2 || y.N != 1 || !math.IsNaN(y.Low) {
		t.Errorf("Y = %+v, want -2 over 1 statement, no interval", y)
	}
	// By year: X has one period each side.
	ps, _ := ParsePeriodSpec("year")
	res, err = ScaleStatements(c, axis, ScaleOptions{Period: ps})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Positions) != 3 || res.Positions[0].Period != "2013" || res.Positions[0].Value != 1.5 || res.Positions[1].Value != -1 {
		t.Errorf("by year: %+v", res.Positions)
	}
}
