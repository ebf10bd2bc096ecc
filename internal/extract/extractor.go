package extract

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/stancemap/stancemap/data"
)

// phraseKind says what a phrase of the matcher is for.
type phraseKind uint8

const (
	pKeyword phraseKind = iota // names a theme
	pPole                      // names a theme and leans to a pole
	pProblem                   // names what a theme's + pole wants fixed
	pExclude                   // a keyword inside it does not count
	pSupport
	pOppose
	pReduce
	pIntensifier
	pHedge
	pNegator
	pSay
	pAccording
	pGroup
	pPronoun
	pTitle
	pContext
)

// phrase is one entry of the matcher.
type phrase struct {
	kind  phraseKind
	theme int // index into the codebook's themes; -1 for general phrases
	pol   int // +1 or -1 for pole cues
	text  string
}

// nameEntry is one name of the name matcher.
type nameEntry struct {
	actor   *data.Actor
	text    string
	needCap bool // the text must write the first word with a capital
	allCaps bool // an acronym: the text must write it in capitals
	gaz     bool // from the rules' gazetteer, not the registry
}

// Options tune an Extractor. The zero value is usable.
type Options struct {
	// Rules replaces the built-in rules (DefaultRules).
	Rules *Rules
	// OfficialsAsOrganisation codes a registered official's statements
	// for the actor the official speaks for (the registry's organisation
	// column: Qian Hongshan → CHN) instead of for the official.
	OfficialsAsOrganisation bool
	// NoText leaves the sentence out of each statement's text column.
	NoText bool
	// Coder is written in the coder column; default "stancemap extract".
	Coder string
	// RequireContext codes only sentences holding one of the rules'
	// context words (cyberspace, internet, ICT …): for corpora where the
	// themes' words mostly speak of other things, such as UN speeches.
	RequireContext bool
	// Model codes the sentences holding a context word (DefaultModel is
	// the built-in one); nil codes every sentence by the rules.
	Model *Model
}

// Extractor codes documents against a codebook. It is safe for
// concurrent use.
type Extractor struct {
	cb    *data.Codebook
	reg   *data.Registry
	rules *Rules
	opt   Options

	phrases []phrase
	words   vocab
	ac      *automaton

	names   []nameEntry
	nwords  vocab
	nameAC  *automaton
	abbrev  map[string]bool
	pool    sync.Pool
	themeID []string
	// themeIndex is the index of each theme id in themeID.
	themeIndex map[string]int
	// model codes the sentences with context words (nil: the rules do)
	model *Model
	// sink, when set, receives every sentence the model would code, with
	// its features, instead of coding it (training).
	sink func(doc *Document, start, end int, feats []string)
	keep map[string]bool // words not stemmed
}

// New compiles an extractor for a codebook and registry.
func New(cb *data.Codebook, reg *data.Registry, opt Options) (*Extractor, error) {
	if cb == nil || reg == nil {
		return nil, fmt.Errorf("extract.New needs a codebook and a registry")
	}
	rules := opt.Rules
	if rules == nil {
		var err error
		if rules, err = DefaultRules(); err != nil {
			return nil, err
		}
	}
	if err := rules.check(cb, reg); err != nil {
		return nil, err
	}
	if opt.Coder == "" {
		opt.Coder = "stancemap extract"
	}
	x := &Extractor{cb: cb, reg: reg, rules: rules, opt: opt, words: vocab{}, nwords: vocab{}, abbrev: map[string]bool{}}
	for _, a := range rules.Cleaning.Abbreviations {
		x.abbrev[a] = true
	}
	x.themeID = cb.ThemeIDs()
	x.themeIndex = map[string]int{}
	for i, id := range x.themeID {
		x.themeIndex[id] = i
	}
	x.model = opt.Model
	x.keep = map[string]bool{}
	for _, w := range rules.Words.Unstemmed {
		x.keep[foldWord(w)] = true
	}
	add := func(kind phraseKind, theme, pol int, list []string) {
		for _, t := range list {
			if strings.TrimSpace(t) != "" {
				x.phrases = append(x.phrases, phrase{kind: kind, theme: theme, pol: pol, text: t})
			}
		}
	}
	for i, th := range cb.Themes {
		add(pKeyword, i, 0, th.Keywords)
		add(pPole, i, 1, th.Cues.Positive)
		add(pPole, i, -1, th.Cues.Negative)
		if tr, ok := rules.Themes[th.ID]; ok {
			add(pKeyword, i, 0, tr.Keywords)
			add(pPole, i, 1, tr.Cues.Positive)
			add(pPole, i, -1, tr.Cues.Negative)
			add(pProblem, i, 0, tr.Problems)
			add(pExclude, i, 0, tr.Exclude)
		}
	}
	st := rules.Stance
	add(pSupport, -1, 1, st.Support)
	add(pOppose, -1, -1, st.Oppose)
	add(pReduce, -1, -1, st.Reduce)
	add(pIntensifier, -1, 0, st.Intensifiers)
	add(pHedge, -1, 0, st.Hedges)
	add(pNegator, -1, 0, st.Negators)
	at := rules.Attribution
	add(pSay, -1, 0, at.Say)
	add(pAccording, -1, 0, at.According)
	add(pGroup, -1, 0, at.Groups)
	add(pPronoun, -1, 0, at.Pronouns)
	add(pTitle, -1, 0, at.Titles)
	add(pContext, -1, 0, rules.Context)

	// A phrase listed twice (say as a keyword and a cue) stays twice: the
	// matcher reports both and scoring decides.
	pats := make([][]int32, len(x.phrases))
	for i, p := range x.phrases {
		pats[i] = x.phraseSymbols(p.text)
	}
	x.ac = buildAutomaton(pats, len(x.words)+1)

	x.buildNames()
	x.pool.New = func() any { return newWorker(x) }
	return x, nil
}

// phraseSymbols tokenizes a phrase the way text is tokenized and returns
// the vocabulary ids of its folded, stemmed words, adding new words.
func (x *Extractor) phraseSymbols(p string) []int32 {
	toks := tokenize(p, 0, len(p), nil)
	var syms []int32
	for _, t := range toks {
		if t.kind != tWord {
			continue
		}
		syms = append(syms, x.words.id(x.stem(foldWord(p[t.start:t.end]))))
	}
	return syms
}

// stem stems a folded word unless the rules keep it as it is.
func (x *Extractor) stem(w string) string {
	if x.keep[w] {
		return w
	}
	return stem(w)
}

// buildNames compiles the name matcher: every actor's name and aliases,
// then the rules' gazetteer. Where two entries are the same words, the
// first one (the registry's) wins.
func (x *Extractor) buildNames() {
	seen := map[string]bool{}
	var pats [][]int32
	addName := func(a *data.Actor, name string, gaz bool) {
		name = strings.TrimSpace(name)
		if name == "" {
			return
		}
		toks := tokenize(name, 0, len(name), nil)
		var syms []int32
		var key strings.Builder
		for _, t := range toks {
			if t.kind != tWord {
				continue
			}
			w := foldWord(name[t.start:t.end])
			syms = append(syms, x.nwords.id(w))
			key.WriteString(w)
			key.WriteByte(' ')
		}
		if len(syms) == 0 || seen[key.String()] {
			return
		}
		seen[key.String()] = true
		first := name[toks[0].start:toks[0].end]
		x.names = append(x.names, nameEntry{actor: a, text: name, gaz: gaz,
			needCap: isUpperStart(first), allCaps: len(syms) == 1 && isAllCaps(first)})
		pats = append(pats, syms)
	}
	for _, a := range x.reg.Actors() {
		addName(a, a.Name, false)
		for _, al := range a.Aliases {
			addName(a, al, false)
		}
		if isAllCaps(a.ID) && a.Kind != data.KindState {
			addName(a, a.ID, false)
		}
	}
	ids := make([]string, 0, len(x.rules.Gazetteer))
	for id := range x.rules.Gazetteer {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		a, _ := x.reg.Get(id)
		for _, n := range x.rules.Gazetteer[id] {
			addName(a, n, true)
		}
	}
	x.nameAC = buildAutomaton(pats, len(x.nwords)+1)
}

func isUpperStart(s string) bool {
	for _, r := range s {
		return r >= 'A' && r <= 'Z' || r > 127 && !isLowerRune(r)
	}
	return false
}

func isAllCaps(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			letters++
		case r >= '0' && r <= '9', r == '.':
		default:
			return false
		}
	}
	return letters >= 2
}

// Codebook returns the codebook the extractor codes with.
func (x *Extractor) Codebook() *data.Codebook { return x.cb }

// Registry returns the actor registry.
func (x *Extractor) Registry() *data.Registry { return x.reg }
