package synth

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/stancemap/stancemap/data"
)

// This file generates small corpora whose truth is known, for testing
// that findings report structure that is there and nothing else.

// Truth is a generated corpus and the structure planted in it.
type Truth struct {
	Corpus *data.Corpus
	// Blocs are the planted blocs (nil for a null corpus), each sorted.
	Blocs [][]string
	// Movers are actors whose position on MoverTheme moves over the years.
	Movers     []string
	MoverTheme string
	// Noise are actors with one or two statements of random stance.
	Noise []string
}

// The shape of the corpora of NullCorpus and PlantedCorpus: thirty states
// in a null one (twenty in a planted one), the five default themes, ten
// years from 2011.
const (
	truthStates    = 30
	truthYears     = 10
	truthFirstYear = 2011
)

func truthBase(states int) (*data.Registry, *data.Codebook, []string, error) {
	cb, err := data.DefaultCodebook()
	if err != nil {
		return nil, nil, nil, err
	}
	reg := data.NewRegistry()
	for i := 1; i <= states; i++ {
		id := fmt.Sprintf("S%02d", i)
		reg.Add(data.Actor{ID: id, Name: fmt.Sprintf("State %02d", i), Kind: data.KindState})
	}
	return reg, cb, cb.ThemeIDs(), nil
}

func truthStatement(n *int, actor, theme string, stance, year int) data.Statement {
	*n++
	return data.Statement{ID: fmt.Sprintf("t%05d", *n), Actor: actor, Theme: theme, Stance: stance,
		Date: data.Date{Year: int32(year), Precision: data.PrecisionYear}, Weight: 1}
}

// NullCorpus has no structure at all: thirty states, five themes, ten
// years, 0–3 statements per state, theme and year (uniformly), every
// stance drawn uniformly from −2..+2.
func NullCorpus(seed uint64) (*Truth, error) {
	reg, cb, themes, err := truthBase(truthStates)
	if err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(seed, 0x4e0))
	c := &data.Corpus{Actors: reg, Codebook: cb}
	n := 0
	for i := 1; i <= truthStates; i++ {
		for _, th := range themes {
			for y := range truthYears {
				for range r.IntN(4) {
					c.Statements = append(c.Statements, truthStatement(&n, fmt.Sprintf("S%02d", i), th, r.IntN(5)-2, truthFirstYear+y))
				}
			}
		}
	}
	return &Truth{Corpus: c}, nil
}

// PlantedCorpus has two blocs of ten states with opposite positions (a
// centre of ±(1–1.5) per theme, signs drawn per theme), two movers in the first bloc whose
// position on digital_divide goes from the bloc's to the other bloc's
// over the ten years, and six noise actors with one or two statements.
// Stances are the position plus normal noise (SD 0.8), rounded and kept
// on the scale; 0–3 statements per state, theme and year.
func PlantedCorpus(seed uint64) (*Truth, error) {
	reg, cb, themes, err := truthBase(20)
	if err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(seed, 0x91a))
	c := &data.Corpus{Actors: reg, Codebook: cb}
	t := &Truth{Corpus: c, Blocs: [][]string{nil, nil}, MoverTheme: "digital_divide"}
	centre := make([]float64, len(themes))
	for k := range centre {
		centre[k] = 1 + r.Float64()*0.5
		if r.IntN(2) == 0 {
			centre[k] = -centre[k]
		}
	}
	// The mover's theme must separate the blocs for a move to be seen.
	mt := 3 // digital_divide in the default codebook
	n := 0
	for i := 1; i <= 20; i++ {
		id := fmt.Sprintf("S%02d", i)
		bloc := (i - 1) / 10
		t.Blocs[bloc] = append(t.Blocs[bloc], id)
		mover := i == 1 || i == 2
		if mover {
			t.Movers = append(t.Movers, id)
		}
		for k, th := range themes {
			for y := range truthYears {
				for range r.IntN(4) {
					pos := centre[k]
					if bloc == 1 {
						pos = -pos
					}
					if mover && k == mt {
						pos = centre[k] - 2*centre[k]*float64(y)/float64(truthYears-1)
					}
					stance := int(math.Round(max(-2, min(2, pos+r.NormFloat64()*0.8))))
					c.Statements = append(c.Statements, truthStatement(&n, id, th, stance, truthFirstYear+y))
				}
			}
		}
	}
	for i := 1; i <= 6; i++ {
		id := fmt.Sprintf("N%d", i)
		reg.Add(data.Actor{ID: id, Name: fmt.Sprintf("Noise %d", i), Kind: data.KindState})
		t.Noise = append(t.Noise, id)
		for range 1 + r.IntN(2) {
			c.Statements = append(c.Statements, truthStatement(&n, id, themes[r.IntN(len(themes))], r.IntN(5)-2, truthFirstYear+r.IntN(truthYears)))
		}
	}
	return t, nil
}
