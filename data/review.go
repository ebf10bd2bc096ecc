package data

import (
	"fmt"
	"strings"
)

// The review columns of a workbook written by `stancemap extract
// --review`: not statement fields (writers never write them), but read
// when present, so that a reviewer's decisions count.
const (
	// FieldReview holds the reviewer's decision on a suggestion: accept,
	// correct or reject (blank: not reviewed yet).
	FieldReview Field = "review"
	// FieldReviewer names who reviewed the row; it becomes the coder of
	// an accepted or corrected statement.
	FieldReviewer Field = "reviewer"
	// FieldSuggested keeps the machine's suggestion as
	// "actor | theme | stance", so that a corrected cell is seen as a
	// correction even when the decision was left blank.
	FieldSuggested Field = "suggested"
)

// Origins of a statement, as filters and reports count them.
const (
	OriginManual   = "manual"   // coded by a person
	OriginAuto     = "auto"     // coded by the machine, not reviewed
	OriginReviewed = "reviewed" // coded by the machine, then accepted or corrected by a person
)

// Origins lists the origin classes in the order reports show them.
var Origins = []string{OriginManual, OriginAuto, OriginReviewed}

// OriginClass sorts a statement into one of Origins: "auto" when its
// origin says auto (or, with no origin, its coder does), "reviewed" when
// its origin says reviewed, and "manual" otherwise: a statement that
// does not say a machine coded it was coded by a person.
func OriginClass(s *Statement) string {
	o := strings.ToLower(strings.TrimSpace(s.Origin))
	switch {
	case o == OriginReviewed:
		return OriginReviewed
	case o == OriginAuto || o == "machine" || o == "" && strings.EqualFold(strings.TrimSpace(s.Coder), OriginAuto):
		return OriginAuto
	}
	return OriginManual
}

// Review says what the review columns of the input held.
type Review struct {
	Accepted  int        // suggestions accepted as they were (now origin reviewed)
	Corrected int        // suggestions whose actor, theme or stance the reviewer changed (now origin reviewed)
	Pending   int        // machine suggestions with no decision yet (still origin auto)
	Rejected  []Rejected // suggestions rejected: not statements, counted and listed here
}

// Active says whether any review decision was read.
func (r Review) Active() bool {
	return r.Accepted+r.Corrected+len(r.Rejected) > 0
}

func (r Review) String() string {
	return fmt.Sprintf("%d accepted, %d corrected, %d rejected (left out), %d not reviewed yet",
		r.Accepted, r.Corrected, len(r.Rejected), r.Pending)
}

// Rejected is a row a reviewer rejected, as it was read: it is no
// statement, and appears only in the lists of what reading found.
type Rejected struct {
	Pos                      Pos
	ID, Actor, Theme, Stance string
	Reviewer, Text           string
}

func (r Rejected) String() string {
	s := fmt.Sprintf("%s: actor %s, theme %s, stance %s", r.Pos, r.Actor, r.Theme, r.Stance)
	if r.ID != "" {
		s = r.ID + " (" + s + ")"
	}
	if r.Reviewer != "" {
		s += ", rejected by " + r.Reviewer
	}
	return s
}

type reviewDecision int

const (
	decisionNone reviewDecision = iota
	decisionAccept
	decisionCorrect
	decisionReject
)

// parseDecision reads a review cell: accept, correct or reject, with a
// few spellings reviewers use.
func parseDecision(s string) (reviewDecision, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return decisionNone, true
	case "accept", "accepted", "ok", "yes", "y", "✓", "✔":
		return decisionAccept, true
	case "correct", "corrected", "changed", "edited":
		return decisionCorrect, true
	case "reject", "rejected", "no", "n", "delete", "wrong", "✗", "✘", "x":
		return decisionReject, true
	}
	return decisionNone, false
}

// FormatSuggestion writes a suggestion's actor, theme and stance for the
// suggested column.
func FormatSuggestion(s *Statement) string {
	return fmt.Sprintf("%s | %s | %+d", s.Actor, s.Theme, s.Stance)
}

// parseSuggestion reads the suggested column back.
func parseSuggestion(s string) (actor, theme, stance string, ok bool) {
	parts := strings.Split(s, "|")
	if len(parts) != 3 {
		return "", "", "", false
	}
	return strings.TrimSpace(parts[0]), strings.TrimSpace(parts[1]), strings.TrimSpace(parts[2]), true
}

// reviewCells are a row's review cells.
type reviewCells struct {
	decision, reviewer, suggested string
}

func (w *rowWorker) reviewCells(cols columnMap, rec Record) reviewCells {
	get := func(f Field) string {
		if i, ok := cols.index[f]; ok && i < len(rec.Cells) {
			return strings.TrimSpace(UnescapeFormula(rec.Cells[i]))
		}
		return ""
	}
	return reviewCells{decision: get(FieldReview), reviewer: get(FieldReviewer), suggested: get(FieldSuggested)}
}

// applyReview turns a valid row with review cells into what the
// reviewer decided: accepted or corrected rows become origin reviewed,
// coded by the reviewer, with what changed in the note; a row with no
// decision and unchanged cells stays as it was.
func (w *rowWorker) applyReview(t *Table, cols columnMap, rec Record, rc reviewCells, d reviewDecision, st *Statement) {
	var changed []string
	if a, th, sv, ok := parseSuggestion(rc.suggested); ok {
		if id := w.resolveActor(a); id != "" && id != st.Actor {
			changed = append(changed, "actor "+id+" → "+st.Actor)
		}
		if id, found := w.resolveTheme(th); found && id != st.Theme {
			changed = append(changed, "theme "+id+" → "+st.Theme)
		}
		if v, found := w.opt.Codebook.ParseStance(sv); found && v != st.Stance {
			changed = append(changed, fmt.Sprintf("stance %+d → %+d", v, st.Stance))
		}
	} else if rc.suggested != "" {
		w.problems = append(w.problems, &Problem{File: t.Name, Row: rec.Row, Column: cols.name[FieldSuggested], Code: CodeBadReview,
			Message: "the suggestion cannot be read, so corrections cannot be told from it", Found: rc.suggested,
			Expected: "actor | theme | stance, as stancemap wrote it", Severity: SeverityWarning})
	}
	if d == decisionNone && len(changed) == 0 {
		if OriginClass(st) == OriginAuto {
			w.review.Pending++
		}
		return
	}
	how := "accepted"
	if d == decisionCorrect || len(changed) > 0 {
		how = "corrected"
		if len(changed) > 0 {
			how += " " + strings.Join(changed, ", ")
		}
		w.review.Corrected++
	} else {
		w.review.Accepted++
	}
	st.Origin = OriginReviewed
	st.Coder = rc.reviewer
	if rc.reviewer == "" {
		w.problems = append(w.problems, &Problem{File: t.Name, Row: rec.Row, Column: string(FieldReviewer), Code: CodeBadReview,
			Message: "reviewed row names no reviewer: its coder is left empty", Expected: "the reviewer's name in the reviewer column",
			Severity: SeverityWarning})
	} else {
		how += " by " + rc.reviewer
	}
	if st.Note != "" {
		st.Note += "; "
	}
	st.Note += "review: " + how
}

// reject records a rejected row and the warning that lists it.
func (w *rowWorker) reject(t *Table, cols columnMap, rec Record, rc reviewCells, raw *[numStatementFields]string) {
	r := Rejected{Pos: Pos{File: t.Name, Row: rec.Row}, ID: raw[ordID], Actor: raw[ordActor], Theme: raw[ordTheme],
		Stance: raw[ordStance], Reviewer: rc.reviewer, Text: raw[ordText]}
	if id := w.resolveActor(r.Actor); id != "" {
		r.Actor = id
	}
	if id, ok := w.resolveTheme(r.Theme); ok {
		r.Theme = id
	}
	w.review.Rejected = append(w.review.Rejected, r)
	found := fmt.Sprintf("actor %s, theme %s, stance %s", r.Actor, r.Theme, r.Stance)
	if r.ID != "" {
		found = r.ID + ": " + found
	}
	msg := "suggestion rejected in review: not used"
	if r.Reviewer != "" {
		msg = "suggestion rejected in review by " + r.Reviewer + ": not used"
	}
	w.problems = append(w.problems, &Problem{File: t.Name, Row: rec.Row, Column: cols.name[FieldReview], Code: CodeRejected,
		Message: msg, Found: found, Severity: SeverityWarning})
}

// resolveActor is the registry id of an actor cell, or "".
func (w *rowWorker) resolveActor(s string) string {
	if id, ok := w.actors[s]; ok {
		return id
	}
	if a, ok := w.opt.Registry.Resolve(s); ok {
		return a.ID
	}
	return ""
}

// OriginCounts counts statements by origin class (see OriginClass).
type OriginCounts struct {
	Manual, Auto, Reviewed int
}

// Machine is the number of machine-coded statements, reviewed or not.
func (o OriginCounts) Machine() int { return o.Auto + o.Reviewed }

// CountOrigins counts a corpus's statements by origin class.
func CountOrigins(ss []Statement) OriginCounts {
	var o OriginCounts
	for i := range ss {
		switch OriginClass(&ss[i]) {
		case OriginAuto:
			o.Auto++
		case OriginReviewed:
			o.Reviewed++
		default:
			o.Manual++
		}
	}
	return o
}

// Sentence says, for a report's overview, how the statements were
// coded: by hand, by the machine, and how many machine codes a person
// reviewed; rejected is the number of suggestions rejected in review
// and left out.
func (o OriginCounts) Sentence(rejected int) string {
	n := o.Manual + o.Machine()
	var s string
	switch {
	case o.Machine() == 0:
		s = fmt.Sprintf("All %d %s were coded by hand.", n, Plural(n, "statement", "statements"))
	default:
		s = fmt.Sprintf("Of the %d %s, %d %s machine-coded: %d reviewed by a person (accepted or corrected), %d not reviewed (read %s as suggestions); %d %s coded by hand.",
			n, Plural(n, "statement", "statements"), o.Machine(), Plural(o.Machine(), "was", "were"), o.Reviewed, o.Auto,
			Plural(o.Auto, "it", "them"), o.Manual, Plural(o.Manual, "was", "were"))
	}
	if rejected > 0 {
		s += fmt.Sprintf(" %d machine %s rejected in review %s left out.", rejected, Plural(rejected, "suggestion", "suggestions"), Plural(rejected, "was", "were"))
	}
	return s
}

// NoteCues returns the evidence the dictionary coder wrote into a machine
// code's note ("cues: a, b; speaker: …"): the cues, or "".
func NoteCues(note string) string { return notePart(note, "cues:") }

// ReviewNote returns what reading a review workbook wrote into a
// statement's note ("review: corrected stance +1 → -1 by Ana"), or "".
func ReviewNote(note string) string { return notePart(note, "review:") }

func notePart(note, key string) string {
	for _, part := range strings.Split(note, ";") {
		if c, ok := strings.CutPrefix(strings.TrimSpace(part), key); ok {
			return strings.TrimSpace(c)
		}
	}
	return ""
}
