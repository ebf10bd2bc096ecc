package analysis

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/stancemap/stancemap/data"
)

// Network modes, stance handlings, normalisations and duplicate rules of
// NetworkOptions. The names are those of Leifeld's Discourse Network
// Analyzer (DNA 3) and its R package rDNA (dna_network), so that a DNA
// user finds the setting they know.
type (
	NetworkMode   string // one-mode or two-mode
	Qualifier     string // how stances enter a tie
	Normalization string // how ties are scaled
	DuplicateRule string // which repeated statements count
)

const (
	NetworkOneMode NetworkMode = "one-mode" // actor × actor
	NetworkTwoMode NetworkMode = "two-mode" // actor × theme

	QualifierIgnore     Qualifier = "ignore"
	QualifierCongruence Qualifier = "congruence" // one-mode only
	QualifierConflict   Qualifier = "conflict"   // one-mode only
	QualifierSubtract   Qualifier = "subtract"
	QualifierCombine    Qualifier = "combine" // two-mode only

	NormalizeNone       Normalization = "none"
	NormalizeAverage    Normalization = "average"    // one-mode only
	NormalizeJaccard    Normalization = "jaccard"    // one-mode only
	NormalizeCosine     Normalization = "cosine"     // one-mode only
	NormalizeActivity   Normalization = "activity"   // two-mode only
	NormalizeProminence Normalization = "prominence" // two-mode only

	DuplicatesInclude     DuplicateRule = "include"
	DuplicatesDocument    DuplicateRule = "document"
	DuplicatesWeek        DuplicateRule = "week"
	DuplicatesMonth       DuplicateRule = "month"
	DuplicatesYear        DuplicateRule = "year"
	DuplicatesAcrossRange DuplicateRule = "acrossrange"
)

// NetworkOptions say which agreement network AgreementNetwork builds.
// Every string option is matched ignoring case; the zero value of each is
// the first value listed. See AgreementNetwork for the formulas.
type NetworkOptions struct {
	// Mode is "one-mode" (actor × actor: who agrees with whom) or
	// "two-mode" (actor × theme: who says what). "" means one-mode;
	// DNA's spellings "onemode" and "twomode" are accepted.
	Mode NetworkMode
	// Qualifier is DNA's qualifier aggregation: how stances enter.
	// One-mode: "ignore" (co-statements on the same theme, whatever the
	// stance), "congruence" (similar stances), "conflict" (dissimilar
	// stances), "subtract" (congruence − conflict). Two-mode: "ignore"
	// (count statements), "subtract" (sum of stances: agree − disagree on
	// the binary scale), "combine" (a code saying which stances occur).
	// "" means ignore.
	Qualifier Qualifier
	// Normalization scales each tie. One-mode: "none", "average",
	// "jaccard", "cosine"; two-mode: "none", "activity", "prominence".
	// "" and DNA's "no" mean none.
	Normalization Normalization
	// Duplicates says which repeated statements count: "include" (all),
	// "document" (one identical statement per source), "week", "month",
	// "year" (one per calendar unit) or "acrossrange" (one overall).
	// "" means include.
	Duplicates DuplicateRule
	// Scale is the number of stance levels |K|: 2 (the binary
	// agree/disagree of DNA: stances −1 and +1), 3 (−1, 0, +1) or 5
	// (−2 … +2). 0 means the codebook's scale when its values are exactly
	// one of these three sets (a codebook built from a DNA export has
	// two), and 5 otherwise.
	Scale int
	// From and To keep only statements dated wholly within the first day
	// of From and the last day of To; a zero Date is no bound.
	From, To data.Date
	// TopK, when positive, sparsifies a one-mode network: each actor
	// keeps its TopK strongest positive ties, and a positive tie that is
	// among neither end's TopK strongest is set to 0 (see SparsifyTopK).
	// 0 keeps every tie. Not DNA's: a stancemap option for networks of
	// thousands of actors, where almost every pair has some weak tie.
	TopK int
}

// Network is an agreement network: a weighted matrix over actors (one
// mode) or actors and themes (two mode), with the counts that explain it.
type Network struct {
	Mode NetworkMode
	// Rows are the ids of the actors with at least one statement left
	// after the time filter and duplicate removal, sorted (as DNA does).
	Rows []string
	// Cols are Rows again for a one-mode network; for a two-mode network
	// the themes with at least one statement, in codebook order, then
	// themes missing from the codebook sorted by id.
	Cols []string
	// W[i][j] is the tie between Rows[i] and Cols[j]. One-mode: symmetric
	// with a zero diagonal. Always finite.
	W [][]float64
	// Options are the options used, with defaults filled in and names
	// in canonical form.
	Options NetworkOptions
	// RowFreq[i] is the number of statements (their total weight) of
	// Rows[i] that entered the network, and ColFreq[j] that of Cols[j]:
	// the node sizes DNA writes as "frequency".
	RowFreq, ColFreq []float64
	// Statements entered the network; Excluded were dropped by the time
	// filter; Duplicates were dropped by the duplicate rule. Together
	// they are all the statements of the corpus.
	Statements, Excluded, Duplicates int
}

// StanceLevels returns the stance values of a scale of k levels, lowest
// first: 2 → −1, +1; 3 → −1, 0, +1; 5 → −2 … +2. It returns nil for any
// other k.
func StanceLevels(k int) []int {
	switch k {
	case 2:
		return []int{-1, 1}
	case 3:
		return []int{-1, 0, 1}
	case 5:
		return []int{-2, -1, 0, 1, 2}
	}
	return nil
}

// StanceSimilarity is the ordinal similarity DNA gives two stances s and
// t on a scale of k levels: 1 − |s − t| / (max − min), where max − min is
// the span of the scale's values (2 for k = 2 or 3, 4 for k = 5). As the
// levels are evenly spaced this is 1 − |i − j| / (k − 1) for the level
// indexes i, j of s and t. On the binary scale it is 1 for the same
// stance and 0 for opposite ones.
func StanceSimilarity(s, t, k int) float64 {
	lv := StanceLevels(k)
	if lv == nil {
		return math.NaN()
	}
	span := float64(lv[len(lv)-1] - lv[0])
	return 1 - math.Abs(float64(s-t))/span
}

// CombineStances decodes a two-mode "combine" code of a network built on
// a scale of k levels into the stances it stands for, lowest first: on
// the binary scale 1 → [+1], 2 → [−1], 3 → [−1 +1], 0 → none.
func CombineStances(code, k int) []int {
	lv := StanceLevels(k)
	var out []int
	for i, v := range lv {
		if code&(1<<(len(lv)-1-i)) != 0 {
			out = append(out, v)
		}
	}
	return out
}

// AgreementNetwork builds the agreement network DNA's dna_network would
// build from the same statements (organization as variable 1, concept as
// variable 2, agreement as the qualifier), with stancemap's actors,
// themes and stances in their place. The formulas below are those of
// DNA 3's Exporter.java (filterStatements, computeOneModeMatrix,
// computeTwoModeMatrix; github.com/leifeld/dna, dna/src/main/java/export),
// read for this implementation; the differences are listed at the end.
//
// # Counting
//
// After the time filter (From, To) and the duplicate rule, statement
// counts are gathered per actor a, theme j and stance level k:
// x[a][j][k] = Σ wₛ over the statements s of a on j with stance k, where
// wₛ is the statement's weight. DNA counts every statement as 1; with
// all weights 1, as in any DNA import, x holds DNA's counts. nₐ = Σⱼₖ
// x[a][j][k] is the actor's activity (RowFreq).
//
// # Two-mode (actor × theme)
//
//   - ignore: W[a][j] = Σₖ x[a][j][k], the number of statements.
//   - subtract: W[a][j] = Σₖ vₖ·x[a][j][k], the sum of the stances vₖ:
//     on the binary scale, agreeing minus disagreeing statements; on the
//     5-level scale a +2 counts twice (DNA does the same with integer
//     qualifiers).
//   - combine: W[a][j] = Σ 2^(K−1−k) over the levels k (0 = lowest) that
//     occur in x[a][j], DNA's lexical rank of the levels used. On the
//     binary scale: 0 no statement, 1 only agreement, 2 only
//     disagreement, 3 both; on the 5-level scale +2 → 1, +1 → 2, 0 → 4,
//     −1 → 8, −2 → 16, summed. CombineStances decodes a code.
//   - activity divides row a by nₐ (for ignore and subtract alike, as DNA
//     does); prominence divides column j by the theme's count Σₐₖ
//     x[a][j][k]. A zero denominator gives 0. DNA warns that combine codes
//     cannot be normalised meaningfully; stancemap refuses the combination.
//
// # One-mode (actor × actor)
//
// For actors a ≠ b, each pair of their statements on the same theme
// contributes: the tie sums, over themes j and level pairs k, l,
// x[a][j][k]·x[b][j][l]·f(k, l), with
//
//   - ignore: f = 1, so W[a][b] = Σⱼ nₐⱼ·n_bⱼ, the number of pairs of
//     statements on a common theme;
//   - congruence: f = sim(k, l) = 1 − |vₖ − vₗ| / (v_max − v_min)
//     (StanceSimilarity); on the binary scale, pairs of equal stances;
//   - conflict: f = 1 − sim(k, l); on the binary scale, pairs of
//     opposite stances;
//   - subtract: congruence − conflict (f = 2·sim − 1).
//
// This is DNA's per-theme weighting: every pair of statements counts, so
// a theme two actors both speak about often weighs more, by the product
// of their counts. The diagonal is 0.
// Each tie is then divided by
//
//   - none: 1;
//   - average: (nₐ + n_b) / 2, the mean activity of the two actors;
//   - jaccard: m₁₀ + m₀₁ + m₁₁ over the cells (theme j, level k):
//     m₁₀ = Σ x[a][j][k] where x[b][j][k] = 0, m₀₁ the same with a and b
//     swapped, m₁₁ = Σ x[a][j][k]·x[b][j][k] where both are positive;
//   - cosine: nₐ·n_b. This is what DNA computes (the square roots it takes
//     are of nₐ² and n_b²), not the cosine of the two count vectors;
//     stancemap follows DNA so that numbers match.
//
// A zero denominator gives 0, as in DNA. For subtract, congruence and
// conflict are divided by the same denominator before subtracting.
//
// # Duplicates
//
// Statements are taken in date order (ties in corpus order) and one is
// dropped when an earlier kept statement is identical: same actor, same
// theme, same stance (the stance is not compared under "ignore", as in
// DNA) and the same unit: the same Source for "document" (statements
// without a source are never merged), the same ISO 8601 week (DNA's
// weeks are the UK locale's: Monday to Sunday, the same), calendar month
// or calendar year, or any time for "acrossrange". A date too
// coarse for the unit (a statement dated "2013" under "week") is its own
// unit: it is merged only with statements of the very same date. DNA
// compares weeks and months without their year, so January 2013 and
// January 2014 count as the same month there; stancemap compares the
// year too. The time filter is applied first, as in DNA.
//
// # Differences from DNA to know of
//
//   - DNA's ordinal similarity divides by the range of qualifier values
//     observed in the whole database; stancemap by the span of the
//     declared scale, so that one statement never changes the weights of
//     others. They agree whenever both ends of the scale occur.
//   - DNA's jaccard cells are (concept, qualifier value) when a
//     qualifier is set (the default), which stancemap always does.
//
// Errors wrap ErrOption: an unknown or misplaced option (congruence in a
// two-mode network, activity in a one-mode one, combine with a
// normalisation), a scale other than 2, 3 or 5, a statement whose stance
// is not on the scale. A statement with a negative or non-finite weight
// is an error too.
func AgreementNetwork(c *data.Corpus, opt NetworkOptions) (Network, error) {
	opt, err := normaliseNetworkOptions(c, opt)
	if err != nil {
		return Network{}, err
	}
	levels := StanceLevels(opt.Scale)
	// levelOf[stance − MinStance] is the level index of a stance, −1
	// when the stance is not on the scale.
	var levelOf [data.MaxStance - data.MinStance + 1]int
	for i := range levelOf {
		levelOf[i] = -1
	}
	for i, v := range levels {
		levelOf[v-data.MinStance] = i
	}
	K := len(levels)

	kept, excluded, err := networkFilter(c.Statements, opt, &levelOf)
	if err != nil {
		return Network{}, err
	}

	// Give actors and themes integer codes in reading order (statements
	// of one actor often follow each other, so the last name is
	// remembered instead of hashing every one).
	ss := c.Statements
	codes := make([]networkCodes, len(kept))
	actorCode, themeCode := map[string]int32{}, map[string]int32{}
	var actorNames, themeNames []string
	intern := func(m map[string]int32, names *[]string, name string) int32 {
		v, ok := m[name]
		if !ok {
			v = int32(len(*names))
			m[name] = v
			*names = append(*names, name)
		}
		return v
	}
	var lastActor, lastTheme string
	var ac, tc int32 = -1, -1
	for p, i := range kept {
		s := &ss[i]
		if ac < 0 || s.Actor != lastActor {
			ac, lastActor = intern(actorCode, &actorNames, s.Actor), s.Actor
		}
		if tc < 0 || s.Theme != lastTheme {
			tc, lastTheme = intern(themeCode, &themeNames, s.Theme), s.Theme
		}
		codes[p] = networkCodes{actor: ac, theme: tc}
	}
	kept, codes, dups := networkDedup(ss, kept, codes, opt)

	// Rows are actors sorted by id, columns themes in codebook order;
	// rowOf and colOf map codes to them.
	present := make([]bool, len(actorNames))
	themeSeen := map[string]bool{}
	for _, cd := range codes {
		present[cd.actor] = true
		themeSeen[themeNames[cd.theme]] = true
	}
	var rows []string
	for a, name := range actorNames {
		if present[a] {
			rows = append(rows, name)
		}
	}
	slices.Sort(rows)
	rowOf := make([]int, len(actorNames))
	for a, name := range actorNames {
		rowOf[a], _ = slices.BinarySearch(rows, name)
	}
	cols := networkThemeOrder(c.Codebook, themeSeen)
	colOf := make([]int, len(themeNames))
	for t, name := range themeNames {
		colOf[t] = slices.Index(cols, name)
	}

	// x[a][j*K+k]: weighted counts per actor, theme and level.
	J := len(cols)
	x := make([][]float64, len(rows))
	for a := range x {
		x[a] = make([]float64, J*K)
	}
	for p, i := range kept {
		s := &ss[i]
		x[rowOf[codes[p].actor]][colOf[codes[p].theme]*K+levelOf[s.Stance-data.MinStance]] += s.Weight
	}
	rowFreq := make([]float64, len(rows))
	colFreq := make([]float64, J)
	for a := range x {
		for j := 0; j < J; j++ {
			for k := 0; k < K; k++ {
				rowFreq[a] += x[a][j*K+k]
				colFreq[j] += x[a][j*K+k]
			}
		}
	}

	n := Network{Mode: opt.Mode, Rows: rows, Options: opt, RowFreq: rowFreq,
		Statements: len(kept), Excluded: excluded, Duplicates: dups}
	if opt.Mode == NetworkTwoMode {
		n.Cols = cols
		n.ColFreq = colFreq
		n.W = twoModeWeights(x, levels, rowFreq, colFreq, opt)
	} else {
		n.Cols = slices.Clone(rows)
		n.ColFreq = slices.Clone(rowFreq)
		n.W = oneModeWeights(x, levels, rowFreq, opt)
		if opt.TopK > 0 {
			SparsifyTopK(n.W, opt.TopK)
		}
	}
	return n, nil
}

// SparsifyTopK keeps, in the symmetric one-mode weights w, each row's k
// strongest positive ties: a positive tie survives when it is among the k
// largest positive weights of either of its two rows (so that w stays
// symmetric and every actor keeps at least min(k, its positive ties)
// ties); every other positive tie is set to 0. Among equal weights at the
// k-th place the lower column index is kept. Negative and zero ties, and
// the diagonal, are left as they are. It costs O(n²) time (a selection
// per row) and n² bits.
//
// On a dense agreement network this is the k-nearest-neighbour graph of
// the agreement: blocs are then found on the strong ties alone, and the
// modularity reported is that of the sparsified network, not of the
// full one.
func SparsifyTopK(w [][]float64, k int) {
	n := len(w)
	if k <= 0 || k >= n-1 {
		return
	}
	words := (n + 63) / 64
	keep := make([]uint64, n*words)
	buf := make([]float64, 0, n)
	for i, row := range w {
		buf = buf[:0]
		for j, v := range row {
			if j != i && v > 0 {
				buf = append(buf, v)
			}
		}
		mark := func(j int) { keep[i*words+j/64] |= 1 << (j % 64) }
		if len(buf) <= k {
			for j, v := range row {
				if j != i && v > 0 {
					mark(j)
				}
			}
			continue
		}
		t := kthLargest(buf, k)
		above := 0
		for j, v := range row {
			if j != i && v > t {
				mark(j)
				above++
			}
		}
		for j, v := range row {
			if above == k {
				break
			}
			if j != i && v == t {
				mark(j)
				above++
			}
		}
	}
	kept := func(i, j int) bool { return keep[i*words+j/64]&(1<<(j%64)) != 0 }
	for i, row := range w {
		for j, v := range row {
			if j != i && v > 0 && !kept(i, j) && !kept(j, i) {
				row[j] = 0
			}
		}
	}
}

// kthLargest returns the k-th largest value of v (1-based), reordering v:
// Hoare's selection with a median-of-three pivot, O(len(v)) on average.
func kthLargest(v []float64, k int) float64 {
	lo, hi, want := 0, len(v)-1, k-1
	for lo < hi {
		mid := lo + (hi-lo)/2
		// Order v[lo] >= v[mid] >= v[hi], and use v[mid] as the pivot.
		if v[mid] > v[lo] {
			v[mid], v[lo] = v[lo], v[mid]
		}
		if v[hi] > v[lo] {
			v[hi], v[lo] = v[lo], v[hi]
		}
		if v[hi] > v[mid] {
			v[hi], v[mid] = v[mid], v[hi]
		}
		p := v[mid]
		i, j := lo, hi
		for i <= j {
			for v[i] > p {
				i++
			}
			for v[j] < p {
				j--
			}
			if i <= j {
				v[i], v[j] = v[j], v[i]
				i++
				j--
			}
		}
		switch {
		case want <= j:
			hi = j
		case want >= i:
			lo = i
		default:
			return v[want]
		}
	}
	return v[want]
}

// lowerTrim folds an option's case and trims its spaces.
func lowerTrim[T ~string](s T) T { return T(strings.ToLower(strings.TrimSpace(string(s)))) }

// normaliseNetworkOptions checks the options and fills in defaults.
func normaliseNetworkOptions(c *data.Corpus, opt NetworkOptions) (NetworkOptions, error) {
	bad := func(option, value, msg string) (NetworkOptions, error) {
		return opt, &OptionError{Option: option, Value: value, Msg: msg}
	}
	mode, q, norm, dup := lowerTrim(opt.Mode), lowerTrim(opt.Qualifier), lowerTrim(opt.Normalization), lowerTrim(opt.Duplicates)
	switch mode {
	case "", "one-mode", "onemode", "one_mode", "one":
		opt.Mode = NetworkOneMode
	case "two-mode", "twomode", "two_mode", "two":
		opt.Mode = NetworkTwoMode
	default:
		return bad("mode", string(opt.Mode), "expected one-mode (actor × actor) or two-mode (actor × theme)")
	}
	one := opt.Mode == NetworkOneMode
	if q == "" {
		q = QualifierIgnore
	}
	switch q {
	case QualifierIgnore, QualifierSubtract:
	case QualifierCongruence, QualifierConflict:
		if !one {
			return bad("qualifier", string(opt.Qualifier), "congruence and conflict compare two actors: they need a one-mode network; a two-mode network takes ignore, subtract or combine")
		}
	case QualifierCombine:
		if one {
			return bad("qualifier", string(opt.Qualifier), "combine codes which stances an actor took on a theme: it needs a two-mode network; a one-mode network takes ignore, congruence, conflict or subtract")
		}
	default:
		if one {
			return bad("qualifier", string(opt.Qualifier), "expected ignore, congruence, conflict or subtract")
		}
		return bad("qualifier", string(opt.Qualifier), "expected ignore, subtract or combine")
	}
	opt.Qualifier = q
	if norm == "" || norm == "no" {
		norm = NormalizeNone
	}
	switch norm {
	case NormalizeNone:
	case NormalizeAverage, NormalizeJaccard, NormalizeCosine:
		if !one {
			return bad("normalization", string(opt.Normalization), "average, jaccard and cosine apply to one-mode networks; a two-mode network takes none, activity or prominence")
		}
	case NormalizeActivity, NormalizeProminence:
		if one {
			return bad("normalization", string(opt.Normalization), "activity and prominence apply to two-mode networks; a one-mode network takes none, average, jaccard or cosine")
		}
		if q == QualifierCombine {
			return bad("normalization", string(opt.Normalization), "combine gives codes for sets of stances, not counts, so they cannot be normalised (DNA warns that the result cannot be interpreted); use none, or subtract with "+string(norm))
		}
	default:
		if one {
			return bad("normalization", string(opt.Normalization), "expected none, average, jaccard or cosine")
		}
		return bad("normalization", string(opt.Normalization), "expected none, activity or prominence")
	}
	opt.Normalization = norm
	if dup == "" {
		dup = DuplicatesInclude
	}
	switch dup {
	case DuplicatesInclude, DuplicatesDocument, DuplicatesWeek, DuplicatesMonth, DuplicatesYear, DuplicatesAcrossRange:
		opt.Duplicates = dup
	default:
		return bad("duplicates", string(opt.Duplicates), "expected include, document, week, month, year or acrossrange")
	}
	if opt.Scale == 0 {
		opt.Scale = 5
		if c.Codebook != nil {
			opt.Scale = scaleOfCodebook(c.Codebook)
		}
	}
	if StanceLevels(opt.Scale) == nil {
		return bad("scale", strconv.Itoa(opt.Scale), "expected 2 (agree/disagree: −1, +1), 3 (−1, 0, +1) or 5 (−2 … +2)")
	}
	if opt.TopK < 0 {
		return bad("top-k", strconv.Itoa(opt.TopK), "expected 0 (keep every tie) or a positive number of ties per actor")
	}
	if opt.TopK > 0 && !one {
		return bad("top-k", strconv.Itoa(opt.TopK), "keeping each actor's strongest ties applies to one-mode (actor × actor) networks")
	}
	if !opt.From.IsZero() && !opt.To.IsZero() && opt.To.Last().Before(opt.From.First()) {
		return bad("to", opt.To.String(), "ends before from ("+opt.From.String()+")")
	}
	return opt, nil
}

// scaleOfCodebook is the number of levels of the codebook's scale when
// its values are exactly those of a 2-, 3- or 5-level scale, else 5.
func scaleOfCodebook(cb *data.Codebook) int {
	vals := make([]int, len(cb.Scale))
	for i, l := range cb.Scale {
		vals[i] = l.Value
	}
	slices.Sort(vals)
	for _, k := range []int{2, 3, 5} {
		if slices.Equal(vals, StanceLevels(k)) {
			return k
		}
	}
	return 5
}

// networkFilter returns the indexes of the statements within the time
// bounds, checking their stances and weights, and the number outside.
func networkFilter(ss []data.Statement, opt NetworkOptions, levelOf *[data.MaxStance - data.MinStance + 1]int) (kept []int, excluded int, err error) {
	var from, to int64
	bounded := !opt.From.IsZero() || !opt.To.IsZero()
	if !opt.From.IsZero() {
		from = opt.From.First().Unix()
	}
	if !opt.To.IsZero() {
		to = opt.To.Last().Unix()
	}
	kept = make([]int, 0, len(ss))
	offScale, firstOff := 0, -1
	for i := range ss {
		s := &ss[i]
		if !(s.Weight >= 0) || math.IsInf(s.Weight, 1) {
			return nil, 0, fmt.Errorf("statement %s%s: weight %v is not a finite number ≥ 0", s.ID, networkPos(s), s.Weight)
		}
		if bounded {
			if s.Date.IsZero() ||
				(!opt.From.IsZero() && s.Date.First().Unix() < from) ||
				(!opt.To.IsZero() && s.Date.Last().Unix() > to) {
				excluded++
				continue
			}
		}
		if s.Stance < data.MinStance || s.Stance > data.MaxStance || levelOf[s.Stance-data.MinStance] < 0 {
			if offScale == 0 {
				firstOff = i
			}
			offScale++
			continue
		}
		kept = append(kept, i)
	}
	if offScale > 0 {
		s := &ss[firstOff]
		return nil, 0, &OptionError{Option: "scale", Value: strconv.Itoa(opt.Scale), Msg: fmt.Sprintf(
			"%d statement(s) have a stance that is not on this scale, the first %s%s with stance %+d; the scale's stances are %s (use scale 5 for −2 … +2)",
			offScale, s.ID, networkPos(s), s.Stance, networkLevelList(opt.Scale))}
	}
	return kept, excluded, nil
}

func networkPos(s *data.Statement) string {
	if s.Pos.File == "" {
		return ""
	}
	return " (" + s.Pos.String() + ")"
}

func networkLevelList(k int) string {
	lv := StanceLevels(k)
	parts := make([]string, len(lv))
	for i, v := range lv {
		parts[i] = fmt.Sprintf("%+d", v)
	}
	return strings.Join(parts, ", ")
}

// networkCodes are the integer codes of a statement's actor and theme.
type networkCodes struct{ actor, theme int32 }

// networkDupKey is what makes two statements duplicates of each other:
// small integers only, so that a million keys hash quickly.
type networkDupKey struct {
	actor, theme int32
	stance       int8
	unit         byte // 'w' ISO week, 'm' month, 'y' year, 'd' date of its own precision, 's' source, 'i' never merged, 0 any time
	a, b, c      int32
}

// networkDedup drops duplicates among the kept statements (indexes into
// ss, with their codes) and returns the remaining indexes and codes, in
// corpus order, with the number dropped. Of each set of duplicates the
// earliest statement is kept (by date, then corpus order), as DNA keeps
// the first in time.
func networkDedup(ss []data.Statement, kept []int, codes []networkCodes, opt NetworkOptions) ([]int, []networkCodes, int) {
	if opt.Duplicates == DuplicatesInclude {
		return kept, codes, 0
	}
	var sourceCode map[string]int32
	if opt.Duplicates == DuplicatesDocument {
		sourceCode = map[string]int32{}
	}
	groupOf := make(map[networkDupKey]int32, len(kept))
	group := make([]int32, len(kept))
	var first []int // per group: the statement kept
	for p, i := range kept {
		k := networkKey(&ss[i], i, codes[p], sourceCode, opt)
		g, ok := groupOf[k]
		if !ok {
			g = int32(len(first))
			groupOf[k] = g
			first = append(first, i)
		} else if networkDateOrder(ss[i].Date, ss[first[g]].Date) < 0 {
			first[g] = i
		}
		group[p] = g
	}
	out, outCodes := kept[:0], codes[:0]
	for p, i := range kept {
		if first[group[p]] == i {
			out = append(out, i)
			outCodes = append(outCodes, codes[p])
		}
	}
	return out, outCodes, len(kept) - len(out)
}

// networkDateOrder orders dates as data.Date.Compare does (by first day,
// then coarser first) without building time.Time values.
func networkDateOrder(a, b data.Date) int {
	day := func(d data.Date) (int, int, int) {
		return int(d.Year), int(max(d.Month, 1)), int(max(d.Day, 1))
	}
	ay, am, ad := day(a)
	by, bm, bd := day(b)
	if c := cmp.Compare(ay, by); c != 0 {
		return c
	}
	if c := cmp.Compare(am, bm); c != 0 {
		return c
	}
	if c := cmp.Compare(ad, bd); c != 0 {
		return c
	}
	return cmp.Compare(a.Precision, b.Precision)
}

// networkKey is the duplicate key of statement s (index i) under opt.
// sourceCode interns sources for the document rule.
func networkKey(s *data.Statement, i int, cd networkCodes, sourceCode map[string]int32, opt NetworkOptions) networkDupKey {
	k := networkDupKey{actor: cd.actor, theme: cd.theme}
	if opt.Qualifier != QualifierIgnore {
		k.stance = int8(s.Stance)
	}
	d := s.Date
	switch opt.Duplicates {
	case DuplicatesDocument:
		if s.Source == "" {
			k.unit, k.a = 'i', int32(i)
			return k
		}
		v, ok := sourceCode[s.Source]
		if !ok {
			v = int32(len(sourceCode))
			sourceCode[s.Source] = v
		}
		k.unit, k.a = 's', v
		return k
	case DuplicatesAcrossRange:
		return k
	}
	switch {
	case d.IsZero():
		k.unit, k.a = 'i', int32(i) // undated: no calendar unit to share
	case opt.Duplicates == DuplicatesWeek && d.Precision == data.PrecisionDay:
		y, w := d.First().ISOWeek()
		k.unit, k.a, k.b = 'w', int32(y), int32(w)
	case opt.Duplicates == DuplicatesMonth && d.Precision >= data.PrecisionMonth:
		k.unit, k.a, k.b = 'm', int32(d.Year), int32(d.Month)
	case opt.Duplicates == DuplicatesYear:
		k.unit, k.a = 'y', int32(d.Year)
	default:
		// Too coarse for the unit: its own date is its unit.
		k.unit, k.a, k.b, k.c = 'd', int32(d.Year), int32(d.Month), int32(d.Day)<<2|int32(d.Precision)
	}
	return k
}

// networkThemeOrder lists the themes present, in codebook order, then
// those missing from the codebook sorted.
func networkThemeOrder(cb *data.Codebook, present map[string]bool) []string {
	var out []string
	inBook := map[string]bool{}
	if cb != nil {
		for _, t := range cb.Themes {
			inBook[t.ID] = true
			if present[t.ID] {
				out = append(out, t.ID)
			}
		}
	}
	var extra []string
	for t := range present {
		if !inBook[t] {
			extra = append(extra, t)
		}
	}
	slices.Sort(extra)
	return append(out, extra...)
}

// twoModeWeights computes the actor × theme matrix from the counts x.
func twoModeWeights(x [][]float64, levels []int, rowFreq, colFreq []float64, opt NetworkOptions) [][]float64 {
	K := len(levels)
	J := len(colFreq)
	w := make([][]float64, len(x))
	for a := range x {
		w[a] = make([]float64, J)
		for j := 0; j < J; j++ {
			cell := x[a][j*K : (j+1)*K]
			var v float64
			switch opt.Qualifier {
			case QualifierIgnore:
				for _, c := range cell {
					v += c
				}
			case QualifierSubtract:
				for k, c := range cell {
					v += float64(levels[k]) * c
				}
			case QualifierCombine:
				code := 0
				for k, c := range cell {
					if c > 0 {
						code |= 1 << (K - 1 - k)
					}
				}
				v = float64(code)
			}
			w[a][j] = v
		}
	}
	div := func(v, d float64) float64 {
		if d == 0 {
			return 0
		}
		return v / d
	}
	switch opt.Normalization {
	case NormalizeActivity:
		for a := range w {
			for j := range w[a] {
				w[a][j] = div(w[a][j], rowFreq[a])
			}
		}
	case NormalizeProminence:
		for a := range w {
			for j := range w[a] {
				w[a][j] = div(w[a][j], colFreq[j])
			}
		}
	}
	return w
}

// oneModeWeights computes the actor × actor matrix from the counts x as
// W = X·(I_J ⊗ F)·Xᵀ, where F[k][l] = f(k, l) is the qualifier's factor
// for a pair of levels, then divides by the normalisation.
func oneModeWeights(x [][]float64, levels []int, rowFreq []float64, opt NetworkOptions) [][]float64 {
	n := len(x)
	zero := func() [][]float64 {
		out := make([][]float64, n)
		for i := range out {
			out[i] = make([]float64, n)
		}
		return out
	}
	if n == 0 {
		return zero()
	}
	K := len(levels)
	cols := len(x[0])
	if cols == 0 {
		return zero()
	}
	J := cols / K
	f := make([][]float64, K)
	for k := range f {
		f[k] = make([]float64, K)
		for l := range f[k] {
			sim := StanceSimilarity(levels[k], levels[l], K)
			switch opt.Qualifier {
			case QualifierIgnore:
				f[k][l] = 1
			case QualifierCongruence:
				f[k][l] = sim
			case QualifierConflict:
				f[k][l] = 1 - sim
			case QualifierSubtract:
				f[k][l] = sim - (1 - sim)
			}
		}
	}
	X := mat.NewDense(n, cols, nil)
	B := mat.NewDense(n, cols, nil)
	for a := range x {
		X.SetRow(a, x[a])
		for j := 0; j < J; j++ {
			for l := 0; l < K; l++ {
				var v float64
				for k := 0; k < K; k++ {
					v += x[a][j*K+k] * f[k][l]
				}
				B.Set(a, j*K+l, v)
			}
		}
	}
	var W mat.Dense
	W.Mul(B, X.T())

	// Denominators.
	var shared, overlap mat.Dense // jaccard: Σ xa·xb and Σ xa·[xb > 0]
	if opt.Normalization == NormalizeJaccard {
		P := mat.NewDense(n, cols, nil)
		for a := range x {
			for c, v := range x[a] {
				if v > 0 {
					P.Set(a, c, 1)
				}
			}
		}
		shared.Mul(X, X.T())
		overlap.Mul(X, P.T())
	}
	// The weights are written over the product, row by row: each cell of
	// W is read once, just before its weight replaces it, and a second
	// n × n matrix (800 MB at 10,000 actors) is not needed.
	out := make([][]float64, n)
	for a := range out {
		out[a] = W.RawRowView(a)[:n:n]
	}
	for a := 0; a < n; a++ {
		for b := 0; b < n; b++ {
			if a == b {
				out[a][b] = 0
				continue
			}
			d := 1.0
			switch opt.Normalization {
			case NormalizeAverage:
				d = (rowFreq[a] + rowFreq[b]) / 2
			case NormalizeCosine:
				d = rowFreq[a] * rowFreq[b]
			case NormalizeJaccard:
				m10 := rowFreq[a] - overlap.At(a, b)
				m01 := rowFreq[b] - overlap.At(b, a)
				d = m10 + m01 + shared.At(a, b)
			}
			if d == 0 {
				out[a][b] = 0
				continue
			}
			out[a][b] /= d
		}
	}
	// The product is symmetric in exact arithmetic; make it so in
	// floating point too, whatever the summation order.
	for a := 0; a < n; a++ {
		for b := a + 1; b < n; b++ {
			v := (out[a][b] + out[b][a]) / 2
			out[a][b], out[b][a] = v, v
		}
	}
	return out
}

// Tie returns the weight between the named row and column, and whether
// both exist.
func (n Network) Tie(row, col string) (float64, bool) {
	i := slices.Index(n.Rows, row)
	j := slices.Index(n.Cols, col)
	if i < 0 || j < 0 {
		return 0, false
	}
	return n.W[i][j], true
}

// Edge is one nonzero tie of a network.
type Edge struct {
	Row, Col string
	Weight   float64
}

// Ties calls f with every nonzero tie W[i][j], each once (i < j for a
// one-mode network, whose matrix is symmetric), row by row.
func (n Network) Ties(f func(i, j int, w float64)) {
	for i := range n.W {
		j0 := 0
		if n.Mode == NetworkOneMode {
			j0 = i + 1
		}
		for j := j0; j < len(n.W[i]); j++ {
			if w := n.W[i][j]; w != 0 {
				f(i, j, w)
			}
		}
	}
}

// Edges lists the nonzero ties, each once (i < j for a one-mode network),
// strongest first (by absolute weight), ties broken by row then column.
func (n Network) Edges() []Edge {
	var es []Edge
	n.Ties(func(i, j int, w float64) { es = append(es, Edge{n.Rows[i], n.Cols[j], w}) })
	slices.SortStableFunc(es, func(a, b Edge) int {
		if c := cmp.Compare(math.Abs(b.Weight), math.Abs(a.Weight)); c != 0 {
			return c
		}
		if c := strings.Compare(a.Row, b.Row); c != 0 {
			return c
		}
		return strings.Compare(a.Col, b.Col)
	})
	return es
}
