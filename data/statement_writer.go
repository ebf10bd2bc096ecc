package data

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
)

// StatementFormat is a file format statements are written in.
type StatementFormat string

const (
	// FormatCSV is the contract's columns (StatementFields), one row per
	// statement, every cell a spreadsheet would take for a formula
	// escaped (EscapeFormula).
	FormatCSV StatementFormat = "csv"
	// FormatJSON is one JSON array of statement objects.
	FormatJSON StatementFormat = "json"
	// FormatJSONL is JSON Lines: one statement object per line.
	FormatJSONL StatementFormat = "jsonl"
)

// StatementFormatOf tells the format from an output path's extension:
// .csv, .json, .jsonl or .ndjson; "" and "-" (standard output) are CSV.
func StatementFormatOf(path string) (StatementFormat, error) {
	if path == "" || path == "-" {
		return FormatCSV, nil
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return FormatCSV, nil
	case ".json":
		return FormatJSON, nil
	case ".jsonl", ".ndjson":
		return FormatJSONL, nil
	}
	return "", fmt.Errorf("cannot tell the output format of %s: name it .csv, .json or .jsonl", path)
}

// StatementWriter writes statements one at a time, so a large run never
// holds its output in memory. Every format reads back with
// ReadStatements to the statements written.
type StatementWriter struct {
	format StatementFormat
	bw     *bufio.Writer
	cw     *csv.Writer
	rec    []string
	n      int
}

// NewStatementWriter starts writing statements in format to w; the CSV
// header is written at once, so a run with no statements still leaves a
// file that reads as an empty table.
func NewStatementWriter(w io.Writer, format StatementFormat) (*StatementWriter, error) {
	sw := &StatementWriter{format: format, bw: bufio.NewWriterSize(w, 1<<16)}
	switch format {
	case FormatCSV:
		sw.cw = csv.NewWriter(sw.bw)
		sw.rec = make([]string, len(StatementFields))
		for i, f := range StatementFields {
			sw.rec[i] = string(f)
		}
		if err := sw.cw.Write(sw.rec); err != nil {
			return nil, err
		}
	case FormatJSON:
		sw.bw.WriteString("[")
	case FormatJSONL:
	default:
		return nil, fmt.Errorf("unknown statement format %q: use csv, json or jsonl", format)
	}
	return sw, nil
}

// Write writes one statement.
func (sw *StatementWriter) Write(s *Statement) error {
	sw.n++
	if sw.format == FormatCSV {
		conf := ""
		if s.Confidence > 0 {
			conf = strconv.FormatFloat(s.Confidence, 'g', -1, 64)
		}
		r := append(sw.rec[:0], s.ID, s.Actor, s.Theme, strconv.Itoa(s.Stance), s.Date.String(), s.Speaker, s.Text,
			s.Source, s.URL, s.Event, strconv.FormatFloat(s.Weight, 'g', -1, 64), s.Coder, conf, s.Origin, s.Note)
		for i := range r {
			r[i] = EscapeFormula(r[i])
		}
		return sw.cw.Write(r)
	}
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	if sw.format == FormatJSON {
		if sw.n > 1 {
			sw.bw.WriteByte(',')
		}
		sw.bw.WriteByte('\n')
	}
	sw.bw.Write(b)
	if sw.format == FormatJSONL {
		return sw.bw.WriteByte('\n')
	}
	return nil
}

// Count is the number of statements written.
func (sw *StatementWriter) Count() int { return sw.n }

// Close finishes the output and flushes it; it does not close the
// underlying writer.
func (sw *StatementWriter) Close() error {
	switch sw.format {
	case FormatCSV:
		sw.cw.Flush()
		if err := sw.cw.Error(); err != nil {
			return err
		}
	case FormatJSON:
		if sw.n > 0 {
			sw.bw.WriteByte('\n')
		}
		sw.bw.WriteString("]\n")
	}
	return sw.bw.Flush()
}

// WriteStatementsCSV writes statements as CSV (FormatCSV).
func WriteStatementsCSV(w io.Writer, sts []Statement) error {
	sw, err := NewStatementWriter(w, FormatCSV)
	if err != nil {
		return err
	}
	for i := range sts {
		if err := sw.Write(&sts[i]); err != nil {
			return err
		}
	}
	return sw.Close()
}
