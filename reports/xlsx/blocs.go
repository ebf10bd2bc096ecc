package xlsx

import (
	"fmt"
	"math"
	"slices"

	"github.com/stancemap/stancemap/analysis"
)

func (w *writer) writeBlocs() error {
	s, err := w.stream(sheetBlocs)
	if err != nil {
		return err
	}
	b := w.a.Blocs
	pbs := w.a.PeriodBlocs
	idw, namew := w.rowWidths(w.a.Distances.Rows)
	widths := []float64{idw, namew, 7, 11}
	for _, pb := range pbs {
		widths = append(widths, fit(8, 20, "bloc "+pb.Period))
	}
	widths = append(widths, 80)
	if err := s.widths(widths...); err != nil {
		return err
	}
	if err := s.freeze(3, 3); err != nil {
		return err
	}
	if b == nil {
		msg := "No blocs: " + w.a.BlocsError
		if w.a.BlocsError == "" {
			msg = "No blocs were computed."
		}
		if err := s.add(styled(w.st.title, msg)); err != nil {
			return err
		}
		return s.close()
	}
	title := fmt.Sprintf("Blocs: average-linkage clustering of the distances, cut into %d blocs (mean silhouette %.2f: near 1 well separated, near 0 overlapping).",
		b.K, b.Silhouette)
	if err := s.add(styled(w.st.title, title)); err != nil {
		return err
	}
	head := []string{w.rowLabel(), "name", "bloc", "silhouette"}
	for _, pb := range pbs {
		head = append(head, "bloc "+pb.Period)
	}
	head = append(head, "left out because")
	if err := s.add(w.headerRow(head...)...); err != nil {
		return err
	}
	kept, _ := w.a.Distances.DropIncomparable()
	_, per := analysis.Silhouette(kept, b.Labels)
	perRow := map[string]float64{}
	for i, r := range kept.Rows {
		if i < len(per) {
			perRow[r] = per[i]
		}
	}
	periodBloc := func(row string) []any {
		out := make([]any, len(pbs))
		for k, pb := range pbs {
			if i := slices.Index(pb.Rows, row); i >= 0 && pb.Labels[i] > 0 {
				out[k] = pb.Labels[i]
			}
		}
		return out
	}
	for _, leaf := range b.Dendrogram.OrderedLeaves() {
		r := b.Dendrogram.Rows[leaf]
		sil := math.NaN()
		if v, ok := perRow[r]; ok {
			sil = v
		}
		row := append([]any{r, w.name(r), b.Labels[leaf], styled(w.st.dec2, sil)}, periodBloc(r)...)
		if err := s.add(row...); err != nil {
			return err
		}
	}
	for _, dr := range b.Dropped {
		row := append([]any{dr.Row, w.name(dr.Row), nil, nil}, periodBloc(dr.Row)...)
		row = append(row, dr.Reason)
		if err := s.add(row...); err != nil {
			return err
		}
	}
	s.blank(1)
	notes := []string{
		"Rows are in the order of the dendrogram, so each bloc's members sit together. Silhouette: how much closer a row is to its own bloc than to the next one (−1 to 1).",
	}
	if len(pbs) > 0 {
		notes = append(notes, "Bloc per period: each period clustered on its own with the same number of blocs, each period's bloc named after the overall bloc most of its members belong to; blank: not clustered in that period.")
	}
	for _, line := range notes {
		if err := s.add(styled(w.st.note, line)); err != nil {
			return err
		}
	}
	return s.close()
}
