// Package data holds stancemap's domain model — actors, themes, codebooks,
// statements and corpora — with the readers and writers that move them in
// and out of CSV, XLSX and JSON files, the validation that reports every
// problem with its file, row and column, and the embedded sample corpus.
//
// data imports nothing from the rest of stancemap: analysis and reports
// depend on it, never the other way round.
package data
