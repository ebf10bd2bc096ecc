package html

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/stancemap/stancemap/analysis"
)

// A report of thousands of rows cannot draw every row: a heatmap of
// 2,000 rows is a slider nobody finds an actor with, the distance
// triangle alone is 2 million numbers, and 2,000 profiles are megabytes
// of closed boxes. Beyond crowdRows rows the report is summarised: the
// per-row charts (heatmaps, distances, network, axis) and the profiles
// show the shownRows most active rows, the clustering tree is cut into
// its shownRows top branches, the map keeps every dot, and the page says
// so. A finder in the header reaches every other row from compact data
// (rowsData): it adds the row to the heatmaps, marks it on the map and
// the network, picks it in the radar and opens its profile.
const (
	crowdRows = 200
	shownRows = 50
)

// crowdView is what the page says about the summary.
type crowdView struct {
	Rows, Shown, Top int
	Word             string // "actor", "group", …
}

// setShown picks the rows the per-row charts draw: all of them, in
// display order, up to crowdRows; beyond, the shownRows most active, in
// display order.
func (v *view) setShown() {
	if len(v.rows) <= crowdRows {
		v.shown = v.order
		return
	}
	v.crowd = true
	top := make([]bool, len(v.rows))
	for k, i := range v.byActivity() {
		if k == shownRows {
			break
		}
		top[i] = true
	}
	for _, i := range v.order {
		if top[i] {
			v.shown = append(v.shown, i)
		}
	}
}

// isShown reports whether row i is drawn on the per-row charts.
func (v *view) isShown(i int) bool {
	if !v.crowd {
		return true
	}
	if v.shownSet == nil {
		v.shownSet = make([]bool, len(v.rows))
		for _, j := range v.shown {
			v.shownSet[j] = true
		}
	}
	return v.shownSet[i]
}

// rowsData is every row in compact form, for the finder of a summarised
// report: labels and ids (to search), statements, the evidence filter
// value, and the stance and salience cells as the heatmaps draw them
// (stance [theme, mean, n, low, high, example]; salience [theme,
// salience, n]). Shown lists the rows the charts draw.
type rowsData struct {
	Labels   []string `json:"labels"`
	IDs      []string `json:"ids"`
	N        []int    `json:"n"`
	Filter   []int    `json:"filter"`
	Shown    []int    `json:"shown"`
	Stance   [][]any  `json:"stance"`
	Salience [][]any  `json:"salience"`
	Themes   []string `json:"themes"`
	Word     string   `json:"word"`
}

func (v *view) rowsData(word string) *rowsData {
	if !v.crowd {
		return nil
	}
	d := &rowsData{Shown: v.shown, Themes: v.themes, Word: word}
	for i, r := range v.rows {
		d.Labels = append(d.Labels, r.label)
		d.IDs = append(d.IDs, r.id)
		d.N = append(d.N, r.n)
		f := -1
		if k, ok := v.actorIdx[r.id]; ok && v.a.Overall.GroupBy == analysis.ByActor {
			f = k
		}
		d.Filter = append(d.Filter, f)
		st, sa := []any{}, []any{}
		for t, cell := range v.overall.Cells[i] {
			if cell.N > 0 && finite(cell.Mean) {
				st = append(st, []any{t, num(cell.Mean), cell.N, num(cell.CILow), num(cell.CIHigh), v.exampleRef(cell.Example)})
			}
			if finite(cell.Salience) && cell.N > 0 {
				sa = append(sa, []any{t, num(cell.Salience), cell.N})
			}
		}
		d.Stance = append(d.Stance, st)
		d.Salience = append(d.Salience, sa)
	}
	return d
}

// collapsedTree is the top of a clustering tree of many leaves: the
// last groups−1 merges, each subtree below them one leaf, named after its
// most active row with how many others it holds. It returns, in drawing
// order, each group's name, its node (a row, or n+k for merge k) and its
// members' count, and the index of the first merge drawn.
func (v *view) collapsedTree(groups int) (names []string, nodes []int, first int) {
	t := v.a.Blocs.Dendrogram
	n := len(t.Rows)
	first = max(0, len(t.Merges)-(groups-1))
	drawnParent := make([]bool, n+len(t.Merges))
	for k := first; k < len(t.Merges); k++ {
		drawnParent[t.Merges[k].A] = true
		drawnParent[t.Merges[k].B] = true
	}
	// A group is a node below the cut whose parent is drawn, or a root
	// below the cut (a forest's tree never joined).
	hasParent := make([]bool, n+len(t.Merges))
	for _, m := range t.Merges {
		hasParent[m.A] = true
		hasParent[m.B] = true
	}
	isGroup := func(x int) bool { return x < n+first && (drawnParent[x] || !hasParent[x]) }
	// Walk down from each group to its leaves.
	members := map[int][]int{}
	for x := range n + first {
		if !isGroup(x) {
			continue
		}
		stack := []int{x}
		for len(stack) > 0 {
			y := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if y < n {
				members[x] = append(members[x], y)
				continue
			}
			m := t.Merges[y-n]
			stack = append(stack, m.A, m.B)
		}
	}
	pos := make([]int, n)
	for p, leaf := range t.OrderedLeaves() {
		pos[leaf] = p
	}
	for x := range members {
		nodes = append(nodes, x)
	}
	firstLeaf := func(x int) int {
		p := n
		for _, l := range members[x] {
			p = min(p, pos[l])
		}
		return p
	}
	slices.SortFunc(nodes, func(a, b int) int { return firstLeaf(a) - firstLeaf(b) })
	for _, x := range nodes {
		best, bestN, label := -1, -1, ""
		for _, l := range members[x] {
			id := t.Rows[l]
			j, ok := v.byRow[id]
			if !ok {
				continue
			}
			if r := v.rows[j]; r.n > bestN || (r.n == bestN && r.label < label) {
				best, bestN, label = j, r.n, r.label
			}
		}
		if best < 0 {
			label = t.Rows[members[x][0]]
		}
		if k := len(members[x]) - 1; k > 0 {
			label += fmt.Sprintf(" and %d more", k)
		}
		names = append(names, label)
	}
	return names, nodes, first
}

// collapsedDendro draws the top of the clustering tree of a summarised
// report: shownRows branches, each a leaf named after its most active
// row; a branch's own line runs from 0 to the height at which its rows
// had joined.
func (v *view) collapsedDendro(b *analysis.Blocs) *chartSpec {
	t := b.Dendrogram
	n := len(t.Rows)
	names, groups, first := v.collapsedTree(shownRows)
	size := n + len(t.Merges)
	pos := make([]float64, size)
	height := make([]float64, size)
	blocOf := make([]int, size)
	for i := range n {
		if i < len(b.Labels) {
			blocOf[i] = b.Labels[i]
		}
	}
	for k, m := range t.Merges {
		height[n+k] = m.Height
		if blocOf[m.A] == blocOf[m.B] {
			blocOf[n+k] = blocOf[m.A]
		}
	}
	colour := func(x int) string {
		if blocOf[x] > 0 {
			return colorOf(blocOf[x])
		}
		return grey
	}
	var segs []polyline
	for p, x := range groups {
		pos[x] = float64(p)
		if height[x] > 0 {
			segs = append(segs, polyline{Coords: [][2]any{{0, p}, {num(height[x]), p}},
				LineStyle: lineStyle{Color: colour(x), Width: 4, Opacity: 0.5}})
		}
	}
	top := 0.0
	for k := first; k < len(t.Merges); k++ {
		m := t.Merges[k]
		id := n + k
		pos[id] = (pos[m.A] + pos[m.B]) / 2
		top = max(top, m.Height)
		segs = append(segs, polyline{
			Coords: [][2]any{
				{num(height[m.A]), num(pos[m.A])}, {num(m.Height), num(pos[m.A])},
				{num(m.Height), num(pos[m.B])}, {num(height[m.B]), num(pos[m.B])},
			},
			LineStyle: lineStyle{Color: colour(id)},
		})
	}
	g := len(groups)
	o := treeOption(names, g, top, segs, 0)
	if b.K > 1 && n-b.K >= 0 && n-b.K < len(t.Merges) && n-b.K >= first {
		o.Series = append(o.Series, treeCut(t.Merges, n, b.K))
	}
	return &chartSpec{ID: "chart-dendro", Kind: "dendro", Height: 90 + 16*max(6, g), Option: o}
}

// keepShown cuts a scaling of a summarised report to the shownRows
// actors with the most statements on the axis, and says so.
func (v *view) keepShown(s *analysis.Scaling) string {
	n := map[string]int{}
	for _, q := range s.Positions {
		n[q.Actor] += q.N
	}
	if len(n) <= shownRows {
		return ""
	}
	ids := make([]string, 0, len(n))
	for id := range n {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int {
		return cmp.Or(n[b]-n[a], cmp.Compare(a, b))
	})
	keep := map[string]bool{}
	for _, id := range ids[:shownRows] {
		keep[id] = true
	}
	var pos []analysis.ScalePosition
	for _, q := range s.Positions {
		if keep[q.Actor] {
			pos = append(pos, q)
		}
	}
	s.Positions = pos
	return fmt.Sprintf("The chart places the %d actors with the most statements on the axis's themes, of the %s placed.", shownRows, thousands(len(ids)))
}

// thousands writes n with a comma between thousands: 2,000.
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
