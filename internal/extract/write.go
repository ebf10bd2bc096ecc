package extract

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/stancemap/stancemap/data"
)

// StatementWriter writes statements one at a time, so that a large run
// never holds its output in memory. Its CSV is exactly what
// data.WriteStatementsCSV writes for the same statements; JSON is an array
// of objects and JSON Lines one object per line, with the keys of
// data.Statement; all three read back with data.ReadStatements.
type StatementWriter struct {
	format string
	bw     *bufio.Writer
	cw     *csv.Writer
	n      int
}

// OutputFormat maps an output file name to csv, json or jsonl; "" and
// "-" (standard output) are csv.
func OutputFormat(path string) (string, error) {
	if path == "" || path == "-" {
		return "csv", nil
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return "csv", nil
	case ".json":
		return "json", nil
	case ".jsonl", ".ndjson":
		return "jsonl", nil
	}
	return "", fmt.Errorf("cannot tell the output format of %s: name it .csv, .json or .jsonl", path)
}

// NewStatementWriter starts writing statements in a format (csv, json or
// jsonl) to w.
func NewStatementWriter(w io.Writer, format string) (*StatementWriter, error) {
	sw := &StatementWriter{format: format, bw: bufio.NewWriterSize(w, 1<<16)}
	switch format {
	case "csv":
		sw.cw = csv.NewWriter(sw.bw)
		head := make([]string, len(data.StatementFields))
		for i, f := range data.StatementFields {
			head[i] = string(f)
		}
		if err := sw.cw.Write(head); err != nil {
			return nil, err
		}
	case "json":
		if _, err := sw.bw.WriteString("["); err != nil {
			return nil, err
		}
	case "jsonl":
	default:
		return nil, fmt.Errorf("unknown output format %q: use csv, json or jsonl", format)
	}
	return sw, nil
}

// Write writes one statement.
func (sw *StatementWriter) Write(s *data.Statement) error {
	sw.n++
	switch sw.format {
	case "csv":
		conf := ""
		if s.Confidence > 0 {
			conf = strconv.FormatFloat(s.Confidence, 'g', -1, 64)
		}
		return sw.cw.Write([]string{s.ID, s.Actor, s.Theme, strconv.Itoa(s.Stance), s.Date.String(), s.Speaker, s.Text,
			s.Source, s.URL, s.Event, strconv.FormatFloat(s.Weight, 'g', -1, 64), s.Coder, conf, s.Origin, s.Note})
	default:
		b, err := json.Marshal(s)
		if err != nil {
			return err
		}
		if sw.format == "json" {
			sep := ",\n"
			if sw.n == 1 {
				sep = "\n"
			}
			sw.bw.WriteString(sep)
		}
		sw.bw.Write(b)
		if sw.format == "jsonl" {
			return sw.bw.WriteByte('\n')
		}
		return nil
	}
}

// Count is the number of statements written.
func (sw *StatementWriter) Count() int { return sw.n }

// Close finishes the output; it does not close the underlying writer.
func (sw *StatementWriter) Close() error {
	switch sw.format {
	case "csv":
		sw.cw.Flush()
		if err := sw.cw.Error(); err != nil {
			return err
		}
	case "json":
		if sw.n > 0 {
			sw.bw.WriteString("\n")
		}
		sw.bw.WriteString("]\n")
	}
	return sw.bw.Flush()
}
