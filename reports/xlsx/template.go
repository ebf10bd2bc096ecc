package xlsx

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/stancemap/stancemap/data"
)

// TemplateOptions tune WriteTemplate.
type TemplateOptions struct {
	// Rows is the number of empty rows made ready for coding (drop-down
	// lists and checks), after any prefilled ones; 0 means 1000.
	Rows int
	// Prefill are suggested statements (from `extract --review`) written
	// into the first rows, followed by the review columns: the decision
	// (accept, correct or reject), the reviewer's name, and the
	// suggestion as the machine made it (see ReviewColumn).
	Prefill []data.Statement
}

// DefaultTemplateRows is the number of empty rows a template prepares.
const DefaultTemplateRows = 1000

// ReviewColumn is the header of the column in which a reviewer marks
// each prefilled suggestion accept, correct or reject; ReviewerColumn
// names the reviewer, and SuggestedColumn keeps the machine's actor,
// theme and stance. stancemap's readers honour them (see data.Review):
// a rejected row is no statement, an accepted or corrected one becomes
// origin reviewed, coded by the reviewer, and a row whose actor, theme
// or stance differs from the suggestion counts as corrected.
const (
	ReviewColumn    = string(data.FieldReview)
	ReviewerColumn  = string(data.FieldReviewer)
	SuggestedColumn = string(data.FieldSuggested)
)

// The template's sheets.
const (
	sheetInstructions = "Instructions"
	sheetLists        = "Lists"
)

// Columns of the Lists sheet.
const (
	listActorCol  = 1 // A: actors as "Name (ID)", by name; B ids, C kinds
	listThemeCol  = 5 // E: theme ids; F labels
	listStanceCol = 8 // H: accepted stance values; I meanings
	listReviewCol = 11
)

// WriteTemplate writes a coding workbook for spreadsheet users:
//
//   - Instructions: how to fill it in and read it back;
//   - Statements: the statement columns (the data contract's, in its
//     order) with a header the readers recognise, and ready rows whose
//     actor, theme and stance cells are drop-down lists (validation
//     against ranges of the Lists sheet, which, unlike lists written
//     inline, have no 255-character limit), whose date cells are text
//     checked to be YYYY, YYYY-MM or YYYY-MM-DD, and whose weight and
//     confidence cells take only numbers in range;
//   - Codebook: each theme with its two poles, and the stance scale;
//   - Lists: the actors of reg, the themes of cb and the stance values
//     the drop-downs offer.
//
// A filled template reads back through data.ReadStatements (or
// data.LoadCorpus) like any statements file: the Statements sheet is
// read by name, and each problem is reported with the file and sheet
// ("coding.xlsx[Statements]"), the row number as Excel shows it and the
// column's header.
//
// With opt.Prefill, the suggestions fill the first rows and a review
// column follows the contract's columns (see ReviewColumn).
func WriteTemplate(out io.Writer, cb *data.Codebook, reg *data.Registry, opt TemplateOptions) error {
	if cb == nil {
		return errors.New("xlsx: a template needs a codebook")
	}
	if reg == nil {
		reg = data.NewRegistry()
	}
	// excelize spills large sheets to temporary files: into a folder of
	// our own, removed on every exit, interrupts included.
	tmp, release, terr := data.MakeTempDir("stancemap-xlsx-")
	if terr != nil {
		return terr
	}
	defer release()
	f := excelize.NewFile(excelize.Options{TmpDir: tmp})
	defer f.Close()
	w := &writer{f: f, tables: map[string]bool{}}
	var err error
	if w.st, err = newStyles(f); err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", sheetInstructions); err != nil {
		return err
	}
	for _, s := range []string{sheetStmts, sheetCodebook, sheetLists} {
		if _, err := f.NewSheet(s); err != nil {
			return err
		}
	}
	// The Statements sheet opens first. Set before streaming: afterwards
	// excelize would read every streamed sheet back to change its view.
	f.SetActiveSheet(1)
	rows := opt.Rows
	if rows <= 0 {
		rows = DefaultTemplateRows
	}
	t := &template{w: w, cb: cb, reg: reg, opt: opt, rows: rows}
	for _, step := range []func() error{t.statements, t.lists, t.codebook, t.instructions} {
		if err := step(); err != nil {
			return err
		}
	}
	if len(w.truncs) > 0 {
		return fmt.Errorf("xlsx: a prefilled cell is longer than Excel's %d characters: %s", maxCellChars, w.truncs[0])
	}
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "stancemap", LastModifiedBy: "stancemap", Title: "stancemap coding template",
		Created: "2000-01-01T00:00:00Z", Modified: "2000-01-01T00:00:00Z"}); err != nil {
		return err
	}
	if err := f.SetAppProps(&excelize.AppProperties{Application: "stancemap"}); err != nil {
		return err
	}
	return save(f, out, nil)
}

type template struct {
	w    *writer
	cb   *data.Codebook
	reg  *data.Registry
	opt  TemplateOptions
	rows int
}

// actors are the registry's actors in the order the drop-down shows
// them: by their label, "Name (ID)", which is how people look for them.
func (t *template) actors() []*data.Actor {
	a := t.reg.Sorted()
	slices.SortStableFunc(a, func(x, y *data.Actor) int { return strings.Compare(data.ActorLabel(x), data.ActorLabel(y)) })
	return a
}

// stanceChoices are the stance drop-down's entries: the numbers, then
// the scale's labels, both of which the readers accept.
func (t *template) stanceChoices() [][2]string {
	scale := slices.Clone(t.cb.Levels())
	slices.SortFunc(scale, func(a, b data.ScaleLevel) int { return b.Value - a.Value })
	var out [][2]string
	for _, l := range scale {
		out = append(out, [2]string{fmt.Sprintf("%d", l.Value), l.Label})
	}
	for _, l := range scale {
		out = append(out, [2]string{l.Label, fmt.Sprintf("%+d", l.Value)})
	}
	return out
}

// dateCheck accepts text of the form YYYY, YYYY-MM or YYYY-MM-DD (a real
// month and day) in the cell at the top left of the checked range.
func dateCheck(cell string) string {
	return fmt.Sprintf(`OR(AND(LEN(%[1]s)=4,ISNUMBER(--%[1]s)),AND(LEN(%[1]s)=7,MID(%[1]s,5,1)="-",ISNUMBER(DATEVALUE(%[1]s&"-01"))),AND(LEN(%[1]s)=10,MID(%[1]s,5,1)="-",MID(%[1]s,8,1)="-",ISNUMBER(DATEVALUE(%[1]s))))`, cell)
}

// xmlFormula escapes a formula for a validation's formula element, which
// excelize writes as it is.
var xmlFormula = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

func (t *template) statements() error {
	w := t.w
	s, err := w.stream(sheetStmts)
	if err != nil {
		return err
	}
	header := statementHeader()
	review := len(t.opt.Prefill) > 0
	if review {
		header = append(header, ReviewColumn, ReviewerColumn, SuggestedColumn)
	}
	widths := slices.Clone(statementWidths)
	widths[1] = 24
	if review {
		widths = append(widths, 11, 16, 32)
	}
	if err := s.widths(widths...); err != nil {
		return err
	}
	// The id and date columns are text, so that Excel keeps "2013" and
	// "2013-05" as typed instead of turning them into numbers or dates.
	for _, col := range []int{1, 5} {
		if err := s.sw.SetColStyle(col, col, w.st.date); err != nil {
			return err
		}
	}
	if err := s.freeze(1, 2); err != nil {
		return err
	}
	// Coders add rows: the sheet prints what they fill in.
	s.print.openEnded = true
	if err := s.add(w.headerRow(header...)...); err != nil {
		return err
	}
	row := make([]any, len(data.StatementFields))
	for i := range t.opt.Prefill {
		st := &t.opt.Prefill[i]
		w.statementRow(row, st)
		if st.Weight == 0 {
			row[10] = nil
		}
		vals := slices.Clone(row)
		if review {
			vals = append(vals, nil, nil, data.FormatSuggestion(st))
		}
		if err := s.add(vals...); err != nil {
			return err
		}
	}
	last := 1 + len(t.opt.Prefill) + t.rows
	rng := func(col int) string { return fmt.Sprintf("%s2:%s%d", colName(col), colName(col), last) }
	nActors := max(len(t.actors()), 1)
	nThemes := max(len(t.cb.Themes), 1)
	nStances := len(t.stanceChoices())

	type check struct {
		col                int
		kind               string // list, custom, decimal
		source             string // list: the range; custom: the formula
		lo, hi             float64
		warn               bool
		title, prompt, err string
	}
	checks := []check{
		{col: 2, kind: "list", source: absRange(sheetLists, listActorCol, 2, listActorCol, 1+nActors), warn: true,
			title: "Actor", prompt: "Pick the actor: its name with its id, e.g. China (CHN). An id, name or alias from the actor list is also read.",
			err: "This actor is not in the list. stancemap will report it unless it is a known name or alias, or you run with --add-unknown-actors."},
		{col: 3, kind: "list", source: absRange(sheetLists, listThemeCol, 2, listThemeCol, 1+nThemes),
			title: "Theme", prompt: "Pick the theme: the Codebook sheet says what its two poles mean.",
			err: "Pick a theme id from the list (see the Codebook sheet)."},
		{col: 4, kind: "list", source: absRange(sheetLists, listStanceCol, 2, listStanceCol, 1+nStances),
			title: "Stance", prompt: "+2 strongly supports the theme's positive pole, +1 supports, 0 neutral mention, -1 opposes, -2 strongly opposes.",
			err: "A stance is -2, -1, 0, 1 or 2, or a label from the list."},
		{col: 5, kind: "custom", source: dateCheck("E2"),
			title: "Date", prompt: "Type the date as text: 2013, 2013-05 or 2013-05-06 (only as precise as the source).",
			err: "Write the date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2013-05-06."},
		{col: 11, kind: "decimal", lo: 0, hi: 1e9, title: "Weight", prompt: "Optional: how much the statement counts (default 1).",
			err: "A weight is a number above 0 (default 1)."},
		{col: 13, kind: "decimal", lo: 0, hi: 1, title: "Confidence", prompt: "Optional: how sure the coding is, from 0 to 1.",
			err: "Confidence is a number from 0 to 1."},
	}
	if review {
		checks = append(checks, check{col: len(data.StatementFields) + 1, kind: "list", source: absRange(sheetLists, listReviewCol, 2, listReviewCol, 4),
			title: "Review", prompt: "accept: the suggestion is right. correct: you changed its actor, theme or stance. reject: it is wrong; stancemap leaves it out and lists it in Data quality.",
			err: "Mark accept, correct or reject."})
	}
	for _, c := range checks {
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(rng(c.col))
		switch c.kind {
		case "list":
			dv.SetSqrefDropList(c.source)
		case "custom":
			dv.Type = "custom"
			dv.Formula1 = xmlFormula.Replace(c.source)
		case "decimal":
			op := excelize.DataValidationOperatorBetween
			if err := dv.SetRange(c.lo, c.hi, excelize.DataValidationTypeDecimal, op); err != nil {
				return err
			}
		}
		style := excelize.DataValidationErrorStyleStop
		if c.warn {
			style = excelize.DataValidationErrorStyleWarning
		}
		dv.SetError(style, c.title, c.err)
		dv.SetInput(c.title, c.prompt)
		if err := w.f.AddDataValidation(sheetStmts, dv); err != nil {
			return err
		}
	}
	return s.close()
}

func (t *template) lists() error {
	w := t.w
	s, err := w.stream(sheetLists)
	if err != nil {
		return err
	}
	if err := s.widths(18, 34, 16, 3, 20, 28, 3, 18, 22, 3, 10); err != nil {
		return err
	}
	if err := s.freeze(1, 2); err != nil {
		return err
	}
	actors := t.actors()
	themes := t.cb.Themes
	stances := t.stanceChoices()
	head := make([]any, listReviewCol)
	head[listActorCol-1] = styled(w.st.header, "actor")
	head[listActorCol] = styled(w.st.header, "id")
	head[listActorCol+1] = styled(w.st.header, "kind")
	head[listThemeCol-1] = styled(w.st.header, "theme")
	head[listThemeCol] = styled(w.st.header, "label")
	head[listStanceCol-1] = styled(w.st.header, "stance")
	head[listStanceCol] = styled(w.st.header, "means")
	head[listReviewCol-1] = styled(w.st.header, ReviewColumn)
	if err := s.add(head...); err != nil {
		return err
	}
	n := max(len(actors), len(themes), len(stances), 3)
	for i := range n {
		row := make([]any, listReviewCol)
		if i < len(actors) {
			a := actors[i]
			row[listActorCol-1], row[listActorCol], row[listActorCol+1] = data.ActorLabel(a), a.ID, string(a.Kind)
		}
		if i < len(themes) {
			row[listThemeCol-1], row[listThemeCol] = themes[i].ID, themes[i].Label
		}
		if i < len(stances) {
			row[listStanceCol-1], row[listStanceCol] = stances[i][0], stances[i][1]
		}
		if i < 3 {
			row[listReviewCol-1] = []string{"accept", "correct", "reject"}[i]
		}
		if err := s.add(row...); err != nil {
			return err
		}
	}
	return s.close()
}

func (t *template) codebook() error {
	w := t.w
	s, err := w.stream(sheetCodebook)
	if err != nil {
		return err
	}
	if err := s.widths(18, 24, 60, 60, 50); err != nil {
		return err
	}
	if err := s.freeze(2, 2); err != nil {
		return err
	}
	if err := s.add(w.headerRow("theme", "label", "positive pole: +1 supports it, +2 strongly", "negative pole: -1 supports it, -2 strongly", "description")...); err != nil {
		return err
	}
	for _, th := range t.cb.Themes {
		if err := s.add(th.ID, th.Label, styled(w.st.wrap, th.Positive), styled(w.st.wrap, th.Negative), styled(w.st.wrap, th.Description)); err != nil {
			return err
		}
	}
	return w.scaleTable(s, t.cb)
}

func (t *template) instructions() error {
	w := t.w
	s, err := w.stream(sheetInstructions)
	if err != nil {
		return err
	}
	if err := s.widths(4, 120); err != nil {
		return err
	}
	name := t.cb.Name
	if name == "" {
		name = "the codebook"
	}
	if err := s.add(styled(w.st.title, "stancemap coding template: "+name)); err != nil {
		return err
	}
	s.blank(1)
	lines := []string{
		"Code one statement per row on the Statements sheet: who (actor) said what about which theme (theme), which side they took (stance) and when (date). A sentence that touches two themes is two rows.",
		"actor, theme and stance are drop-down lists. The Codebook sheet says what each theme's positive and negative poles mean; the Lists sheet lists the actors by name, with their ids.",
		"stance: +2 strongly supports the theme's positive pole, +1 supports it, 0 mentions the theme without taking a side, -1 opposes, -2 strongly opposes. The labels (strongly support … strongly oppose) are accepted too.",
		"date: type it as text, only as precise as the source: 2013, 2013-05 or 2013-05-06. The column is formatted as text so that the spreadsheet keeps it as typed.",
		"id is optional (stancemap makes one from the content); speaker, text (your paraphrase or a short quote), source, url, event, weight (default 1), coder, confidence (0 to 1), origin and note are optional.",
		"Keep the header row as it is. Empty rows are skipped. Rows with a problem are reported with the sheet, row and column: fix them and read again.",
		"Read it back: stancemap validate coding.xlsx, then stancemap report coding.xlsx --xlsx report.xlsx (add --actors and --codebook if you used your own lists).",
	}
	if len(t.opt.Prefill) > 0 {
		lines = append(lines,
			fmt.Sprintf("The first %d rows are suggestions made by stancemap's automatic coder (origin auto; the note gives the cues each rests on). Check each one against its text, correct what is wrong, and mark the review column: accept (right as it is), correct (you changed its actor, theme or stance) or reject (wrong: leave the row in place). Put your name in the reviewer column.", len(t.opt.Prefill)),
			"Reading this workbook back, stancemap honours the review: a rejected row is left out of every count and listed in the Data quality sheet of the report; an accepted or corrected row becomes origin reviewed, coded by the reviewer. The suggested column keeps the machine's actor | theme | stance: a row whose cells differ from it counts as corrected even if unmarked. Rows left unmarked stay machine codes (origin auto); --origin manual,reviewed leaves them out.",
		)
	}
	for i, line := range lines {
		if err := s.add(i+1, styled(w.st.wrap, line)); err != nil {
			return err
		}
	}
	return s.close()
}
