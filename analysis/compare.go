package analysis

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/stancemap/stancemap/data"
)

// Side is one of the two things Compare sets against each other: an
// actor (with, by default, the officials who speak for it) or a group of
// actors sharing a group, kind, region or country.
type Side struct {
	Name    string   // as given
	Kind    string   // "actor", or "group", "kind", "region", "country"
	Members []string // actor ids whose statements count for the side, sorted
}

// SideStats are one side's statements on one theme.
type SideStats struct {
	N             int
	Mean          float64  // weighted mean stance; NaN when N == 0
	CILow, CIHigh float64  // percentile bootstrap interval; NaN when N < 2
	Evidence      []string // up to three statement ids, strongest first
}

// Verdicts of a compared theme.
// The verdicts of two sides that both spoke come from the interval of
// their difference: they differ when it excludes 0, and clash when,
// besides, their means lie on opposite sides of neutral at least 1
// apart; they agree when it lies within −1..+1 (less than one point
// apart, whatever the sampling error); else there is no telling.
const (
	VerdictAgree   = "agree"       // the interval of the difference lies within −1..+1 and holds 0
	VerdictDiffer  = "differ"      // the interval excludes 0
	VerdictClash   = "clash"       // differ, on opposite sides of neutral, means at least 1 apart
	VerdictUnknown = "cannot tell" // the interval holds 0 and reaches ±1, or there is none (a side with one statement)
	VerdictOnlyA   = "only A"      // only the first side spoke on the theme
	VerdictOnlyB   = "only B"      // only the second side spoke on the theme
	VerdictNeither = "neither"     // neither side spoke on the theme
)

// ThemeComparison sets the two sides against each other on one theme.
type ThemeComparison struct {
	Theme string
	A, B  SideStats
	// Diff is A.Mean − B.Mean; DiffLow and DiffHigh its percentile
	// bootstrap interval, resampling each side's statements independently
	// (B resamples each, paired by index). NaN unless both sides have at
	// least two statements.
	Diff, DiffLow, DiffHigh float64
	Verdict                 string
}

// CompareOptions control Compare. Zero values mean: 2,000 resamples,
// seed 1, level 0.95, and officials counted for the actor they speak for.
// A negative Bootstrap computes no intervals (they are NaN), as in
// MatrixOptions.
type CompareOptions struct {
	Bootstrap int
	Seed      uint64
	Level     float64
	// ActorOnly counts only the actor's own statements, not those of the
	// officials who speak for it.
	ActorOnly bool
}

// Comparison is the result of Compare: the themes in codebook order and,
// for reading, the ids of the themes where the sides agree and clash,
// clashes ordered by the size of the difference.
type Comparison struct {
	A, B         Side
	Themes       []ThemeComparison
	Agree, Clash []string
	Bootstrap    int
	Level        float64
	Seed         uint64
	StatementsA  int
	StatementsB  int
	SharedThemes int
	Notes        []string
}

// ResolveSide finds what a name stands for: an actor of the registry
// (by id, name or alias) or else a group, kind, region or country that
// actors with statements share, matched ignoring case.
func ResolveSide(c *data.Corpus, name string, actorOnly bool) (Side, error) {
	speakers := c.ActorIDs()
	if a, ok := c.Actors.Resolve(name); ok {
		s := Side{Name: name, Kind: "actor", Members: []string{a.ID}}
		if !actorOnly {
			for _, id := range speakers {
				if o, ok := c.Actors.Get(id); ok && o.Organisation == a.ID && id != a.ID {
					s.Members = append(s.Members, id)
				}
			}
		}
		slices.Sort(s.Members)
		return s, nil
	}
	for _, kind := range []string{"group", "kind", "region", "country"} {
		s := Side{Name: name, Kind: kind}
		for _, id := range speakers {
			a, ok := c.Actors.Get(id)
			if !ok {
				continue
			}
			r := c.Actors.Represented(a)
			var vals []string
			switch kind {
			case "group":
				vals = r.Groups
			case "kind":
				vals = []string{string(r.Kind)}
			case "region":
				vals = []string{r.Region}
			case "country":
				vals = []string{r.Country}
			}
			if slices.ContainsFunc(vals, func(v string) bool { return strings.EqualFold(v, name) }) {
				s.Members = append(s.Members, id)
			}
		}
		if len(s.Members) > 0 {
			return s, nil
		}
	}
	return Side{}, fmt.Errorf("%q is neither an actor of the registry nor a group, kind, region or country of any actor with statements", name)
}

// counts reports whether a statement counts for the side: its actor is a
// member and, for a group, belonged to it when the statement was made.
func (sd Side) counts(c *data.Corpus, s *data.Statement) bool {
	if !slices.Contains(sd.Members, s.Actor) {
		return false
	}
	if sd.Kind != "group" {
		return true
	}
	a, ok := c.Actors.Get(s.Actor)
	if !ok {
		return true
	}
	r := c.Actors.Represented(a)
	for _, g := range r.Groups {
		if strings.EqualFold(g, sd.Name) {
			return r.InGroup(g, s.Date)
		}
	}
	return true
}

// Compare sets two actors or groups against each other theme by theme.
// A group counts a member's statements only while it belonged to it.
func Compare(c *data.Corpus, a, b string, opt CompareOptions) (*Comparison, error) {
	if opt.Bootstrap == 0 {
		opt.Bootstrap = DefaultBootstrap
	}
	if opt.Seed == 0 {
		opt.Seed = 1
	}
	if opt.Level == 0 {
		opt.Level = DefaultLevel
	}
	if !(opt.Level > 0 && opt.Level < 1) {
		return nil, &OptionError{Option: "level", Value: fmt.Sprint(opt.Level), Msg: "must be between 0 and 1"}
	}
	sa, err := ResolveSide(c, a, opt.ActorOnly)
	if err != nil {
		return nil, err
	}
	sb, err := ResolveSide(c, b, opt.ActorOnly)
	if err != nil {
		return nil, err
	}
	out := &Comparison{A: sa, B: sb, Bootstrap: opt.Bootstrap, Level: opt.Level, Seed: opt.Seed}
	if overlap := intersect(sa.Members, sb.Members); len(overlap) > 0 {
		out.Notes = append(out.Notes, fmt.Sprintf("%s belong to both sides: their statements count on each", strings.Join(overlap, ", ")))
	}
	themes := themeOrder(c)
	stA := make(map[string][]*data.Statement)
	stB := make(map[string][]*data.Statement)
	for i := range c.Statements {
		s := &c.Statements[i]
		if sa.counts(c, s) {
			stA[s.Theme] = append(stA[s.Theme], s)
			out.StatementsA++
		}
		if sb.counts(c, s) {
			stB[s.Theme] = append(stB[s.Theme], s)
			out.StatementsB++
		}
	}
	cfg := newBootConfig(opt.Bootstrap, opt.Level)
	scratch := &bootScratch{}
	for _, th := range themes {
		tc := ThemeComparison{Theme: th, A: sideStats(stA[th]), B: sideStats(stB[th]),
			Diff: math.NaN(), DiffLow: math.NaN(), DiffHigh: math.NaN()}
		switch {
		case tc.A.N == 0 && tc.B.N == 0:
			tc.Verdict = VerdictNeither
		case tc.B.N == 0:
			tc.Verdict = VerdictOnlyA
		case tc.A.N == 0:
			tc.Verdict = VerdictOnlyB
		default:
			out.SharedThemes++
			tc.Diff = tc.A.Mean - tc.B.Mean
			rng := cellStream(opt.Seed, "compare", sa.Name+"\x00"+sb.Name, th)
			tc.A.CILow, tc.A.CIHigh, tc.B.CILow, tc.B.CIHigh, tc.DiffLow, tc.DiffHigh = diffInterval(scratch, stA[th], stB[th], cfg, rng)
			tc.Verdict = verdict(tc.A.Mean, tc.B.Mean, tc.DiffLow, tc.DiffHigh)
		}
		if tc.A.N >= 2 && tc.B.N == 0 {
			tc.A.CILow, tc.A.CIHigh = sideInterval(scratch, stA[th], cfg, cellStream(opt.Seed, "compare", sa.Name, th))
		}
		if tc.B.N >= 2 && tc.A.N == 0 {
			tc.B.CILow, tc.B.CIHigh = sideInterval(scratch, stB[th], cfg, cellStream(opt.Seed, "compare", sb.Name, th))
		}
		switch tc.Verdict {
		case VerdictAgree:
			out.Agree = append(out.Agree, th)
		case VerdictClash:
			out.Clash = append(out.Clash, th)
		}
		out.Themes = append(out.Themes, tc)
	}
	diff := map[string]float64{}
	for _, tc := range out.Themes {
		diff[tc.Theme] = math.Abs(tc.Diff)
	}
	slices.SortStableFunc(out.Clash, func(x, y string) int { return cmp.Compare(diff[y], diff[x]) })
	return out, nil
}

// verdict classifies two mean stances by the interval [lo, hi] of their
// difference (NaN when there is none): see the verdict constants.
func verdict(a, b, lo, hi float64) string {
	switch {
	case math.IsNaN(lo) || math.IsNaN(hi):
		return VerdictUnknown
	case lo > 0 || hi < 0:
		if a*b < 0 && math.Abs(a-b) >= 1 {
			return VerdictClash
		}
		return VerdictDiffer
	case lo > -1 && hi < 1:
		return VerdictAgree
	}
	return VerdictUnknown
}

func themeOrder(c *data.Corpus) []string {
	var themes []string
	if c.Codebook != nil {
		themes = c.Codebook.ThemeIDs()
	}
	var extra []string
	for _, s := range c.Statements {
		if !slices.Contains(themes, s.Theme) && !slices.Contains(extra, s.Theme) {
			extra = append(extra, s.Theme)
		}
	}
	slices.Sort(extra)
	return append(themes, extra...)
}

func intersect(a, b []string) []string {
	var out []string
	for _, x := range a {
		if slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// sideStats computes N, the weighted mean and the evidence of a side's
// statements on a theme; intervals are filled in by the caller.
func sideStats(ss []*data.Statement) SideStats {
	st := SideStats{N: len(ss), Mean: math.NaN(), CILow: math.NaN(), CIHigh: math.NaN()}
	var sw, swx float64
	for _, s := range ss {
		sw += s.Weight
		swx += s.Weight * float64(s.Stance)
	}
	if sw > 0 {
		st.Mean = swx / sw
	}
	ev := slices.Clone(ss)
	strength := func(s *data.Statement) float64 {
		conf := s.Confidence
		if !(conf > 0) {
			conf = 1
		}
		return math.Abs(float64(s.Stance)) * conf
	}
	slices.SortStableFunc(ev, func(x, y *data.Statement) int {
		if c := cmp.Compare(strength(y), strength(x)); c != 0 {
			return c
		}
		return cmp.Compare(x.ID, y.ID)
	})
	for _, s := range ev[:min(3, len(ev))] {
		st.Evidence = append(st.Evidence, s.ID)
	}
	return st
}

// statementAtoms groups statements into distinct (stance, weight) values,
// sorted, as the bootstrap wants them; zero weights are left out.
func statementAtoms(ss []*data.Statement) []atom {
	var as []atom
	for _, s := range ss {
		if s.Weight > 0 {
			as = append(as, atom{x: float64(s.Stance), w: s.Weight, n: 1})
		}
	}
	slices.SortFunc(as, func(p, q atom) int {
		if c := cmp.Compare(p.x, q.x); c != 0 {
			return c
		}
		return cmp.Compare(p.w, q.w)
	})
	out := as[:0]
	for _, a := range as {
		if k := len(out) - 1; k >= 0 && out[k].x == a.x && out[k].w == a.w {
			out[k].n++
			continue
		}
		out = append(out, a)
	}
	return out
}

// resampledMeans draws B bootstrap means of a side's statements, or
// returns nil when fewer than two of them carry weight or B is not
// positive (no bootstrap asked for).
func resampledMeans(s *bootScratch, ss []*data.Statement, b int) []float64 {
	if b <= 0 {
		return nil
	}
	atoms := statementAtoms(ss)
	n := 0
	for _, a := range atoms {
		n += a.n
	}
	if n < 2 {
		return nil
	}
	s.resample(atoms, b)
	return slices.Clone(s.means)
}

// interval is the percentile interval of resampled means (NaN for none).
func interval(ms []float64, cfg bootConfig) (float64, float64) {
	if ms == nil {
		return math.NaN(), math.NaN()
	}
	return selectPair(slices.Clone(ms), cfg.kLo-1, cfg.kHi-1)
}

func sideInterval(s *bootScratch, ss []*data.Statement, cfg bootConfig, rng *rand.PCG) (float64, float64) {
	s.rng = rng
	return interval(resampledMeans(s, ss, cfg.B), cfg)
}

// diffInterval returns both sides' intervals and that of their
// difference, from one set of resamples per side. Sides with fewer than
// two statements have no interval, and then neither has the difference.
func diffInterval(s *bootScratch, a, b []*data.Statement, cfg bootConfig, rng *rand.PCG) (aLo, aHi, bLo, bHi, dLo, dHi float64) {
	s.rng = rng
	ma := resampledMeans(s, a, cfg.B)
	mb := resampledMeans(s, b, cfg.B)
	aLo, aHi = interval(ma, cfg)
	bLo, bHi = interval(mb, cfg)
	if ma == nil || mb == nil {
		return aLo, aHi, bLo, bHi, math.NaN(), math.NaN()
	}
	d := make([]float64, cfg.B)
	for i := range d {
		d[i] = ma[i] - mb[i]
	}
	dLo, dHi = selectPair(d, cfg.kLo-1, cfg.kHi-1)
	return
}
