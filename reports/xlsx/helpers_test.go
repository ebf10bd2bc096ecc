package xlsx

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"github.com/stancemap/stancemap/internal/testutil"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
)

// sampleAnalysis analyses the built-in sample by year, as the report of
// `stancemap demo` does.
func sampleAnalysis(t testing.TB) (*analysis.Analysis, *data.Corpus, *data.ReadResult) {
	t.Helper()
	c, rr, err := data.SampleCorpus()
	if err != nil {
		t.Fatal(err)
	}
	a, err := analysis.Analyze(c, analysis.AnalyzeOptions{Matrix: analysis.MatrixOptions{Period: analysis.PeriodSpec{Kind: analysis.PeriodYear}}})
	if err != nil {
		t.Fatal(err)
	}
	return a, c, rr
}

func writeReport(t testing.TB, a *analysis.Analysis, c *data.Corpus, rr *data.ReadResult, opt Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteReport(&b, a, c, rr, opt); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var update = testutil.Update

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if officeProfile != "" {
		os.RemoveAll(officeProfile)
	}
	os.Exit(code)
}

// injections are texts a spreadsheet would run as formulas if they were
// written as formulas (OWASP, CSV injection), and texts that merely
// start like one.
var injections = []string{
	`=HYPERLINK("http://x","y")`,
	`+cmd|' /C calc'!A0`,
	`@SUM(1)`,
	`-2+3`,
	"\t=1+1",
	"\r=1+1",
	`=1+1`,
	`-1`,
	`ordinary text`,
}
