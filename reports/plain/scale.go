package plain

import (
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/stancemap/stancemap/analysis"
)

// ScaleColumns are the columns of the positions CSV.
var ScaleColumns = []string{"actor", "period", "position", "low", "high", "n"}

// num4 writes a position to four decimals (blank when there is none).
func num4(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	s := strconv.FormatFloat(v, 'f', 4, 64)
	if s == "-0.0000" {
		s = "0.0000"
	}
	return s
}

// WriteScaleCSV writes one row per actor and period, sorted by period
// (in time order) and actor.
func WriteScaleCSV(w io.Writer, s *analysis.Scaling) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(ScaleColumns); err != nil {
		return err
	}
	for _, p := range s.Positions {
		if err := cw.Write(safeRecord([]string{p.Actor, p.Period, num4(p.Value), num4(p.Low), num4(p.High), strconv.Itoa(p.N)})); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteScaleTable prints the positions of each period from the positive
// end of the axis to the negative, with a dot on a line for each.
func WriteScaleTable(w io.Writer, s *analysis.Scaling) error {
	fmt.Fprintf(w, "%s (%s): + %s\n", s.Axis.Label, s.Axis.ID, s.Axis.Positive)
	fmt.Fprintf(w, "%s   − %s\n", strings.Repeat(" ", len(s.Axis.Label)+len(s.Axis.ID)+3), s.Axis.Negative)
	switch s.Method {
	case analysis.MethodLSS:
		l := s.Text
		fmt.Fprintf(w, "method: Latent Semantic Scaling over %d documents, %d sentences, %d terms, %d dimensions\n", l.Documents, l.Sentences, l.Terms, l.Dimensions)
		fmt.Fprintf(w, "seeds: + %s; − %s\n", strings.Join(l.SeedsUsed.Positive, ", "), strings.Join(l.SeedsUsed.Negative, ", "))
		fmt.Fprintf(w, "sentences scored: %s\n", l.SentenceFilter())
		fmt.Fprintf(w, "terms pulling to the + end: %s\n", termList(l.TopPositive, 10))
		fmt.Fprintf(w, "terms pulling to the − end: %s\n", termList(l.TopNegative, 10))
	case analysis.MethodWordscores:
		l := s.Text
		var refs []string
		for _, r := range l.References {
			refs = append(refs, fmt.Sprintf("%s %+g (%d documents)", r.Actor, r.Position, r.Documents))
		}
		fmt.Fprintf(w, "method: Wordscores over %d documents, %d terms scored; reference actors: %s\n", l.Documents, l.Terms, strings.Join(refs, ", "))
		fmt.Fprintf(w, "sentences scored: %s\n", l.SentenceFilter())
		fmt.Fprintf(w, "terms pulling to the + end: %s\n", termList(l.TopPositive, 10))
		fmt.Fprintf(w, "terms pulling to the − end: %s\n", termList(l.TopNegative, 10))
	case analysis.MethodStances:
		var ts []string
		for _, id := range s.Axis.ThemeIDs() {
			ts = append(ts, fmt.Sprintf("%+d × %s", s.Axis.Themes[id], id))
		}
		fmt.Fprintf(w, "method: weighted mean of signed stances (%s)\n", strings.Join(ts, ", "))
	}
	fmt.Fprintf(w, "position in %s; interval: %s; n = %s\n", s.Unit, s.Interval, s.Counts)
	lo, hi := math.Inf(1), math.Inf(-1)
	width := len("actor")
	for _, p := range s.Positions {
		for _, v := range []float64{p.Value, p.Low, p.High} {
			if !math.IsNaN(v) {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
		width = max(width, len([]rune(p.Actor)))
	}
	const bar = 31
	at := func(v float64) int {
		if hi == lo {
			return bar / 2
		}
		return int(math.Round((v - lo) / (hi - lo) * (bar - 1)))
	}
	for _, period := range s.Periods {
		ps := slices.Clone(s.Positions)
		ps = slices.DeleteFunc(ps, func(p analysis.ScalePosition) bool { return p.Period != period })
		slices.SortStableFunc(ps, func(a, b analysis.ScalePosition) int {
			return cmp.Or(cmp.Compare(b.Value, a.Value), cmp.Compare(a.Actor, b.Actor))
		})
		fmt.Fprintf(w, "\nperiod %s\n", period)
		fmt.Fprintf(w, "%-*s  %8s  %-19s  %5s  %s\n", width, "actor", "position", "95% interval", "n", "− end … + end")
		for _, p := range ps {
			line := []rune(strings.Repeat("·", bar))
			iv := "—"
			if !math.IsNaN(p.Low) {
				iv = fmt.Sprintf("%+.2f … %+.2f", p.Low, p.High)
				for i := at(p.Low); i <= at(p.High); i++ {
					line[i] = '─'
				}
			}
			if !math.IsNaN(p.Value) {
				line[at(p.Value)] = '●'
			}
			fmt.Fprintf(w, "%-*s  %+8.2f  %-19s  %5d  %s\n", width, p.Actor, p.Value, iv, p.N, string(line))
		}
	}
	return nil
}

func termList(ts []analysis.TermScore, n int) string {
	var out []string
	for i, t := range ts {
		if i == n {
			break
		}
		out = append(out, t.Term)
	}
	return strings.Join(out, ", ")
}
