package plain

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/reports"
)

// WriteComparisonText prints a comparison for the terminal: one line per
// theme with both means, the difference and its interval, the verdict,
// then the statements behind the agreements and clashes.
func WriteComparisonText(w io.Writer, cmp *analysis.Comparison, c *data.Corpus) error {
	side := func(s analysis.Side) string {
		if s.Kind == "actor" {
			if len(s.Members) > 1 {
				return fmt.Sprintf("%s (with %s)", s.Members[0], strings.Join(without(s.Members, s.Members[0]), ", "))
			}
			return s.Members[0]
		}
		return fmt.Sprintf("%s (%s: %s)", s.Name, s.Kind, strings.Join(s.Members, ", "))
	}
	fmt.Fprintf(w, "A = %s, %d statements\nB = %s, %d statements\n", side(cmp.A), cmp.StatementsA, side(cmp.B), cmp.StatementsB)
	for _, n := range cmp.Notes {
		fmt.Fprintln(w, "note:", n)
	}
	fmt.Fprintf(w, "\nstances from -2 to +2 toward each theme's + pole; [n] statements; A−B with its %.0f%% bootstrap interval\n", 100*cmp.Level)
	grid := [][]string{{"theme", "A", "B", "A−B", "interval", "verdict"}}
	for _, tc := range cmp.Themes {
		mean := func(s analysis.SideStats) string {
			if s.N == 0 {
				return "·"
			}
			return fmt.Sprintf("%s [%d]", analysis.Signed(s.Mean, 2), s.N)
		}
		diff, ci := "", ""
		if !math.IsNaN(tc.Diff) {
			diff = analysis.Signed(tc.Diff, 2)
		}
		if !math.IsNaN(tc.DiffLow) {
			ci = analysis.Signed(tc.DiffLow, 2) + ".." + analysis.Signed(tc.DiffHigh, 2)
		} else if !math.IsNaN(tc.Diff) {
			ci = "(too few statements)"
		}
		grid = append(grid, []string{tc.Theme, mean(tc.A), mean(tc.B), diff, ci, tc.Verdict})
	}
	writeRows(w, grid)
	texts := map[string]*data.Statement{}
	for i := range c.Statements {
		texts[c.Statements[i].ID] = &c.Statements[i]
	}
	show := func(title string, themes []string) {
		if len(themes) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s:\n", title)
		for _, th := range themes {
			for _, tc := range cmp.Themes {
				if tc.Theme != th {
					continue
				}
				fmt.Fprintf(w, "  %s\n", th)
				for _, ev := range [][]string{tc.A.Evidence, tc.B.Evidence} {
					for _, id := range ev {
						if s := texts[id]; s != nil {
							fmt.Fprintf(w, "    %s %s %s %s: %s\n", id, s.Actor, s.Date, stanceText(s.Stance), oneLine(s.Text))
						}
					}
				}
			}
		}
	}
	show("Where they clash", cmp.Clash)
	show("Where they agree", cmp.Agree)
	return nil
}

// stanceText writes a stance with its sign, and 0 without one.
func stanceText(v int) string {
	if v == 0 {
		return "0"
	}
	return fmt.Sprintf("%+d", v)
}

func without(xs []string, x string) []string {
	var out []string
	for _, v := range xs {
		if v != x {
			out = append(out, v)
		}
	}
	return out
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 140 {
		return string(r[:139]) + "…"
	}
	return s
}

// WriteComparisonJSON writes a comparison with NaN as null.
func WriteComparisonJSON(w io.Writer, cmp *analysis.Comparison) error {
	type side struct {
		N        int           `json:"n"`
		Mean     reports.Float `json:"mean"`
		CILow    reports.Float `json:"ci_low"`
		CIHigh   reports.Float `json:"ci_high"`
		Evidence []string      `json:"evidence"`
	}
	type theme struct {
		Theme    string        `json:"theme"`
		A        side          `json:"a"`
		B        side          `json:"b"`
		Diff     reports.Float `json:"diff"`
		DiffLow  reports.Float `json:"diff_low"`
		DiffHigh reports.Float `json:"diff_high"`
		Verdict  string        `json:"verdict"`
	}
	mk := func(s analysis.SideStats) side {
		ev := s.Evidence
		if ev == nil {
			ev = []string{}
		}
		return side{s.N, reports.Float(s.Mean), reports.Float(s.CILow), reports.Float(s.CIHigh), ev}
	}
	out := struct {
		SideA     any      `json:"a"`
		SideB     any      `json:"b"`
		Level     float64  `json:"ci_level"`
		Bootstrap int      `json:"bootstrap_resamples"`
		Seed      uint64   `json:"seed"`
		Themes    []theme  `json:"themes"`
		Agree     []string `json:"agree"`
		Clash     []string `json:"clash"`
		Notes     []string `json:"notes"`
	}{Level: cmp.Level, Bootstrap: cmp.Bootstrap, Seed: cmp.Seed, Agree: nonNil(cmp.Agree), Clash: nonNil(cmp.Clash), Notes: nonNil(cmp.Notes)}
	sideInfo := func(s analysis.Side, n int) any {
		return struct {
			Name       string   `json:"name"`
			Kind       string   `json:"kind"`
			Members    []string `json:"members"`
			Statements int      `json:"statements"`
		}{s.Name, s.Kind, s.Members, n}
	}
	out.SideA, out.SideB = sideInfo(cmp.A, cmp.StatementsA), sideInfo(cmp.B, cmp.StatementsB)
	for _, tc := range cmp.Themes {
		out.Themes = append(out.Themes, theme{tc.Theme, mk(tc.A), mk(tc.B), reports.Float(tc.Diff), reports.Float(tc.DiffLow), reports.Float(tc.DiffHigh), tc.Verdict})
	}
	return writeIndented(w, out)
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}
