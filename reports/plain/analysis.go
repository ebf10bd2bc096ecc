package plain

import (
	"io"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/reports"
)

// AnalysisSchema names the version of the JSON document written by
// WriteAnalysisJSON; docs/analysis-json.md describes it. A change that
// removes or renames a field bumps the number.
const AnalysisSchema = "stancemap.analysis/1"

type nums []reports.Float

func numsOf(v []float64) nums {
	out := make(nums, len(v))
	for i, x := range v {
		out[i] = reports.Float(x)
	}
	return out
}

func matrixOf(v [][]float64) []nums {
	out := make([]nums, len(v))
	for i, r := range v {
		out[i] = numsOf(r)
	}
	return out
}

func strs[T ~string](v []T) []T {
	if v == nil {
		return []T{}
	}
	return v
}

// matrixJSON is one period's stance matrix with its non-empty cells.
func matrixJSON(m analysis.Matrix) jsonMatrix {
	n := 0
	for _, row := range m.Cells {
		for _, c := range row {
			if c.N != 0 {
				n++
			}
		}
	}
	jm := jsonMatrix{Period: m.Period.Label, From: m.Period.From.String(), To: m.Period.To.String(), Rows: strs(m.Rows), Themes: strs(m.Themes), Cells: make([]jsonCell, 0, n)}
	for i, row := range m.Rows {
		for j, th := range m.Themes {
			c := m.Cells[i][j]
			if c.N == 0 {
				continue
			}
			jm.Cells = append(jm.Cells, jsonCell{row, th, c.N, reports.Float(c.Weight), reports.Float(c.Mean), reports.Float(c.SD),
				reports.Float(c.CILow), reports.Float(c.CIHigh), reports.Float(c.Salience), c.Example})
		}
	}
	return jm
}

type polJSON struct {
	Period  string        `json:"period"`
	Alpha   float64       `json:"alpha"`
	Overall reports.Float `json:"overall"`
	Ranked  []string      `json:"ranked"`
	Themes  []polItem     `json:"themes"`
}

type polItem struct {
	Theme      string        `json:"theme"`
	N          int           `json:"n"`
	SD         reports.Float `json:"sd"`
	Range      reports.Float `json:"range"`
	Bimodality reports.Float `json:"bimodality"`
	EstebanRay reports.Float `json:"esteban_ray"`
	Notes      []string      `json:"notes"`
}

func polOf(p analysis.Polarisation) polJSON {
	out := polJSON{Period: p.Period.Label, Alpha: p.Alpha, Overall: reports.Float(p.Overall), Ranked: strs(p.Ranked), Themes: []polItem{}}
	for _, t := range p.Themes {
		out.Themes = append(out.Themes, polItem{t.Theme, t.N, reports.Float(t.SD), reports.Float(t.Range), reports.Float(t.Bimodality), reports.Float(t.EstebanRay), strs(t.Notes)})
	}
	return out
}

// AnalysisMeta is what the JSON document says about how it was made.
type AnalysisMeta struct {
	Version string   `json:"version"`
	Inputs  []string `json:"inputs"`
	Options any      `json:"options"`
	// Filters is what the filters kept of the statements read and what
	// they left out; absent when no filter was set.
	Filters *data.Selection `json:"filters,omitempty"`
}

// WriteAnalysisJSON writes every result of an analysis as one JSON
// document (schema AnalysisSchema). Numbers that do not exist (an empty
// cell's mean, a distance between incomparable actors) are null, never
// NaN; arrays are never null.
func WriteAnalysisJSON(w io.Writer, a *analysis.Analysis, c *data.Corpus, meta AnalysisMeta) error {
	type themeInfo struct {
		ID       string `json:"id"`
		Label    string `json:"label"`
		Positive string `json:"positive"`
		Negative string `json:"negative"`
	}
	type rowInfo struct {
		ID      string   `json:"id"`
		Name    string   `json:"name"`
		Kind    string   `json:"kind"`
		Country string   `json:"country,omitempty"`
		Groups  []string `json:"groups"`
	}
	doc := map[string]any{"schema": AnalysisSchema, "meta": meta}
	doc["summary"] = map[string]any{"statements": a.Summary.Statements, "actors": a.Summary.Actors, "themes": a.Summary.Themes,
		"rows": a.Summary.Rows, "from": a.Summary.From.String(), "to": a.Summary.To.String(), "group_by": groupByName(a.Overall.GroupBy)}
	themes := []themeInfo{}
	if c.Codebook != nil {
		for _, t := range c.Codebook.Themes {
			themes = append(themes, themeInfo{t.ID, t.Label, t.Positive, t.Negative})
		}
	}
	doc["themes"] = themes
	rows := []rowInfo{}
	for _, r := range a.Overall.Rows {
		ri := rowInfo{ID: r, Name: r, Kind: groupByName(a.Overall.GroupBy), Groups: []string{}}
		if a.Overall.GroupBy == analysis.ByActor {
			if act, ok := c.Actors.Get(r); ok {
				ri.Name, ri.Kind, ri.Country, ri.Groups = act.Name, string(act.Kind), act.Country, strs(act.Groups)
			}
		}
		rows = append(rows, ri)
	}
	doc["rows"] = rows

	periods := []jsonMatrix{}
	for _, m := range a.Periods.Matrices {
		periods = append(periods, matrixJSON(m))
	}
	unplaced := []jsonUnplaced{}
	for _, u := range a.Periods.Unplaced {
		unplaced = append(unplaced, jsonUnplaced{u.Statement, u.Pos.String(), u.Reason})
	}
	doc["matrices"] = map[string]any{"overall": matrixJSON(a.Overall.Matrices[0]), "periods": periods, "unplaced": unplaced,
		"bootstrap_resamples": a.Overall.Options.Bootstrap, "ci_level": a.Overall.Options.Level, "seed": a.Overall.Options.Seed}

	d := a.Distances
	doc["distances"] = map[string]any{"metric": d.Metric, "min_overlap": d.MinOverlap, "rows": strs(d.Rows),
		"d": matrixOf(d.D), "shared": sharedOf(d.Shared)}

	mp := a.Map
	doc["map"] = map[string]any{"method": mp.Method, "rows": strs(mp.Rows), "coords": matrixOf(mp.Coords),
		"explained": numsOf(mp.Explained), "themes": strs(mp.Themes), "loadings": matrixOf(mp.Loadings),
		"se": matrixOf(mp.SE), "imputed": mp.Imputed, "dropped": strs(mp.Dropped), "dropped_themes": strs(mp.DroppedThemes), "notes": strs(mp.Notes), "error": a.MapError}

	blocs := map[string]any{"error": a.BlocsError}
	if b := a.Blocs; b != nil {
		merges := []map[string]any{}
		for _, m := range b.Dendrogram.Merges {
			merges = append(merges, map[string]any{"a": m.A, "b": m.B, "height": reports.Float(m.Height), "size": m.Size})
		}
		dropped := []map[string]string{}
		for _, r := range b.Dropped {
			dropped = append(dropped, map[string]string{"row": r.Row, "reason": r.Reason})
		}
		blocs = map[string]any{"k": b.K, "silhouette": reports.Float(b.Silhouette), "rows": strs(b.Dendrogram.Rows), "labels": b.Labels,
			"merges": merges, "leaf_order": b.Dendrogram.OrderedLeaves(), "dropped": dropped, "groups": b.Groups, "error": ""}
	}
	doc["blocs"] = blocs

	n := a.Network
	edges := []jsonEdge{}
	n.Ties(func(i, j int, w float64) { edges = append(edges, jsonEdge{n.Rows[i], n.Cols[j], reports.Float(w)}) })
	net := map[string]any{"mode": n.Mode, "qualifier": n.Options.Qualifier, "normalization": n.Options.Normalization,
		"duplicates": n.Options.Duplicates, "scale": n.Options.Scale, "rows": strs(n.Rows), "cols": strs(n.Cols), "edges": edges,
		"statements": n.Statements, "excluded": n.Excluded, "duplicate_statements": n.Duplicates, "error": a.NetworkError}
	if cm := a.Communities; cm != nil {
		net["communities"] = map[string]any{"rows": strs(cm.Rows), "labels": cm.Labels, "modularity": reports.Float(cm.Modularity), "resolution": cm.Resolution}
	}
	doc["network"] = net

	byPeriod := []polJSON{}
	for _, p := range a.ByPeriod {
		byPeriod = append(byPeriod, polOf(p))
	}
	doc["polarisation"] = map[string]any{"overall": polOf(a.Polarisation), "periods": byPeriod}

	drifts := []map[string]any{}
	for _, dr := range a.Drifts {
		drifts = append(drifts, map[string]any{"row": dr.Row, "from": dr.From, "to": dr.To, "distance": reports.Float(dr.Distance),
			"shared": dr.Shared, "changes": changesOf(dr.Changes)})
	}
	movers := []map[string]any{}
	for _, mv := range a.Movers {
		movers = append(movers, map[string]any{"row": mv.Row, "first": mv.First, "last": mv.Last, "net": reports.Float(mv.Net),
			"path": reports.Float(mv.Path), "steps": mv.Steps, "shared": mv.Shared, "largest": changesOf([]analysis.ThemeChange{mv.Largest})[0]})
	}
	points := []map[string]any{}
	for _, p := range a.Convergence.Points {
		points = append(points, map[string]any{"period": p.Period, "mean_distance": reports.Float(p.MeanDistance), "pairs": p.Pairs, "rows": p.Rows})
	}
	pbs := []map[string]any{}
	for _, pb := range a.PeriodBlocs {
		pbs = append(pbs, map[string]any{"period": pb.Period, "rows": strs(pb.Rows), "labels": pb.Labels})
	}
	flows := []map[string]any{}
	for _, f := range a.Flows {
		flows = append(flows, map[string]any{"from": f.From, "to": f.To, "from_bloc": f.FromBloc, "to_bloc": f.ToBloc, "rows": strs(f.Rows)})
	}
	doc["evolution"] = map[string]any{"drifts": drifts, "movers": movers,
		"convergence": map[string]any{"metric": a.Convergence.Metric, "min_overlap": a.Convergence.MinOverlap, "points": points,
			"slope": reports.Float(a.Convergence.Slope), "trend": a.Convergence.Trend},
		"period_blocs": pbs, "flows": flows, "two_periods": twoPeriodsJSON(a.PeriodChange), "two_periods_error": a.PeriodChangeError}

	findings := a.Findings
	if findings == nil {
		findings = []analysis.Finding{}
	}
	doc["findings"] = findingsJSON(findings)
	doc["evidence"] = evidenceJSON(a.Evidence)
	doc["notes"] = strs(a.Notes)
	doc["skipped"] = strs(a.Skipped)

	return writeIndented(w, doc)
}

// jsonEdge is one edge of the network: a dense network of 2,000 actors
// has two million.
type jsonEdge struct {
	Source, Target string
	Weight         reports.Float
}

// MarshalJSON writes the edge as {"source", "target", "weight"}.
func (e jsonEdge) MarshalJSON() ([]byte, error) {
	b := append(make([]byte, 0, 64), `{"source":`...)
	b = appendStr(b, e.Source)
	b = append(b, `,"target":`...)
	b = appendStr(b, e.Target)
	b = append(b, `,"weight":`...)
	b = reports.AppendFloat(b, float64(e.Weight))
	return append(b, '}'), nil
}

func findingsJSON(fs []analysis.Finding) []map[string]any {
	out := []map[string]any{}
	for _, f := range fs {
		out = append(out, map[string]any{"kind": f.Kind, "text": f.Text, "score": reports.Float(f.Score), "rows": strs(f.Rows),
			"themes": strs(f.Themes), "statements": strs(f.Statements), "statement_count": f.StatementCount})
	}
	return out
}

func changesOf(cs []analysis.ThemeChange) []map[string]any {
	out := []map[string]any{}
	for _, c := range cs {
		out = append(out, map[string]any{"theme": c.Theme, "from": reports.Float(c.From), "to": reports.Float(c.To), "delta": reports.Float(c.Delta)})
	}
	return out
}

func sharedOf(v [][]int) [][]int {
	if v == nil {
		return [][]int{}
	}
	return v
}

func groupByName(g analysis.GroupBy) string {
	if g == analysis.ByActor {
		return "actor"
	}
	return string(g)
}

// evidenceJSON writes what the findings left out and their tests.
func evidenceJSON(e analysis.Evidence) map[string]any {
	thin := []map[string]any{}
	for _, t := range e.Thin {
		thin = append(thin, map[string]any{"row": t.Row, "statements": t.Statements})
	}
	out := map[string]any{"options": e.Options, "thin": thin, "thin_cells": e.ThinCells, "blocs": nil, "trend": nil, "notes": strs(e.Notes)}
	if b := e.Blocs; b != nil {
		groups := []map[string]any{}
		for _, g := range b.Groups {
			groups = append(groups, map[string]any{"label": g.Label, "rows": strs(g.Rows)})
		}
		out["blocs"] = map[string]any{"rows": b.Rows, "k": b.K, "silhouette": reports.Float(b.Silhouette), "p": reports.Float(b.P),
			"permutations": b.Permutations, "groups": groups, "outliers": strs(b.Outliers)}
	}
	if t := e.Trend; t != nil {
		ms := make([]reports.Float, len(t.MeanSquared))
		for i, v := range t.MeanSquared {
			ms[i] = reports.Float(v)
		}
		pairs := t.Pairs
		if pairs == nil {
			pairs = []int{}
		}
		out["trend"] = map[string]any{"periods": strs(t.Periods), "pairs": pairs, "mean_squared": ms, "slope": reports.Float(t.Slope),
			"slope_low": reports.Float(t.SlopeLow), "slope_high": reports.Float(t.SlopeHigh), "verdict": t.Verdict,
			"periods_skipped": strs(t.PeriodsSkipped)}
	}
	return out
}
