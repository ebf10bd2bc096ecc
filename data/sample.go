package data

import (
	"embed"
	"fmt"
)

// sampleFS holds the built-in sample: statements coded from five real
// reports of cyber-governance meetings (2008–2016), the default
// codebook and the actor registry. See data/sample/README.md.
//
//go:embed sample/statements.csv sample/actors.csv sample/codebook.yaml
var sampleFS embed.FS

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

// SampleCorpus reads the built-in sample corpus.
func SampleCorpus() (*Corpus, *ReadResult, error) {
	reg, err := DefaultRegistry()
	if err != nil {
		return nil, nil, err
	}
	cb, err := DefaultCodebook()
	if err != nil {
		return nil, nil, err
	}
	b, err := SampleFile(SampleStatements)
	if err != nil {
		return nil, nil, err
	}
	t, err := ParseTable(bytesReader(b), "(built-in statements.csv)", TableOptions{IsHeader: looksLikeHeader(statementSynonyms)})
	if err != nil {
		return nil, nil, err
	}
	res := ReadStatementsTable(t, ReadOptions{Registry: reg, Codebook: cb})
	if res.InvalidRows > 0 {
		return nil, res, fmt.Errorf("built-in sample is broken: %v", res.Problems[0])
	}
	return &Corpus{Statements: res.Statements, Actors: reg, Codebook: cb}, res, nil
}
