package streammatrix

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/internal/synth"
	"github.com/stancemap/stancemap/reports/plain"
)

// corpus is a synthetic statements file with its registry and codebook.
type corpus struct {
	path string
	reg  *data.Registry
	cb   *data.Codebook
}

// synthFile writes a synthetic corpus, its lines passed through edit
// (the header is line 0), to a CSV file.
func synthFile(t *testing.T, opt synth.Options, edit func(r *rand.Rand, line int, fields []string) []string) corpus {
	t.Helper()
	c, err := synth.New(opt)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := c.Write(&buf); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	if edit != nil {
		r := rand.New(rand.NewPCG(opt.Seed, 7))
		lines := strings.SplitAfter(text, "\n")
		var out strings.Builder
		for i, l := range lines {
			if l == "" {
				continue
			}
			// synth writes no comma in a cell: a line splits on commas.
			fs := edit(r, i, strings.Split(strings.TrimSuffix(l, "\n"), ","))
			if fs != nil {
				out.WriteString(strings.Join(fs, ",") + "\n")
			}
		}
		text = out.String()
	}
	path := filepath.Join(t.TempDir(), "statements.csv")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return corpus{path: path, reg: c.Registry, cb: c.Codebook}
}

// The columns synth writes.
const (
	colID = iota
	colActor
	colTheme
	colStance
	colDate
	colWeight     = 10
	colConfidence = 12
)

// outputs renders a matrix set in every format the command writes.
func outputs(t *testing.T, set *analysis.MatrixSet, c *data.Corpus) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, f := range []string{"csv", "json", "table", "salience"} {
		var b bytes.Buffer
		var err error
		switch f {
		case "csv":
			err = plain.WriteMatrixCSV(&b, set)
		case "json":
			err = plain.WriteMatrixJSON(&b, set)
		case "table":
			err = plain.WriteMatrixTable(&b, set, c, plain.TableOptions{CI: true})
		case "salience":
			err = plain.WriteMatrixTable(&b, set, c, plain.TableOptions{Salience: true})
		}
		if err != nil {
			t.Fatal(err)
		}
		out[f] = b.Bytes()
	}
	return out
}

// plainPath is what the stancemap command computes without streaming:
// the file read whole, then analysis.StanceMatrices. clean says the read
// found no problem at all.
func plainPath(t *testing.T, c corpus, opt analysis.MatrixOptions) (out map[string][]byte, clean bool) {
	t.Helper()
	res, err := data.ReadStatements([]string{c.path}, data.ReadOptions{Registry: c.reg, Codebook: c.cb})
	if err != nil {
		return nil, false
	}
	corp := &data.Corpus{Statements: res.Statements, Actors: c.reg, Codebook: c.cb}
	set, err := analysis.StanceMatrices(corp, opt)
	if err != nil {
		t.Fatalf("plain path: %v", err)
	}
	return outputs(t, set, corp), len(res.Problems) == 0 && len(res.Statements) > 0
}

// wholeText is a StreamOptions.Map for tests: the file read whole, and
// done checked to be told of stretches of the text within it.
func wholeText(t *testing.T) func(string) (string, func(int, int), bool) {
	return func(path string) (string, func(int, int), bool) {
		b, err := os.ReadFile(path)
		if err != nil {
			return "", nil, false
		}
		return string(b), func(from, to int) {
			if from < 0 || from > to || to > len(b) {
				t.Errorf("done(%d, %d), text of %d bytes", from, to, len(b))
			}
		}, true
	}
}

// streamPath is the streaming path: the file read through a buffer, or
// (mapText) as one text in parts, read at once.
func streamPath(t *testing.T, c corpus, opt analysis.MatrixOptions, mapText bool) (map[string][]byte, bool) {
	t.Helper()
	in := Input{Path: c.path, Registry: c.reg, Codebook: c.cb}
	if mapText {
		in.Map, in.Parts = wholeText(t), 3
	}
	set, _, ok := Compute(in, opt)
	if !ok {
		return nil, false
	}
	return outputs(t, set, &data.Corpus{Actors: c.reg, Codebook: c.cb}), true
}

func mustPeriod(t *testing.T, s string) analysis.PeriodSpec {
	p, err := analysis.ParsePeriodSpec(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// sameBytes compares the two paths' outputs.
func sameBytes(t *testing.T, name string, want, got map[string][]byte) {
	t.Helper()
	for f, w := range want {
		if g := got[f]; !bytes.Equal(w, g) {
			i := 0
			for i < min(len(w), len(g)) && w[i] == g[i] {
				i++
			}
			t.Errorf("%s, %s: the streaming path's output differs from the plain path's at byte %d:\nplain:  %q\nstream: %q",
				name, f, i, w[max(0, i-80):min(len(w), i+80)], g[max(0, i-80):min(len(g), i+80)])
		}
	}
}

// TestComputeGivesThePlainPathsBytes runs both paths on synthetic
// corpora (dates of day, month and year precision; some with varying
// weights and confidences, some without ids) under every kind of period,
// with and without intervals, and compares every output byte for byte.
// The streaming path must take every one of these clean files.
func TestComputeGivesThePlainPathsBytes(t *testing.T) {
	weights := []string{"1", "0.5", "2", "1e-9", "1.5", "0.25", "3", "0.1", "0.2", "0.7"}
	confs := []string{"", "0.3", "0.9", "1", "80%"}
	variants := []struct {
		name string
		edit func(r *rand.Rand, line int, fs []string) []string
	}{
		{"as written", nil},
		{"weights and confidences", func(r *rand.Rand, line int, fs []string) []string {
			if line > 0 {
				fs[colWeight] = weights[r.IntN(len(weights))]
				fs[colConfidence] = confs[r.IntN(len(confs))]
			}
			return fs
		}},
		{"CR LF line ends", func(r *rand.Rand, line int, fs []string) []string {
			fs[len(fs)-1] += "\r"
			return fs
		}},
		{"no ids, blank lines", func(r *rand.Rand, line int, fs []string) []string {
			if line > 0 {
				fs[colID] = ""
				if r.IntN(50) == 0 {
					fs[len(fs)-1] += "\n" // an empty line after the record
				}
			}
			return fs
		}},
	}
	periods := []string{"all", "year", "quarter", "month", "1995-1997,1998-2000", "1996-03..1997-08,2001"}
	for seed := uint64(1); seed <= 2; seed++ {
		for _, v := range variants {
			c := synthFile(t, synth.Options{Actors: 25, Themes: 6, Statements: 1500, Years: 8, Seed: seed}, v.edit)
			for _, ps := range periods {
				for _, boot := range []int{-1, 40} {
					opt := analysis.MatrixOptions{Period: mustPeriod(t, ps), Bootstrap: boot, Seed: seed}
					name := fmt.Sprintf("seed %d, %s, period %s, bootstrap %d", seed, v.name, ps, boot)
					want, clean := plainPath(t, c, opt)
					if !clean {
						t.Fatalf("%s: the plain path found problems in a clean file", name)
					}
					for _, mapText := range []bool{false, true} {
						got, ok := streamPath(t, c, opt, mapText)
						if !ok {
							t.Errorf("%s (mapped %v): the streaming path handed over a clean file", name, mapText)
							continue
						}
						sameBytes(t, name, want, got)
					}
				}
			}
		}
	}
}

// TestComputeHandsOver: whatever the plain path would report (an invalid
// row, a duplicate id, a column it ignores; a statement entered twice
// unless the file is mapped), and what the streaming path does not read
// (a byte order mark, a carriage return other than in CR LF, a record
// that is not plain CSV), makes Compute hand over, so that the plain path
// prints its messages.
func TestComputeHandsOver(t *testing.T) {
	opt := analysis.MatrixOptions{Bootstrap: -1}
	edits := map[string]func(r *rand.Rand, line int, fs []string) []string{
		"bad stance": func(r *rand.Rand, line int, fs []string) []string {
			if line == 500 {
				fs[colStance] = "7"
			}
			return fs
		},
		"unknown actor": func(r *rand.Rand, line int, fs []string) []string {
			if line == 900 {
				fs[colActor] = "Atlantis"
			}
			return fs
		},
		"bad date": func(r *rand.Rand, line int, fs []string) []string {
			if line == 17 {
				fs[colDate] = "12/03/2001"
			}
			return fs
		},
		"duplicate id": func(r *rand.Rand, line int, fs []string) []string {
			if line == 1200 {
				fs[colID] = "s00000003"
			}
			return fs
		},
		"ragged row": func(r *rand.Rand, line int, fs []string) []string {
			if line == 300 {
				return fs[:len(fs)-1]
			}
			return fs
		},
		"unknown column": func(r *rand.Rand, line int, fs []string) []string {
			if line == 0 {
				fs = append(fs, "mood")
			} else {
				fs = append(fs, "calm")
			}
			return fs
		},
		"a CR in a cell": func(r *rand.Rand, line int, fs []string) []string {
			if line == 2500 {
				fs[6] += "\rmore"
			}
			fs[len(fs)-1] += "\r"
			return fs
		},
		"BOM": func(r *rand.Rand, line int, fs []string) []string {
			if line == 0 {
				fs[0] = "\uFEFF" + fs[0]
			}
			return fs
		},
		"bare quote": func(r *rand.Rand, line int, fs []string) []string {
			if line == 2000 {
				fs[6] = `he said "no" twice`
			}
			return fs
		},
		"not UTF-8": func(r *rand.Rand, line int, fs []string) []string {
			if line == 3000 {
				fs[6] += " caf\xe9"
			}
			return fs
		},
	}
	for name, edit := range edits {
		c := synthFile(t, synth.Options{Actors: 25, Themes: 5, Statements: 4000, Years: 8, Seed: 3}, edit)
		for _, mapText := range []bool{false, true} {
			if _, ok := streamPath(t, c, opt, mapText); ok {
				t.Errorf("%s (mapped %v): the streaming path took the file", name, mapText)
			}
		}
	}

	// A statement entered twice: same actor, theme, stance, date and
	// text under another id.
	c := synthFile(t, synth.Options{Actors: 25, Themes: 5, Statements: 4000, Years: 8, Seed: 3}, nil)
	b, _ := os.ReadFile(c.path)
	lines := strings.SplitAfter(string(b), "\n")
	again := strings.Replace(lines[40], "s00000040", "again", 1)
	if err := os.WriteFile(c.path, []byte(strings.Join(lines, "")+again), 0o644); err != nil {
		t.Fatal(err)
	}
	want, clean := plainPath(t, c, opt)
	if clean {
		t.Fatal("the plain path finds no duplicate: the test is wrong")
	}
	if _, ok := streamPath(t, c, opt, false); ok {
		t.Errorf("a statement entered twice, read through the buffer: the streaming path took the file")
	}
	// Read mapped, it is taken, with the plain path's warning.
	got, ok := streamPath(t, c, opt, true)
	if !ok {
		t.Fatalf("a statement entered twice, mapped: handed over")
	}
	sameBytes(t, "a statement entered twice", want, got)
	_, ps, _ := Compute(Input{Path: c.path, Registry: c.reg, Codebook: c.cb, Map: wholeText(t), Parts: 2}, opt)
	res, _ := data.ReadStatements([]string{c.path}, data.ReadOptions{Registry: c.reg, Codebook: c.cb})
	if fmt.Sprint(ps) != fmt.Sprint(res.Problems) || len(ps) != 1 {
		t.Errorf("problems %v, want the plain path's %v", ps, res.Problems)
	}
}

// A quoted cell holding the delimiter and line breaks is plain CSV: the
// streaming path reads it, with the plain path's row numbers.
func TestComputeReadsQuotedCells(t *testing.T) {
	c := synthFile(t, synth.Options{Actors: 10, Themes: 5, Statements: 500, Years: 4, Seed: 5}, func(r *rand.Rand, line int, fs []string) []string {
		if line > 0 && line%7 == 0 {
			fs[6] = `"first line, with a comma` + "\n" + `second ""quoted"" line"`
		}
		if line > 0 && line%11 == 0 {
			fs[colDate] = "1990" // before --period's ranges: unplaced, with its row
		}
		return fs
	})
	opt := analysis.MatrixOptions{Period: mustPeriod(t, "1995-1996,1997-1998"), Bootstrap: 30}
	want, clean := plainPath(t, c, opt)
	if !clean {
		t.Fatal("the plain path found problems")
	}
	if !bytes.Contains(want["table"], []byte("could not be placed")) {
		t.Fatal("no statement is unplaced: the test is wrong")
	}
	for _, mapText := range []bool{false, true} {
		got, ok := streamPath(t, c, opt, mapText)
		if !ok {
			t.Fatalf("mapped %v: handed over", mapText)
		}
		sameBytes(t, "quoted cells", want, got)
	}
}

// TestComputeGroupsRowsAsThePlainPath: rows by kind, country, region and
// group (the synthetic actors are the registry's states, some of them
// members of a group for some years only: AU:2002-) give the plain
// path's bytes.
func TestComputeGroupsRowsAsThePlainPath(t *testing.T) {
	c := synthFile(t, synth.Options{Actors: 60, Themes: 5, Statements: 2000, Years: 14, Seed: 4}, func(r *rand.Rand, line int, fs []string) []string {
		if line > 0 && r.IntN(3) == 0 {
			fs[colWeight] = "2"
		}
		return fs
	})
	dated := false
	for _, a := range c.reg.Actors() {
		for _, m := range a.Memberships {
			dated = dated || m.From != 0 || m.To != 0
		}
	}
	if !dated {
		t.Fatal("no actor has a dated membership: the test is wrong")
	}
	for _, g := range []analysis.GroupBy{analysis.ByKind, analysis.ByCountry, analysis.ByRegion, analysis.ByGroup} {
		for _, ps := range []string{"all", "year", "1995-2001,2002-2005"} {
			for _, boot := range []int{-1, 25} {
				opt := analysis.MatrixOptions{GroupBy: g, Period: mustPeriod(t, ps), Bootstrap: boot}
				name := fmt.Sprintf("group by %s, period %s, bootstrap %d", g, ps, boot)
				want, clean := plainPath(t, c, opt)
				if !clean {
					t.Fatalf("%s: the plain path found problems", name)
				}
				for _, mapText := range []bool{false, true} {
					got, ok := streamPath(t, c, opt, mapText)
					if !ok {
						t.Errorf("%s (mapped %v): handed over", name, mapText)
						continue
					}
					sameBytes(t, name, want, got)
				}
			}
		}
	}
}
