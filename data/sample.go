package data

import (
	"embed"
	"fmt"
	"strings"
)

// sampleFS holds the built-in samples: statements coded from five real
// reports of cyber-governance meetings (2008–2016), statements coded by
// hand from UN General Assembly speeches (2000–2024), the default
// codebook and the actor registry. See data/sample/README.md.
//
//go:embed sample/statements.csv sample/actors.csv sample/codebook.yaml sample/unga/statements.csv
var sampleFS embed.FS

// A Sample is one built-in dataset: its statements, read with the default
// codebook and registry.
type Sample struct {
	// Name is what --sample takes.
	Name string
	// About says what it is, for messages ("38 statements from five
	// meeting reports, 2008-2016").
	About string
	// Periods is the period specification its reports use by default
	// (as --period takes it).
	Periods string
	dir     string
}

// Samples are the built-in datasets; the first is the default.
var Samples = []Sample{
	{Name: "seeds", About: "38 statements from five meeting reports, 2008-2016", Periods: "year", dir: "sample"},
	{Name: "unga", About: "828 statements coded by hand from UN General Assembly speeches, 2000-2024",
		Periods: "2000-2004,2005-2009,2010-2014,2015-2019,2020-2024", dir: "sample/unga"},
}

// SampleNames lists the samples' names, for help texts and messages.
func SampleNames() []string {
	out := make([]string, len(Samples))
	for i, s := range Samples {
		out[i] = s.Name
	}
	return out
}

// LookupSample is the built-in sample of that name; "" is the default.
func LookupSample(name string) (Sample, error) {
	if name == "" {
		return Samples[0], nil
	}
	for _, s := range Samples {
		if s.Name == name {
			return s, nil
		}
	}
	return Sample{}, fmt.Errorf("there is no built-in sample %q: choose %s", name, strings.Join(SampleNames(), " or "))
}

// Statements returns the bytes of the sample's statements file.
func (s Sample) Statements() ([]byte, error) {
	return sampleFS.ReadFile(s.dir + "/" + SampleStatements)
}

// Corpus reads the sample.
func (s Sample) Corpus() (*Corpus, *ReadResult, error) {
	reg, err := DefaultRegistry()
	if err != nil {
		return nil, nil, err
	}
	cb, err := DefaultCodebook()
	if err != nil {
		return nil, nil, err
	}
	b, err := s.Statements()
	if err != nil {
		return nil, nil, err
	}
	name := "(built-in " + s.Name + " statements.csv)"
	if s.Name == Samples[0].Name {
		name = "(built-in statements.csv)"
	}
	t, err := ParseTable(bytesReader(b), name, TableOptions{IsHeader: looksLikeHeader(statementSynonyms)})
	if err != nil {
		return nil, nil, err
	}
	res := ReadStatementsTable(t, ReadOptions{Registry: reg, Codebook: cb})
	if res.InvalidRows > 0 {
		return nil, res, fmt.Errorf("built-in sample %s is broken: %v", s.Name, res.Problems[0])
	}
	return &Corpus{Statements: res.Statements, Actors: reg, Codebook: cb}, res, nil
}

// Sample file names inside SampleFile.
const (
	SampleStatements = "statements.csv"
	SampleActors     = "actors.csv"
	SampleCodebook   = "codebook.yaml"
)

// SampleFile returns the bytes of one embedded sample file.
func SampleFile(name string) ([]byte, error) {
	return sampleFS.ReadFile("sample/" + name)
}

// DefaultCodebook returns a fresh copy of the built-in cyberspace
// governance codebook.
func DefaultCodebook() (*Codebook, error) {
	b, err := SampleFile(SampleCodebook)
	if err != nil {
		return nil, err
	}
	return ParseCodebook(b, "(built-in codebook)")
}

// DefaultRegistry returns a fresh copy of the built-in actor registry:
// every UN member state and observer state by ISO code with common
// names, and the organisations and officials of the sample.
func DefaultRegistry() (*Registry, error) {
	b, err := SampleFile(SampleActors)
	if err != nil {
		return nil, err
	}
	t, err := ParseTable(bytesReader(b), "(built-in actors.csv)", TableOptions{IsHeader: looksLikeHeader(actorSynonyms)})
	if err != nil {
		return nil, err
	}
	reg, ps := ActorsFromTable(t)
	if ps.Errors() > 0 {
		return nil, fmt.Errorf("built-in actor registry is broken: %v", ps[0])
	}
	return reg, nil
}

// SampleCorpus reads the default built-in sample (seeds).
func SampleCorpus() (*Corpus, *ReadResult, error) {
	return Samples[0].Corpus()
}
