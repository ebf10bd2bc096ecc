package analysis

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stancemap/stancemap/data"
)

func TestParsePeriodSpec(t *testing.T) {
	tests := []struct {
		in     string
		kind   string
		ranges string // "label from to; …"
		str    string // String() of the result
	}{
		{"", PeriodAll, "", "all"},
		{"all", PeriodAll, "", "all"},
		{" Year ", PeriodYear, "", "year"},
		{"yearly", PeriodYear, "", "year"},
		{"QUARTER", PeriodQuarter, "", "quarter"},
		{"monthly", PeriodMonth, "", "month"},
		{"2008-2012,2013-2016", PeriodRanges, "2008–2012 2008 2012; 2013–2016 2013 2016", "2008-2012,2013-2016"},
		{"2008 - 2012 , 2013–2016", PeriodRanges, "2008–2012 2008 2012; 2013–2016 2013 2016", "2008-2012,2013-2016"},
		{"2013-06..2014-05,2014-06..2016", PeriodRanges, "2013-06–2014-05 2013-06 2014-05; 2014-06–2016 2014-06 2016", "2013-06..2014-05,2014-06..2016"},
		{"2013-11-05..2013-11-30", PeriodRanges, "2013-11-05–2013-11-30 2013-11-05 2013-11-30", "2013-11-05..2013-11-30"},
		// Single dates stand for their own span.
		{"2013,2014-06", PeriodRanges, "2013 2013 2013; 2014-06 2014-06 2014-06", "2013,2014-06"},
		// Gaps between ranges are allowed; order is the user's until StanceMatrices sorts.
		{"2015-2016,2008-2010", PeriodRanges, "2015–2016 2015 2016; 2008–2010 2008 2010", "2015-2016,2008-2010"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			ps, err := ParsePeriodSpec(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if ps.Kind != tc.kind {
				t.Errorf("kind %q, want %q", ps.Kind, tc.kind)
			}
			var rs []string
			for _, r := range ps.Ranges {
				rs = append(rs, fmt.Sprintf("%s %s %s", r.Label, r.From, r.To))
			}
			if got := strings.Join(rs, "; "); got != tc.ranges {
				t.Errorf("ranges %q, want %q", got, tc.ranges)
			}
			if ps.String() != tc.str {
				t.Errorf("String() = %q, want %q", ps.String(), tc.str)
			}
			back, err := ParsePeriodSpec(ps.String())
			if err != nil || back.String() != ps.String() {
				t.Errorf("round trip of %q: %q, %v", ps.String(), back.String(), err)
			}
		})
	}
}

func TestParsePeriodSpecErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"weekly", `period "weekly": expected all, year, quarter, month, or ranges`},
		{"2008-2012,,2013-2016", `empty range in the list`},
		{"2008-2012,", `empty range in the list`},
		{"2012-2008", `range "2012-2008" ends before it starts`},
		{"2013-06..2013-01", `range "2013-06..2013-01" ends before it starts`},
		{"2008-2012,2012-2016", `ranges 2008–2012 and 2012–2016 overlap; ranges must not overlap (years are inclusive`},
		{"2013-06..2014-05,2014", `ranges 2013-06–2014-05 and 2014 overlap`},
		{"2013-13..2014", `range "2013-13..2014": start "2013-13" is not a date (month 13 is not 1..12); expected YYYY, YYYY-MM or YYYY-MM-DD`},
		{"2013..2014-02-30", `end "2014-02-30" is not a date (day 30 is not 1..28)`},
		{"2013..", `range "2013.." needs a start and an end`},
		{"13-14", `range "13-14" is not a date`},
		{"2008-2012;2013-2016", `range "2008-2012;2013-2016" is not a date`},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			_, err := ParsePeriodSpec(tc.in)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
			if !errors.Is(err, ErrOption) {
				t.Errorf("error does not wrap ErrOption")
			}
			var oe *OptionError
			if !errors.As(err, &oe) || oe.Option != "period" || oe.Value != tc.in {
				t.Errorf("error %#v, want an OptionError for period %q", err, tc.in)
			}
		})
	}
}

func date(t *testing.T, s string) data.Date {
	t.Helper()
	d, err := data.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestPeriodContains(t *testing.T) {
	p := Period{From: date(t, "2013-06"), To: date(t, "2014-05")}
	for s, want := range map[string]bool{
		"2013-06-01": true, "2014-05-31": true, "2013-05-31": false, "2014-06-01": false,
		"2013-06": true, "2014-05": true, "2014": false, "2013": false, "2013-12": true,
	} {
		if got := p.Contains(date(t, s)); got != want {
			t.Errorf("%s–%s contains %s = %v, want %v", p.From, p.To, s, got, want)
		}
	}
	if p.Contains(data.Date{}) {
		t.Error("a period contains the zero date")
	}
}

func TestPlaceUndatedAndCoarse(t *testing.T) {
	tests := []struct {
		kind, date, want string
	}{
		{PeriodYear, "", "undated: cannot be placed in yearly periods"},
		{PeriodMonth, "2013", "dated 2013 (year precision): too coarse for monthly periods"},
		{PeriodQuarter, "2013", "dated 2013 (year precision): too coarse for quarterly periods"},
		{PeriodYear, "2013", ""},
		{PeriodAll, "", ""},
	}
	for _, tc := range tests {
		var d data.Date
		if tc.date != "" {
			d = date(t, tc.date)
		}
		pp := periodPlacer{spec: PeriodSpec{Kind: tc.kind}}
		_, ok := pp.place(d)
		if ok != (tc.want == "") || (!ok && pp.reason(d) != tc.want) {
			t.Errorf("%s periods, date %q: placed %v, reason %q; want %q", tc.kind, tc.date, ok, pp.reason(d), tc.want)
		}
	}
}

func TestCalendarPeriods(t *testing.T) {
	ps, err := calendarPeriods(PeriodQuarter, 2013*4+3, 2014*4+0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range ps {
		got = append(got, fmt.Sprintf("%s %s %s", p.Label, p.From, p.To))
	}
	if want := "2013-Q4 2013-10 2013-12, 2014-Q1 2014-01 2014-03"; strings.Join(got, ", ") != want {
		t.Errorf("quarters %s, want %s", strings.Join(got, ", "), want)
	}
	if _, err := calendarPeriods(PeriodMonth, 1013*12, 2016*12); err == nil || !strings.Contains(err.Error(), "1013-01 to 2016-01") {
		t.Errorf("a millennium of months: error %v, want one naming the span", err)
	}
}
