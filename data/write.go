package data

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// WriteStatementsCSV writes statements in the contract's column order,
// the same form the readers take back. Text that a spreadsheet would
// take for a formula is escaped (EscapeFormula); the readers undo it.
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
		for i := range rec {
			rec[i] = EscapeFormula(rec[i])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteActorsCSV writes a registry in the columns ReadActors reads, in
// id order, lists joined with "|".
func WriteActorsCSV(w io.Writer, reg *Registry) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "name", "kind", "country", "organisation", "region", "groups", "aliases"})
	for _, a := range reg.Sorted() {
		rec := []string{a.ID, a.Name, string(a.Kind), a.Country, a.Organisation, a.Region,
			strings.Join(a.Groups, "|"), strings.Join(a.Aliases, "|")}
		for i := range rec {
			rec[i] = EscapeFormula(rec[i])
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

// WriteCodebookYAML writes a codebook in the form ReadCodebook reads.
func WriteCodebookYAML(w io.Writer, cb *Codebook) error {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(cb); err != nil {
		return err
	}
	return enc.Close()
}
