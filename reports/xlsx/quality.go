package xlsx

import (
	"fmt"
	"strings"
)

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
	kv := func(k string, v any) error { return s.add(styled(w.st.key, k), v) }
	rr := w.rr
	if rr == nil {
		if err := kv("reading", "no reading report was given to the writer: the statements' own problems are not listed"); err != nil {
			return err
		}
	} else {
		errs := rr.Problems.Errors()
		for _, e := range []struct {
			k string
			v any
		}{
			{"files", strings.Join(rr.Files, ", ")},
			{"rows read", rr.Rows},
			{"statements used", len(rr.Statements)},
			{"rows skipped (invalid)", rr.InvalidRows},
			{"errors", errs},
			{"warnings", len(rr.Problems) - errs},
		} {
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
