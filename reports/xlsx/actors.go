package xlsx

import (
	"slices"
	"strings"

	"github.com/stancemap/stancemap/data"
)

// writeActors lists the actors with statements, and the actors they speak
// for, in the registry's columns: the sheet reads back as an actor list.
func (w *writer) writeActors() error {
	s, err := w.stream(sheetActors)
	if err != nil {
		return err
	}
	if err := s.widths(18, 32, 18, 9, 18, 22, 22, 40, 11); err != nil {
		return err
	}
	if err := s.freeze(2, 2); err != nil {
		return err
	}
	if err := s.add(w.headerRow("id", "name", "kind", "country", "organisation", "region", "groups", "aliases", "statements")...); err != nil {
		return err
	}
	count := map[string]int{}
	for _, st := range w.c.Statements {
		count[st.Actor]++
	}
	ids := w.c.ActorIDs()
	seen := map[string]bool{}
	for _, id := range ids {
		seen[id] = true
	}
	if w.c.Actors != nil {
		for _, id := range ids {
			if a, ok := w.c.Actors.Get(id); ok && a.Organisation != "" && !seen[a.Organisation] {
				if _, ok := w.c.Actors.Get(a.Organisation); ok {
					seen[a.Organisation] = true
					ids = append(ids, a.Organisation)
				}
			}
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		var a *data.Actor
		if w.c.Actors != nil {
			a, _ = w.c.Actors.Get(id)
		}
		if a == nil {
			a = &data.Actor{ID: id, Name: id, Kind: data.KindUnknown}
		}
		if err := s.add(a.ID, a.Name, string(a.Kind), a.Country, a.Organisation, a.Region,
			strings.Join(a.Groups, "|"), strings.Join(a.Aliases, "|"), count[a.ID]); err != nil {
			return err
		}
	}
	return s.close()
}
