package data

import (
	"slices"
	"strings"
)

// actorSynonyms maps header names of an actor registry to its fields.
var actorSynonyms = map[string]Field{
	"id": "id", "actor": "id", "actor_id": "id", "code": "id",
	"name": "name", "label": "name",
	"kind": "kind", "type": "kind",
	"country": "country", "iso3": "country",
	"organisation": "organisation", "organization": "organisation", "affiliation": "organisation",
	"region": "region",
	"groups": "groups", "group": "groups",
	"aliases": "aliases", "alias": "aliases", "other_names": "aliases",
}

// splitList splits a list cell on "|" (or ";" when there is no "|"),
// trimming items and dropping empty ones.
func splitList(s string) []string {
	sep := "|"
	if !strings.Contains(s, "|") {
		sep = ";"
	}
	var out []string
	for _, p := range strings.Split(s, sep) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// ReadActors reads an actor registry (columns id, name, kind, country,
// organisation, region, groups, aliases; lists separated by "|") from
// any supported table format. Rows with problems are reported and left
// out of the registry; err is non-nil only when the file is unusable.
func ReadActors(path string) (*Registry, Problems, error) {
	t, err := ReadTable(path, TableOptions{PreferSheet: "Actors", IsHeader: looksLikeHeader(actorSynonyms)})
	if err != nil {
		return nil, nil, err
	}
	reg, ps := ActorsFromTable(t)
	return reg, ps, nil
}

// ActorsFromTable builds a registry from a table already read.
func ActorsFromTable(t *Table) (*Registry, Problems) {
	reg := NewRegistry()
	ps := append(Problems(nil), t.Problems...)
	cols := mapColumns(t.Header, actorSynonyms)
	if _, ok := cols.index["id"]; !ok {
		ps = append(ps, &Problem{File: t.Name, Row: t.HeaderRow, Column: "id", Code: CodeMissingColumn,
			Message: "required column is missing", Found: strings.Join(t.Header, ","),
			Expected: "a header with id, name, kind, country, organisation, region, groups, aliases"})
		return reg, ps
	}
	for _, rec := range t.Records {
		get := func(f Field) string {
			i, ok := cols.index[f]
			if !ok || i >= len(rec.Cells) {
				return ""
			}
			return UnescapeFormula(rec.Cells[i])
		}
		bad := func(f Field, code ProblemCode, msg, found, expected string) {
			ps = append(ps, &Problem{File: t.Name, Row: rec.Row, Column: cols.name[f], Code: code, Message: msg, Found: found, Expected: expected})
		}
		a := Actor{ID: get("id"), Name: get("name"), Country: strings.ToUpper(get("country")),
			Organisation: get("organisation"), Region: get("region"),
			Aliases: splitList(get("aliases"))}
		badGroup := false
		for _, g := range splitList(get("groups")) {
			m, err := ParseMembership(g)
			if err != nil {
				bad("groups", CodeBadGroup, err.Error(), g, "a group's name, with the years of membership if it changed: BRICS:2010-, EU:1973-2020")
				badGroup = true
				break
			}
			if !slices.Contains(a.Groups, m.Group) {
				a.Groups = append(a.Groups, m.Group)
			}
			if m.From != 0 || m.To != 0 {
				a.Memberships = append(a.Memberships, m)
			}
		}
		if badGroup {
			continue
		}
		if a.ID == "" {
			bad("id", CodeEmptyValue, "actor id is empty", "", "a short id such as CHN or UN")
			continue
		}
		if a.Name == "" {
			a.Name = a.ID
		}
		a.Kind = KindUnknown
		if k := get("kind"); k != "" {
			kind, ok := ParseActorKind(k)
			if !ok {
				bad("kind", CodeBadKind, "actor kind is not known", k, "one of state, igo, official, company, civil_society, technical_community, academia, group")
				continue
			}
			a.Kind = kind
		}
		if c := a.Country; c != "" && (len(c) != 3 || strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "") {
			bad("country", CodeBadCountry, "country must be an ISO 3166-1 alpha-3 code", c, "e.g. CHN, USA, KOR")
			continue
		}
		if err := reg.Add(a); err != nil {
			bad("id", CodeDuplicateActor, err.Error(), a.ID, "each id and alias once")
		}
	}
	return reg, ps
}
