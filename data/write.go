package data

import (
	"encoding/csv"
	"io"
	"strings"

	"go.yaml.in/yaml/v3"
)

// WriteActorsCSV writes a registry in the columns ReadActors reads, in
// id order, lists joined with "|".
func WriteActorsCSV(w io.Writer, reg *Registry) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "name", "kind", "country", "organisation", "region", "groups", "aliases"})
	for _, a := range reg.Sorted() {
		rec := []string{a.ID, a.Name, string(a.Kind), a.Country, a.Organisation, a.Region,
			strings.Join(a.GroupSpecs(), "|"), strings.Join(a.Aliases, "|")}
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
