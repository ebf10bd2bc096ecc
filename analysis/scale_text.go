package analysis

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stancemap/stancemap/data"
)

// Scaling from texts: the documents are cut into sentences and words
// (TextCorpus), a method gives every term a value on the axis —
// Wordscores (scale_wordscores.go) or Latent Semantic Scaling
// (scale_lss.go) — and an actor's raw score in a period is the mean value
// of the scored words it used, over all its documents of the period (with
// context terms, over the sentences near them only: scale_context.go):
//
//	ŷ = Σ_d Σ_f F_fd v_f / Σ_d Σ_f F_fd,
//
// with F_fd the count of term f in document d and v_f its value. The raw
// score is then put on the method's scale by a linear map (each method's
// rescaling), and so is its interval.
//
// Terms: lower-case words, hyphenated compounds kept whole, occurring at
// least MinCount times in the texts; stop words, numbers, single letters
// and names (words written with a capital first letter in more than half
// of their occurrences: countries, people, cities, which say who speaks
// rather than what is said) are left out.
//
// Interval: the 95% percentile bootstrap of the rescaled score, resampling
// the actor's documents in the period with replacement (a cluster
// bootstrap: the words of one speech are not independent draws), or the
// sentences of its only document when it has one; the term values and
// the rescaling map stay fixed. 2,000 resamples, seed 1, one random stream
// per axis, period and actor, as for statements.

// Text scaling methods.
const MethodWordscores = "wordscores"

// TextOptions choose and tune the text method; zero values take the
// defaults.
type TextOptions struct {
	Method   string // MethodWordscores (default) or MethodLSS
	MinCount int    // default 10
	LSS      LSSOptions
	// Context, when not empty, restricts scaling to the sentences about
	// the axis's subject (scale_context.go): those within Window sentences
	// of one holding a context term. Window 0 takes DefaultContextWindow;
	// a negative Window reads only the sentences holding a term. LSS still
	// learns its word space from every sentence; only the scoring (and
	// Wordscores' reference texts) is restricted. When no context term
	// occurs in the texts, every sentence is read. An actor with no
	// sentence near a context term has no position (NaN, Words 0).
	Context []string
	Window  int
}

// TextSummary says what the text model was fitted on and what it found.
type TextSummary struct {
	Documents int `json:"documents"`
	Sentences int `json:"sentences"`
	Words     int `json:"words"` // scored words in all documents
	Terms     int `json:"terms"`
	// Wordscores: the reference actors found and those without texts.
	References        []ReferenceText `json:"references,omitempty"`
	ReferencesMissing []string        `json:"references_missing,omitempty"`
	// LSS: the dimensions, the seeds found in the texts and those that never occur.
	Dimensions   int      `json:"dimensions,omitempty"`
	SeedsUsed    *Seeds   `json:"seeds_used,omitempty"`
	SeedsMissing []string `json:"seeds_missing,omitempty"`
	// The sentence filter: the context terms found and never found, the
	// window, and how many sentences were read (all when no context).
	ContextTerms    []string `json:"context_terms,omitempty"`
	ContextMissing  []string `json:"context_missing,omitempty"`
	ContextWindow   int      `json:"context_window,omitempty"`
	SentencesScored int      `json:"sentences_scored"`
	// Rescale says how raw scores were put on the reported scale:
	// position = (raw − Shift) · Factor + Offset.
	Rescale string  `json:"rescale"`
	Shift   float64 `json:"shift"`
	Factor  float64 `json:"factor"`
	Offset  float64 `json:"offset"`
	// The 20 terms that pull hardest towards each end (topTerms).
	TopPositive []TermScore `json:"top_positive"`
	TopNegative []TermScore `json:"top_negative"`
}

// ReferenceText is a reference actor of Wordscores: its a priori
// position, and how much text it has.
type ReferenceText struct {
	Actor     string  `json:"actor"`
	Position  float64 `json:"position"`
	Documents int     `json:"documents"`
	Words     int     `json:"words"`
}

// Seeds are the seed words of each end, as found in the texts.
type Seeds = data.Seeds

// TermScore is a term's value on the axis and its count in the texts.
type TermScore struct {
	Term  string  `json:"term"`
	Score float64 `json:"score"`
	Count int     `json:"count"`
}

// TextCorpus collects documents for text scaling: each is tokenised as it
// is added, so its text need not be kept.
type TextCorpus struct {
	words  map[string]int32
	names  []string
	counts []int
	caps   []int   // occurrences written with a capital first letter
	tokens []int32 // all documents' tokens, sentence after sentence
	sents  []int   // end of each sentence in tokens
	docs   []textDoc
	tok    tokenizer
}

type textDoc struct {
	actor      string
	date       data.Date
	sFrom, sTo int // the document's sentences
}

// NewTextCorpus returns an empty text corpus.
func NewTextCorpus() *TextCorpus {
	return &TextCorpus{words: map[string]int32{}}
}

// Add tokenises one document of an actor.
func (tc *TextCorpus) Add(actor string, date data.Date, text string) {
	d := textDoc{actor: actor, date: date, sFrom: len(tc.sents)}
	start := len(tc.tokens)
	tc.tok.each(text, func(b []byte, capital, sentenceEnd bool) {
		if len(b) > 0 {
			id, ok := tc.words[string(b)]
			if !ok {
				id = int32(len(tc.names))
				w := string(b)
				tc.words[w] = id
				tc.names = append(tc.names, w)
				tc.counts = append(tc.counts, 0)
				tc.caps = append(tc.caps, 0)
			}
			tc.counts[id]++
			if capital {
				tc.caps[id]++
			}
			tc.tokens = append(tc.tokens, id)
		}
		if sentenceEnd && len(tc.tokens) > start {
			tc.sents = append(tc.sents, len(tc.tokens))
			start = len(tc.tokens)
		}
	})
	if len(tc.tokens) > start {
		tc.sents = append(tc.sents, len(tc.tokens))
	}
	d.sTo = len(tc.sents)
	tc.docs = append(tc.docs, d)
}

// Documents is the number of documents added.
func (tc *TextCorpus) Documents() int { return len(tc.docs) }

// tokenizer cuts text into lower-case words and sentence ends.
type tokenizer struct{ buf []byte }

// each calls f for every word kept (lower case; capital says whether it
// was written with a capital first letter, not counting the first word
// of a sentence) and, with an empty word, at
// every sentence end (., !, ? or ; followed by a space, or a blank
// line). A hyphen between letters keeps a compound whole
// (non-interference); an apostrophe ends the word (state's → state).
func (t *tokenizer) each(text string, f func(w []byte, capital, sentenceEnd bool)) {
	t.buf = t.buf[:0]
	capital := false
	start := true // the next word begins a sentence: its capital says nothing
	flush := func() {
		if len(t.buf) > 0 {
			if keepWord(t.buf) {
				f(t.buf, capital && !start, false)
			}
			start = false
			t.buf = t.buf[:0]
		}
	}
	skip := false // inside a word after an apostrophe
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		next := i + size
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if !skip {
				if len(t.buf) == 0 {
					capital = unicode.IsUpper(r)
				}
				t.buf = utf8.AppendRune(t.buf, unicode.ToLower(r))
			}
		case (r == '-' || r == '‐') && len(t.buf) > 0 && !skip && next < len(text) && isLetterAt(text, next):
			t.buf = append(t.buf, '-')
		case r == '\'' || r == '’':
			flush()
			skip = true
			i = next
			continue
		default:
			flush()
			if (r == '.' || r == '!' || r == '?' || r == ';') && (next >= len(text) || text[next] == ' ' || text[next] == '\n' || text[next] == '\r' || text[next] == '\t') {
				f(nil, false, true)
				start = true
			} else if r == '\n' && next < len(text) && (text[next] == '\n' || text[next] == '\r') {
				f(nil, false, true)
				start = true
			}
		}
		if !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			skip = false
		}
		i = next
	}
	flush()
}

func isLetterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// keepWord leaves out stop words, single letters and numbers.
func keepWord(w []byte) bool {
	if utf8.RuneCount(w) < 2 || stopWords[string(w)] {
		return false
	}
	for _, c := range w {
		if c < '0' || c > '9' {
			return true
		}
	}
	return false
}

// stopWords are English function words, left out of the model: they carry
// no position and would dominate the co-occurrences.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about above after again against all also am an and any are as at be
	because been before being below between both but by can could did do does doing down during each
	few for from further had has have having he her here hers herself him himself his how i if in into
	is it its itself just me more most my myself no nor not now of off on once only or other our ours
	ourselves out over own same she should so some such than that the their theirs them themselves
	then there these they this those through to too under until up very was we were what when where
	which while who whom why will with would you your yours yourself yourselves us may must shall
	upon within without among amongst across per via mr ms mrs madam sir let like one two three also
	well yet still even ever every many much whose whether though although however thus therefore`) {
		m[w] = true
	}
	return m
}()

// ScaleTexts places each actor (and period) of the text corpus on the
// axis, by Wordscores (the default) or Latent Semantic Scaling.
func ScaleTexts(tc *TextCorpus, axis *data.Axis, opt ScaleOptions, to TextOptions) (*Scaling, error) {
	if to.MinCount <= 0 {
		to.MinCount = 10
	}
	if len(tc.docs) == 0 {
		return nil, &OptionError{Option: "axis", Value: axis.ID, Msg: "no document to scale"}
	}
	pl, err := newPeriodLabeler(opt.Period)
	if err != nil {
		return nil, err
	}
	// Units: each actor's documents in each period.
	type key struct {
		period int
		actor  string
	}
	cells := map[key][]int{}
	unplaced := 0
	for i, d := range tc.docs {
		_, u, ok := pl.label(d.date)
		if !ok {
			unplaced++
			continue
		}
		k := key{u, d.actor}
		cells[k] = append(cells[k], i)
	}
	keys := make([]key, 0, len(cells))
	for k := range cells {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(a.period, b.period), cmp.Compare(a.actor, b.actor))
	})
	var (
		value []float64 // per word id; NaN: not scored
		sum   *TextSummary
		keep  []bool // the sentences read; nil: all
	)
	var ctxFound, ctxMissing []string
	window := to.Window
	if len(to.Context) > 0 {
		switch {
		case window == 0:
			window = DefaultContextWindow
		case window < 0:
			window = 0
		}
		keep, ctxFound, ctxMissing = tc.contextSentences(to.Context, window)
		if len(ctxFound) == 0 {
			// Texts that never name the subject: every sentence is read
			// (ContextMissing says why).
			keep = nil
		}
	}
	method := to.Method
	switch method {
	case "", MethodWordscores:
		method = MethodWordscores
		value, sum, err = tc.wordscores(axis, to.MinCount, keep)
	case MethodLSS:
		value, sum, err = tc.lss(axis, to.MinCount, to.LSS)
	default:
		return nil, &OptionError{Option: "method", Value: to.Method, Msg: "a text method is wordscores or lss"}
	}
	if err != nil {
		return nil, err
	}
	// Sentence sums Σ F v and counts Σ F over scored terms.
	sumS := make([]float64, len(tc.sents))
	numS := make([]float64, len(tc.sents))
	prev := 0
	for s, end := range tc.sents {
		if keep == nil || keep[s] {
			sum.SentencesScored++
			for _, id := range tc.tokens[prev:end] {
				if v := value[id]; !math.IsNaN(v) {
					sumS[s] += v
					numS[s]++
				}
			}
		}
		prev = end
	}
	for _, n := range numS {
		sum.Words += int(n)
	}
	sum.Documents, sum.Sentences = len(tc.docs), len(tc.sents)
	sum.ContextMissing = ctxMissing
	if keep != nil {
		sum.ContextTerms, sum.ContextWindow = ctxFound, window
	}
	docSum := func(i int) (float64, float64) {
		var s, n float64
		for j := tc.docs[i].sFrom; j < tc.docs[i].sTo; j++ {
			s += sumS[j]
			n += numS[j]
		}
		return s, n
	}
	raw := make([]float64, len(keys))
	for i, k := range keys {
		var S, N float64
		for _, d := range cells[k] {
			s, n := docSum(d)
			S, N = S+s, N+n
		}
		raw[i] = S / N // NaN when no scored word
	}
	// The rescaling map.
	switch method {
	case MethodLSS:
		var ds []float64
		for i := range tc.docs {
			if s, n := docSum(i); n > 0 {
				ds = append(ds, s/n)
			}
		}
		if len(ds) == 0 {
			return nil, &OptionError{Option: "axis", Value: axis.ID, Msg: "no document holds a word of the model"}
		}
		mean, sd := meanSD(ds)
		if !(sd > 0) {
			sd = 1
		}
		sum.Rescale = "standardised over documents: (raw − mean of document scores) / their standard deviation (population)"
		sum.Shift, sum.Factor, sum.Offset = mean, 1/sd, 0
	default:
		var virgin []float64
		for i, k := range keys {
			if _, ref := axis.References[k.actor]; !ref && !math.IsNaN(raw[i]) {
				virgin = append(virgin, raw[i])
			}
		}
		var refs []float64
		for _, r := range sum.References {
			refs = append(refs, r.Position)
		}
		sum.Shift, sum.Factor, sum.Offset = 0, 1, 0
		sum.Rescale = "none (fewer than two actors other than the references)"
		if len(virgin) >= 2 {
			mv, sv := meanSampleSD(virgin)
			_, sr := meanSampleSD(refs)
			if sv > 0 {
				sum.Shift, sum.Factor, sum.Offset = mv, sr/sv, mv
				sum.Rescale = "Laver, Benoit & Garry (2003): (raw − mean of the other actors' raw scores) · sd(reference positions) / sd(the other actors' raw scores) + that mean (sample sds)"
			}
		}
	}
	rescale := func(x float64) float64 { return (x-sum.Shift)*sum.Factor + sum.Offset }
	out := &Scaling{Axis: *axis, Method: method, Counts: "documents", Unplaced: unplaced,
		Interval: fmt.Sprintf("95%% percentile bootstrap over documents (over sentences for one document), %d resamples, seed %d", opt.resamples(), opt.Seed)}
	if method == MethodLSS {
		out.Unit = "standard deviations of document scores (0 = the average document)"
	} else {
		out.Unit = "the scale of the reference positions (" + refRange(sum.References) + ")"
	}
	b := opt.resamples()
	cfg := newBootConfig(max(b, 1), 0.95)
	means := make([]float64, max(b, 1))
	for i, k := range keys {
		docs := cells[k]
		// The units resampled: documents, or the one document's sentences.
		var us, un []float64
		if len(docs) > 1 {
			for _, d := range docs {
				s, n := docSum(d)
				us, un = append(us, s), append(un, n)
			}
		} else {
			d := tc.docs[docs[0]]
			us, un = sumS[d.sFrom:d.sTo], numS[d.sFrom:d.sTo]
		}
		var N float64
		for _, n := range un {
			N += n
		}
		label := pl.labels[k.period]
		p := ScalePosition{Actor: k.actor, Period: label, Value: rescale(raw[i]), Low: math.NaN(), High: math.NaN(), N: len(docs), Words: int(N)}
		if N > 0 && b > 0 && len(us) >= 2 {
			rng := rand.New(cellStream(opt.Seed, "scale", axis.ID, label, k.actor))
			for r := range means {
				var s, n float64
				for range us {
					j := rng.IntN(len(us))
					s += us[j]
					n += un[j]
				}
				if n > 0 {
					means[r] = rescale(s / n)
				} else {
					means[r] = p.Value
				}
			}
			p.Low, p.High = selectPair(means, cfg.kLo-1, cfg.kHi-1)
		}
		out.Positions = append(out.Positions, p)
	}
	out.Periods = pl.periods()
	out.Text = sum
	return out, nil
}

func refRange(rs []ReferenceText) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, fmt.Sprintf("%s %+g", r.Actor, r.Position))
	}
	return strings.Join(parts, ", ")
}

// candidateTerms lists the word ids that may be terms: occurring at least
// minCount times, not names.
func (tc *TextCorpus) candidateTerms(minCount int) []int32 {
	var out []int32
	for id, n := range tc.counts {
		if n >= minCount && 2*tc.caps[id] <= n {
			out = append(out, int32(id))
		}
	}
	return out
}

// topTerms lists the 20 terms that pull hardest towards each end: those
// of highest (lowest) value × log(count) relative to the mean value of
// the terms, ties broken alphabetically, among terms counted at least
// minCount times.
func (tc *TextCorpus) topTerms(value []float64, minCount int) (hi, lo []TermScore) {
	var ids []int
	var mean float64
	for id, v := range value {
		if !math.IsNaN(v) && tc.counts[id] >= minCount {
			ids = append(ids, id)
			mean += v
		}
	}
	mean /= float64(max(len(ids), 1))
	pull := func(id int) float64 { return (value[id] - mean) * math.Log(float64(tc.counts[id])) }
	slices.SortFunc(ids, func(a, b int) int {
		return cmp.Or(cmp.Compare(pull(b), pull(a)), cmp.Compare(tc.names[a], tc.names[b]))
	})
	ts := func(id int) TermScore { return TermScore{Term: tc.names[id], Score: value[id], Count: tc.counts[id]} }
	for i := 0; i < min(20, len(ids)); i++ {
		hi = append(hi, ts(ids[i]))
		lo = append(lo, ts(ids[len(ids)-1-i]))
	}
	return hi, lo
}

func meanSD(xs []float64) (float64, float64) {
	var s float64
	for _, x := range xs {
		s += x
	}
	mean := s / float64(len(xs))
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(ss / float64(len(xs)))
}

// meanSampleSD is the mean and the sample standard deviation (n − 1).
func meanSampleSD(xs []float64) (float64, float64) {
	m, sd := meanSD(xs)
	n := float64(len(xs))
	if n < 2 {
		return m, math.NaN()
	}
	return m, sd * math.Sqrt(n/(n-1))
}

// SentenceFilter says in words which sentences were scored: every one,
// or those within the window of a context term, with how many that was.
func (t TextSummary) SentenceFilter() string {
	if len(t.ContextTerms) == 0 {
		return fmt.Sprintf("every sentence (%d)", t.Sentences)
	}
	s := fmt.Sprintf("%d of %d sentences: those within %d sentences of a context term (%d terms found in the texts", t.SentencesScored, t.Sentences, t.ContextWindow, len(t.ContextTerms))
	if len(t.ContextMissing) > 0 {
		s += fmt.Sprintf(", %d never found", len(t.ContextMissing))
	}
	return s + ")"
}
