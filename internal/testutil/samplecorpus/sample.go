// Package samplecorpus loads the built-in samples for tests. It is apart from
// testutil, which the data package's own tests import.
package samplecorpus

import (
	"testing"

	"github.com/stancemap/stancemap/data"
)

// Load loads a built-in sample ("seeds", "unga") for a test, with its
// registry and codebook, failing the test if it cannot.
func Load(t testing.TB, name string) (*data.Corpus, data.Sample) {
	t.Helper()
	c, _, s := LoadRead(t, name)
	return c, s
}

// LoadRead is Load with what reading the sample's statements said (the
// workbook's Data quality sheet reports it).
func LoadRead(t testing.TB, name string) (*data.Corpus, *data.ReadResult, data.Sample) {
	t.Helper()
	s, err := data.LookupSample(name)
	if err != nil {
		t.Fatal(err)
	}
	c, rr, err := s.Corpus()
	if err != nil {
		t.Fatal(err)
	}
	return c, rr, s
}
