package analysis

import (
	"strings"
	"testing"

	"github.com/stancemap/stancemap/data"
)

func TestWindowMatrices(t *testing.T) {
	reg := data.NewRegistry()
	reg.Add(data.Actor{ID: "A", Kind: data.KindState})
	reg.Add(data.Actor{ID: "B", Kind: data.KindState})
	cb := &data.Codebook{Themes: []data.Theme{{ID: "x"}}}
	st := func(id, actor, date string, stance int) data.Statement {
		d, err := data.ParseDate(date)
		if err != nil {
			t.Fatal(err)
		}
		return data.Statement{ID: id, Actor: actor, Theme: "x", Stance: stance, Date: d, Weight: 1}
	}
	c := &data.Corpus{Actors: reg, Codebook: cb, Statements: []data.Statement{
		st("s4", "A", "2014-05", 2), st("s1", "A", "2010", -2), st("s2", "A", "2012-03-01", 0),
		st("s3", "B", "2013", 1),
	}}
	w, err := ParseWindow("3y", "1y")
	if err != nil {
		t.Fatal(err)
	}
	set, err := WindowMatrices(c, MatrixOptions{Bootstrap: -1}, w)
	if err != nil {
		t.Fatal(err)
	}
	// Windows 2010–2012, 2011–2013, 2012–2014. A: 2010 −2, 2012 0, 2014 +2;
	// B: 2013 +1.
	want := []struct {
		label string
		nA    int
		meanA float64
		nB    int
	}{{"2010–2012", 2, -1, 0}, {"2011–2013", 1, 0, 1}, {"2012–2014", 2, 1, 1}}
	if len(set.Matrices) != len(want) {
		t.Fatalf("%d windows, want %d", len(set.Matrices), len(want))
	}
	for k, wt := range want {
		m := set.Matrices[k]
		a, _ := m.Cell("A", "x")
		b, _ := m.Cell("B", "x")
		if m.Period.Label != wt.label || a.N != wt.nA || (wt.nA > 0 && a.Mean != wt.meanA) || b.N != wt.nB {
			t.Errorf("window %d: %s A n=%d mean=%v B n=%d; want %+v", k, m.Period.Label, a.N, a.Mean, b.N, wt)
		}
	}

	// Month windows cannot place the year-dated statements: listed once each.
	mw, _ := ParseWindow("12m", "6m")
	set, err = WindowMatrices(c, MatrixOptions{Bootstrap: -1}, mw)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, u := range set.Unplaced {
		ids = append(ids, u.Statement)
	}
	if strings.Join(ids, ",") != "s1,s3" {
		t.Errorf("unplaced %v, want s1,s3", ids)
	}
	// 2012-03 to 2014-05: windows start 2012-03, 2012-09, 2013-03 and end by 2014-05.
	var labels []string
	for _, m := range set.Matrices {
		labels = append(labels, m.Period.Label)
	}
	if strings.Join(labels, " ") != "2012-03–2013-02 2012-09–2013-08 2013-03–2014-02 2013-09–2014-08" {
		t.Errorf("month windows %v", labels)
	}
}

func TestParseWindowErrors(t *testing.T) {
	for _, c := range [][2]string{{"3", ""}, {"0y", ""}, {"3y", "1m"}, {"3w", ""}, {"y", ""}} {
		if _, err := ParseWindow(c[0], c[1]); err == nil {
			t.Errorf("%q %q accepted", c[0], c[1])
		}
	}
}
