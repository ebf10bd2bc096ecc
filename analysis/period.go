package analysis

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/stancemap/stancemap/data"
)

// ErrOption is wrapped by every error about an invalid option: a period
// specification, a grouping, a confidence level.
var ErrOption = errors.New("invalid option")

// OptionError says which option is wrong, with the value given.
type OptionError struct {
	Option string // "period", "group-by", "level", …
	Value  string // what the user gave
	Msg    string // what is wrong and what would be right
}

func (e *OptionError) Error() string {
	return fmt.Sprintf("%s %q: %s", e.Option, e.Value, e.Msg)
}

func (e *OptionError) Unwrap() error { return ErrOption }

// Period kinds of a PeriodSpec.
const (
	PeriodAll     = "all"
	PeriodYear    = "year"
	PeriodQuarter = "quarter"
	PeriodMonth   = "month"
	PeriodRanges  = "ranges"
)

// PeriodSpec says how statements are split in time.
//
// Kind "all" (the zero value "" means the same) keeps every statement in one
// period. "year", "quarter" and "month" make one period per calendar unit
// from the first to the last statement that can be placed, empty units in
// between included, so that time axes are regular. "ranges" uses Ranges,
// which must not overlap; StanceMatrices orders them in time.
type PeriodSpec struct {
	Kind   string
	Ranges []Period
}

// Period is a span of time, from the first day of From to the last day of
// To. Label is what reports print: "all", "2013", "2013-Q4", "2013-11",
// "2008–2012" (an en dash joins the ends of a range).
type Period struct {
	Label    string
	From, To data.Date
}

// Contains reports whether the whole span of d lies within p. A date of
// year precision stands for the whole year, so "2013" is not contained in
// the period 2013-06–2014-05 although it overlaps it.
func (p Period) Contains(d data.Date) bool {
	if d.IsZero() {
		return false
	}
	return !d.First().Before(p.From.First()) && !d.Last().After(p.To.Last())
}

// overlaps reports whether d's span and p's span share at least a day.
func (p Period) overlaps(d data.Date) bool {
	return !d.Last().Before(p.From.First()) && !d.First().After(p.To.Last())
}

var (
	yearRange = regexp.MustCompile(`^(\d{4})\s*[-–]\s*(\d{4})$`)
	periodErr = "expected all, year, quarter, month, or ranges such as 2008-2012,2013-2016 or 2013-06..2014-05,2014-06..2016"
)

// ParsePeriodSpec reads a period specification:
//
//   - "all" (also ""), "year", "quarter" or "month" (case is ignored;
//     "yearly", "quarterly", "monthly" are accepted too);
//   - a comma-separated list of ranges. Each range is either two years
//     joined by a hyphen or an en dash, inclusive ("2008-2012"), two ISO
//     dates of any precision joined by ".." ("2013-06..2014-05",
//     "2014-06..2016"), or a single ISO date standing for its own span
//     ("2013", "2013-06").
//
// Ranges must not overlap and must not end before they start. The error
// names the part at fault and wraps ErrOption.
func ParsePeriodSpec(s string) (PeriodSpec, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	switch t {
	case "", "all":
		return PeriodSpec{Kind: PeriodAll}, nil
	case "year", "years", "yearly", "annual":
		return PeriodSpec{Kind: PeriodYear}, nil
	case "quarter", "quarters", "quarterly":
		return PeriodSpec{Kind: PeriodQuarter}, nil
	case "month", "months", "monthly":
		return PeriodSpec{Kind: PeriodMonth}, nil
	}
	bad := func(msg string) (PeriodSpec, error) {
		return PeriodSpec{}, &OptionError{Option: "period", Value: s, Msg: msg}
	}
	if !strings.ContainsAny(t, "0123456789") {
		return bad(periodErr)
	}
	var ranges []Period
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			return bad("empty range in the list (two commas in a row, or a comma at an end)")
		}
		p, err := parseRange(part)
		if err != nil {
			return bad(err.Error())
		}
		ranges = append(ranges, p)
	}
	spec := PeriodSpec{Kind: PeriodRanges, Ranges: ranges}
	if err := checkRanges(ranges); err != nil {
		return bad(err.Error())
	}
	return spec, nil
}

// parseRange reads one range of a custom period list.
func parseRange(part string) (Period, error) {
	date := func(side, v string) (data.Date, error) {
		v = strings.TrimSpace(v)
		d, err := data.ParseDate(v)
		if err != nil {
			msg := strings.TrimPrefix(err.Error(), data.ErrDate.Error()+": ")
			if side != "" {
				return d, fmt.Errorf("range %q: %s %q is not a date (%s); expected YYYY, YYYY-MM or YYYY-MM-DD", part, side, v, msg)
			}
			return d, fmt.Errorf("range %q is not a date (%s); %s", part, msg, periodErr)
		}
		return d, nil
	}
	var from, to data.Date
	var err error
	switch {
	case strings.Contains(part, ".."):
		a, b, _ := strings.Cut(part, "..")
		if strings.TrimSpace(a) == "" || strings.TrimSpace(b) == "" {
			return Period{}, fmt.Errorf("range %q needs a start and an end, as in 2013-06..2014-05", part)
		}
		if from, err = date("start", a); err != nil {
			return Period{}, err
		}
		if to, err = date("end", b); err != nil {
			return Period{}, err
		}
	case yearRange.MatchString(part):
		m := yearRange.FindStringSubmatch(part)
		if from, err = date("start", m[1]); err != nil {
			return Period{}, err
		}
		if to, err = date("end", m[2]); err != nil {
			return Period{}, err
		}
	default:
		if from, err = date("", part); err != nil {
			return Period{}, err
		}
		to = from
	}
	if to.Last().Before(from.First()) {
		return Period{}, fmt.Errorf("range %q ends before it starts", part)
	}
	return Period{Label: rangeLabel(from, to), From: from, To: to}, nil
}

func rangeLabel(from, to data.Date) string {
	if from == to {
		return from.String()
	}
	return from.String() + "–" + to.String()
}

// checkRanges rejects empty lists, zero dates, reversed and overlapping
// ranges; it does not modify rs.
func checkRanges(rs []Period) error {
	if len(rs) == 0 {
		return errors.New("no ranges given; " + periodErr)
	}
	for _, r := range rs {
		if r.From.IsZero() || r.To.IsZero() {
			return fmt.Errorf("range %q has no start or no end date", r.Label)
		}
		if r.To.Last().Before(r.From.First()) {
			return fmt.Errorf("range %q ends before it starts", r.Label)
		}
	}
	sorted := sortedRanges(rs)
	for i := 1; i < len(sorted); i++ {
		a, b := sorted[i-1], sorted[i]
		if !b.From.First().After(a.To.Last()) {
			return fmt.Errorf("ranges %s and %s overlap; ranges must not overlap (years are inclusive: 2008-2012,2013-2016)", a.Label, b.Label)
		}
	}
	return nil
}

// sortedRanges returns a copy of rs ordered by start, then end.
func sortedRanges(rs []Period) []Period {
	out := append([]Period(nil), rs...)
	sort.SliceStable(out, func(i, j int) bool {
		if c := out[i].From.First().Compare(out[j].From.First()); c != 0 {
			return c < 0
		}
		return out[i].To.Last().Before(out[j].To.Last())
	})
	return out
}

// String writes the specification back in the form ParsePeriodSpec reads.
func (ps PeriodSpec) String() string {
	if ps.Kind != PeriodRanges {
		if ps.Kind == "" {
			return PeriodAll
		}
		return ps.Kind
	}
	parts := make([]string, len(ps.Ranges))
	for i, r := range ps.Ranges {
		switch {
		case r.From == r.To:
			parts[i] = r.From.String()
		case r.From.Precision == data.PrecisionYear && r.To.Precision == data.PrecisionYear:
			parts[i] = r.From.String() + "-" + r.To.String()
		default:
			parts[i] = r.From.String() + ".." + r.To.String()
		}
	}
	return strings.Join(parts, ",")
}

// normalise fills the default kind and checks a spec built by hand.
func (ps PeriodSpec) normalise() (PeriodSpec, error) {
	switch ps.Kind {
	case "", PeriodAll:
		return PeriodSpec{Kind: PeriodAll}, nil
	case PeriodYear, PeriodQuarter, PeriodMonth:
		return PeriodSpec{Kind: ps.Kind}, nil
	case PeriodRanges:
		rs := sortedRanges(ps.Ranges)
		for i := range rs {
			if rs[i].Label == "" {
				rs[i].Label = rangeLabel(rs[i].From, rs[i].To)
			}
		}
		if err := checkRanges(rs); err != nil {
			return ps, &OptionError{Option: "period", Value: ps.String(), Msg: err.Error()}
		}
		return PeriodSpec{Kind: PeriodRanges, Ranges: rs}, nil
	}
	return ps, &OptionError{Option: "period", Value: ps.Kind, Msg: periodErr}
}

// maxPeriods bounds the number of calendar periods, so that a mistyped
// date (1013 for 2013) gives an error instead of exhausting memory.
const maxPeriods = 10000

// periodPlacer places dates into the periods of a spec.
type periodPlacer struct {
	spec PeriodSpec
}

var unitAdjective = map[string]string{
	PeriodYear: "yearly", PeriodQuarter: "quarterly", PeriodMonth: "monthly",
}

// place returns the date's calendar unit (the year, 4·year + quarter, or
// 12·year + month, quarters and months 0-based) or, for ranges, the index
// of the range holding it. ok is false when no period can take the date;
// reason then says why.
func (pp periodPlacer) place(d data.Date) (unit int, ok bool) {
	kind := pp.spec.Kind
	switch kind {
	case PeriodAll:
		return 0, true
	case PeriodRanges:
		for i, r := range pp.spec.Ranges {
			if r.Contains(d) {
				return i, true
			}
		}
		return 0, false
	}
	need := data.PrecisionYear
	if kind != PeriodYear {
		need = data.PrecisionMonth
	}
	if d.Precision < need { // the zero Date has PrecisionNone
		return 0, false
	}
	switch kind {
	case PeriodYear:
		return int(d.Year), true
	case PeriodQuarter:
		return int(d.Year)*4 + (int(d.Month)-1)/3, true
	}
	return int(d.Year)*12 + int(d.Month) - 1, true
}

// reason says why place rejects d.
func (pp periodPlacer) reason(d data.Date) string {
	kind := pp.spec.Kind
	if kind == PeriodRanges {
		if d.IsZero() {
			return "undated: cannot be placed in any period"
		}
		var touched []string
		for _, r := range pp.spec.Ranges {
			if r.overlaps(d) {
				touched = append(touched, r.Label)
			}
		}
		switch len(touched) {
		case 0:
			return fmt.Sprintf("dated %s, outside every period", d)
		case 1:
			return fmt.Sprintf("dated %s (%s precision): runs across the boundary of period %s; give a finer date or align the ranges with it",
				d, d.Precision, touched[0])
		}
		return fmt.Sprintf("dated %s (%s precision): runs across periods %s; give a finer date or align the ranges with it",
			d, d.Precision, strings.Join(touched, " and "))
	}
	if d.IsZero() {
		return "undated: cannot be placed in " + unitAdjective[kind] + " periods"
	}
	return fmt.Sprintf("dated %s (%s precision): too coarse for %s periods", d, d.Precision, unitAdjective[kind])
}

// tooManyPeriods is the one refusal of more than maxPeriods periods or
// windows, whichever option asked for them.
func tooManyPeriods(option, value string, n int, what, from, to string) *OptionError {
	return &OptionError{Option: option, Value: value, Msg: fmt.Sprintf(
		"the statements span %d %s (%s to %s), more than %d; check for mistyped dates or choose longer periods",
		n, what, from, to, maxPeriods)}
}

// calendarPeriods lists the periods for calendar units lo..hi inclusive.
func calendarPeriods(kind string, lo, hi int) ([]Period, error) {
	n := hi - lo + 1
	if n > maxPeriods {
		return nil, tooManyPeriods("period", kind, n, unitAdjective[kind]+" periods", unitLabel(kind, lo), unitLabel(kind, hi))
	}
	ps := make([]Period, 0, n)
	for u := lo; u <= hi; u++ {
		var p Period
		switch kind {
		case PeriodYear:
			d := data.Date{Year: int32(u), Precision: data.PrecisionYear}
			p = Period{From: d, To: d}
		case PeriodQuarter:
			y, q := u/4, u%4
			p = Period{
				From: data.Date{Year: int32(y), Month: int8(3*q + 1), Precision: data.PrecisionMonth},
				To:   data.Date{Year: int32(y), Month: int8(3*q + 3), Precision: data.PrecisionMonth},
			}
		case PeriodMonth:
			d := data.Date{Year: int32(u / 12), Month: int8(u%12 + 1), Precision: data.PrecisionMonth}
			p = Period{From: d, To: d}
		}
		p.Label = unitLabel(kind, u)
		ps = append(ps, p)
	}
	return ps, nil
}

func unitLabel(kind string, u int) string {
	switch kind {
	case PeriodQuarter:
		return fmt.Sprintf("%04d-Q%d", u/4, u%4+1)
	case PeriodMonth:
		return fmt.Sprintf("%04d-%02d", u/12, u%12+1)
	}
	return fmt.Sprintf("%04d", u)
}
