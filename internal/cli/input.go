package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/spf13/pflag"
	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/data/dna"
	"github.com/stancemap/stancemap/internal/mapped"
)

// InputFlags are the flags of every command that reads statements.
type InputFlags struct {
	Actors      string
	Codebook    string
	Sheet       string
	AddUnknown  bool
	SkipInvalid bool
	DNA         bool
	// DNAType, DNAActor, DNATheme and DNAStance choose what is read from
	// DNA data: the statement type and the variables.
	DNAType, DNAActor, DNATheme, DNAStance string
	MaxShown                               int
	// Sample names the built-in sample used when no file is given.
	Sample string
}

// RegisterSample adds --sample, for commands that run on a built-in
// sample when given no file.
func (f *InputFlags) RegisterSample(fs *pflag.FlagSet) {
	fs.StringVar(&f.Sample, "sample", "", "built-in sample to use when no file is given: "+strings.Join(data.SampleNames(), " or ")+" (default seeds)")
}

// Register adds the input flags to a flag set.
func (f *InputFlags) Register(fs *pflag.FlagSet, skip bool) {
	fs.StringVar(&f.Actors, "actors", "", "actor registry (CSV/XLSX/JSON); default: the built-in registry")
	fs.StringVar(&f.Codebook, "codebook", "", "codebook (YAML); default: the built-in cyberspace governance codebook")
	fs.StringVar(&f.Sheet, "sheet", "", "XLSX sheet to read (default: \"Statements\", else the first sheet)")
	fs.BoolVar(&f.AddUnknown, "add-unknown-actors", false, "register actors missing from the registry instead of reporting them")
	fs.BoolVar(&f.DNA, "dna", false, "read Discourse Network Analyzer exports: organization, concept, agreement 1/0 (concepts become themes); DNA's .dna databases are read so without it")
	fs.StringVar(&f.DNAActor, "dna-actor", "organization", "DNA variable read as the actor: organization, person or another variable")
	fs.StringVar(&f.DNATheme, "dna-theme", "concept", "DNA variable read as the theme")
	fs.StringVar(&f.DNAStance, "dna-stance", "agreement", "DNA variable read as the stance: boolean (1 agrees, 0 disagrees) or integer (−2 to +2)")
	fs.StringVar(&f.DNAType, "dna-type", "", "DNA statement type read from a .dna database, by label or id (default: the one type with the actor, theme and stance variables)")
	if skip {
		fs.BoolVar(&f.SkipInvalid, "skip-invalid", false, "go on without invalid rows, saying how many were skipped and why")
	}
	fs.IntVar(&f.MaxShown, "max-problems", 50, "how many problems to list one by one (all are counted)")
}

// plainCSV tells whether every path names an uncompressed CSV or TSV.
func plainCSV(paths []string) bool {
	for _, p := range paths {
		switch strings.ToLower(filepath.Ext(p)) {
		case ".csv", ".tsv", ".txt":
		default:
			return false
		}
	}
	return true
}

// loadMemoryLimit bounds the heap while statements are read with the
// collector paused (see Load): 192 MB plus three times the size of the
// input files, above what reading them keeps (about 2.4 times a CSV's
// size); above it the collector runs. It is also what a malformed CSV
// may cost: the garbage of a quoted cell that never closes is collected
// at the bound, not left to grow (a 300 MB file took 3.1 GB under the
// earlier bound of 1 GB plus four times the files).
func loadMemoryLimit(paths []string) int64 {
	limit := int64(192 << 20)
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil {
			limit += 3 * fi.Size()
		}
	}
	return limit
}

// Load reads the statements files into a corpus. Invalid rows are
// refused (exit 1) unless SkipInvalid is set, in which case their number
// and reasons go to stderr. Unusable input is exit 2.
func (f *InputFlags) Load(paths []string, stderr io.Writer) (*data.Corpus, *data.ReadResult, error) {
	if len(paths) == 0 {
		return nil, nil, Failf(ExitUsage, "no statements file given")
	}
	// Reading makes the statements, which live until the end, and little
	// garbage: collecting while they are made only traces them again and
	// again. The collector waits until they are read, unless the heap
	// nears loadMemoryLimit (a million statements: 0.15 s less, and 30 MB
	// less at the peak). Only for plain CSV: a workbook or JSON file makes
	// garbage in proportion to its content, not to its size on disk.
	if plainCSV(paths) {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(loadMemoryLimit(paths)))
		defer debug.SetGCPercent(debug.SetGCPercent(-1))
	}
	c, res, err := data.LoadCorpus(paths, data.LoadOptions{
		ReadOptions:  f.readOptions(),
		ActorsFile:   f.Actors,
		CodebookFile: f.Codebook,
		DNA:          f.DNA,
		DNAVariables: f.dnaVariables(),
	})
	if err != nil {
		return nil, res, unusable(err)
	}
	errs := res.Problems.Errors()
	if errs > 0 && !f.SkipInvalid {
		PrintProblems(stderr, res.Problems, f.MaxShown)
		what := fmt.Sprintf("%d of %s %s invalid", res.InvalidRows, plural(res.Rows, "row", "rows"), map[bool]string{true: "is", false: "are"}[res.InvalidRows == 1])
		if n := registryErrors(res.Problems, f.Actors); n > 0 {
			what = fmt.Sprintf("the actor registry %s has %d %s and %s", f.Actors, n, data.Plural(n, "error", "errors"), what)
		}
		fmt.Fprintf(stderr, "stancemap: %s; fix them, or run again with --skip-invalid to go on without them\n", what)
		return nil, res, Silent(ExitProblems)
	}
	if errs > 0 {
		PrintProblems(stderr, res.Problems, f.MaxShown)
		fmt.Fprintf(stderr, "stancemap: skipped %d of %s (--skip-invalid); %s used\n",
			res.InvalidRows, plural(res.Rows, "row", "rows"), plural(len(res.Statements), "statement", "statements"))
	} else if len(res.Problems) > 0 {
		PrintProblems(stderr, res.Problems, f.MaxShown)
	}
	if res.Review.Active() {
		fmt.Fprintf(stderr, "stancemap: review decisions read: %s\n", res.Review)
	}
	if len(c.Statements) == 0 {
		return nil, res, Failf(ExitProblems, "%s: no valid statements to work on", strings.Join(paths, ", "))
	}
	return c, res, nil
}

// registryErrors counts the errors found in the actor registry file.
func registryErrors(ps data.Problems, actors string) int {
	n := 0
	for _, p := range ps {
		if actors != "" && p.Severity == data.SeverityError && (p.File == actors || strings.HasPrefix(p.File, actors+"[")) {
			n++
		}
	}
	return n
}

// readOptions are the reading options the flags give, with the readers
// of large files and of DNA databases.
func (f *InputFlags) readOptions() data.ReadOptions {
	return data.ReadOptions{AddUnknownActors: f.AddUnknown, Sheet: f.Sheet, ReadFile: mapped.ReadFile,
		Statements: mapped.Statements, DNADatabase: dna.Read}
}

// dnaVariables is what the --dna-* flags choose.
func (f *InputFlags) dnaVariables() data.DNASelection {
	return data.DNASelection{Type: f.DNAType, Actor: f.DNAActor, Theme: f.DNATheme, Stance: f.DNAStance}
}

// dnaOptions are the options DNA data is read with: unknown actors
// registered, concepts made themes (unless a codebook is given).
func (f *InputFlags) dnaOptions(ro data.ReadOptions) data.DNAOptions {
	if f.Codebook == "" {
		ro.Codebook = nil // the concepts are the themes
	}
	ro.AddUnknownActors = true
	v := f.dnaVariables()
	return data.DNAOptions{ReadOptions: ro, BuildCodebook: true, StatementType: v.Type,
		ActorFrom: v.Actor, ThemeFrom: v.Theme, StanceFrom: v.Stance}
}

func unusable(err error) error {
	if errors.Is(err, data.ErrUnusable) || errors.Is(err, data.ErrInvalid) {
		return Fail(ExitUsage, err)
	}
	return Fail(ExitUsage, err)
}

// PrintProblems lists up to max problems, then a grouped count of all.
func PrintProblems(w io.Writer, ps data.Problems, max int) {
	if len(ps) == 0 {
		return
	}
	for i, p := range ps {
		if max >= 0 && i >= max {
			fmt.Fprintf(w, "… and %d more (use --max-problems -1 to list all)\n", len(ps)-i)
			break
		}
		fmt.Fprintln(w, p.Error())
	}
	errs := ps.Errors()
	fmt.Fprintf(w, "%s: %s, %s\n", plural(len(ps), "problem", "problems"), plural(errs, "error", "errors"), plural(len(ps)-errs, "warning", "warnings"))
	for _, s := range ps.Summary() {
		fmt.Fprintln(w, "  "+s)
	}
}

// LoadOrSample loads the statements files, or the built-in sample when
// none is given (saying so on stderr), with what reading found.
func (f *InputFlags) LoadOrSample(paths []string, stderr io.Writer) (*data.Corpus, *data.ReadResult, error) {
	if len(paths) > 0 && f.Sample != "" {
		return nil, nil, Failf(ExitUsage, "give statement files or --sample %s, not both", f.Sample)
	}
	if len(paths) == 0 {
		s, err := data.LookupSample(f.Sample)
		if err != nil {
			return nil, nil, Fail(ExitUsage, err)
		}
		c, rr, err := s.Corpus()
		if err != nil {
			return nil, nil, err
		}
		if f.Sample == "" {
			fmt.Fprintf(stderr, "stancemap: no file given: using the built-in sample (%s)\n", s.About)
		} else {
			fmt.Fprintf(stderr, "stancemap: using the built-in sample %s (%s)\n", s.Name, s.About)
		}
		return c, rr, nil
	}
	return f.Load(paths, stderr)
}

// plural is "1 row", "2 rows": n and the noun agreeing.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
