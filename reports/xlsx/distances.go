package xlsx

import (
	"fmt"
	"math"
	"slices"

	"github.com/stancemap/stancemap/analysis"
)

// distanceOrder lists the indexes of d's rows as the Distances sheet
// shows them: the clustered rows in the dendrogram's leaf order, so that
// blocs sit together, then the rows left out of the clustering.
func (w *writer) distanceOrder() []int {
	d := w.a.Distances
	var out []int
	used := make([]bool, len(d.Rows))
	if b := w.a.Blocs; b != nil {
		for _, leaf := range b.Dendrogram.OrderedLeaves() {
			if i := slices.Index(d.Rows, b.Dendrogram.Rows[leaf]); i >= 0 && !used[i] {
				out = append(out, i)
				used[i] = true
			}
		}
	}
	for i := range d.Rows {
		if !used[i] {
			out = append(out, i)
		}
	}
	return out
}

func (w *writer) bloc(row string) any {
	if b := w.blocOf[row]; b > 0 {
		return b
	}
	return nil
}

func (w *writer) writeDistances() error {
	d := w.a.Distances
	order := w.distanceOrder()
	n := len(order)
	s, err := w.stream(sheetDistances)
	if err != nil {
		return err
	}
	idw, namew := w.rowWidths(d.Rows)
	widths := []float64{idw, namew, 6}
	for _, i := range order {
		widths = append(widths, fit(6, 20, d.Rows[i]))
	}
	if err := s.widths(widths...); err != nil {
		return err
	}
	if err := s.freeze(4, 3); err != nil {
		return err
	}
	metric := string(d.Metric)
	if metric == "" {
		metric = string(analysis.MetricEuclidean)
	}
	title := fmt.Sprintf("Distance between %ss (%s; compared on at least %d shared themes; blank: not comparable). Rows and columns follow the blocs.",
		w.rowLabel(), metric, d.MinOverlap)
	if err := s.add(styled(w.st.title, title)); err != nil {
		return err
	}
	head := w.headerRow(w.rowLabel(), "name", "bloc")
	for _, i := range order {
		head = append(head, styled(w.st.headerC, d.Rows[i]))
	}
	if err := s.add(head...); err != nil {
		return err
	}
	for _, i := range order {
		row := []any{d.Rows[i], w.name(d.Rows[i]), w.bloc(d.Rows[i])}
		for _, j := range order {
			row = append(row, styled(w.st.dec2, d.D[i][j]))
		}
		if err := s.add(row...); err != nil {
			return err
		}
	}
	if n > 0 {
		ref := fmt.Sprintf("%s:%s", cellName(4, 3), cellName(3+n, 2+n))
		if err := s.colourScale2(ref, 0, math.NaN(), "#E3803B"); err != nil {
			return err
		}
	}
	s.blank(1)
	if err := s.add(styled(w.st.title, "Themes both rows have spoken on (the diagonal: themes the row has spoken on)")); err != nil {
		return err
	}
	if err := s.add(head...); err != nil {
		return err
	}
	for _, i := range order {
		row := []any{d.Rows[i], w.name(d.Rows[i]), w.bloc(d.Rows[i])}
		for _, j := range order {
			if i < len(d.Shared) && j < len(d.Shared[i]) {
				row = append(row, d.Shared[i][j])
			} else {
				row = append(row, nil)
			}
		}
		if err := s.add(row...); err != nil {
			return err
		}
	}
	s.blank(1)
	for _, line := range []string{
		"0 means the same positions. Euclidean distance is the root mean square difference of mean stances over the shared themes (0 to 4).",
		"A pair is not comparable when the two share fewer themes than the minimum overlap: a distance over one theme would say little.",
	} {
		if err := s.add(styled(w.st.note, line)); err != nil {
			return err
		}
	}
	return s.close()
}
