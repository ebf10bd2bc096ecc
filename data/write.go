package data

import (
	"encoding/csv"
	"io"
	"strconv"
)

// WriteStatementsCSV writes statements in the contract's column order,
// the same form the readers take back.
func WriteStatementsCSV(w io.Writer, sts []Statement) error {
	cw := csv.NewWriter(w)
	head := make([]string, len(StatementFields))
	for i, f := range StatementFields {
		head[i] = string(f)
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, s := range sts {
		conf := ""
		if s.Confidence > 0 {
			conf = strconv.FormatFloat(s.Confidence, 'g', -1, 64)
		}
		rec := []string{s.ID, s.Actor, s.Theme, strconv.Itoa(s.Stance), s.Date.String(), s.Speaker, s.Text,
			s.Source, s.URL, s.Event, strconv.FormatFloat(s.Weight, 'g', -1, 64), s.Coder, conf, s.Origin, s.Note}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
