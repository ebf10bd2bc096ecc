package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"

	"github.com/spf13/pflag"
	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/internal/mapped"
	"github.com/stancemap/stancemap/internal/streammatrix"
	"github.com/stancemap/stancemap/reports/plain"
)

// MatrixFlags are the flags that shape stance matrices.
type MatrixFlags struct {
	Period    string
	GroupBy   string
	Bootstrap int
	Seed      uint64
}

// Register adds the matrix flags to a flag set.
func (f *MatrixFlags) Register(fs *pflag.FlagSet) {
	fs.StringVar(&f.Period, "period", "all", "split time by all, year, quarter, month, or ranges such as 2008-2012,2013-2016")
	fs.StringVar(&f.GroupBy, "group-by", "", "rows by actor (default) or by kind, country, region or group")
	fs.IntVar(&f.Bootstrap, "bootstrap", 2000, "bootstrap resamples for the 95% confidence intervals (0 for none)")
	fs.Uint64Var(&f.Seed, "seed", 1, "seed of the bootstrap, so results are reproducible")
}

// Options turns the flags into analysis options, or a usage error.
func (f *MatrixFlags) Options() (analysis.MatrixOptions, error) {
	ps, err := analysis.ParsePeriodSpec(f.Period)
	if err != nil {
		return analysis.MatrixOptions{}, Fail(ExitUsage, err)
	}
	gb, err := analysis.ParseGroupBy(f.GroupBy)
	if err != nil {
		return analysis.MatrixOptions{}, Fail(ExitUsage, err)
	}
	b := f.Bootstrap
	if b == 0 {
		b = -1
	}
	if b < -1 {
		return analysis.MatrixOptions{}, Failf(ExitUsage, "--bootstrap must be 0 or more, got %d", f.Bootstrap)
	}
	return analysis.MatrixOptions{Period: ps, GroupBy: gb, Bootstrap: b, Seed: f.Seed}, nil
}

// Matrices computes the stance matrices of a corpus.
func (f *MatrixFlags) Matrices(c *data.Corpus) (*analysis.MatrixSet, error) {
	opt, err := f.Options()
	if err != nil {
		return nil, err
	}
	set, err := analysis.StanceMatrices(c, opt)
	if err != nil {
		return nil, Fail(ExitProblems, err)
	}
	return set, nil
}

// Compute loads the statements files and computes their stance
// matrices: by the streaming path when stream is set and it takes the
// input (StreamMatrices), by loading the corpus otherwise; streamed says
// which. Both give the same bytes in every output; the corpus returned
// holds no statements when streamed.
func (f *MatrixFlags) Compute(paths []string, sf *StatementFlags, stderr io.Writer, stream bool) (set *analysis.MatrixSet, c *data.Corpus, streamed bool, err error) {
	if stream {
		if set, c, ps, ok := f.StreamMatrices(paths, sf); ok {
			PrintProblems(stderr, ps, sf.Input.MaxShown)
			return set, c, true, nil
		}
	}
	l, err := sf.Load(paths, stderr)
	if err != nil {
		return nil, nil, false, err
	}
	if set, err = f.Matrices(l.Corpus); err != nil {
		return nil, nil, false, err
	}
	return set, l.Corpus, false, nil
}

// StreamMatrices computes the stance matrices of one plain CSV file by
// the streaming path (package streammatrix), which holds a window of the
// file and the cells rather than the statements. ok is false whenever the
// command's flags or the file are anything it does not take: more than
// one file, filters, --add-unknown-actors, --dna, an actor registry with
// problems, or any problem, warning or duplicate in the file (see
// data.StreamStatements). The caller then loads
// the corpus the plain way, which prints the messages; nothing has been
// written. The corpus returned holds the registry and codebook, no
// statements: all that the writers read of it; the problems are the
// warnings on statements entered twice, to print as Load prints them.
func (f *MatrixFlags) StreamMatrices(paths []string, sf *StatementFlags) (*analysis.MatrixSet, *data.Corpus, data.Problems, bool) {
	in := sf.Input
	if len(paths) != 1 || !plainCSV(paths) || sf.Filter.Active() || in.AddUnknown || in.DNA || in.Sample != "" {
		return nil, nil, nil, false
	}
	opt, err := f.Options()
	if err != nil || !streammatrix.Supports(opt) {
		return nil, nil, nil, false
	}
	reg, err := data.DefaultRegistry()
	if in.Actors != "" {
		var ps data.Problems
		reg, ps, err = data.ReadActors(in.Actors)
		if len(ps) > 0 {
			return nil, nil, nil, false
		}
	}
	if err != nil {
		return nil, nil, nil, false
	}
	var cb *data.Codebook
	if in.Codebook == "" {
		cb, err = data.DefaultCodebook()
	} else {
		cb, err = data.ReadCodebook(in.Codebook)
	}
	if err != nil {
		return nil, nil, nil, false
	}
	set, ps, ok := streammatrix.Compute(streammatrix.Input{Path: paths[0], Registry: reg, Codebook: cb,
		Map: mapped.Stream, Parts: runtime.GOMAXPROCS(0)}, opt)
	if !ok {
		return nil, nil, nil, false
	}
	return set, &data.Corpus{Actors: reg, Codebook: cb}, ps, true
}

// WriteMatrix renders a matrix set in a format to w.
func WriteMatrix(w io.Writer, format string, set *analysis.MatrixSet, c *data.Corpus, salience bool) error {
	switch format {
	case "table", "":
		return plain.WriteMatrixTable(w, set, c, plain.TableOptions{Salience: salience})
	case "csv":
		return plain.WriteMatrixCSV(w, set)
	case "json":
		return plain.WriteMatrixJSON(w, set)
	}
	return Failf(ExitUsage, "--format must be table, csv or json, got %q", format)
}

// WriteOutput writes to path atomically (exit 3 on failure), refusing to
// overwrite any of the inputs.
func WriteOutput(path string, inputs []string, write func(io.Writer) error) error {
	if err := refuseInput(path, inputs); err != nil {
		return err
	}
	var inner error
	if err := data.WriteFileAtomic(path, func(w io.Writer) error { inner = write(w); return inner }); err != nil {
		// An input that cannot be read, found while writing, is the
		// input's fault, not the output's: keep its own exit status.
		var p *data.Problem
		var ee *ExitError
		if inner != nil && (errors.As(inner, &p) || errors.As(inner, &ee)) {
			return inner
		}
		return Fail(ExitOutput, err)
	}
	return nil
}

func refuseInput(out string, inputs []string) error {
	oi, err := os.Stat(out)
	if err != nil {
		return nil
	}
	for _, in := range inputs {
		if ii, err := os.Stat(in); err == nil && os.SameFile(oi, ii) {
			return Failf(ExitUsage, "output %s is the input %s: refusing to overwrite an input", out, in)
		}
	}
	if abs, _ := filepath.Abs(out); abs == "" {
		return fmt.Errorf("bad output path %q", out)
	}
	return nil
}
