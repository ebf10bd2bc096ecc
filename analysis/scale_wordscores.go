package analysis

import (
	"math"
	"strings"

	"github.com/stancemap/stancemap/data"
)

// Wordscores (Laver, Benoit & Garry 2003, "Extracting Policy Positions
// from Political Texts Using Words as Data", American Political Science
// Review 97(2): 311–331) scores words by the reference texts they occur
// in, then texts by their words.
//
// The reference texts are the documents of the axis's reference actors
// (data.Axis.References: actor → a priori position A_r), pooled per
// actor over the dates scaled (with context terms, only their sentences
// the filter keeps: scale_context.go). With C_wr the count of term w in reference
// r and N_r = Σ_w C_wr,
//
//	F_wr = C_wr / N_r                 (relative frequency in r)
//	P_wr = F_wr / Σ_r' F_wr'          (the probability of reading r, given w)
//	S_w  = Σ_r P_wr · A_r             (the word's score)
//
// for every term occurring in at least one reference text; other terms
// are not scored. A text's raw score is the mean score of its scored
// words (ScaleTexts). Raw scores bunch towards the middle, as every text
// shares common words; LBG's rescaling restores the spread of the
// references over the other ("virgin") actors' units:
//
//	S*_v = (S_v − S̄_v) · (SD_r / SD_v) + S̄_v,
//
// with S̄_v and SD_v the mean and sample standard deviation of the raw
// scores of the units of actors other than the references, and SD_r the
// sample standard deviation of the reference positions A_r. Reference
// actors are scored like any other, on the same map.
func (tc *TextCorpus) wordscores(axis *data.Axis, minCount int, keep []bool) ([]float64, *TextSummary, error) {
	if len(axis.References) < 2 {
		return nil, nil, &OptionError{Option: "axis", Value: axis.ID, Msg: "the axis has no reference actors, so Wordscores cannot place texts on it (add references: {actor: position, …} to the axis in the codebook, or use --method lss with seed words)"}
	}
	sum := &TextSummary{}
	refIDs := axis.ReferenceIDs()
	refOf := map[string]int{}
	for i, a := range refIDs {
		refOf[a] = i
	}
	isTerm := make([]bool, len(tc.names))
	for _, id := range tc.candidateTerms(minCount) {
		isTerm[id] = true
	}
	// C_wr, as a flat words × references table.
	nr := len(refIDs)
	c := make([]float64, len(tc.names)*nr)
	n := make([]float64, nr)
	docs := make([]int, nr)
	for _, d := range tc.docs {
		r, ok := refOf[d.actor]
		if !ok {
			continue
		}
		docs[r]++
		for s := d.sFrom; s < d.sTo; s++ {
			if keep != nil && !keep[s] {
				continue
			}
			from := 0
			if s > 0 {
				from = tc.sents[s-1]
			}
			for _, id := range tc.tokens[from:tc.sents[s]] {
				if isTerm[id] {
					c[int(id)*nr+r]++
					n[r]++
				}
			}
		}
	}
	var found []int
	for r, a := range refIDs {
		if n[r] == 0 {
			sum.ReferencesMissing = append(sum.ReferencesMissing, a)
			continue
		}
		found = append(found, r)
		sum.References = append(sum.References, ReferenceText{Actor: a, Position: axis.References[a], Documents: docs[r], Words: int(n[r])})
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, r := range found {
		lo, hi = min(lo, axis.References[refIDs[r]]), max(hi, axis.References[refIDs[r]])
	}
	if !(hi > lo) {
		return nil, nil, &OptionError{Option: "axis", Value: axis.ID, Msg: "the texts hold reference actors at fewer than two different positions (found: " + refRange(sum.References) + "; without texts: " + joinOr(sum.ReferencesMissing, "none") + ")"}
	}
	value := make([]float64, len(tc.names))
	for id := range value {
		value[id] = math.NaN()
		if !isTerm[id] {
			continue
		}
		var sf, sfa float64
		for _, r := range found {
			f := c[id*nr+r] / n[r]
			sf += f
			sfa += f * axis.References[refIDs[r]]
		}
		if sf > 0 {
			value[id] = sfa / sf
			sum.Terms++
		}
	}
	sum.TopPositive, sum.TopNegative = tc.topTerms(value, minCount)
	return value, sum, nil
}

func joinOr(xs []string, none string) string {
	if len(xs) == 0 {
		return none
	}
	return strings.Join(xs, ", ")
}
