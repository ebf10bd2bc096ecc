package html

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/stancemap/stancemap/analysis"
)

func (v *view) method() methodView {
	a := v.a
	o := a.Overall.Options
	m := methodView{Seed: fmt.Sprint(o.Seed), Level: fmt.Sprintf("%.0f%%", o.Level*100),
		Metric: string(a.Distances.Metric), MinOverlap: fmt.Sprint(a.Distances.MinOverlap),
		MapMethod: strings.ToUpper(string(cmp.Or(a.Map.Method, analysis.MapPCA))), Alpha: fmtNum(a.Polarisation.Alpha),
		Trend: a.Convergence.Trend, Slope: fmtSigned(a.Convergence.Slope), PeriodSpec: a.Periods.Options.Period.String(),
		Unplaced: len(a.Periods.Unplaced)}
	if o.Bootstrap > 0 {
		m.Bootstrap = fmt.Sprint(o.Bootstrap)
	}
	if a.Blocs != nil {
		m.K, m.Silhouette = fmt.Sprint(a.Blocs.K), fmtNum(a.Blocs.Silhouette)
	}
	if a.Communities != nil {
		m.Modularity, m.Resolution = fmtNum(a.Communities.Modularity), fmtNum(a.Communities.Resolution)
	}
	no := a.Network.Options
	if no.Mode != "" {
		m.Network = fmt.Sprintf("%s, qualifier %s, normalisation %s, duplicates %s", no.Mode, no.Qualifier, no.Normalization, no.Duplicates)
	}
	return m
}
