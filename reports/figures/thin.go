package figures

import (
	"fmt"

	"github.com/stancemap/stancemap/analysis"
)

// thinRows are the rows with fewer statements than the findings need
// (--min-actor-statements): the dendrogram marks their leaves with †.
func thinRows(a *analysis.Analysis) map[string]bool {
	out := map[string]bool{}
	for _, t := range a.Evidence.Thin {
		out[t.Row] = true
	}
	return out
}

func countThin(rows []string, thin map[string]bool) int {
	k := 0
	for _, r := range rows {
		if thin[r] {
			k++
		}
	}
	return k
}

// thinNote says what † marks.
func thinNote(k, min int) string {
	return fmt.Sprintf("†: fewer than %d statements (--min-actor-statements), %d clustered here but left out of the findings", min, k)
}
