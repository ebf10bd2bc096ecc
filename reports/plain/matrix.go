// Package plain renders analysis results as aligned text tables for the
// terminal, as CSV for spreadsheets and as JSON for other tools.
package plain

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/reports"
)

// MatrixColumns are the columns of the long matrix CSV, one row per
// period × row × theme. Empty cells (no statement) have n = 0 and blank
// statistics: never 0, which would read as "neutral".
var MatrixColumns = []string{"period", "from", "to", "row", "theme", "n", "weight", "mean", "sd", "ci_low", "ci_high", "salience", "example"}

func num(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// WriteMatrixCSV writes every cell of every period in long ("tidy") form.
func WriteMatrixCSV(w io.Writer, set *analysis.MatrixSet) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(MatrixColumns); err != nil {
		return err
	}
	for _, m := range set.Matrices {
		for i, row := range m.Rows {
			for j, th := range m.Themes {
				c := m.Cells[i][j]
				rec := []string{m.Period.Label, m.Period.From.String(), m.Period.To.String(), row, th,
					strconv.Itoa(c.N), num(c.Weight), num(c.Mean), num(c.SD), num(c.CILow), num(c.CIHigh), num(c.Salience), c.Example}
				if c.N == 0 {
					rec[6] = ""
				}
				if err := cw.Write(safeRecord(rec)); err != nil {
					return err
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// appendStr appends s as a JSON string the way encoding/json writes it:
// directly when it holds only printable ASCII that needs no escape,
// through encoding/json otherwise.
func appendStr(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// MarshalJSON writes a matrix's cells in one go, so that encoding/json
// calls one Marshaler per matrix rather than one per cell (a million
// statements by year: 60,000 calls, each checked again by encoding/json,
// took 0.1 s of the 1.2 s analytics job).
func (cs jsonCells) MarshalJSON() ([]byte, error) {
	if cs == nil {
		return []byte("null"), nil
	}
	b := append(make([]byte, 0, 2+len(cs)*160), '[')
	for i, c := range cs {
		if i > 0 {
			b = append(b, ',')
		}
		b = c.appendJSON(b)
	}
	return append(b, ']'), nil
}

type jsonCells []jsonCell

// appendJSON writes a cell in one go: a large corpus has tens of
// thousands of them, and encoding/json's reflection over each field was
// most of the time spent writing an analysis. The bytes are those the
// struct tags give.
func (c jsonCell) appendJSON(b []byte) []byte {
	b = append(b, `{"row":`...)
	b = appendStr(b, c.Row)
	b = append(b, `,"theme":`...)
	b = appendStr(b, c.Theme)
	b = append(b, `,"n":`...)
	b = strconv.AppendInt(b, int64(c.N), 10)
	for k, v := range [...]reports.Float{c.Weight, c.Mean, c.SD, c.CILow, c.CIHigh, c.Salience} {
		b = append(b, cellKeys[k]...)
		b = reports.AppendFloat(b, float64(v))
	}
	if c.Example != "" {
		b = append(b, `,"example":`...)
		b = appendStr(b, c.Example)
	}
	return append(b, '}')
}

var cellKeys = [...]string{`,"weight":`, `,"mean":`, `,"sd":`, `,"ci_low":`, `,"ci_high":`, `,"salience":`}

type jsonCell struct {
	Row      string        `json:"row"`
	Theme    string        `json:"theme"`
	N        int           `json:"n"`
	Weight   reports.Float `json:"weight"`
	Mean     reports.Float `json:"mean"`
	SD       reports.Float `json:"sd"`
	CILow    reports.Float `json:"ci_low"`
	CIHigh   reports.Float `json:"ci_high"`
	Salience reports.Float `json:"salience"`
	Example  string        `json:"example,omitempty"`
}

type jsonMatrix struct {
	Period string    `json:"period"`
	From   string    `json:"from"`
	To     string    `json:"to"`
	Rows   []string  `json:"rows"`
	Themes []string  `json:"themes"`
	Cells  jsonCells `json:"cells"`
}

type jsonUnplaced struct {
	Statement string `json:"statement"`
	Where     string `json:"where"`
	Reason    string `json:"reason"`
}

// WriteMatrixJSON writes the matrices with non-empty cells listed; empty
// statistics are null.
func WriteMatrixJSON(w io.Writer, set *analysis.MatrixSet) error {
	out := struct {
		GroupBy   string         `json:"group_by"`
		Bootstrap int            `json:"bootstrap_resamples"`
		Level     float64        `json:"ci_level"`
		Seed      uint64         `json:"seed"`
		Matrices  []jsonMatrix   `json:"matrices"`
		Unplaced  []jsonUnplaced `json:"unplaced"`
	}{GroupBy: string(set.GroupBy), Bootstrap: set.Options.Bootstrap, Level: set.Options.Level, Seed: set.Options.Seed,
		Matrices: []jsonMatrix{}, Unplaced: []jsonUnplaced{}}
	if out.GroupBy == "" {
		out.GroupBy = "actor"
	}
	for _, m := range set.Matrices {
		out.Matrices = append(out.Matrices, matrixJSON(m))
	}
	for _, u := range set.Unplaced {
		out.Unplaced = append(out.Unplaced, jsonUnplaced{u.Statement, u.Pos.String(), u.Reason})
	}
	return writeIndented(w, out)
}

// TableOptions control the text rendering.
type TableOptions struct {
	Salience bool // also print the salience matrix
	CI       bool // print the confidence interval under each mean
}

// WriteMatrixTable prints, per period, the stance matrix with rows named
// from the registry and themes labelled from the codebook: each cell is
// the mean stance and, in brackets, the number of statements; "·" marks
// a cell with no statement.
func WriteMatrixTable(w io.Writer, set *analysis.MatrixSet, c *data.Corpus, opt TableOptions) error {
	rowName := func(id string) string {
		if set.GroupBy == "" && c != nil && c.Actors != nil {
			if a, ok := c.Actors.Get(id); ok && a.Name != "" && a.Name != id {
				// A name too long for the column is shortened, never
				// dropped: "Saint Vincent and the Gre… (VCT)".
				name := []rune(a.Name)
				if room := 36 - utf8.RuneCountInString(id) - 3; len(name) > room && room >= 16 {
					name = append([]rune(strings.TrimRight(string(name[:room-1]), " ")), '…')
				}
				if label := fmt.Sprintf("%s (%s)", string(name), id); utf8.RuneCountInString(label) <= 36 {
					return label
				}
			}
		}
		return id
	}
	what := "actor"
	if set.GroupBy != "" {
		what = string(set.GroupBy)
	}
	for k, m := range set.Matrices {
		if k > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "Stance by %s × theme — period %s (%s to %s)\n", what, m.Period.Label, m.Period.From, m.Period.To)
		m, silent := spokeIn(m)
		if len(m.Rows) == 0 {
			fmt.Fprintln(w, "no statements in this period")
			continue
		}
		if silent > 0 {
			fmt.Fprintf(w, "(%d %s rows with no statement in this period are left out here; CSV and JSON keep them)\n", silent, what)
		}
		fmt.Fprintln(w, "cell: mean stance from -2 (strongly against the theme's + pole) to +2 (strongly for), [statements]; · none")
		writeGrid(w, m, rowName, func(cell analysis.Cell) string {
			if cell.N == 0 {
				return "·"
			}
			s := analysis.Signed(cell.Mean, 2) + fmt.Sprintf(" [%d]", cell.N)
			if opt.CI && !math.IsNaN(cell.CILow) {
				s += " " + analysis.Signed(cell.CILow, 2) + ".." + analysis.Signed(cell.CIHigh, 2)
			}
			return s
		})
		if opt.Salience {
			fmt.Fprintf(w, "\nSalience — share of each %s's statements in %s on each theme\n", what, m.Period.Label)
			writeGrid(w, m, rowName, func(cell analysis.Cell) string {
				if cell.N == 0 || math.IsNaN(cell.Salience) {
					return "·"
				}
				return fmt.Sprintf("%.0f%%", 100*cell.Salience)
			})
		}
	}
	if n := len(set.Unplaced); n > 0 {
		fmt.Fprintf(w, "\n%d statements could not be placed in a period:\n", n)
		for _, u := range set.Unplaced {
			fmt.Fprintf(w, "  %s (%s): %s\n", u.Statement, u.Pos, u.Reason)
		}
	}
	return nil
}

// spokeIn returns the matrix without the rows that have no statement,
// and how many rows it left out.
func spokeIn(m analysis.Matrix) (analysis.Matrix, int) {
	out := m
	out.Rows, out.Cells = nil, nil
	for i, row := range m.Rows {
		for _, c := range m.Cells[i] {
			if c.N > 0 {
				out.Rows = append(out.Rows, row)
				out.Cells = append(out.Cells, m.Cells[i])
				break
			}
		}
	}
	return out, len(m.Rows) - len(out.Rows)
}

// writeGrid prints a matrix with row names left-aligned and cells
// right-aligned under theme ids (labels are too long for a terminal).
func writeGrid(w io.Writer, m analysis.Matrix, rowName func(string) string, cell func(analysis.Cell) string) {
	grid := [][]string{append([]string{""}, m.Themes...)}
	for i, row := range m.Rows {
		line := []string{rowName(row)}
		for j := range m.Themes {
			line = append(line, cell(m.Cells[i][j]))
		}
		grid = append(grid, line)
	}
	writeRows(w, grid)
}

// writeRows prints a grid with the first column left-aligned and the
// others right-aligned.
func writeRows(w io.Writer, grid [][]string) {
	width := make([]int, len(grid[0]))
	for _, line := range grid {
		for j, c := range line {
			width[j] = max(width[j], utf8.RuneCountInString(c))
		}
	}
	for _, line := range grid {
		var b strings.Builder
		for j, c := range line {
			pad := strings.Repeat(" ", width[j]-utf8.RuneCountInString(c))
			if j == 0 {
				b.WriteString(c + pad)
			} else {
				b.WriteString("  " + pad + c)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}
