package analysis

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/stancemap/stancemap/data"
)

// AnalyzeOptions bring together the options of every measure. The zero
// value is the documented default of each.
type AnalyzeOptions struct {
	Matrix   MatrixOptions   // periods, grouping, bootstrap
	Window   *Window         // moving windows instead of Matrix.Period, when set
	Distance DistanceOptions // metric and minimum overlap
	Map      MapOptions      // PCA or MDS
	// K is the number of blocs; 0 picks the k from 2 to MaxK with the best
	// mean silhouette.
	K, MaxK    int
	Alpha      float64        // Esteban–Ray sensitivity; 0 means DefaultAlpha
	Network    NetworkOptions // the agreement network (one-mode by default)
	Resolution float64        // Louvain resolution; 0 means 1
	Findings   FindingOptions // the evidence a finding needs

	// Compare chooses the two periods compared side by side (part of
	// evolution); its MinStatements defaults to Findings.MinStatements.
	Compare PeriodChangeOptions
	// Skip lists measures (of Measures) not to compute, to save time on
	// a large corpus: the matrices and distances are always computed.
	Skip []Measure
}

// Measures are the measures of Analyze that AnalyzeOptions.Skip can
// leave out: the position map, the blocs (average-linkage clustering),
// the agreement network with its communities, polarisation (overall and
// per period), evolution (drift, movers, convergence, blocs over time)
// and the findings.
var Measures = []Measure{MeasureMap, MeasureBlocs, MeasureNetwork, MeasurePolarisation, MeasureEvolution, MeasureFindings}

// Measure names a measure of Analyze that can be skipped.
type Measure string

// The measures of Measures.
const (
	MeasureMap          Measure = "map"
	MeasureBlocs        Measure = "blocs"
	MeasureNetwork      Measure = "network"
	MeasurePolarisation Measure = "polarisation"
	MeasureEvolution    Measure = "evolution"
	MeasureFindings     Measure = "findings"
)

// MeasureList lists measures for people, "map, blocs, …"; with none
// given, all of Measures.
func MeasureList(ms ...Measure) string {
	if ms == nil {
		ms = Measures
	}
	names := make([]string, len(ms))
	for i, m := range ms {
		names[i] = string(m)
	}
	return strings.Join(names, ", ")
}

// ParseSkip reads a comma-separated list of Measures.
func ParseSkip(s string) ([]Measure, error) {
	var out []Measure
	for _, name := range strings.Split(s, ",") {
		m := lowerTrim(Measure(name))
		if m == "" {
			continue
		}
		if m == "polarization" {
			m = MeasurePolarisation
		}
		if !slices.Contains(Measures, m) {
			return nil, fmt.Errorf("unknown measure %q to skip: the measures are %s", m, MeasureList())
		}
		if !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	return out, nil
}

// Summary describes the corpus analysed.
type Summary struct {
	Statements int
	Actors     int // actors with statements
	Themes     int // themes with statements
	From, To   data.Date
	Rows       int // rows of the matrices (actors, or groups)
}

// Blocs is a hierarchical clustering and its cut.
type Blocs struct {
	Dendrogram Dendrogram
	Dropped    []DroppedRow // rows left out: not comparable with some other row
	K          int
	Labels     []int // per Dendrogram.Rows, 1..K
	Silhouette float64
	Groups     []Bloc
}

// PeriodBlocs is the bloc of each row in one period, labelled by the
// overall bloc most of its members belong to; 0 for rows not clustered
// in the period.
type PeriodBlocs struct {
	Period string
	Rows   []string
	Labels []int
}

// BlocFlow is how many rows went from one bloc to another between two
// consecutive periods (a sankey link).
type BlocFlow struct {
	From, To         string // periods
	FromBloc, ToBloc int
	Rows             []string
}

// Analysis is every result of Analyze.
type Analysis struct {
	Summary      Summary
	Overall      *MatrixSet // one period over the whole span
	Periods      *MatrixSet // by Matrix.Period or by Window
	Distances    Distances  // between rows, over the whole span
	Map          PositionMap
	MapError     string
	Blocs        *Blocs
	BlocsError   string
	Network      Network
	Communities  *Communities
	NetworkError string
	Polarisation Polarisation   // over the whole span
	ByPeriod     []Polarisation // one per period
	Drifts       []Drift
	Movers       []Mover
	Convergence  Convergence
	PeriodBlocs  []PeriodBlocs
	Flows        []BlocFlow
	Findings     []Finding
	Evidence     Evidence // what the findings left out, and their tests
	Notes        []string
	Skipped      []Measure // the measures not computed (AnalyzeOptions.Skip)

	// PeriodChange compares two periods side by side; nil, with the reason
	// in PeriodChangeError, when it could not be computed.
	PeriodChange      *PeriodChange
	PeriodChangeError string
}

// Analyze computes every measure of stancemap on a corpus. Measures that
// cannot be computed on it (a position map of one actor, blocs with
// every pair incomparable) leave their result empty and say why in the
// matching …Error field or in Notes; they never stop the rest.
func Analyze(c *data.Corpus, opt AnalyzeOptions) (*Analysis, error) {
	a := &Analysis{}
	whole := opt.Matrix
	whole.Period = PeriodSpec{Kind: PeriodAll}
	if c == nil {
		return nil, errors.New("analysis: no corpus")
	}
	whole, err := whole.withDefaults()
	if err != nil {
		return nil, err
	}
	if err := opt.Findings.Check(); err != nil {
		return nil, err
	}
	byPeriod, err := opt.Matrix.withDefaults()
	if err != nil {
		return nil, err
	}
	skip := func(m Measure) bool { return slices.Contains(opt.Skip, m) }
	// The measures run side by side where they do not depend on each
	// other, so that both cores stay busy: the network reads only the
	// statements and starts at once; the findings read the matrices and
	// start once they are made; the rest follow the distances. Each
	// writes only its own fields of a, and each is deterministic, so the
	// result does not depend on how they interleave.
	var side sync.WaitGroup
	defer side.Wait()
	if !skip(MeasureNetwork) {
		side.Go(func() { a.network(c, opt) })
	}
	// One index of the statements serves both sets of matrices and the
	// summary; the two sets are independent: one core each.
	ix := newCorpusIndex(c.Statements)
	var perr error
	var wg sync.WaitGroup
	wg.Go(func() {
		if opt.Window != nil {
			a.Periods, perr = WindowMatrices(c, opt.Matrix, *opt.Window)
		} else {
			a.Periods, perr = stanceMatrices(c, ix, byPeriod)
		}
	})
	a.Overall, err = stanceMatrices(c, ix, whole)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	if perr != nil {
		return nil, perr
	}
	overall := a.Overall.Matrices[0]
	a.Summary = summarise(c, ix, overall)

	var findings []Finding
	var evidence Evidence
	if !skip(MeasureFindings) {
		fo := opt.Findings
		if fo.Seed == 0 {
			fo.Seed = opt.Matrix.Seed
		}
		side.Go(func() {
			findings, evidence = Findings(FindingInputs{Corpus: c, Overall: &overall, Periods: a.Periods, GroupBy: a.Overall.GroupBy,
				Distance: opt.Distance, Options: fo, SkipPolarisation: skip(MeasurePolarisation), SkipEvolution: skip(MeasureEvolution),
				SkipBlocs: skip(MeasureBlocs)})
		})
	}
	for _, m := range Measures {
		if skip(m) {
			a.Skipped = append(a.Skipped, m)
		}
	}
	pos := PositionsOf(overall)
	a.Distances = ActorDistances(pos, opt.Distance)
	mopt := opt.Map
	if mopt.Metric == "" {
		mopt.Metric = opt.Distance.Metric
	}
	if mopt.MinOverlap == 0 {
		mopt.MinOverlap = opt.Distance.MinOverlap
	}
	if !skip(MeasureMap) {
		if m, err := MapPositions(pos, mopt); err != nil {
			a.MapError = err.Error()
		} else {
			MapErrors(&m, overall)
			a.Map = m
		}
	}
	if !skip(MeasureBlocs) {
		if b, err := blocsOf(a.Distances, opt.K, opt.MaxK); err != nil {
			a.BlocsError = err.Error()
		} else {
			a.Blocs = b
		}
	}

	if !skip(MeasurePolarisation) {
		a.Polarisation = PolarisationOf(overall, opt.Alpha)
		for _, m := range a.Periods.Matrices {
			a.ByPeriod = append(a.ByPeriod, PolarisationOf(m, opt.Alpha))
		}
	}
	if !skip(MeasureEvolution) {
		a.Drifts = Drifts(a.Periods)
		a.Movers = Movers(a.Periods)
		a.Convergence = ConvergenceOf(a.Periods, opt.Distance)
		if a.Blocs != nil {
			a.PeriodBlocs, a.Flows = blocsOverTime(a.Periods, a.Blocs, opt.Distance)
		}
		if err := a.comparePeriods(opt); err != nil {
			return nil, err
		}
	}
	side.Wait()
	if !skip(MeasureFindings) {
		a.Findings, a.Evidence = findings, evidence
		a.Notes = append(a.Notes, a.Evidence.Notes...)
		if t := a.Evidence.Trend; t != nil && !skip(MeasureEvolution) {
			// The trend a reader sees is the one that holds given the
			// sampling error, not the sign of a slope.
			a.Convergence.Trend = t.Verdict
		}
	}
	if n := len(a.Periods.Unplaced); n > 0 {
		a.Notes = append(a.Notes, fmt.Sprintf("%d statements could not be placed in a period (see unplaced)", n))
	}
	return a, nil
}

// network fills the agreement network and, for a one-mode network, its
// Louvain communities.
func (a *Analysis) network(c *data.Corpus, opt AnalyzeOptions) {
	n, err := AgreementNetwork(c, opt.Network)
	if err != nil {
		a.NetworkError = err.Error()
		return
	}
	a.Network = n
	if n.Mode == "one-mode" || n.Mode == "" {
		res := opt.Resolution
		if res == 0 {
			res = 1
		}
		if cm, err := LouvainBlocs(n, res, opt.Matrix.Seed); err != nil {
			a.NetworkError = err.Error()
		} else {
			a.Communities = &cm
		}
	}
}

func summarise(c *data.Corpus, ix *corpusIndex, overall Matrix) Summary {
	return Summary{Statements: len(c.Statements), Actors: len(ix.actors), Themes: len(ix.themes),
		From: ix.spans.first, To: ix.spans.last, Rows: len(overall.Rows)}
}

// blocsOf clusters the rows that are comparable with every other row,
// cut at k or, for k = 0, at the best silhouette among 2..maxK (maxK 0
// means 8, and never more than rows − 1).
func blocsOf(d Distances, k, maxK int) (*Blocs, error) {
	kept, dropped := d.DropIncomparable()
	n := len(kept.Rows)
	if n < 3 {
		have := map[int]string{0: "none is", 1: "only 1 is", 2: "only 2 are"}[n]
		return nil, fmt.Errorf("blocs need at least three actors comparable with each other; %s", have)
	}
	t, err := AverageLinkage(kept)
	if err != nil {
		return nil, err
	}
	b := &Blocs{Dendrogram: t, Dropped: dropped}
	if maxK == 0 {
		maxK = 8
	}
	maxK = min(maxK, n-1)
	if k > 0 {
		if k >= n {
			return nil, fmt.Errorf("cannot cut %d rows into %d blocs", n, k)
		}
		b.K, b.Labels = k, t.Cut(k)
		b.Silhouette, _ = Silhouette(kept, b.Labels)
	} else {
		b.K, b.Labels, b.Silhouette = BestCut(t, kept, 2, maxK)
	}
	for label := 1; label <= b.K; label++ {
		g := Bloc{Label: label}
		for i, l := range b.Labels {
			if l == label {
				g.Rows = append(g.Rows, t.Rows[i])
			}
		}
		b.Groups = append(b.Groups, g)
	}
	return b, nil
}

// blocsOverTime clusters each period with the overall k, labels each
// period cluster with the overall bloc most of its members are in (ties:
// the smaller label; members outside the overall blocs do not vote), and
// counts the rows moving between blocs from one period to the next.
func blocsOverTime(set *MatrixSet, overall *Blocs, opt DistanceOptions) ([]PeriodBlocs, []BlocFlow) {
	home := map[string]int{}
	for i, r := range overall.Dendrogram.Rows {
		home[r] = overall.Labels[i]
	}
	rowOf := make(map[string]int, len(set.Rows))
	for i, r := range set.Rows {
		rowOf[r] = i
	}
	var out []PeriodBlocs
	for _, m := range set.Matrices {
		pb := PeriodBlocs{Period: m.Period.Label, Rows: set.Rows, Labels: make([]int, len(set.Rows))}
		kept := comparableDistances(withOverlapPossible(PositionsOf(m), opt), opt)
		if len(kept.Rows) > overall.K {
			if t, err := AverageLinkage(kept); err == nil {
				labels := t.Cut(overall.K)
				votes := map[int]map[int]int{}
				for i, l := range labels {
					if h, ok := home[t.Rows[i]]; ok {
						if votes[l] == nil {
							votes[l] = map[int]int{}
						}
						votes[l][h]++
					}
				}
				for i, l := range labels {
					best, bestN := 0, 0
					for h := 1; h <= overall.K; h++ {
						if v := votes[l][h]; v > bestN {
							best, bestN = h, v
						}
					}
					pb.Labels[rowOf[t.Rows[i]]] = best
				}
			}
		}
		out = append(out, pb)
	}
	var flows []BlocFlow
	for k := 1; k < len(out); k++ {
		prev, cur := out[k-1], out[k]
		idx := map[[2]int]int{}
		for i, r := range set.Rows {
			a, b := prev.Labels[i], cur.Labels[i]
			if a == 0 || b == 0 {
				continue
			}
			key := [2]int{a, b}
			j, ok := idx[key]
			if !ok {
				j = len(flows)
				idx[key] = j
				flows = append(flows, BlocFlow{From: prev.Period, To: cur.Period, FromBloc: a, ToBloc: b})
			}
			flows[j].Rows = append(flows[j].Rows, r)
		}
	}
	return out, flows
}

// comparePeriods fills PeriodChange. Periods the user chose that do not
// exist stop the analysis; the default periods missing only leave a note
// in PeriodChangeError.
func (a *Analysis) comparePeriods(opt AnalyzeOptions) error {
	co := opt.Compare
	if co.MinStatements == 0 {
		co.MinStatements = opt.Findings.MinStatements
	}
	pc, err := ComparePeriods(a.Periods, co)
	switch {
	case err != nil && (co.From != "" || co.To != ""):
		return err
	case err != nil:
		a.PeriodChangeError = err.Error()
	default:
		a.PeriodChange = pc
	}
	return nil
}
