package plain

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/stancemap/stancemap/analysis"
)

// AnalysisCSVFiles lists the files WriteAnalysisCSV writes, in order.
var AnalysisCSVFiles = []string{"matrix.csv", "distances.csv", "map.csv", "loadings.csv", "blocs.csv", "network.csv",
	"polarisation.csv", "drifts.csv", "movers.csv", "convergence.csv", "findings.csv", "two_periods.csv"}

// WriteAnalysisCSV writes one table of an analysis, in long form for R
// and pandas: empty values are blank cells, never "NaN".
func WriteAnalysisCSV(w io.Writer, file string, a *analysis.Analysis) error {
	cw := csv.NewWriter(w)
	write := func(rec ...string) { cw.Write(safeRecord(rec)) }
	itoa := strconv.Itoa
	switch file {
	case "matrix.csv":
		return WriteMatrixCSV(w, a.Periods)
	case "distances.csv":
		d := a.Distances
		write("row", "other", "distance", "shared_themes", "metric")
		for i, r := range d.Rows {
			for j, o := range d.Rows {
				if i != j {
					write(r, o, num(d.D[i][j]), itoa(d.Shared[i][j]), string(d.Metric))
				}
			}
		}
	case "map.csv":
		write("row", "x", "y", "method")
		for i, r := range a.Map.Rows {
			write(r, num(a.Map.Coords[i][0]), num(a.Map.Coords[i][1]), string(a.Map.Method))
		}
	case "loadings.csv":
		write("theme", "pc1", "pc2")
		for i, th := range a.Map.Themes {
			if i < len(a.Map.Loadings) {
				write(th, num(a.Map.Loadings[i][0]), num(a.Map.Loadings[i][1]))
			}
		}
	case "blocs.csv":
		write("period", "row", "bloc")
		if b := a.Blocs; b != nil {
			for i, r := range b.Dendrogram.Rows {
				write("all", r, itoa(b.Labels[i]))
			}
		}
		for _, pb := range a.PeriodBlocs {
			for i, r := range pb.Rows {
				if pb.Labels[i] > 0 {
					write(pb.Period, r, itoa(pb.Labels[i]))
				}
			}
		}
	case "network.csv":
		n := a.Network
		write("source", "target", "weight", "mode")
		n.Ties(func(i, j int, w float64) { write(n.Rows[i], n.Cols[j], num(w), string(n.Mode)) })
	case "polarisation.csv":
		write("period", "theme", "n", "sd", "range", "bimodality", "esteban_ray", "alpha")
		for _, p := range append([]analysis.Polarisation{a.Polarisation}, a.ByPeriod...) {
			for _, t := range p.Themes {
				write(p.Period.Label, t.Theme, itoa(t.N), num(t.SD), num(t.Range), num(t.Bimodality), num(t.EstebanRay), num(p.Alpha))
			}
		}
	case "drifts.csv":
		write("row", "from", "to", "theme", "from_stance", "to_stance", "delta", "distance")
		for _, d := range a.Drifts {
			for _, c := range d.Changes {
				write(d.Row, d.From, d.To, c.Theme, num(c.From), num(c.To), num(c.Delta), num(d.Distance))
			}
		}
	case "movers.csv":
		write("row", "first", "last", "net", "path", "steps", "shared_themes", "largest_theme", "largest_delta")
		for _, m := range a.Movers {
			write(m.Row, m.First, m.Last, num(m.Net), num(m.Path), itoa(m.Steps), itoa(m.Shared), m.Largest.Theme, num(m.Largest.Delta))
		}
	case "convergence.csv":
		write("period", "mean_distance", "pairs", "rows")
		for _, p := range a.Convergence.Points {
			write(p.Period, num(p.MeanDistance), itoa(p.Pairs), itoa(p.Rows))
		}
	case "findings.csv":
		write("rank", "kind", "score", "text", "rows", "themes", "statements", "statement_count")
		for i, f := range a.Findings {
			write(itoa(i+1), f.Kind, num(f.Score), f.Text, strings.Join(f.Rows, " "), strings.Join(f.Themes, " "),
				strings.Join(f.Statements, " "), itoa(f.StatementCount))
		}
	case "two_periods.csv":
		writeTwoPeriodsCSV(write, a.PeriodChange)
	default:
		return fmt.Errorf("no table %q", file)
	}
	cw.Flush()
	return cw.Error()
}
