package analysis

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/stancemap/stancemap/data"
)

// The expected values in this file are worked out by hand in the
// comments, from the definitions in AgreementNetwork's documentation
// (which follow DNA's Exporter.java); none comes from running the code.

func netDate(t *testing.T, s string) data.Date {
	t.Helper()
	d, err := data.ParseDate(s)
	if err != nil {
		t.Fatalf("bad test date %q: %v", s, err)
	}
	return d
}

// netCorpus builds a corpus from "actor theme stance date source" lines,
// with themes t1, t2, t3 in that codebook order.
func netCorpus(t *testing.T, lines ...string) *data.Corpus {
	t.Helper()
	cb := &data.Codebook{Name: "test", Scale: data.DefaultScale(), Themes: []data.Theme{
		{ID: "t1", Label: "t1", Positive: "+", Negative: "-"},
		{ID: "t2", Label: "t2", Positive: "+", Negative: "-"},
		{ID: "t3", Label: "t3", Positive: "+", Negative: "-"},
	}}
	c := &data.Corpus{Codebook: cb}
	for i, l := range lines {
		f := strings.Fields(l)
		if len(f) < 4 {
			t.Fatalf("bad test line %q", l)
		}
		st := data.Statement{ID: "s" + string(rune('a'+i)), Actor: f[0], Theme: f[1], Date: netDate(t, f[3]), Weight: 1}
		switch f[2] {
		case "+2":
			st.Stance = 2
		case "+1", "+":
			st.Stance = 1
		case "0":
			st.Stance = 0
		case "-1", "-":
			st.Stance = -1
		case "-2":
			st.Stance = -2
		default:
			t.Fatalf("bad stance in %q", l)
		}
		if len(f) > 4 {
			st.Source = f[4]
		}
		c.Statements = append(c.Statements, st)
	}
	return c
}

// binaryCorpus is the main hand-built example: 4 actors, 3 themes, 12
// statements on the binary scale. Counts per theme as (disagree, agree):
//
//	       t1     t2     t3    n
//	A    (0,2)  (1,0)  (0,0)   3
//	B    (0,1)  (0,1)  (1,0)   3
//	C    (1,0)  (1,1)  (0,1)   4
//	D    (1,0)  (0,0)  (0,1)   2
func binaryCorpus(t *testing.T) *data.Corpus {
	return netCorpus(t,
		"A t1 + 2013-01-01",
		"A t1 + 2013-02-01",
		"A t2 - 2013-03-01",
		"B t1 + 2013-01-01",
		"B t2 + 2013-02-01",
		"B t3 - 2013-03-01",
		"C t1 - 2013-01-01",
		"C t2 - 2013-02-01",
		"C t2 + 2013-02-02",
		"C t3 + 2013-03-01",
		"D t1 - 2013-01-01",
		"D t3 + 2013-03-01",
	)
}

const netTol = 1e-12

func checkNetwork(t *testing.T, n Network, rows, cols []string, want [][]float64) {
	t.Helper()
	if !slices.Equal(n.Rows, rows) || !slices.Equal(n.Cols, cols) {
		t.Fatalf("rows %v cols %v, want %v %v", n.Rows, n.Cols, rows, cols)
	}
	for i := range want {
		for j := range want[i] {
			if math.Abs(n.W[i][j]-want[i][j]) > netTol {
				t.Errorf("W[%s][%s] = %.15g, want %.15g", rows[i], cols[j], n.W[i][j], want[i][j])
			}
		}
	}
}

// sym builds a symmetric 4×4 matrix over A, B, C, D with a zero diagonal
// from the six pair values.
func sym(ab, ac, ad, bc, bd, cd float64) [][]float64 {
	return [][]float64{
		{0, ab, ac, ad},
		{ab, 0, bc, bd},
		{ac, bc, 0, cd},
		{ad, bd, cd, 0},
	}
}

func TestAgreementNetworkTwoModeBinary(t *testing.T) {
	c := binaryCorpus(t)
	rows := []string{"A", "B", "C", "D"}
	cols := []string{"t1", "t2", "t3"}
	// Theme totals (prominence denominators): t1 2+1+1+1 = 5,
	// t2 1+1+2+0 = 4, t3 0+1+1+1 = 3. Actor totals (activity): 3, 3, 4, 2.
	cases := []struct {
		name string
		qual Qualifier
		norm Normalization
		want [][]float64
	}{
		// Statements per cell.
		{"ignore counts statements", "ignore", "none", [][]float64{
			{2, 1, 0},
			{1, 1, 1},
			{1, 2, 1},
			{1, 0, 1}}},
		// Agree − disagree per cell.
		{"subtract is agree minus disagree", "subtract", "none", [][]float64{
			{2, -1, 0},
			{1, 1, -1},
			{-1, 0, 1},
			{-1, 0, 1}}},
		// 1 only agree, 2 only disagree, 3 both, 0 none.
		{"combine codes the stances used", "combine", "none", [][]float64{
			{1, 2, 0},
			{1, 1, 2},
			{2, 3, 1},
			{2, 0, 1}}},
		{"ignore activity divides by the actor's statements", "ignore", "activity", [][]float64{
			{2.0 / 3, 1.0 / 3, 0},
			{1.0 / 3, 1.0 / 3, 1.0 / 3},
			{1.0 / 4, 2.0 / 4, 1.0 / 4},
			{1.0 / 2, 0, 1.0 / 2}}},
		{"ignore prominence divides by the theme's statements", "ignore", "prominence", [][]float64{
			{2.0 / 5, 1.0 / 4, 0},
			{1.0 / 5, 1.0 / 4, 1.0 / 3},
			{1.0 / 5, 2.0 / 4, 1.0 / 3},
			{1.0 / 5, 0, 1.0 / 3}}},
		{"subtract activity divides by the actor's statements", "subtract", "activity", [][]float64{
			{2.0 / 3, -1.0 / 3, 0},
			{1.0 / 3, 1.0 / 3, -1.0 / 3},
			{-1.0 / 4, 0, 1.0 / 4},
			{-1.0 / 2, 0, 1.0 / 2}}},
		{"subtract prominence divides by the theme's statements", "subtract", "prominence", [][]float64{
			{2.0 / 5, -1.0 / 4, 0},
			{1.0 / 5, 1.0 / 4, -1.0 / 3},
			{-1.0 / 5, 0, 1.0 / 3},
			{-1.0 / 5, 0, 1.0 / 3}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			n, err := AgreementNetwork(c, NetworkOptions{Mode: "two-mode", Qualifier: tc.qual, Normalization: tc.norm, Scale: 2})
			if err != nil {
				t.Fatal(err)
			}
			checkNetwork(t, n, rows, cols, tc.want)
			if !slices.Equal(n.RowFreq, []float64{3, 3, 4, 2}) || !slices.Equal(n.ColFreq, []float64{5, 4, 3}) {
				t.Errorf("frequencies %v %v", n.RowFreq, n.ColFreq)
			}
			if n.Statements != 12 || n.Excluded != 0 || n.Duplicates != 0 {
				t.Errorf("counts %d %d %d", n.Statements, n.Excluded, n.Duplicates)
			}
		})
	}
	for _, norm := range []Normalization{"activity", "prominence"} {
		t.Run("combine refuses "+string(norm), func(t *testing.T) {
			_, err := AgreementNetwork(c, NetworkOptions{Mode: "two-mode", Qualifier: "combine", Normalization: norm, Scale: 2})
			if !errors.Is(err, ErrOption) || !strings.Contains(err.Error(), "cannot be normalised") {
				t.Fatalf("err = %v", err)
			}
		})
	}
}

func TestAgreementNetworkOneModeBinary(t *testing.T) {
	c := binaryCorpus(t)
	rows := []string{"A", "B", "C", "D"}
	// Raw ties, pair by pair, summing over themes (t1, t2, t3) the
	// products of the two actors' counts.
	//
	// ignore, Σⱼ nₐⱼ·n_bⱼ:
	//   AB 2·1 + 1·1 + 0·1 = 3    AC 2·1 + 1·2 + 0·1 = 4    AD 2·1 + 0 + 0 = 2
	//   BC 1·1 + 1·2 + 1·1 = 4    BD 1·1 + 0 + 1·1 = 2      CD 1·1 + 0 + 1·1 = 2
	// congruence (binary: same stance), Σⱼ (dis·dis + agr·agr):
	//   AB t1 2·1 = 2             → 2
	//   AC t2 A dis 1 · C dis 1   → 1
	//   AD none                   → 0
	//   BC t2 B agr 1 · C agr 1   → 1
	//   BD none (t1 +/−, t3 −/+)  → 0
	//   CD t1 dis·dis 1, t3 agr·agr 1 → 2
	// conflict (opposite stances) = ignore − congruence on the binary scale:
	//   AB 1 (t2)  AC 3 (t1 2·1, t2 A dis · C agr 1)  AD 2  BC 3  BD 2  CD 0
	// subtract = congruence − conflict: AB 1, AC −2, AD −2, BC −2, BD −2, CD 2.
	raw := map[string][6]float64{
		"ignore":     {3, 4, 2, 4, 2, 2},
		"congruence": {2, 1, 0, 1, 0, 2},
		"conflict":   {1, 3, 2, 3, 2, 0},
		"subtract":   {1, -2, -2, -2, -2, 2},
	}
	// Denominators per pair (AB, AC, AD, BC, BD, CD), from n = A 3, B 3,
	// C 4, D 2:
	//   average (nₐ + n_b)/2: 3, 3.5, 2.5, 3.5, 2.5, 3
	//   cosine nₐ·n_b (as DNA computes it): 9, 12, 6, 12, 6, 8
	//   jaccard m10 + m01 + m11 over (theme, stance) cells; the cells are
	//     A: t1+ 2, t2− 1;  B: t1+ 1, t2+ 1, t3− 1;
	//     C: t1− 1, t2− 1, t2+ 1, t3+ 1;  D: t1− 1, t3+ 1
	//     AB m11 t1+ 2·1 = 2, m10 t2− 1, m01 t2+ 1 + t3− 1 = 2 → 5
	//     AC m11 t2− 1·1 = 1, m10 t1+ 2, m01 t1− + t2+ + t3+ = 3 → 6
	//     AD m11 0, m10 3, m01 2 → 5
	//     BC m11 t2+ 1, m10 t1+ + t3− = 2, m01 t1− + t2− + t3+ = 3 → 6
	//     BD m11 0, m10 3, m01 2 → 5
	//     CD m11 t1− 1 + t3+ 1 = 2, m10 t2− + t2+ = 2, m01 0 → 4
	den := map[string][6]float64{
		"none":    {1, 1, 1, 1, 1, 1},
		"average": {3, 3.5, 2.5, 3.5, 2.5, 3},
		"cosine":  {9, 12, 6, 12, 6, 8},
		"jaccard": {5, 6, 5, 6, 5, 4},
	}
	for _, q := range []string{"ignore", "congruence", "conflict", "subtract"} {
		for _, norm := range []string{"none", "average", "jaccard", "cosine"} {
			t.Run(q+"/"+norm, func(t *testing.T) {
				n, err := AgreementNetwork(c, NetworkOptions{Mode: "one-mode", Qualifier: Qualifier(q), Normalization: Normalization(norm), Scale: 2})
				if err != nil {
					t.Fatal(err)
				}
				r, d := raw[q], den[norm]
				checkNetwork(t, n, rows, rows, sym(r[0]/d[0], r[1]/d[1], r[2]/d[2], r[3]/d[3], r[4]/d[4], r[5]/d[5]))
			})
		}
	}
	// A few of the cells above written out, so that a reader can check
	// one number without the tables: congruence/jaccard AB = 2/5,
	// conflict/average AC = 3/3.5, subtract/cosine CD = 2/8.
	spot := []struct {
		q    Qualifier
		norm Normalization
		a, b string
		want float64
	}{
		{"congruence", "jaccard", "A", "B", 0.4},
		{"conflict", "average", "A", "C", 6.0 / 7},
		{"subtract", "cosine", "C", "D", 0.25},
		{"ignore", "none", "B", "C", 4},
	}
	for _, s := range spot {
		n, err := AgreementNetwork(c, NetworkOptions{Qualifier: s.q, Normalization: s.norm, Scale: 2})
		if err != nil {
			t.Fatal(err)
		}
		if n.Mode != NetworkOneMode {
			t.Errorf("default mode %q", n.Mode)
		}
		for _, pair := range [][2]string{{s.a, s.b}, {s.b, s.a}} {
			if w, ok := n.Tie(pair[0], pair[1]); !ok || math.Abs(w-s.want) > netTol {
				t.Errorf("%s/%s %s–%s = %v, want %v", s.q, s.norm, pair[0], pair[1], w, s.want)
			}
		}
	}
}

// ordinalCorpus is a 5-level example: 3 actors, 2 themes.
//
//	A: t1 +2, t2 −1      (n 2)
//	B: t1 +1, t2 +1      (n 2)
//	C: t1 −2, t1 0, t2 −1 (n 3)
func ordinalCorpus(t *testing.T) *data.Corpus {
	return netCorpus(t,
		"A t1 +2 2014",
		"A t2 -1 2014",
		"B t1 +1 2014",
		"B t2 +1 2014",
		"C t1 -2 2014",
		"C t1 0 2014",
		"C t2 -1 2014",
	)
}

func TestAgreementNetworkOrdinalScale(t *testing.T) {
	c := ordinalCorpus(t)
	rows := []string{"A", "B", "C"}
	// On 5 levels sim(s, t) = 1 − |s − t|/4:
	//   sim(+2,+1) = .75  sim(+2,−2) = 0  sim(+2,0) = .5  sim(+1,−2) = .25
	//   sim(+1,0) = .75   sim(−1,+1) = .5 sim(−1,−1) = 1
	// congruence:
	//   AB t1 .75 + t2 sim(−1,+1) .5            = 1.25
	//   AC t1 sim(+2,−2) 0 + sim(+2,0) .5 + t2 1 = 1.5
	//   BC t1 .25 + .75 + t2 sim(+1,−1) .5       = 1.5
	// pairs of statements on a common theme: AB 1 + 1 = 2, AC 2 + 1 = 3,
	// BC 2 + 1 = 3, so conflict = pairs − congruence: AB .75, AC 1.5,
	// BC 1.5, and subtract: AB .5, AC 0, BC 0.
	cases := []struct {
		q          Qualifier
		norm       Normalization
		ab, ac, bc float64
	}{
		{"congruence", "none", 1.25, 1.5, 1.5},
		{"conflict", "none", 0.75, 1.5, 1.5},
		{"subtract", "none", 0.5, 0, 0},
		{"ignore", "none", 2, 3, 3},
		// average: (2+2)/2 = 2, (2+3)/2 = 2.5, 2.5
		{"congruence", "average", 1.25 / 2, 1.5 / 2.5, 1.5 / 2.5},
	}
	for _, tc := range cases {
		n, err := AgreementNetwork(c, NetworkOptions{Qualifier: tc.q, Normalization: tc.norm})
		if err != nil {
			t.Fatal(err)
		}
		if n.Options.Scale != 5 {
			t.Errorf("scale %d, want 5 from the default codebook scale", n.Options.Scale)
		}
		checkNetwork(t, n, rows, rows, [][]float64{{0, tc.ab, tc.ac}, {tc.ab, 0, tc.bc}, {tc.ac, tc.bc, 0}})
	}

	// Two-mode subtract sums the stances: A t1 2, t2 −1; B 1, 1; C t1
	// −2 + 0 = −2, t2 −1. Combine on 5 levels: +2 → 1, +1 → 2, 0 → 4,
	// −1 → 8, −2 → 16: A 1, 8; B 2, 2; C 16 + 4 = 20, 8.
	sub, err := AgreementNetwork(c, NetworkOptions{Mode: "twomode", Qualifier: "subtract"})
	if err != nil {
		t.Fatal(err)
	}
	checkNetwork(t, sub, rows, []string{"t1", "t2"}, [][]float64{{2, -1}, {1, 1}, {-2, -1}})
	comb, err := AgreementNetwork(c, NetworkOptions{Mode: "twomode", Qualifier: "combine"})
	if err != nil {
		t.Fatal(err)
	}
	checkNetwork(t, comb, rows, []string{"t1", "t2"}, [][]float64{{1, 8}, {2, 2}, {20, 8}})
	if got := CombineStances(20, 5); !slices.Equal(got, []int{-2, 0}) {
		t.Errorf("CombineStances(20, 5) = %v", got)
	}
	if got := CombineStances(3, 2); !slices.Equal(got, []int{-1, 1}) {
		t.Errorf("CombineStances(3, 2) = %v", got)
	}

	// The binary scale has no +2, −2 or 0.
	_, err = AgreementNetwork(c, NetworkOptions{Qualifier: "congruence", Scale: 2})
	if !errors.Is(err, ErrOption) || !strings.Contains(err.Error(), "3 statement(s)") || !strings.Contains(err.Error(), "the first sa with stance +2") {
		t.Errorf("off-scale stances: err = %v", err)
	}
}

func TestStanceSimilarity(t *testing.T) {
	cases := []struct {
		s, t, k int
		want    float64
	}{
		{1, 1, 2, 1}, {1, -1, 2, 0}, // binary: same or opposite
		{1, 0, 3, 0.5}, {-1, 1, 3, 0},
		{2, -2, 5, 0}, {2, 1, 5, 0.75}, {0, -1, 5, 0.75}, {-2, 1, 5, 0.25},
	}
	for _, c := range cases {
		if got := StanceSimilarity(c.s, c.t, c.k); got != c.want {
			t.Errorf("StanceSimilarity(%d, %d, %d) = %v, want %v", c.s, c.t, c.k, got, c.want)
		}
	}
	if !math.IsNaN(StanceSimilarity(0, 0, 4)) {
		t.Error("a 4-level scale should give NaN")
	}
}

// dupCorpus repeats statements in the same source, week, month and year.
// Numbers in brackets name statements in the comments of
// TestAgreementNetworkDuplicates.
func dupCorpus(t *testing.T) *data.Corpus {
	return netCorpus(t,
		"A t1 + 2013-01-07 doc1", // [1] Monday of ISO week 2013-W02
		"A t1 + 2013-01-09 doc1", // [2] same source, week, month, year as [1]
		"A t2 - 2013-02-01 doc2", // [3] 2013-W05
		"A t1 + 2014-01-07 doc5", // [4] 2014-W02: same week number and month as [1], another year
		"A t1 + 2013-05-06 doc6", // [5] same year as [1] only
		"A t2 - 2013-02-20 doc7", // [6] same month (2013-02) as [3], week W08
		"B t1 + 2013-03-15 doc1", // [7] same source and year as [8]
		"B t1 + 2013-01-08 doc1", // [8]
		"A t3 + 2013-01 doc8",    // [9] month precision: no week
		"A t3 + 2013-01-15 doc9", // [10] in the month of [9]
	)
}

func TestAgreementNetworkDuplicates(t *testing.T) {
	c := dupCorpus(t)
	// Two-mode counts (ignore, none), cells A–t1, A–t2, A–t3, B–t1:
	//   include      all:                                 4 2 2 2
	//   document     [2] (doc1 as [1]), [7] (doc1 as [8]) 3 2 2 1
	//   week         [2] (2013-W02 as [1]); [4] is 2014-W02; [9] has no
	//                week, so it stays apart from [10]      3 2 2 2
	//   month        [2] (2013-01), [6] (2013-02 as [3]), [10] (2013-01
	//                as [9]); [4] is 2014-01, [7] is March 3 1 1 2
	//   year         [2], [5] (2013 as [1]), [6], [7], [10]  2 1 1 1
	//   acrossrange  one each                               1 1 1 1
	cases := []struct {
		dup     DuplicateRule
		want    [4]float64
		dropped int
	}{
		{"include", [4]float64{4, 2, 2, 2}, 0},
		{"document", [4]float64{3, 2, 2, 1}, 2},
		{"week", [4]float64{3, 2, 2, 2}, 1},
		{"month", [4]float64{3, 1, 1, 2}, 3},
		{"year", [4]float64{2, 1, 1, 1}, 5},
		{"acrossrange", [4]float64{1, 1, 1, 1}, 6},
	}
	for _, tc := range cases {
		t.Run(string(tc.dup), func(t *testing.T) {
			n, err := AgreementNetwork(c, NetworkOptions{Mode: "two-mode", Duplicates: tc.dup})
			if err != nil {
				t.Fatal(err)
			}
			checkNetwork(t, n, []string{"A", "B"}, []string{"t1", "t2", "t3"}, [][]float64{
				{tc.want[0], tc.want[1], tc.want[2]},
				{tc.want[3], 0, 0}})
			if n.Duplicates != tc.dropped || n.Statements != 10-tc.dropped {
				t.Errorf("dropped %d kept %d, want %d %d", n.Duplicates, n.Statements, tc.dropped, 10-tc.dropped)
			}
		})
	}
}

func TestAgreementNetworkDuplicatesCompareStance(t *testing.T) {
	// The same actor agrees and disagrees on t1 in one source. Under
	// ignore the stance is not compared (as in DNA), so the second
	// statement is a duplicate; under combine it is not.
	c := netCorpus(t,
		"A t1 + 2013-01-01 doc1",
		"A t1 - 2013-01-02 doc1",
		"A t1 + 2013-01-03 doc1",
	)
	n, err := AgreementNetwork(c, NetworkOptions{Mode: "two-mode", Qualifier: "ignore", Duplicates: "document"})
	if err != nil {
		t.Fatal(err)
	}
	checkNetwork(t, n, []string{"A"}, []string{"t1"}, [][]float64{{1}})
	n, err = AgreementNetwork(c, NetworkOptions{Mode: "two-mode", Qualifier: "combine", Duplicates: "document", Scale: 2})
	if err != nil {
		t.Fatal(err)
	}
	// Both stances kept (code 3), the third statement dropped.
	checkNetwork(t, n, []string{"A"}, []string{"t1"}, [][]float64{{3}})
	if n.Duplicates != 1 {
		t.Errorf("dropped %d, want 1", n.Duplicates)
	}
}

func TestAgreementNetworkTimeFilter(t *testing.T) {
	c := dupCorpus(t)
	cases := []struct {
		name     string
		from, to string
		// A–t1, A–t2, A–t3, B–t1 counts and the themes present.
		want     []float64
		cols     []string
		excluded int
	}{
		// 2013-02-01 … 2013-12-31 keeps [3], [5], [6], [7]; [9] (all of
		// January) and every January or 2014 statement are outside.
		{"month bounds", "2013-02", "2013-12", []float64{1, 2, 1}, []string{"t1", "t2"}, 6},
		// The year 2013 keeps all but [4].
		{"year bounds", "2013", "2013", []float64{3, 2, 2, 2}, []string{"t1", "t2", "t3"}, 1},
		// From 2013-01-08: [1] is a day early, and [9] (2013-01, from
		// 1 January) straddles the bound, so it is out too.
		{"straddling date is out", "2013-01-08", "", []float64{3, 2, 1, 2}, []string{"t1", "t2", "t3"}, 2},
		// Up to 2013-01-31: [1], [2], [8], [9], [10].
		{"only an upper bound", "", "2013-01-31", []float64{2, 0, 2, 1}, []string{"t1", "t3"}, 5},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opt := NetworkOptions{Mode: "two-mode"}
			if tc.from != "" {
				opt.From = netDate(t, tc.from)
			}
			if tc.to != "" {
				opt.To = netDate(t, tc.to)
			}
			n, err := AgreementNetwork(c, opt)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(n.Cols, tc.cols) {
				t.Fatalf("cols %v, want %v", n.Cols, tc.cols)
			}
			get := func(a, th string) float64 {
				w, _ := n.Tie(a, th)
				return w
			}
			var got []float64
			switch len(tc.want) {
			case 3:
				got = []float64{get("A", "t1"), get("A", "t2"), get("B", "t1")}
			default:
				got = []float64{get("A", "t1"), get("A", "t2"), get("A", "t3"), get("B", "t1")}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("counts %v, want %v", got, tc.want)
			}
			if n.Excluded != tc.excluded || n.Statements+n.Excluded != 10 {
				t.Errorf("excluded %d, kept %d; want %d excluded", n.Excluded, n.Statements, tc.excluded)
			}
		})
	}
	// Filter first, then duplicates: from 2013-01-08 under acrossrange
	// A–t1 keeps one of [2], [4], [5].
	n, err := AgreementNetwork(c, NetworkOptions{Mode: "two-mode", Duplicates: "acrossrange", From: netDate(t, "2013-01-08")})
	if err != nil {
		t.Fatal(err)
	}
	if w, _ := n.Tie("A", "t1"); w != 1 || n.Excluded != 2 || n.Duplicates != 4 {
		t.Errorf("A–t1 %v, excluded %d, duplicates %d; want 1, 2, 4", w, n.Excluded, n.Duplicates)
	}
}

func TestAgreementNetworkWeights(t *testing.T) {
	// A weight of 2 counts as two statements, as a frequency weight does
	// everywhere in the package: the same network as two copies.
	c := netCorpus(t, "A t1 + 2013", "B t1 + 2013", "B t1 - 2013")
	c.Statements[0].Weight = 2
	n, err := AgreementNetwork(c, NetworkOptions{Qualifier: "congruence", Scale: 2})
	if err != nil {
		t.Fatal(err)
	}
	// A (0,2) B (1,1) on t1: congruence 2·1 = 2.
	if w, _ := n.Tie("A", "B"); w != 2 {
		t.Errorf("weighted congruence %v, want 2", w)
	}
	c.Statements[0].Weight = math.NaN()
	if _, err := AgreementNetwork(c, NetworkOptions{}); err == nil || !strings.Contains(err.Error(), "weight") {
		t.Errorf("NaN weight: err = %v", err)
	}
}

func TestAgreementNetworkOptionErrors(t *testing.T) {
	c := binaryCorpus(t)
	cases := []struct {
		opt  NetworkOptions
		want string
	}{
		{NetworkOptions{Mode: "three-mode"}, "mode"},
		{NetworkOptions{Mode: "two-mode", Qualifier: "congruence"}, "one-mode network"},
		{NetworkOptions{Mode: "one-mode", Qualifier: "combine"}, "two-mode network"},
		{NetworkOptions{Mode: "one-mode", Normalization: "activity"}, "two-mode networks"},
		{NetworkOptions{Mode: "two-mode", Normalization: "jaccard"}, "one-mode networks"},
		{NetworkOptions{Qualifier: "agree"}, "expected ignore, congruence"},
		{NetworkOptions{Duplicates: "day"}, "duplicates"},
		{NetworkOptions{Scale: 4}, "scale"},
		{NetworkOptions{From: data.Date{Year: 2014, Precision: data.PrecisionYear}, To: data.Date{Year: 2013, Precision: data.PrecisionYear}}, "ends before"},
	}
	for _, tc := range cases {
		_, err := AgreementNetwork(c, tc.opt)
		if !errors.Is(err, ErrOption) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: err = %v, want one containing %q", tc.opt, err, tc.want)
		}
	}
}

func TestAgreementNetworkEmptyAndSingle(t *testing.T) {
	n, err := AgreementNetwork(&data.Corpus{}, NetworkOptions{})
	if err != nil || len(n.Rows) != 0 || len(n.W) != 0 {
		t.Fatalf("empty corpus: %+v, %v", n, err)
	}
	c := netCorpus(t, "A t1 + 2013")
	n, err = AgreementNetwork(c, NetworkOptions{Normalization: "jaccard"})
	if err != nil || len(n.W) != 1 || n.W[0][0] != 0 {
		t.Fatalf("single actor: %+v, %v", n, err)
	}
	// Everything outside the time filter: an empty network, not an error.
	n, err = AgreementNetwork(c, NetworkOptions{From: netDate(t, "2020")})
	if err != nil || len(n.Rows) != 0 || n.Excluded != 1 {
		t.Fatalf("all filtered: %+v, %v", n, err)
	}
}

func TestAgreementNetworkScaleFromCodebook(t *testing.T) {
	// A codebook with only −1 and +1 (as built from a DNA export) makes
	// the binary scale the default: opposite stances are then wholly in
	// conflict (on 5 levels, ±1 would be only half apart).
	c := netCorpus(t, "A t1 + 2013", "B t1 - 2013")
	c.Codebook.Scale = []data.ScaleLevel{{Value: -1, Label: "disagrees"}, {Value: 1, Label: "agrees"}}
	n, err := AgreementNetwork(c, NetworkOptions{Qualifier: "conflict"})
	if err != nil {
		t.Fatal(err)
	}
	if w, _ := n.Tie("A", "B"); n.Options.Scale != 2 || w != 1 {
		t.Errorf("scale %d, conflict %v; want 2 and 1", n.Options.Scale, w)
	}
}

func TestNetworkEdges(t *testing.T) {
	n, err := AgreementNetwork(binaryCorpus(t), NetworkOptions{Qualifier: "subtract", Scale: 2})
	if err != nil {
		t.Fatal(err)
	}
	// subtract: AB 1, AC −2, AD −2, BC −2, BD −2, CD 2; by |w|, then names.
	want := []Edge{{"A", "C", -2}, {"A", "D", -2}, {"B", "C", -2}, {"B", "D", -2}, {"C", "D", 2}, {"A", "B", 1}}
	if got := n.Edges(); !slices.Equal(got, want) {
		t.Errorf("edges %v, want %v", got, want)
	}
}

func BenchmarkAgreementNetwork_1M_200actors_12themes(b *testing.B) {
	c := netBenchCorpus(1_000_000, 200, 12)
	for _, dup := range []DuplicateRule{"include", "month"} {
		b.Run(string(dup), func(b *testing.B) {
			for b.Loop() {
				if _, err := AgreementNetwork(c, NetworkOptions{Qualifier: "subtract", Normalization: "jaccard", Duplicates: dup}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkAgreementNetwork_100k_2000actors_12themes(b *testing.B) {
	c := netBenchCorpus(100_000, 2000, 12)
	b.ResetTimer()
	for b.Loop() {
		if _, err := AgreementNetwork(c, NetworkOptions{Qualifier: "congruence", Normalization: "jaccard"}); err != nil {
			b.Fatal(err)
		}
	}
}

// netBenchCorpus spreads n statements over actors, themes, stances and
// 30 years of months deterministically.
func netBenchCorpus(n, actors, themes int) *data.Corpus {
	cb := &data.Codebook{Scale: data.DefaultScale()}
	for j := 0; j < themes; j++ {
		id := "theme" + string(rune('a'+j))
		cb.Themes = append(cb.Themes, data.Theme{ID: id, Label: id, Positive: "+", Negative: "-"})
	}
	ids := make([]string, actors)
	for i := range ids {
		ids[i] = "actor" + strings.Repeat("x", i%7) + string(rune('A'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676))
	}
	c := &data.Corpus{Codebook: cb, Statements: make([]data.Statement, n)}
	x := uint64(1)
	for i := range c.Statements {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		c.Statements[i] = data.Statement{
			Actor:  ids[x%uint64(actors)],
			Theme:  cb.Themes[(x>>16)%uint64(themes)].ID,
			Stance: int((x>>24)%5) - 2,
			Date:   data.Date{Year: int32(1995 + (x>>32)%30), Month: int8(1 + (x>>40)%12), Precision: data.PrecisionMonth},
			Weight: 1,
		}
	}
	return c
}

func TestAgreementNetworkFromDNAExport(t *testing.T) {
	// The DNA fixture of the data package, read as a DNA user would:
	// organizations as actors, a codebook built from the concepts (so the
	// binary scale), unknown organizations added.
	res, cb, err := data.ReadDNAExport([]string{"../data/testdata/dna/export.csv"}, data.DNAOptions{
		ReadOptions: data.ReadOptions{AddUnknownActors: true}, BuildCodebook: true})
	if err != nil || res.InvalidRows != 0 {
		t.Fatalf("reading the export: %v, %v", err, res.Problems)
	}
	c := &data.Corpus{Statements: res.Statements, Codebook: cb}
	// Agreement per concept (S sovereignty, O information flows, M
	// multistakeholder): CHN S+ O− M−; GBR S− O+ M+; ISOC M+ O+.
	// Congruence (same stance): CHN–GBR 0, CHN–ISOC 0, GBR–ISOC 2 (O, M).
	// Conflict: CHN–GBR 3, CHN–ISOC 2, GBR–ISOC 0. Subtract: −3, −2, 2.
	rows := []string{"CHN", "GBR", "Internet Society"}
	for _, tc := range []struct {
		q          Qualifier
		cg, ci, gi float64
	}{
		{"congruence", 0, 0, 2},
		{"conflict", 3, 2, 0},
		{"subtract", -3, -2, 2},
	} {
		n, err := AgreementNetwork(c, NetworkOptions{Qualifier: tc.q})
		if err != nil {
			t.Fatal(err)
		}
		if n.Options.Scale != 2 {
			t.Errorf("scale %d, want 2 from the built codebook", n.Options.Scale)
		}
		checkNetwork(t, n, rows, rows, [][]float64{{0, tc.cg, tc.ci}, {tc.cg, 0, tc.gi}, {tc.ci, tc.gi, 0}})
	}
	n, err := AgreementNetwork(c, NetworkOptions{Qualifier: "subtract"})
	if err != nil {
		t.Fatal(err)
	}
	blocs, err := LouvainBlocs(n, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	// Only GBR–ISOC is positive: they form bloc 1, CHN stands alone. All
	// positive weight lies in one bloc, so Q = 2/2 − (4/4)² = 0.
	if !slices.Equal(blocs.Labels, []int{2, 1, 1}) || math.Abs(blocs.Modularity) > 1e-12 {
		t.Errorf("blocs %v, Q %v", blocs.Labels, blocs.Modularity)
	}
	// With duplicates per document, CHN's two statements in document 1
	// are on different concepts: nothing is dropped.
	n, err = AgreementNetwork(c, NetworkOptions{Mode: "two-mode", Duplicates: "document"})
	if err != nil || n.Duplicates != 0 || n.Statements != 8 {
		t.Errorf("document duplicates: %d dropped, %d kept, %v", n.Duplicates, n.Statements, err)
	}
}
