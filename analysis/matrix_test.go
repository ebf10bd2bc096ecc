package analysis

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat"

	"github.com/stancemap/stancemap/data"
)

// handCorpus is the small corpus whose numbers the tests below work out
// by hand. Themes: sovereignty, multistakeholder, openness from the
// codebook; cyber_norms only in a statement (appended after them).
func handCorpus(t testing.TB) *data.Corpus {
	t.Helper()
	reg := data.NewRegistry()
	for _, a := range []data.Actor{
		{ID: "USA", Kind: data.KindState, Country: "USA", Region: "Americas", Groups: []string{"G7"}},
		{ID: "CHN", Kind: data.KindState, Country: "CHN", Region: "Asia", Groups: []string{"BRICS", "SCO"}},
		{ID: "FRA", Kind: data.KindState, Country: "FRA", Region: "Europe", Groups: []string{"G7", "EU"}},
		{ID: "ITU", Kind: data.KindIGO},
		{ID: "SILENT", Kind: data.KindCompany}, // registered, never speaks: no row
	} {
		if err := reg.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	cb := &data.Codebook{Name: "test", Themes: []data.Theme{
		{ID: "sovereignty"}, {ID: "multistakeholder"}, {ID: "openness"},
	}}
	type row struct {
		id, actor, theme string
		stance           int
		date             string
		weight, conf     float64
	}
	rows := []row{
		{"s1", "USA", "multistakeholder", 2, "2013-05-10", 1, 0},
		{"s2", "USA", "multistakeholder", 1, "2013-11", 1, 0},
		{"s3", "USA", "openness", 2, "2014-02-03", 1, 0},
		{"s4", "USA", "sovereignty", -1, "2014", 1, 0},
		{"s5", "CHN", "sovereignty", 2, "2013-06-01", 1, 0},
		{"s6", "CHN", "sovereignty", 2, "2014-03-03", 1, 0},
		{"s7", "CHN", "sovereignty", 1, "2014-09", 1, 0},
		{"s8", "CHN", "multistakeholder", -2, "2013-06-01", 2, 0},
		{"s9", "CHN", "multistakeholder", -1, "2014-04-04", 0.5, 0},
		{"s10", "FRA", "multistakeholder", 1, "2013-05-10", 1, 0},
		{"s11", "FRA", "openness", 1, "2013-12-12", 1.5, 0.5},
		{"s12", "FRA", "openness", -1, "2014-01-15", 0.5, 0.9},
		{"s13", "ITU", "sovereignty", 0, "2013-05-10", 1, 0},
		{"s14", "ITU", "cyber_norms", 1, "2014-06-30", 1, 0},
	}
	c := &data.Corpus{Actors: reg, Codebook: cb}
	for i, r := range rows {
		d, err := data.ParseDate(r.date)
		if err != nil {
			t.Fatal(err)
		}
		c.Statements = append(c.Statements, data.Statement{ID: r.id, Actor: r.actor, Theme: r.theme,
			Stance: r.stance, Date: d, Weight: r.weight, Confidence: r.conf,
			Pos: data.Pos{File: "hand.csv", Row: i + 2}})
	}
	return c
}

// want is a cell's expected numbers; NaN means NaN is expected.
type want struct {
	n                     int
	weight, mean, sd, sal float64
	example               string
}

var nan = math.NaN()

func sameFloat(got, want, tol float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

func checkCell(t *testing.T, m *Matrix, row, theme string, w want) {
	t.Helper()
	c, ok := m.Cell(row, theme)
	if !ok {
		t.Errorf("%s: no cell %s × %s", m.Period.Label, row, theme)
		return
	}
	if c.N != w.n || !sameFloat(c.Weight, w.weight, 1e-12) || !sameFloat(c.Mean, w.mean, 1e-12) ||
		!sameFloat(c.SD, w.sd, 1e-12) || !sameFloat(c.Salience, w.sal, 1e-12) || c.Example != w.example {
		t.Errorf("%s: %s × %s = N %d, weight %v, mean %v, SD %v, salience %v, example %q; want %d, %v, %v, %v, %v, %q",
			m.Period.Label, row, theme, c.N, c.Weight, c.Mean, c.SD, c.Salience, c.Example,
			w.n, w.weight, w.mean, w.sd, w.sal, w.example)
	}
	if c.Empty() != (w.n == 0) {
		t.Errorf("%s: %s × %s: Empty() = %v with N = %d", m.Period.Label, row, theme, c.Empty(), c.N)
	}
	if c.N == 0 && !(math.IsNaN(c.CILow) && math.IsNaN(c.CIHigh)) {
		t.Errorf("%s: %s × %s: empty cell has interval [%v, %v]", m.Period.Label, row, theme, c.CILow, c.CIHigh)
	}
}

func TestStanceMatricesHandComputed(t *testing.T) {
	c := handCorpus(t)
	set, err := StanceMatrices(c, MatrixOptions{Bootstrap: 500})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(set.Rows, ","); got != "CHN,FRA,ITU,USA" {
		t.Errorf("rows = %s, want the speaking actors sorted: CHN,FRA,ITU,USA", got)
	}
	if got := strings.Join(set.Themes, ","); got != "sovereignty,multistakeholder,openness,cyber_norms" {
		t.Errorf("themes = %s, want codebook order then extra themes", got)
	}
	if len(set.Matrices) != 1 || len(set.Unplaced) != 0 {
		t.Fatalf("%d matrices, %d unplaced; want 1 and 0 for period all", len(set.Matrices), len(set.Unplaced))
	}
	m := &set.Matrices[0]
	if m.Period.Label != "all" || m.Period.From.String() != "2013-05-10" || m.Period.To.String() != "2014" {
		t.Errorf("period = %+v, want all from 2013-05-10 to 2014 (the latest date ends 2014-12-31)", m.Period)
	}
	cases := []struct {
		name, row, theme string
		want
	}{
		// x = {2, 1}: mean 1.5; Σ(x−m)² = 0.25 + 0.25 = 0.5, /(2−1) → SD √0.5.
		// USA's weight: 2 + 1 + 1 = 4, so salience 2/4. s1 has |stance| 2.
		{"unit weights", "USA", "multistakeholder", want{2, 2, 1.5, math.Sqrt(0.5), 0.5, "s1"}},
		// One statement: Σw = 1, no SD.
		{"single statement", "USA", "openness", want{1, 1, 2, nan, 0.25, "s3"}},
		{"year-precision date in period all", "USA", "sovereignty", want{1, 1, -1, nan, 0.25, "s4"}},
		// The row spoke in the period, not on this theme: salience 0, stance NaN.
		{"empty cell of an active row", "USA", "cyber_norms", want{0, 0, nan, nan, 0, ""}},
		// x = {2, 2, 1}: mean 5/3; deviations 1/3, 1/3, −2/3, squares sum 6/9,
		// /(3−1) = 1/3 → SD √(1/3). CHN's weight 3 + 2.5 = 5.5. s5 and s6 tie
		// on |2|: the smaller id wins.
		{"tie on score broken by id", "CHN", "sovereignty", want{3, 3, 5.0 / 3, math.Sqrt(1.0 / 3), 3 / 5.5, "s5"}},
		// x = −2 (w 2), −1 (w 0.5): Σw = 2.5, Σwx = −4.5, mean −1.8;
		// Σw(x−m)² = 2·0.04 + 0.5·0.64 = 0.4, /(2.5−1) → SD √(0.4/1.5).
		{"weighted", "CHN", "multistakeholder", want{2, 2.5, -1.8, math.Sqrt(0.4 / 1.5), 2.5 / 5.5, "s8"}},
		{"empty cell", "CHN", "openness", want{0, 0, nan, nan, 0, ""}},
		// x = 1 (w 1.5), −1 (w 0.5): Σw = 2, mean (1.5 − 0.5)/2 = 0.5;
		// Σw(x−m)² = 1.5·0.25 + 0.5·2.25 = 1.5, /(2−1) → SD √1.5. FRA's
		// weight 1 + 2 = 3. s12's confidence 0.9 beats s11's 0.5.
		{"weighted, confidence picks the example", "FRA", "openness", want{2, 2, 0.5, math.Sqrt(1.5), 2.0 / 3, "s12"}},
		{"FRA multistakeholder", "FRA", "multistakeholder", want{1, 1, 1, nan, 1.0 / 3, "s10"}},
		// A real neutral stance: N = 1 and mean 0, unlike an empty cell.
		{"neutral is not empty", "ITU", "sovereignty", want{1, 1, 0, nan, 0.5, "s13"}},
		{"theme outside the codebook", "ITU", "cyber_norms", want{1, 1, 1, nan, 0.5, "s14"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { checkCell(t, m, tc.row, tc.theme, tc.want) })
	}
	// Intervals: present from two statements on, NaN below.
	usaMS, _ := m.Cell("USA", "multistakeholder")
	if !(usaMS.CILow >= 1 && usaMS.CIHigh <= 2 && usaMS.CILow <= usaMS.CIHigh) {
		t.Errorf("USA × multistakeholder interval [%v, %v], want within [1, 2]", usaMS.CILow, usaMS.CIHigh)
	}
	usaOpen, _ := m.Cell("USA", "openness")
	if !math.IsNaN(usaOpen.CILow) || !math.IsNaN(usaOpen.CIHigh) {
		t.Errorf("single-statement interval [%v, %v], want NaN", usaOpen.CILow, usaOpen.CIHigh)
	}
}

func TestStanceMatricesGroupBy(t *testing.T) {
	c := handCorpus(t)
	tests := []struct {
		by     GroupBy
		rows   string
		checks []struct {
			row, theme string
			want
		}
	}{
		{ByGroup, "BRICS,EU,G7,SCO,(none)", []struct {
			row, theme string
			want
		}{
			// G7 pools USA {2, 1} and FRA {1}: mean 4/3; deviations 2/3,
			// −1/3, −1/3, squares 6/9, /2 → SD √(1/3). G7's weight: USA 4 +
			// FRA 3 = 7.
			{"G7", "multistakeholder", want{3, 3, 4.0 / 3, math.Sqrt(1.0 / 3), 3.0 / 7, "s1"}},
			// USA 2 (w 1), FRA 1 (w 1.5), −1 (w 0.5): Σw = 3, Σwx = 3, mean 1;
			// Σw(x−m)² = 1 + 0 + 0.5·4 = 3, /2 → SD √1.5.
			{"G7", "openness", want{3, 3, 1, math.Sqrt(1.5), 3.0 / 7, "s3"}},
			{"G7", "sovereignty", want{1, 1, -1, nan, 1.0 / 7, "s4"}},
			// CHN is in BRICS and SCO: both rows get its statements.
			{"BRICS", "sovereignty", want{3, 3, 5.0 / 3, math.Sqrt(1.0 / 3), 3 / 5.5, "s5"}},
			{"SCO", "sovereignty", want{3, 3, 5.0 / 3, math.Sqrt(1.0 / 3), 3 / 5.5, "s5"}},
			{"EU", "openness", want{2, 2, 0.5, math.Sqrt(1.5), 2.0 / 3, "s12"}},
			// ITU is in no group.
			{"(none)", "sovereignty", want{1, 1, 0, nan, 0.5, "s13"}},
		}},
		{ByKind, "igo,state", []struct {
			row, theme string
			want
		}{
			// USA −1, CHN 2, 2, 1: mean 1; deviations −2, 1, 1, 0, squares 6,
			// /3 → SD √2. States' weight 4 + 5.5 + 3 = 12.5.
			{"state", "sovereignty", want{4, 4, 1, math.Sqrt(2), 4 / 12.5, "s5"}},
			{"igo", "cyber_norms", want{1, 1, 1, nan, 0.5, "s14"}},
		}},
		{ByCountry, "CHN,FRA,USA,(none)", []struct {
			row, theme string
			want
		}{
			{"(none)", "sovereignty", want{1, 1, 0, nan, 0.5, "s13"}},
			{"USA", "multistakeholder", want{2, 2, 1.5, math.Sqrt(0.5), 0.5, "s1"}},
		}},
		{ByRegion, "Americas,Asia,Europe,(none)", nil},
	}
	for _, tc := range tests {
		t.Run(tc.by.String(), func(t *testing.T) {
			set, err := StanceMatrices(c, MatrixOptions{GroupBy: tc.by, Bootstrap: -1})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(set.Rows, ","); got != tc.rows {
				t.Errorf("rows = %s, want %s", got, tc.rows)
			}
			if set.GroupBy != tc.by {
				t.Errorf("GroupBy = %q, want %q", set.GroupBy, tc.by)
			}
			for _, ck := range tc.checks {
				checkCell(t, &set.Matrices[0], ck.row, ck.theme, ck.want)
			}
		})
	}
}

func TestStanceMatricesPeriods(t *testing.T) {
	c := handCorpus(t)
	type cellCheck struct {
		period, row, theme string
		want
	}
	tests := []struct {
		name     string
		spec     string
		labels   string
		unplaced []string // "id: reason"
		checks   []cellCheck
	}{
		{
			name:   "year",
			spec:   "year",
			labels: "2013,2014",
			checks: []cellCheck{
				// 2013: USA said s1 and s2, both on multistakeholder: salience 1.
				{"2013", "USA", "multistakeholder", want{2, 2, 1.5, math.Sqrt(0.5), 1, "s1"}},
				{"2013", "USA", "openness", want{0, 0, nan, nan, 0, ""}},
				// 2014: s3 (openness) and s4 (sovereignty, dated "2014": a year
				// fits a yearly period).
				{"2014", "USA", "multistakeholder", want{0, 0, nan, nan, 0, ""}},
				{"2014", "USA", "sovereignty", want{1, 1, -1, nan, 0.5, "s4"}},
				// CHN 2013: s5 (w 1) and s8 (w 2): salience 1/3 and 2/3.
				{"2013", "CHN", "sovereignty", want{1, 1, 2, nan, 1.0 / 3, "s5"}},
				{"2013", "CHN", "multistakeholder", want{1, 2, -2, 0, 2.0 / 3, "s8"}},
				// ITU: one statement a year.
				{"2013", "ITU", "sovereignty", want{1, 1, 0, nan, 1, "s13"}},
				{"2013", "ITU", "cyber_norms", want{0, 0, nan, nan, 0, ""}},
			},
		},
		{
			name: "quarter",
			spec: "quarter",
			// 2013-Q3 has no statement but is kept so the axis is regular.
			labels:   "2013-Q2,2013-Q3,2013-Q4,2014-Q1,2014-Q2,2014-Q3",
			unplaced: []string{"s4: dated 2014 (year precision): too coarse for quarterly periods"},
			checks: []cellCheck{
				// A row silent in the whole period: salience NaN, not 0.
				{"2013-Q3", "USA", "multistakeholder", want{0, 0, nan, nan, nan, ""}},
				// s2 is dated 2013-11 (month precision): fits 2013-Q4.
				{"2013-Q4", "USA", "multistakeholder", want{1, 1, 1, nan, 1, "s2"}},
				{"2014-Q3", "CHN", "sovereignty", want{1, 1, 1, nan, 1, "s7"}},
			},
		},
		{
			name:     "month",
			spec:     "month",
			labels:   "2013-05,2013-06,2013-07,2013-08,2013-09,2013-10,2013-11,2013-12,2014-01,2014-02,2014-03,2014-04,2014-05,2014-06,2014-07,2014-08,2014-09",
			unplaced: []string{"s4: dated 2014 (year precision): too coarse for monthly periods"},
			checks: []cellCheck{
				{"2013-05", "USA", "multistakeholder", want{1, 1, 2, nan, 1, "s1"}},
				{"2013-11", "USA", "multistakeholder", want{1, 1, 1, nan, 1, "s2"}},
				{"2014-09", "CHN", "sovereignty", want{1, 1, 1, nan, 1, "s7"}},
			},
		},
		{
			name:   "custom ranges",
			spec:   "2014-01..2014-06, 2013-05..2013-12",
			labels: "2013-05–2013-12,2014-01–2014-06",
			unplaced: []string{
				"s4: dated 2014 (year precision): runs across the boundary of period 2014-01–2014-06; give a finer date or align the ranges with it",
				"s7: dated 2014-09, outside every period",
			},
			checks: []cellCheck{
				// One statement of weight 1.5: Σw > 1, so the SD is defined, and 0.
				{"2013-05–2013-12", "FRA", "openness", want{1, 1.5, 1, 0, 0.6, "s11"}},
				{"2014-01–2014-06", "CHN", "sovereignty", want{1, 1, 2, nan, 1 / 1.5, "s6"}},
			},
		},
		{
			name:   "year ranges",
			spec:   "2010-2013,2014",
			labels: "2010–2013,2014",
			checks: []cellCheck{
				{"2014", "USA", "sovereignty", want{1, 1, -1, nan, 0.5, "s4"}},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			spec, err := ParsePeriodSpec(tc.spec)
			if err != nil {
				t.Fatal(err)
			}
			set, err := StanceMatrices(c, MatrixOptions{Period: spec, Bootstrap: -1})
			if err != nil {
				t.Fatal(err)
			}
			var labels []string
			for _, m := range set.Matrices {
				labels = append(labels, m.Period.Label)
				if strings.Join(m.Rows, ",") != "CHN,FRA,ITU,USA" {
					t.Errorf("%s: rows %v: every period must have the same rows", m.Period.Label, m.Rows)
				}
			}
			if got := strings.Join(labels, ","); got != tc.labels {
				t.Errorf("periods = %s, want %s", got, tc.labels)
			}
			var unplaced []string
			for _, u := range set.Unplaced {
				unplaced = append(unplaced, u.Statement+": "+u.Reason)
				if u.Pos.File != "hand.csv" || u.Pos.Row == 0 {
					t.Errorf("unplaced %s has no position: %+v", u.Statement, u.Pos)
				}
			}
			if got, want := strings.Join(unplaced, "\n"), strings.Join(tc.unplaced, "\n"); got != want {
				t.Errorf("unplaced:\n%s\nwant:\n%s", got, want)
			}
			for _, ck := range tc.checks {
				var m *Matrix
				for i := range set.Matrices {
					if set.Matrices[i].Period.Label == ck.period {
						m = &set.Matrices[i]
					}
				}
				if m == nil {
					t.Errorf("no period %s", ck.period)
					continue
				}
				checkCell(t, m, ck.row, ck.theme, ck.want)
			}
			// Every statement is counted once (per row) or reported.
			n := len(set.Unplaced)
			for _, m := range set.Matrices {
				for _, r := range m.Cells {
					for _, cl := range r {
						n += cl.N
					}
				}
			}
			if n != len(c.Statements) {
				t.Errorf("%d statements counted or unplaced, want %d", n, len(c.Statements))
			}
		})
	}
}

func TestStanceMatricesZeroWeights(t *testing.T) {
	c := handCorpus(t)
	c.Statements = append(c.Statements,
		data.Statement{ID: "z1", Actor: "ITU", Theme: "openness", Stance: 2, Date: data.Date{Year: 2014, Precision: data.PrecisionYear}, Weight: 0},
		data.Statement{ID: "z2", Actor: "ITU", Theme: "sovereignty", Stance: -2, Date: data.Date{Year: 2014, Precision: data.PrecisionYear}, Weight: 0},
	)
	set, err := StanceMatrices(c, MatrixOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m := &set.Matrices[0]
	// Only a zero-weight statement: counted, but no mean.
	checkCell(t, m, "ITU", "openness", want{1, 0, nan, nan, 0, "z1"})
	// s13 (0, w 1) and z2 (−2, w 0): the mean is s13's; Σw = 1 → no SD; one
	// statement of positive weight → no interval.
	checkCell(t, m, "ITU", "sovereignty", want{2, 1, 0, nan, 0.5, "z2"})
	cell, _ := m.Cell("ITU", "sovereignty")
	if !math.IsNaN(cell.CILow) {
		t.Errorf("interval [%v, %v] from one statement of positive weight, want NaN", cell.CILow, cell.CIHigh)
	}
}

func TestStanceMatricesAgreeingStatements(t *testing.T) {
	c := handCorpus(t)
	// USA × openness has s3 (+2); two more +2 statements make a cell where
	// all agree.
	c.Statements = append(c.Statements,
		data.Statement{ID: "a1", Actor: "USA", Theme: "openness", Stance: 2, Date: data.Date{Year: 2014, Precision: data.PrecisionYear}, Weight: 1},
		data.Statement{ID: "a2", Actor: "USA", Theme: "openness", Stance: 2, Date: data.Date{Year: 2014, Precision: data.PrecisionYear}, Weight: 2},
	)
	set, err := StanceMatrices(c, MatrixOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cell, _ := set.Matrices[0].Cell("USA", "openness")
	if cell.CILow != 2 || cell.CIHigh != 2 || cell.SD != 0 {
		t.Errorf("agreeing statements: interval [%v, %v], SD %v; want [2, 2] and 0", cell.CILow, cell.CIHigh, cell.SD)
	}
}

func TestStanceMatricesErrors(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(c *data.Corpus)
		opt    MatrixOptions
		want   string
		option bool // wraps ErrOption
	}{
		{"unregistered actor", func(c *data.Corpus) { c.Statements[3].Actor = "XXX" },
			MatrixOptions{}, `statement "s4" (hand.csv:5): actor "XXX" is not in the actor registry`, false},
		{"several unregistered actors", func(c *data.Corpus) { c.Statements[3].Actor = "XXX"; c.Statements[0].Actor = "YYY" },
			MatrixOptions{}, `statement "s1" (hand.csv:2): actor "YYY" is not in the actor registry (2 unregistered actors in all: "XXX", "YYY")`, false},
		{"no registry", func(c *data.Corpus) { c.Actors = nil },
			MatrixOptions{}, `statement "s1" (hand.csv:2): actor "USA" is not in the actor registry (4 unregistered actors in all`, false},
		{"negative weight", func(c *data.Corpus) { c.Statements[1].Weight = -1 },
			MatrixOptions{}, `statement "s2" (hand.csv:3): weight -1 is not a finite number ≥ 0`, false},
		{"NaN weight", func(c *data.Corpus) { c.Statements[1].Weight = math.NaN() },
			MatrixOptions{}, `weight NaN is not a finite number ≥ 0`, false},
		{"level", nil, MatrixOptions{Level: 95}, `level "95": the confidence level must be between 0 and 1`, true},
		{"group-by", nil, MatrixOptions{GroupBy: "continent"}, `group-by "continent": expected actor, kind, country, region or group`, true},
		{"overlapping ranges built by hand", nil, MatrixOptions{Period: PeriodSpec{Kind: PeriodRanges, Ranges: []Period{
			{From: data.Date{Year: 2010, Precision: data.PrecisionYear}, To: data.Date{Year: 2013, Precision: data.PrecisionYear}},
			{From: data.Date{Year: 2013, Month: 6, Precision: data.PrecisionMonth}, To: data.Date{Year: 2014, Precision: data.PrecisionYear}},
		}}}, `ranges 2010–2013 and 2013-06–2014 overlap`, true},
		{"unknown period kind", nil, MatrixOptions{Period: PeriodSpec{Kind: "week"}}, `period "week": expected all, year`, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := handCorpus(t)
			if tc.edit != nil {
				tc.edit(c)
			}
			_, err := StanceMatrices(c, tc.opt)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
			if errors.Is(err, ErrOption) != tc.option {
				t.Errorf("errors.Is(err, ErrOption) = %v, want %v", !tc.option, tc.option)
			}
		})
	}
}

func TestStanceMatricesEmptyCorpus(t *testing.T) {
	c := &data.Corpus{Actors: data.NewRegistry(), Codebook: &data.Codebook{Themes: []data.Theme{{ID: "openness"}}}}
	set, err := StanceMatrices(c, MatrixOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Matrices) != 1 || len(set.Rows) != 0 || len(set.Themes) != 1 || len(set.Matrices[0].Cells) != 0 {
		t.Errorf("empty corpus, period all: %+v; want one matrix with no rows and the codebook's theme", set)
	}
	set, err = StanceMatrices(c, MatrixOptions{Period: PeriodSpec{Kind: PeriodYear}})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Matrices) != 0 {
		t.Errorf("empty corpus, yearly: %d matrices, want none", len(set.Matrices))
	}
}

func TestStanceMatricesDefaults(t *testing.T) {
	set, err := StanceMatrices(handCorpus(t), MatrixOptions{})
	if err != nil {
		t.Fatal(err)
	}
	o := set.Options
	if o.Bootstrap != 2000 || o.Seed != 1 || o.Level != 0.95 || o.Period.Kind != PeriodAll {
		t.Errorf("options used = %+v, want B 2000, seed 1, level 0.95, period all", o)
	}
	set, err = StanceMatrices(handCorpus(t), MatrixOptions{Bootstrap: -5})
	if err != nil {
		t.Fatal(err)
	}
	if cell, _ := set.Matrices[0].Cell("USA", "multistakeholder"); !math.IsNaN(cell.CILow) {
		t.Errorf("Bootstrap < 0 gave interval [%v, %v], want NaN", cell.CILow, cell.CIHigh)
	}
}

// fingerprint prints every number of a set bit for bit.
func fingerprint(set *MatrixSet) string {
	var b strings.Builder
	for _, m := range set.Matrices {
		for r, row := range m.Cells {
			for t, c := range row {
				fmt.Fprintf(&b, "%s|%s|%s|%d|%x|%x|%x|%x|%x|%x|%s\n", m.Period.Label, m.Rows[r], m.Themes[t], c.N,
					math.Float64bits(c.Weight), math.Float64bits(c.Mean), math.Float64bits(c.SD),
					math.Float64bits(c.CILow), math.Float64bits(c.CIHigh), math.Float64bits(c.Salience), c.Example)
			}
		}
	}
	for _, u := range set.Unplaced {
		fmt.Fprintf(&b, "%s %s %s\n", u.Statement, u.Pos, u.Reason)
	}
	return b.String()
}

func TestStanceMatricesDeterministic(t *testing.T) {
	c := benchCorpus(t, 20_000, 30, 5)
	spec, _ := ParsePeriodSpec("year")
	opt := MatrixOptions{Period: spec, Bootstrap: 300, GroupBy: ByGroup}
	run := func(procs int) string {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		set, err := StanceMatrices(c, opt)
		if err != nil {
			t.Fatal(err)
		}
		return fingerprint(set)
	}
	a, b, one := run(runtime.GOMAXPROCS(0)), run(4), run(1)
	if a != b || a != one {
		t.Error("results differ between runs or with the number of cores")
	}
}

// A cell's interval depends on the seed and the cell's labels only: adding
// an actor leaves the other actors' cells bit for bit the same.
func TestStanceMatricesCellStreamsIndependent(t *testing.T) {
	c := handCorpus(t)
	before, err := StanceMatrices(c, MatrixOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c.Statements = append(c.Statements,
		data.Statement{ID: "n1", Actor: "SILENT", Theme: "openness", Stance: 1, Date: data.Date{Year: 2013, Precision: data.PrecisionYear}, Weight: 1},
		data.Statement{ID: "n2", Actor: "SILENT", Theme: "openness", Stance: -1, Date: data.Date{Year: 2013, Precision: data.PrecisionYear}, Weight: 1})
	after, err := StanceMatrices(c, MatrixOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range before.Rows {
		for _, th := range before.Themes {
			x, _ := before.Matrices[0].Cell(row, th)
			y, _ := after.Matrices[0].Cell(row, th)
			if math.Float64bits(x.CILow) != math.Float64bits(y.CILow) || math.Float64bits(x.CIHigh) != math.Float64bits(y.CIHigh) {
				t.Errorf("%s × %s: interval moved from [%v, %v] to [%v, %v] when another actor was added",
					row, th, x.CILow, x.CIHigh, y.CILow, y.CIHigh)
			}
		}
	}
	// Cells of two or three statements have bounds no seed can move
	// (USA × multistakeholder {2, 1}: means 1, 1.5, 2 with probabilities
	// ¼, ½, ¼, so the 2.5% and 97.5% quantiles are 1 and 2 whatever the
	// draws). Cells of a few hundred statements do move.
	big := benchCorpus(t, 5000, 10, 3)
	one, err := StanceMatrices(big, MatrixOptions{Bootstrap: 500})
	if err != nil {
		t.Fatal(err)
	}
	other, err := StanceMatrices(big, MatrixOptions{Bootstrap: 500, Seed: 99})
	if err != nil {
		t.Fatal(err)
	}
	if fingerprint(other) == fingerprint(one) {
		t.Error("seed 99 gave the same intervals as seed 1")
	}
}

func TestParseGroupBy(t *testing.T) {
	for in, want := range map[string]GroupBy{"": ByActor, "actor": ByActor, "Kind": ByKind, " countries ": ByCountry,
		"region": ByRegion, "GROUP": ByGroup, "groups": ByGroup} {
		got, err := ParseGroupBy(in)
		if err != nil || got != want {
			t.Errorf("ParseGroupBy(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseGroupBy("bloc"); err == nil || !errors.Is(err, ErrOption) {
		t.Errorf("ParseGroupBy(bloc) error %v, want one wrapping ErrOption", err)
	}
}

// More than 32 distinct (stance, weight) values switch the cell's tally
// from a list to a map; the numbers must not change.
func TestStanceMatricesManyDistinctWeights(t *testing.T) {
	reg := data.NewRegistry()
	if err := reg.Add(data.Actor{ID: "A", Kind: data.KindState}); err != nil {
		t.Fatal(err)
	}
	c := &data.Corpus{Actors: reg, Codebook: &data.Codebook{Themes: []data.Theme{{ID: "t"}}}}
	var xs, ws []float64
	for i := range 100 {
		x, w := i%5-2, 0.5+float64(i%37)/10
		xs, ws = append(xs, float64(x)), append(ws, w)
		c.Statements = append(c.Statements, data.Statement{ID: fmt.Sprintf("s%03d", i), Actor: "A", Theme: "t",
			Stance: x, Weight: w, Date: data.Date{Year: 2013, Precision: data.PrecisionYear}})
	}
	set, err := StanceMatrices(c, MatrixOptions{Bootstrap: 1000})
	if err != nil {
		t.Fatal(err)
	}
	cell, _ := set.Matrices[0].Cell("A", "t")
	mean, sd := stat.Mean(xs, ws), stat.StdDev(xs, ws)
	if !sameFloat(cell.Mean, mean, 1e-12) || !sameFloat(cell.SD, sd, 1e-12) || cell.N != 100 {
		t.Errorf("N %d, mean %v, SD %v; gonum on the raw statements: 100, %v, %v", cell.N, cell.Mean, cell.SD, mean, sd)
	}
	if !(cell.CILow < mean && mean < cell.CIHigh) {
		t.Errorf("interval [%v, %v] does not contain the mean %v", cell.CILow, cell.CIHigh, mean)
	}
}
