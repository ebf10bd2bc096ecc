package plain

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
)

// WriteAnalysisText prints the headlines of an analysis for the
// terminal: the corpus, the ranked findings with their statements, the
// blocs, the network communities, the most divided themes and the trend.
func WriteAnalysisText(w io.Writer, a *analysis.Analysis, c *data.Corpus) error {
	s := a.Summary
	fmt.Fprintf(w, "Corpus: %d statements by %d actors on %d themes, %s to %s\n", s.Statements, s.Actors, s.Themes, s.From, s.To)
	name := func(id string) string {
		if act, ok := c.Actors.Get(id); ok && act.Name != "" && act.Name != id && a.Overall.GroupBy == analysis.ByActor {
			return act.Name
		}
		return id
	}
	thin := map[string]bool{}
	for _, t := range a.Evidence.Thin {
		thin[t.Row] = true
	}
	// mark names a row left out of the findings for want of statements.
	mark := func(id string) string {
		if thin[id] {
			return name(id) + " †"
		}
		return name(id)
	}
	skipped := func(m analysis.Measure) bool { return slices.Contains(a.Skipped, m) }
	if skipped("findings") {
		fmt.Fprintln(w, "\nFindings: not computed (skipped)")
	} else {
		fmt.Fprintln(w, "\nFindings, most notable first:")
	}
	for i, f := range a.Findings {
		fmt.Fprintf(w, "%2d. %s\n", i+1, f.Text)
		if len(f.Statements) > 0 {
			more := ""
			if f.StatementCount > len(f.Statements) {
				more = fmt.Sprintf(" … (%d in all)", f.StatementCount)
			}
			fmt.Fprintf(w, "    statements: %s%s\n", strings.Join(f.Statements, ", "), more)
		}
	}
	if len(a.Findings) == 0 && !skipped("findings") {
		fmt.Fprintln(w, "    none: too few actors or statements to compare")
	}
	if b := a.Blocs; b != nil {
		fmt.Fprintf(w, "\nBlocs (average-linkage clustering of %s distances, k = %d, mean silhouette %.2f):\n", a.Distances.Metric, b.K, b.Silhouette)
		if bt := a.Evidence.Blocs; bt != nil {
			verdict := "the findings report blocs"
			if bt.P > (1-a.Evidence.Options.Level)/6 {
				verdict = "no better than chance: the findings report no blocs"
			}
			fmt.Fprintf(w, "  test over the %d actors with enough statements: silhouette %.2f, p = %.3f against stances shuffled within themes (%d shuffles): %s\n",
				bt.Rows, bt.Silhouette, bt.P, bt.Permutations, verdict)
		}
		for _, g := range b.Groups {
			names := make([]string, len(g.Rows))
			for i, r := range g.Rows {
				names[i] = mark(r)
			}
			fmt.Fprintf(w, "  %d: %s\n", g.Label, strings.Join(names, ", "))
		}
		for _, d := range b.Dropped {
			fmt.Fprintf(w, "  left out: %s: %s\n", name(d.Row), d.Reason)
		}
	} else if a.BlocsError != "" {
		fmt.Fprintf(w, "\nBlocs: not computed: %s\n", a.BlocsError)
	}
	if cm := a.Communities; cm != nil && len(cm.Rows) > 0 {
		k := 0
		for _, l := range cm.Labels {
			k = max(k, l)
		}
		fmt.Fprintf(w, "\nAgreement network communities (Louvain, modularity %.2f):\n", cm.Modularity)
		for l := 1; l <= k; l++ {
			ms := cm.Members(l)
			for i := range ms {
				ms[i] = name(ms[i])
			}
			fmt.Fprintf(w, "  %d: %s\n", l, strings.Join(ms, ", "))
		}
	} else if a.NetworkError != "" {
		fmt.Fprintf(w, "\nAgreement network: not computed: %s\n", a.NetworkError)
	}
	if len(a.Polarisation.Ranked) > 0 {
		fmt.Fprintln(w, "\nThemes from most to least divided (Esteban–Ray, 0 = consensus, 1 = two camps at the ends):")
		for _, th := range a.Polarisation.Ranked {
			for _, tp := range a.Polarisation.Themes {
				if tp.Theme == th {
					fmt.Fprintf(w, "  %-20s %.2f  (SD %.2f, %d rows)\n", th, tp.EstebanRay, tp.SD, tp.N)
				}
			}
		}
	}
	cv := a.Convergence
	if len(cv.Points) > 1 {
		fmt.Fprintf(w, "\nConvergence (mean %s distance per period): %s", cv.Metric, cv.Trend)
		if !math.IsNaN(cv.Slope) {
			fmt.Fprintf(w, ", slope %+.2f per period", cv.Slope)
		}
		fmt.Fprintln(w)
		for _, p := range cv.Points {
			if p.Pairs > 0 {
				fmt.Fprintf(w, "  %-12s %.2f over %d pairs of %d rows\n", p.Period, p.MeanDistance, p.Pairs, p.Rows)
			}
		}
	}
	if a.Periods != nil && len(a.Periods.Matrices) > 1 {
		writeMovers(w, a, mark)
		writeTwoPeriods(w, a, mark)
	}
	if m := a.Map; len(m.Rows) > 0 && len(m.Explained) > 0 {
		ex := m.Explained[0]
		if len(m.Explained) > 1 {
			ex += m.Explained[1]
		}
		fmt.Fprintf(w, "\nPosition map (%s): the two axes show %.0f%% of the differences", strings.ToUpper(string(m.Method)), 100*ex)
		if m.Imputed > 0 {
			fmt.Fprintf(w, "; %d missing cells estimated from the actors' other positions (iterative PCA)", m.Imputed)
		}
		fmt.Fprintln(w)
	} else if a.MapError != "" {
		fmt.Fprintf(w, "\nPosition map: not drawn: %s\n", a.MapError)
	}
	for _, n := range a.Notes {
		fmt.Fprintln(w, "\nnote:", n)
	}
	if len(thin) > 0 {
		fmt.Fprintf(w, "\n†: fewer than %d statements (--min-actor-statements): in the tables, not in the findings\n", a.Evidence.Options.MinActorStatements)
	}
	if len(a.Skipped) > 0 {
		fmt.Fprintf(w, "\nNot computed (--skip): %s\n", analysis.MeasureList(a.Skipped...))
	}
	return nil
}

// writeMovers lists the rows that moved most between their first and
// last period, and the rows that changed bloc between periods.
func writeMovers(w io.Writer, a *analysis.Analysis, name func(string) string) {
	if len(a.Movers) == 0 {
		fmt.Fprintln(w, "\nMovers: none: no row spoke on a shared theme in two different periods")
	} else {
		fmt.Fprintf(w, "\nMovers (net drift from the first to the last period a row spoke in; path adds the steps between): %d rows spoke on a shared theme in two or more periods; the %d that moved most:\n",
			len(a.Movers), min(10, len(a.Movers)))
		for _, mv := range a.Movers[:min(10, len(a.Movers))] {
			fmt.Fprintf(w, "  %-24s %s → %s  net %.2f, path %.2f over %d shared %s",
				name(mv.Row), mv.First, mv.Last, mv.Net, mv.Path, mv.Shared, data.Plural(mv.Shared, "theme", "themes"))
			if l := mv.Largest; l.Theme != "" && l.Delta != 0 {
				fmt.Fprintf(w, "; most on %s, %s", l.Theme, analysis.ChangeText(l))
			}
			fmt.Fprintln(w)
		}
	}
	var moved []analysis.BlocFlow
	for _, f := range a.Flows {
		if f.FromBloc != f.ToBloc {
			moved = append(moved, f)
		}
	}
	if len(a.Flows) == 0 {
		return
	}
	stayed := 0
	for _, f := range a.Flows {
		if f.FromBloc == f.ToBloc {
			stayed += len(f.Rows)
		}
	}
	fmt.Fprintf(w, "\nBloc flows between consecutive periods (blocs as above; a row counts where it spoke in both): %d stayed, %d changed bloc\n",
		stayed, countRows(moved))
	for _, f := range moved {
		names := make([]string, len(f.Rows))
		for i, r := range f.Rows {
			names[i] = name(r)
		}
		fmt.Fprintf(w, "  %s → %s: bloc %d → %d: %s\n", f.From, f.To, f.FromBloc, f.ToBloc, strings.Join(names, ", "))
	}
}

func countRows(fs []analysis.BlocFlow) int {
	n := 0
	for _, f := range fs {
		n += len(f.Rows)
	}
	return n
}
