package analysis

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stancemap/stancemap/data"
)

// benchTexts makes docs speeches of 120 sentences of 12 words each, drawn
// from a vocabulary of 5,000 words, for 200 actors.
func benchTexts(docs int) *TextCorpus {
	rng := rand.New(rand.NewPCG(1, 2))
	words := make([]string, 5000)
	for i := range words {
		words[i] = fmt.Sprintf("w%c%c%c", 'a'+i%26, 'a'+i/26%26, 'a'+i/676)
	}
	words[0], words[1], words[2] = "sovereignty", "freedom", "internet"
	tc := NewTextCorpus()
	var b strings.Builder
	for d := range docs {
		b.Reset()
		for range 120 {
			for range 12 {
				b.WriteString(words[int(rng.ExpFloat64()*400)%len(words)])
				b.WriteByte(' ')
			}
			b.WriteString(". ")
		}
		actor := fmt.Sprintf("A%03d", d%200)
		if d%200 < 4 {
			actor = []string{"CHN", "RUS", "USA", "GBR"}[d%200]
		}
		tc.Add(actor, data.Date{Year: int32(2010 + d/200), Precision: data.PrecisionYear}, b.String())
	}
	return tc
}

// BenchmarkScaleTexts3000Docs is the size of the UN corpus 2010–2024
// (2,903 speeches): Wordscores with 2,000 bootstrap resamples, the text
// already tokenised.
func BenchmarkScaleTexts3000Docs(b *testing.B) { benchScaleTexts(b, false) }

// BenchmarkScaleTextsContext3000Docs is the same with the sentence filter
// of the default codebook's axis (its context terms, 5 sentences around).
func BenchmarkScaleTextsContext3000Docs(b *testing.B) { benchScaleTexts(b, true) }

// benchScaleTexts scales 3,000 generated documents on the default axis,
// with or without its sentence filter.
func benchScaleTexts(b *testing.B, context bool) {
	tc := benchTexts(3000)
	cb, err := data.DefaultCodebook()
	if err != nil {
		b.Fatal(err)
	}
	axis, _ := cb.Axis("")
	var to TextOptions
	if context {
		to.Context = axis.Context
	}
	b.ResetTimer()
	for range b.N {
		if _, err := ScaleTexts(tc, axis, ScaleOptions{}, to); err != nil {
			b.Fatal(err)
		}
	}
}
