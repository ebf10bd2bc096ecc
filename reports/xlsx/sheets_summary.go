package xlsx

import (
	"fmt"
	"slices"
	"strings"

	"github.com/stancemap/stancemap/data"
)

// The summary sheets: About (what the workbook holds and how it was
// made), Findings and Polarisation.

func (w *writer) writeAbout() error {
	s, err := w.stream(sheetAbout)
	if err != nil {
		return err
	}
	if err := s.widths(22, 110); err != nil {
		return err
	}
	if err := s.add(styled(w.st.title, "stancemap report: stated positions on cyberspace-governance themes")); err != nil {
		return err
	}
	s.blank(1)
	kv := func(k string, v any) error { return s.add(styled(w.st.key, k), styled(w.st.wrap, v)) }
	sum := w.a.Summary
	version := w.opt.Version
	if version == "" {
		version = "(version not given)"
	}
	input := w.opt.Input
	if input == "" {
		input = "(not given)"
	}
	rows := []struct {
		k string
		v any
	}{
		{"made with", "stancemap " + version},
		{"input", input},
	}
	if w.opt.Generated != "" {
		rows = append(rows, struct {
			k string
			v any
		}{"generated", w.opt.Generated})
	}
	opts := strings.Join(w.opt.Options, " ")
	if opts == "" {
		opts = "(defaults)"
	}
	span := "—"
	if !sum.From.IsZero() {
		span = sum.From.String() + " to " + sum.To.String()
	}
	periods := make([]string, 0, len(w.a.Periods.Matrices))
	for _, m := range w.a.Periods.Matrices {
		periods = append(periods, m.Period.Label)
	}
	formulasLine := "The Stance means and counts and the Salience shares are live formulas over the table on the Statements sheet, saved with stancemap's values: edit a stance or a weight there and they recalculate (rows inserted into the table count too). Everything else holds values computed by stancemap, which do not follow edits: run stancemap again on the edited Statements sheet (it reads this workbook) to update them."
	if !w.live {
		formulasLine = "All sheets hold values computed by stancemap, not formulas: " + w.liveWhy + ". Edit the Statements sheet and run stancemap again on this workbook to update them."
	}
	rows = append(rows, []struct {
		k string
		v any
	}{
		{"options", opts},
		{"statements", sum.Statements},
		{"coded", w.provenance()},
		{w.rowLabel() + "s", sum.Rows},
		{"themes", sum.Themes},
		{"time span", span},
		{"periods", strings.Join(periods, ", ")},
		{"formulas", formulasLine},
	}...)
	for _, r := range rows {
		if err := kv(r.k, r.v); err != nil {
			return err
		}
	}
	s.blank(1)
	if err := s.add(styled(w.st.title, "The sheets")); err != nil {
		return err
	}
	if err := s.add(w.headerRow("sheet", "what it shows, and how to read it")...); err != nil {
		return err
	}
	for _, g := range w.guide() {
		r := s.next
		if err := s.add(styled(w.st.link, g[0]), styled(w.st.wrap, g[1])); err != nil {
			return err
		}
		if err := s.linkTo(r, 1, g[0], 1); err != nil {
			return err
		}
	}
	s.blank(1)
	if err := s.add(styled(w.st.title, "The stance scale")); err != nil {
		return err
	}
	for _, line := range []string{
		"Each theme has a positive and a negative pole (see Codebook). +2 strongly supports the positive pole, +1 supports it, 0 mentions the theme without taking a side, −1 opposes, −2 strongly opposes.",
		"Position (which side an actor takes, Stance) and salience (how much it talks about a theme, Salience) are different things: an actor can care a lot and stay neutral.",
		"A blank cell means nothing was said: it is never a 0.",
	} {
		if err := s.add(nil, styled(w.st.wrap, line)); err != nil {
			return err
		}
	}
	return s.close()
}

// provenance says how the statements were coded: by hand, by the
// machine, reviewed; and what the filters left out.
func (w *writer) provenance() string {
	rejected := 0
	if w.rr != nil {
		rejected = len(w.rr.Review.Rejected)
	}
	s := data.CountOrigins(w.c.Statements).Sentence(rejected)
	if rejected > 0 {
		s += " They are listed in Data quality, and nowhere else."
	}
	if sel := w.opt.Selection; sel != nil {
		s += " " + strings.ToUpper(sel.Summary()[:1]) + sel.Summary()[1:] + " (see Data quality)."
	}
	return s
}

// guide describes each sheet.
func (w *writer) guide() [][2]string {
	level := w.a.Overall.Options.Level * 100
	stance := fmt.Sprintf("The mean stance of each %s on each theme: red opposes the theme's positive pole, blue supports it, white is neutral. To the right: the number of statements behind each cell, and the %g%% bootstrap interval of the mean (wide when few statements agree). The first row and two columns stay in view when scrolling.", w.rowLabel(), level)
	if w.live {
		stance += " Means and counts are formulas over the Statements sheet."
	}
	g := [][2]string{
		{sheetFindings, "What stands out, most notable first, in plain words: the widest gaps, the most divided themes, consensus, blocs, movers. Each finding names the statements behind it: read them before quoting it."},
		{sheetStance, stance},
		{sheetSalience, "How much of each actor's talk goes to each theme (a share of its statements): what it cares about, whatever its side."},
		{sheetDistances, "How far apart each pair of actors stands over the themes both spoke on (0: the same positions). Rows and columns are ordered by bloc, so blocs show as light squares on the diagonal; blank: too few shared themes to compare."},
		{sheetBlocs, "The blocs of actors that take similar positions (hierarchical clustering of the distances), how clearly each actor belongs to its bloc (silhouette), and its bloc in each period."},
		{sheetMap, "A map of positions: actors with similar stances sit close together, coloured by bloc. The loadings say which themes the axes stand for."},
		{sheetEvolution, "Every actor's mean stance on every theme in every period (a table to filter), the trend of the distances between actors, the biggest movers, and line charts of the main themes."},
		{sheetPolar, "How divided actors are on each theme (standard deviation, range, bimodality and the Esteban–Ray index), overall and per period."},
	}
	for k, name := range w.stmtSheets {
		what := "Every statement the analysis used, one per row, as an Excel table: filter and sort it, follow the source links. Its columns are stancemap's input format: this workbook can be read back as input."
		if k > 0 {
			what = "The statements continued (a sheet holds at most 1,048,575)."
		}
		g = append(g, [2]string{name, what})
	}
	return append(g,
		[2]string{sheetActors, "The actors who made statements, with their kind, country, region and groups (an actor list stancemap can read back)."},
		[2]string{sheetCodebook, "The themes: what their positive and negative poles mean, and the stance scale."},
		[2]string{sheetQuality, "What reading the input found (every warning and skipped row, with file, row and column), and anything this workbook had to cut or split to fit Excel's limits."},
	)
}

func (w *writer) writeFindings() error {
	s, err := w.stream(sheetFindings)
	if err != nil {
		return err
	}
	if err := s.widths(6, 100, 11, 7, 40, 10, 30, 24); err != nil {
		return err
	}
	if err := s.freeze(1, 2); err != nil {
		return err
	}
	if err := s.add(w.headerRow("rank", "finding", "kind", "score", "statements behind it", "statements in all", "rows", "themes")...); err != nil {
		return err
	}
	for i, f := range w.a.Findings {
		r := s.next
		ids := strings.Join(f.Statements, ", ")
		if f.StatementCount > len(f.Statements) {
			ids += ", …"
		}
		idCell := any(styled(w.st.wrap, ids))
		if len(f.Statements) > 0 {
			if row, ok := w.evidence[f.Statements[0]]; ok {
				if err := s.linkTo(r, 5, w.stmtSheets[0], row); err != nil {
					return err
				}
				idCell = styled(w.st.link, ids)
			}
		}
		if err := s.add(i+1, styled(w.st.wrap, f.Text), f.Kind, styled(w.st.dec2, f.Score), idCell, f.StatementCount,
			styled(w.st.wrap, strings.Join(f.Rows, ", ")), styled(w.st.wrap, strings.Join(f.Themes, ", "))); err != nil {
			return err
		}
	}
	if len(w.a.Findings) == 0 {
		if err := s.add(nil, styled(w.st.note, "No finding stands out in this corpus.")); err != nil {
			return err
		}
	}
	s.blank(1)
	if err := s.add(nil, styled(w.st.note, "Most notable first. Each finding lists the statements behind it (the first few; click to go to the first): read them before quoting the finding.")); err != nil {
		return err
	}
	return s.close()
}

func (w *writer) writePolarisation() error {
	s, err := w.stream(sheetPolar)
	if err != nil {
		return err
	}
	if err := s.widths(18, 26, 8, 8, 8, 11, 12, 7, 80); err != nil {
		return err
	}
	if err := s.freeze(1, 3); err != nil {
		return err
	}
	p := w.a.Polarisation
	title := fmt.Sprintf("How divided the %ss are on each theme, over their mean stances (Esteban–Ray index: 0 all at one position, 1 two equal camps at −2 and +2; α = %g).",
		w.rowLabel(), p.Alpha)
	if err := s.add(styled(w.st.title, title)); err != nil {
		return err
	}
	if err := s.add(w.headerRow("theme", "label", w.rowLabel()+"s", "SD", "range", "bimodality", "Esteban–Ray", "rank", "notes")...); err != nil {
		return err
	}
	first := s.next
	for _, t := range p.Themes {
		rank := any(nil)
		if k := slices.Index(p.Ranked, t.Theme); k >= 0 {
			rank = k + 1
		}
		if err := s.add(t.Theme, w.themeLabel(t.Theme), t.N, styled(w.st.dec2, t.SD), styled(w.st.dec2, t.Range),
			styled(w.st.dec2, t.Bimodality), styled(w.st.dec2, t.EstebanRay), rank, strings.Join(t.Notes, "; ")); err != nil {
			return err
		}
	}
	if len(p.Themes) > 0 {
		ref := fmt.Sprintf("G%d:G%d", first, s.lastRow())
		if err := s.colourScale2(ref, 0, 1, colourOppose); err != nil {
			return err
		}
	}
	if err := s.add(styled(w.st.key, "all themes"), "mean Esteban–Ray", nil, nil, nil, nil, styled(w.st.dec2, p.Overall)); err != nil {
		return err
	}
	if len(w.a.ByPeriod) > 1 {
		s.blank(1)
		if err := s.add(styled(w.st.title, "By period")); err != nil {
			return err
		}
		if err := s.add(w.headerRow("period", "theme", w.rowLabel()+"s", "SD", "range", "bimodality", "Esteban–Ray")...); err != nil {
			return err
		}
		for _, bp := range w.a.ByPeriod {
			for _, t := range bp.Themes {
				if t.N == 0 {
					continue
				}
				if err := s.add(bp.Period.Label, t.Theme, t.N, styled(w.st.dec2, t.SD), styled(w.st.dec2, t.Range),
					styled(w.st.dec2, t.Bimodality), styled(w.st.dec2, t.EstebanRay)); err != nil {
					return err
				}
			}
		}
	}
	s.blank(1)
	for _, line := range []string{
		"SD and range are over the rows' mean stances, each row counting once however much it said. Blank: too few rows for the measure.",
		"Bimodality above 0.555 (Sarle's coefficient) suggests two camps rather than a spread of views.",
	} {
		if err := s.add(styled(w.st.note, line)); err != nil {
			return err
		}
	}
	return s.close()
}
