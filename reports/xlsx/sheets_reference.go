package xlsx

import (
	"fmt"
	"slices"
	"strings"

	"github.com/stancemap/stancemap/data"
)

// The reference sheets: Actors, Codebook and Data quality.

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
			strings.Join(a.GroupSpecs(), "|"), strings.Join(a.Aliases, "|"), count[a.ID]); err != nil {
			return err
		}
	}
	return s.close()
}

func (w *writer) writeCodebook() error {
	s, err := w.stream(sheetCodebook)
	if err != nil {
		return err
	}
	if err := s.widths(18, 24, 60, 60, 50, 40, 11); err != nil {
		return err
	}
	if err := s.freeze(2, 2); err != nil {
		return err
	}
	if err := s.add(w.headerRow("theme", "label", "positive pole (+1, +2 support it)", "negative pole (−1, −2)", "description", "keywords", "statements")...); err != nil {
		return err
	}
	count := map[string]int{}
	for _, st := range w.c.Statements {
		count[st.Theme]++
	}
	cb := w.c.Codebook
	if cb == nil {
		cb = &data.Codebook{}
	}
	for _, t := range cb.Themes {
		if err := s.add(styled(w.st.wrap, t.ID), styled(w.st.wrap, t.Label), styled(w.st.wrap, t.Positive), styled(w.st.wrap, t.Negative),
			styled(w.st.wrap, t.Description), styled(w.st.wrap, strings.Join(t.Keywords, ", ")), count[t.ID]); err != nil {
			return err
		}
	}
	for _, th := range w.a.Overall.Themes {
		if _, ok := cb.Theme(th); !ok {
			if err := s.add(th, th, styled(w.st.note, "(not in the codebook)"), nil, nil, nil, count[th]); err != nil {
				return err
			}
		}
	}
	return w.scaleTable(s, cb)
}

// scaleTable ends a Codebook sheet, in the report and in the template,
// with the stance scale: each value, its label and the words also
// accepted for it.
func (w *writer) scaleTable(s *sheetWriter, cb *data.Codebook) error {
	s.blank(1)
	if err := s.add(styled(w.st.title, "Stance scale")); err != nil {
		return err
	}
	if err := s.add(w.headerRow("stance", "label", "also accepted")...); err != nil {
		return err
	}
	for _, l := range cb.Levels() {
		if err := s.add(l.Value, l.Label, strings.Join(l.Aliases, ", ")); err != nil {
			return err
		}
	}
	return s.close()
}

func (w *writer) writeQuality() error {
	s, err := w.stream(sheetQuality)
	if err != nil {
		return err
	}
	if err := s.widths(34, 8, 14, 9, 16, 60, 30, 40); err != nil {
		return err
	}
	if err := s.add(styled(w.st.title, "Data quality: what reading the input found, and what the report left out or changed")); err != nil {
		return err
	}
	s.blank(1)
	kv := func(k string, v any) error { return s.keyText(styled(w.st.key, k), v, 6) }
	rr := w.rr
	if rr == nil {
		if err := kv("reading", "no reading report was given to the writer: the statements' own problems are not listed"); err != nil {
			return err
		}
	} else {
		errs := rr.Problems.Errors()
		rows := []struct {
			k string
			v any
		}{
			{"files", strings.Join(rr.Files, ", ")},
			{"rows read", rr.Rows},
			{"statements read", len(rr.Statements)},
			{"rows skipped (invalid)", rr.InvalidRows},
		}
		if rv := rr.Review; rv.Active() || rv.Pending > 0 {
			rows = append(rows, []struct {
				k string
				v any
			}{
				{"review: accepted", rv.Accepted},
				{"review: corrected", rv.Corrected},
				{"review: rejected (not used)", len(rv.Rejected)},
				{"review: not reviewed yet", rv.Pending},
			}...)
		}
		if sel := w.opt.Selection; sel != nil {
			rows = append(rows, struct {
				k string
				v any
			}{"filters", sel.Filter})
			for _, d := range sel.Dropped {
				rows = append(rows, struct {
					k string
					v any
				}{"left out by filters", fmt.Sprintf("%d %s", d.N, d.Why)})
			}
			for _, n := range sel.Notes {
				rows = append(rows, struct {
					k string
					v any
				}{"filter note", n})
			}
		}
		rows = append(rows, []struct {
			k string
			v any
		}{
			{"statements used", len(w.c.Statements)},
			{"errors", errs},
			{"warnings", len(rr.Problems) - errs},
		}...)
		for _, e := range rows {
			if err := kv(e.k, e.v); err != nil {
				return err
			}
		}
		if len(rr.AddedActors) > 0 {
			if err := kv("actors added", strings.Join(rr.AddedActors, ", ")); err != nil {
				return err
			}
		}
		for _, line := range rr.Problems.Summary() {
			if err := kv("problems", line); err != nil {
				return err
			}
		}
		for _, n := range rr.Notes {
			if err := kv("reader note", n); err != nil {
				return err
			}
		}
	}
	for _, n := range w.analysisNotes() {
		if err := kv("analysis", n); err != nil {
			return err
		}
	}
	for _, n := range w.notes {
		if err := kv("this workbook", n); err != nil {
			return err
		}
	}
	if w.nTrunc > 0 {
		if err := kv("this workbook", fmt.Sprintf("%d cells were longer than Excel's %d characters and were cut, ending in %q:", w.nTrunc, maxCellChars, strings.TrimSpace(truncationMark))); err != nil {
			return err
		}
		for _, t := range w.truncs {
			if err := kv("truncated", t); err != nil {
				return err
			}
		}
		if w.nTrunc > len(w.truncs) {
			if err := kv("truncated", fmt.Sprintf("… and %d more", w.nTrunc-len(w.truncs))); err != nil {
				return err
			}
		}
	}
	if un := w.a.Periods.Unplaced; len(un) > 0 {
		s.blank(1)
		if err := s.add(styled(w.st.title, fmt.Sprintf("Statements in no period (%d): counted in the overall matrices, not in the per-period ones", len(un)))); err != nil {
			return err
		}
		if err := s.add(w.headerRow("statement", "", "where", "", "", "why")...); err != nil {
			return err
		}
		for _, u := range un[:min(len(un), maxListed)] {
			if err := s.add(u.Statement, nil, u.Pos.String(), nil, nil, u.Reason); err != nil {
				return err
			}
		}
		if len(un) > maxListed {
			if err := s.add(fmt.Sprintf("… and %d more", len(un)-maxListed)); err != nil {
				return err
			}
		}
	}
	if rr != nil && len(rr.Problems) > 0 {
		s.blank(1)
		if err := s.add(styled(w.st.title, fmt.Sprintf("Every problem found in reading (%d): rows with an error were skipped", len(rr.Problems)))); err != nil {
			return err
		}
		if err := s.add(w.headerRow("file", "row", "column", "severity", "code", "what is wrong", "found", "expected")...); err != nil {
			return err
		}
		ps := rr.Problems
		if room := maxRows - s.next; len(ps) > room {
			ps = ps[:room-1]
		}
		for _, p := range ps {
			row := any(nil)
			if p.Row > 0 {
				row = p.Row
			}
			if err := s.add(p.File, row, p.Column, p.Severity.String(), p.Code, p.Message, p.Found, p.Expected); err != nil {
				return err
			}
		}
		if n := len(rr.Problems) - len(ps); n > 0 {
			if err := s.add(fmt.Sprintf("… and %d more problems than a sheet has rows for: run `stancemap validate` on the input to list them all", n)); err != nil {
				return err
			}
		}
	}
	if s.lastRow() <= 3 {
		if err := s.add(styled(w.st.note, "Nothing to report.")); err != nil {
			return err
		}
	}
	return s.close()
}

func (w *writer) analysisNotes() []string {
	a := w.a
	var out []string
	out = append(out, a.Notes...)
	if a.MapError != "" {
		out = append(out, "position map: "+a.MapError)
	}
	if a.BlocsError != "" {
		out = append(out, "blocs: "+a.BlocsError)
	}
	if a.NetworkError != "" {
		out = append(out, "agreement network: "+a.NetworkError)
	}
	if a.Blocs != nil {
		for _, d := range a.Blocs.Dropped {
			out = append(out, fmt.Sprintf("blocs: %s left out: %s", d.Row, d.Reason))
		}
	}
	return out
}
