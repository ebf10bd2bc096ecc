package data

import (
	"strings"
)

// Field is a column of the statement data contract.
type Field string

const (
	FieldID         Field = "id"
	FieldActor      Field = "actor"
	FieldTheme      Field = "theme"
	FieldStance     Field = "stance"
	FieldDate       Field = "date"
	FieldSpeaker    Field = "speaker"
	FieldText       Field = "text"
	FieldSource     Field = "source"
	FieldURL        Field = "url"
	FieldEvent      Field = "event"
	FieldWeight     Field = "weight"
	FieldCoder      Field = "coder"
	FieldConfidence Field = "confidence"
	FieldOrigin     Field = "origin"
	FieldNote       Field = "note"
)

// StatementFields lists the contract's columns in the order writers use.
var StatementFields = []Field{FieldID, FieldActor, FieldTheme, FieldStance, FieldDate,
	FieldSpeaker, FieldText, FieldSource, FieldURL, FieldEvent, FieldWeight,
	FieldCoder, FieldConfidence, FieldOrigin, FieldNote}

// RequiredFields must be present in every statements file.
var RequiredFields = []Field{FieldActor, FieldTheme, FieldStance, FieldDate}

// statementSynonyms maps normalised header names to fields. The
// canonical name of each field maps to itself; synonyms follow DESIGN.md
// and the column names of Discourse Network Analysis exports.
var statementSynonyms = map[string]Field{
	"id": FieldID, "statement_id": FieldID, "statementid": FieldID,
	"actor": FieldActor, "actor_id": FieldActor, "country": FieldActor, "organisation": FieldActor,
	"organization": FieldActor, "org": FieldActor,
	"theme": FieldTheme, "theme_id": FieldTheme, "concept": FieldTheme, "topic": FieldTheme, "category": FieldTheme,
	"stance": FieldStance, "agreement": FieldStance, "position": FieldStance,
	"date": FieldDate, "year": FieldDate, "time": FieldDate,
	"speaker": FieldSpeaker, "person": FieldSpeaker,
	"text": FieldText, "statement": FieldText, "quote": FieldText, "paraphrase": FieldText,
	"source": FieldSource, "document": FieldSource,
	"url": FieldURL, "link": FieldURL,
	"event": FieldEvent, "meeting": FieldEvent,
	"weight":     FieldWeight,
	"coder":      FieldCoder,
	"confidence": FieldConfidence,
	"origin":     FieldOrigin,
	"note":       FieldNote, "notes": FieldNote, "comment": FieldNote,
	"review": FieldReview, "decision": FieldReview,
	"reviewer": FieldReviewer, "reviewed_by": FieldReviewer,
	"suggested": FieldSuggested, "suggestion": FieldSuggested,
}

// normHeader folds a header cell for matching: lower case, trimmed, with
// spaces and hyphens as underscores ("Statement ID" → "statement_id").
func normHeader(h string) string {
	return headerFolder.Replace(strings.ToLower(strings.TrimSpace(h)))
}

var headerFolder = strings.NewReplacer(" ", "_", "-", "_")

// columnMap is where each field sits in a table's header.
type columnMap struct {
	index   map[Field]int // field → 0-based column
	name    map[Field]string
	ignored []string // header cells that are no field of the contract
	shadow  []string // synonyms not used because another column took the field
}

// mapColumns matches a header to fields. An exact canonical name wins
// over a synonym; among synonyms the leftmost wins, and the others are
// reported as shadowed rather than silently mixed in.
func mapColumns(header []string, synonyms map[string]Field) columnMap {
	m := columnMap{index: map[Field]int{}, name: map[Field]string{}}
	exact := map[Field]bool{}
	for i, h := range header {
		n := normHeader(h)
		f, ok := synonyms[n]
		if !ok {
			if h != "" {
				m.ignored = append(m.ignored, h)
			}
			continue
		}
		isExact := string(f) == n
		if _, taken := m.index[f]; taken {
			if isExact && !exact[f] {
				m.shadow = append(m.shadow, m.name[f])
			} else {
				m.shadow = append(m.shadow, h)
				continue
			}
		}
		m.index[f] = i
		m.name[f] = h
		exact[f] = isExact
	}
	return m
}

// looksLikeHeader says whether a row names at least two contract columns.
func looksLikeHeader(syn map[string]Field) func([]string) bool {
	return func(cells []string) bool {
		n := 0
		for _, c := range cells {
			if _, ok := syn[normHeader(c)]; ok {
				n++
			}
		}
		return n >= 2
	}
}

// LooksLikeAnyHeader says whether a row is the header of a statements
// file or of an actor registry.
func LooksLikeAnyHeader(cells []string) bool {
	return looksLikeHeader(statementSynonyms)(cells) || looksLikeHeader(actorSynonyms)(cells)
}

// IsActorTable says whether a table is an actor registry rather than
// statements: it has a kind or aliases column and no stance column.
func IsActorTable(t *Table) bool {
	has := map[string]bool{}
	for _, h := range t.Header {
		has[normHeader(h)] = true
	}
	if has["stance"] || has["agreement"] || has["position"] {
		return false
	}
	return has["kind"] || has["aliases"] || has["alias"]
}
