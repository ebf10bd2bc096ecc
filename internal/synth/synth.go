// Package synth generates realistic synthetic corpora for benchmarks and
// demonstrations: actors in blocs whose positions drift over the years,
// skewed activity (a few actors say most), themes of uneven salience,
// dates of mixed precision and statements of realistic length.
package synth

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"

	"github.com/stancemap/stancemap/data"
)

// Options size a synthetic corpus. Zero values take the defaults given.
type Options struct {
	Actors     int    // default 200
	Themes     int    // default 5 (the built-in themes); more are named theme_6, theme_7, …
	Statements int    // default 100,000
	Years      int    // default 30, ending in FirstYear+Years−1
	FirstYear  int    // default 1995
	Blocs      int    // default 3
	Seed       uint64 // default 1
}

func (o Options) withDefaults() Options {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.Actors, 200)
	def(&o.Themes, 5)
	def(&o.Statements, 100_000)
	def(&o.Years, 30)
	def(&o.FirstYear, 1995)
	def(&o.Blocs, 3)
	if o.Seed == 0 {
		o.Seed = 1
	}
	return o
}

// Corpus is a generated registry and codebook; Write streams its statements.
type Corpus struct {
	Options  Options
	Registry *data.Registry
	Codebook *data.Codebook
	actors   []actor
	cum      []float64 // cumulative activity, for drawing speakers
}

type actor struct {
	id       string
	bloc     int
	start    []float64 // position per theme in the first year
	drift    []float64 // change per year
	salience []float64 // cumulative theme shares
}

// New draws the actors, their blocs, positions, drifts and activity.
func New(opt Options) (*Corpus, error) {
	opt = opt.withDefaults()
	r := rand.New(rand.NewPCG(opt.Seed, 0x5eed))
	base, err := data.DefaultCodebook()
	if err != nil {
		return nil, err
	}
	cb := &data.Codebook{Name: fmt.Sprintf("synthetic, %d themes", opt.Themes), Scale: data.DefaultScale()}
	for k := 0; k < opt.Themes; k++ {
		if k < len(base.Themes) {
			cb.Themes = append(cb.Themes, base.Themes[k])
			continue
		}
		id := fmt.Sprintf("theme_%d", k+1)
		cb.Themes = append(cb.Themes, data.Theme{ID: id, Label: "Theme " + strconv.Itoa(k+1),
			Positive: "supports " + id, Negative: "opposes " + id, Keywords: []string{id}})
	}
	states, err := data.DefaultRegistry()
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, a := range states.Sorted() {
		if a.Kind == data.KindState && len(ids) < opt.Actors {
			ids = append(ids, a.ID)
		}
	}
	reg := data.NewRegistry()
	for _, id := range ids {
		a, _ := states.Get(id)
		reg.Add(*a)
	}
	for i := len(ids); i < opt.Actors; i++ {
		id := fmt.Sprintf("X%05d", i)
		ids = append(ids, id)
		reg.Add(data.Actor{ID: id, Name: "Synthetic actor " + strconv.Itoa(i), Kind: data.KindState})
	}
	centres := make([][]float64, opt.Blocs)
	for b := range centres {
		centres[b] = make([]float64, opt.Themes)
		for k := range centres[b] {
			centres[b][k] = r.Float64()*3.6 - 1.8
		}
	}
	c := &Corpus{Options: opt, Registry: reg, Codebook: cb}
	total := 0.0
	for i, id := range ids {
		a := actor{id: id, bloc: r.IntN(opt.Blocs)}
		sum := 0.0
		for k := 0; k < opt.Themes; k++ {
			a.start = append(a.start, centres[a.bloc][k]+r.NormFloat64()*0.5)
			a.drift = append(a.drift, r.NormFloat64()*0.03)
			sum += r.ExpFloat64()
			a.salience = append(a.salience, sum)
		}
		for k := range a.salience {
			a.salience[k] /= sum
		}
		c.actors = append(c.actors, a)
		// Zipf-like activity: the i-th actor speaks ∝ 1/(i+1)^0.8.
		total += 1 / math.Pow(float64(i+1), 0.8)
		c.cum = append(c.cum, total)
	}
	for i := range c.cum {
		c.cum[i] /= total
	}
	return c, nil
}

var verbs = []string{"said", "stressed", "argued", "told the meeting", "insisted", "noted", "warned", "declared"}

// Write streams the statements as CSV in the contract's columns
// (data.StatementWriter).
func (c *Corpus) Write(w io.Writer) error {
	opt := c.Options
	r := rand.New(rand.NewPCG(opt.Seed, 0xda7a))
	sw, err := data.NewStatementWriter(w, data.FormatCSV)
	if err != nil {
		return err
	}
	var text []byte
	for i := 0; i < opt.Statements; i++ {
		a := &c.actors[min(pick(c.cum, r.Float64()), len(c.actors)-1)]
		k := min(pick(a.salience, r.Float64()), opt.Themes-1)
		year := opt.FirstYear + r.IntN(opt.Years)
		pos := a.start[k] + a.drift[k]*float64(year-opt.FirstYear) + r.NormFloat64()*0.6
		stance := int(math.Round(max(-2, min(2, pos))))
		th := c.Codebook.Themes[k]
		kw := th.ID
		if len(th.Keywords) > 0 {
			kw = th.Keywords[r.IntN(len(th.Keywords))]
		}
		date := data.Date{Year: int32(year), Month: int8(1 + r.IntN(12)), Day: int8(1 + r.IntN(28)), Precision: data.PrecisionDay}
		switch r.IntN(20) {
		case 0:
			date.Day, date.Precision = 0, data.PrecisionMonth
		case 1:
			date.Month, date.Day, date.Precision = 0, 0, data.PrecisionYear
		}
		// The agenda item makes each text its own, as in a real record:
		// without it, statements sharing actor, theme, stance, date and
		// wording (read as entered twice) grow with the square of the
		// size. No comma: the text is written unquoted.
		text = fmt.Appendf(text[:0], "Under agenda item %d the delegation of %s %s that %s %s and that the international community should act on it in the coming years.",
			1+r.IntN(100000), a.id, verbs[r.IntN(len(verbs))], kw, []string{"must be resisted firmly", "deserves caution", "is a matter for discussion", "matters", "is essential"}[stance+2])
		s := data.Statement{ID: fmt.Sprintf("s%08d", i+1), Actor: a.id, Theme: th.ID, Stance: stance, Date: date, Text: string(text),
			Source: "Synthetic report " + strconv.Itoa(i%997), Event: "Meeting " + strconv.Itoa(year), Weight: 1, Coder: "synth", Origin: "auto"}
		if err := sw.Write(&s); err != nil {
			return err
		}
	}
	return sw.Close()
}

// pick finds the first index whose cumulative share reaches u.
func pick(cum []float64, u float64) int {
	i, _ := slices.BinarySearch(cum, u)
	return i
}
