package html

import (
	"bytes"
	"sync"
	"testing"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
)

// yearly is the analysis the report tests use: yearly periods, the
// defaults otherwise.
var yearly = analysis.AnalyzeOptions{Matrix: analysis.MatrixOptions{Period: analysis.PeriodSpec{Kind: analysis.PeriodYear}}}

var sample = sync.OnceValues(func() (*analysis.Analysis, *data.Corpus) {
	c, _, err := data.SampleCorpus()
	if err != nil {
		panic(err)
	}
	a, err := analysis.Analyze(c, yearly)
	if err != nil {
		panic(err)
	}
	return a, c
})

var large = sync.OnceValues(func() (*analysis.Analysis, *data.Corpus) {
	c := largeCorpus(200, 12, 30)
	a, err := analysis.Analyze(c, yearly)
	if err != nil {
		panic(err)
	}
	return a, c
})

func render(t testing.TB, a *analysis.Analysis, c *data.Corpus, opt Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, a, c, opt); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
