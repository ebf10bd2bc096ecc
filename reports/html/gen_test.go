package html

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/stancemap/stancemap/data"
)

// largeCorpus generates a corpus of the size the report must handle:
// actors × themes × years, in four latent blocs that drift over time,
// each actor speaking on a few themes a year. The same arguments give
// the same corpus.
func largeCorpus(actors, themes, years int) *data.Corpus {
	r := rand.New(rand.NewPCG(42, 7))
	reg := data.NewRegistry()
	kinds := []data.ActorKind{data.KindState, data.KindState, data.KindState, data.KindIGO, data.KindCompany, data.KindCivilSociety}
	for i := range actors {
		a := data.Actor{ID: fmt.Sprintf("A%03d", i+1), Name: fmt.Sprintf("Actor %03d of bloc %c", i+1, 'A'+rune(i%4)), Kind: kinds[i%len(kinds)]}
		if err := reg.Add(a); err != nil {
			panic(err)
		}
	}
	cb := &data.Codebook{Name: "generated", Scale: data.DefaultScale()}
	for t := range themes {
		cb.Themes = append(cb.Themes, data.Theme{ID: fmt.Sprintf("theme_%02d", t+1), Label: fmt.Sprintf("Theme %d", t+1),
			Positive: fmt.Sprintf("the positive pole of theme %d", t+1), Negative: fmt.Sprintf("the negative pole of theme %d", t+1)})
	}
	centre := make([][]float64, 4)
	for b := range centre {
		centre[b] = make([]float64, themes)
		for t := range centre[b] {
			centre[b][t] = r.Float64()*3.6 - 1.8
		}
	}
	c := &data.Corpus{Actors: reg, Codebook: cb}
	n := 0
	for y := range years {
		for i := range actors {
			b := i % 4
			for _, t := range r.Perm(themes)[:3] {
				drift := float64(y) / float64(max(years-1, 1)) * (0.8 - 0.4*float64(b%2))
				x := centre[b][t] + drift*float64(1-2*(t%2)) + r.NormFloat64()*0.7
				st := int(math.Round(max(-2, min(2, x))))
				n++
				c.Statements = append(c.Statements, data.Statement{
					ID: fmt.Sprintf("g%06d", n), Actor: fmt.Sprintf("A%03d", i+1), Theme: cb.Themes[t].ID, Stance: st,
					Date:   data.Date{Year: int32(1995 + y), Month: int8(1 + r.IntN(12)), Day: int8(1 + r.IntN(28)), Precision: data.PrecisionDay},
					Text:   fmt.Sprintf("Actor %03d said, in a statement of %d, that it %s %s; the delegation added a few words on the process.", i+1, 1995+y, []string{"strongly opposes", "opposes", "takes no side on", "supports", "strongly supports"}[st+2], cb.Themes[t].Positive),
					Source: fmt.Sprintf("Generated meeting report %d", 1995+y), URL: fmt.Sprintf("https://example.org/reports/%d#%d", 1995+y, n),
					Weight: 1, Confidence: 0.5 + r.Float64()/2,
				})
			}
		}
	}
	return c
}

// Strings an attacker might put in a corpus: each must show as text and
// run nothing.
const (
	evilActor = `</script><script>alert(1)</script>`
	evilTheme = `"><img src=x onerror=alert(1)>`
	evilText  = `He said "</script><!-- <script>alert('x')</script> -->" & '__f__alert(2)__f__' <img src=x onerror=alert(3)> {a|rich} ${alert(4)}`
)

// evilCorpus is a small corpus of six actors, four themes and three
// years whose names, labels, texts and links are hostile.
func evilCorpus() *data.Corpus {
	reg := data.NewRegistry()
	names := []string{evilActor, `"Quoted" & <b>bold</b> O'Brien`, "Alpha", "Beta __f__alert(7)__f__", "Gamma", "Delta"}
	for i, n := range names {
		if err := reg.Add(data.Actor{ID: fmt.Sprintf("X%d", i), Name: n, Kind: data.KindState}); err != nil {
			panic(err)
		}
	}
	cb := &data.Codebook{Name: "evil", Scale: data.DefaultScale()}
	for t, label := range []string{evilTheme, "Plain theme", `Theme with "quotes" & <tags>`, "Fourth"} {
		cb.Themes = append(cb.Themes, data.Theme{ID: fmt.Sprintf("t%d", t), Label: label,
			Positive: `<script>alert("pos")</script>`, Negative: `javascript:alert("neg")`, Description: evilText})
	}
	urls := []string{"javascript:alert(1)", " JaVaScRiPt:alert(2)", "data:text/html,<script>alert(3)</script>", `https://example.org/?q="><script>alert(5)</script>`, "vbscript:msgbox(1)", ""}
	c := &data.Corpus{Actors: reg, Codebook: cb}
	n := 0
	for y := range 3 {
		for i := range names {
			for t := range cb.Themes {
				n++
				c.Statements = append(c.Statements, data.Statement{
					ID: fmt.Sprintf(`e%d"<b>`, n), Actor: fmt.Sprintf("X%d", i), Theme: fmt.Sprintf("t%d", t),
					Stance: (i*3+t+y)%5 - 2, Date: data.Date{Year: int32(2010 + y), Precision: data.PrecisionYear},
					Text: evilText, Source: `<i>source</i> "` + evilActor, URL: urls[n%len(urls)], Event: evilTheme,
					Speaker: `<script>alert("speaker")</script>`, Weight: 1,
				})
			}
		}
	}
	return c
}
