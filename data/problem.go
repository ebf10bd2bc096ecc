package data

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Severity grades a problem: errors make a row unusable, warnings do not.
type Severity uint8

const (
	SeverityError Severity = iota
	SeverityWarning
)

func (s Severity) String() string {
	if s == SeverityWarning {
		return "warning"
	}
	return "error"
}

// Sentinels wrapped by Problem so callers can tell problems apart with errors.Is.
var (
	// ErrInvalid marks a row or value that breaks the data contract.
	ErrInvalid = errors.New("invalid input")
	// ErrUnusable marks input that cannot be read as a table at all:
	// a missing file, an empty file, a binary that is no spreadsheet.
	ErrUnusable = errors.New("unusable input")
)

// ProblemCode is a problem's short stable name, for tests, filters and
// the Data quality sheet: bad-stance, bad-date, unknown-actor, …
type ProblemCode string

// The problem codes stancemap reports.
const (
	CodeAddedActor     ProblemCode = "added-actor"
	CodeBadAgreement   ProblemCode = "bad-agreement"
	CodeBadCodebook    ProblemCode = "bad-codebook"
	CodeBadConfidence  ProblemCode = "bad-confidence"
	CodeBadCountry     ProblemCode = "bad-country"
	CodeBadDate        ProblemCode = "bad-date"
	CodeBadEncoding    ProblemCode = "bad-encoding"
	CodeBadGroup       ProblemCode = "bad-group"
	CodeBadGzip        ProblemCode = "bad-gzip"
	CodeBadJSON        ProblemCode = "bad-json"
	CodeBadKind        ProblemCode = "bad-kind"
	CodeBadRow         ProblemCode = "bad-row"
	CodeBadRules       ProblemCode = "bad-rules"
	CodeBadStance      ProblemCode = "bad-stance"
	CodeBadWeight      ProblemCode = "bad-weight"
	CodeBadYAML        ProblemCode = "bad-yaml"
	CodeBinary         ProblemCode = "binary"
	CodeCSVSyntax      ProblemCode = "csv-syntax"
	CodeDamaged        ProblemCode = "damaged"
	CodeDateFromText   ProblemCode = "date-from-text"
	CodeDNAExport      ProblemCode = "dna-export"
	CodeDuplicate      ProblemCode = "duplicate"
	CodeDuplicateActor ProblemCode = "duplicate-actor"
	CodeDuplicateID    ProblemCode = "duplicate-id"
	CodeDuplicateKey   ProblemCode = "duplicate-key"
	CodeEmptyFile      ProblemCode = "empty-file"
	CodeEmptySheet     ProblemCode = "empty-sheet"
	CodeEmptyText      ProblemCode = "empty-text"
	CodeEmptyValue     ProblemCode = "empty-value"
	CodeIsDirectory    ProblemCode = "is-directory"
	CodeJSONSyntax     ProblemCode = "json-syntax"
	CodeMissingColumn  ProblemCode = "missing-column"
	CodeMixedEncoding  ProblemCode = "mixed-encoding"
	CodeNestedValue    ProblemCode = "nested-value"
	CodeNoDate         ProblemCode = "no-date"
	CodeNoDocuments    ProblemCode = "no-documents"
	CodeNoFile         ProblemCode = "no-file"
	CodeNoSheet        ProblemCode = "no-sheet"
	CodeNotATable      ProblemCode = "not-a-table"
	CodeNotAnObject    ProblemCode = "not-an-object"
	CodeNotDNA         ProblemCode = "not-dna"
	CodeNote           ProblemCode = "note"
	CodeOneLine        ProblemCode = "one-line"
	CodeRaggedRow      ProblemCode = "ragged-row"
	CodeRejected       ProblemCode = "rejected"
	CodeBadReview      ProblemCode = "bad-review"
	CodeShadowedColumn ProblemCode = "shadowed-column"
	CodeTooLarge       ProblemCode = "too-large"
	CodeUnknownActor   ProblemCode = "unknown-actor"
	CodeUnknownColumn  ProblemCode = "unknown-column"
	CodeUnknownFormat  ProblemCode = "unknown-format"
	CodeUnknownTheme   ProblemCode = "unknown-theme"
	CodeUnreadable     ProblemCode = "unreadable"
)

// Problem is one thing wrong with the input, placed as precisely as the
// format allows. Its Error text is
//
//	file:row:column: what is wrong (found "…", expected …)
//
// with row and column left out where they do not apply.
type Problem struct {
	File     string
	Row      int         // 1-based line or sheet row; 0 when the whole file is concerned
	Column   string      // header name, or "" for the whole row
	Code     ProblemCode // short stable name: bad-stance, bad-date, unknown-actor, …
	Message  string      // what is wrong
	Found    string      // the offending value, quoted in the message
	Expected string      // what would have been right
	Severity Severity
	Unusable bool // the input as a whole cannot be used (exit code 2)
}

func (p *Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Row > 0 {
		fmt.Fprintf(&b, ":%d", p.Row)
	}
	if p.Column != "" {
		fmt.Fprintf(&b, ":%s", p.Column)
	}
	b.WriteString(": ")
	if p.Severity == SeverityWarning {
		b.WriteString("warning: ")
	}
	b.WriteString(p.Message)
	var extra []string
	if p.Found != "" || p.Code == CodeEmptyValue {
		extra = append(extra, fmt.Sprintf("found %q", clip(p.Found, 80)))
	}
	if p.Expected != "" {
		extra = append(extra, "expected "+p.Expected)
	}
	if len(extra) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(extra, ", "))
	}
	return b.String()
}

func (p *Problem) Unwrap() error {
	if p.Unusable {
		return ErrUnusable
	}
	return ErrInvalid
}

func clip(s string, n int) string {
	// Count runes without converting: s may be a 40 MB cell.
	i := 0
	for k := range s {
		if i == n {
			return s[:k] + "…"
		}
		i++
	}
	return s
}

// Problems is a list of problems that prints as a grouped, counted report.
type Problems []*Problem

// Errors counts the problems of error severity.
func (ps Problems) Errors() int {
	n := 0
	for _, p := range ps {
		if p.Severity == SeverityError {
			n++
		}
	}
	return n
}

// Unusable reports whether any problem makes a whole input unusable.
func (ps Problems) Unusable() bool {
	for _, p := range ps {
		if p.Unusable {
			return true
		}
	}
	return false
}

// Sort orders problems by file and row, errors before warnings on the
// same row (so that a list cut short shows what stops the row first),
// and otherwise as given.
func (ps Problems) Sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].File != ps[j].File {
			return ps[i].File < ps[j].File
		}
		if ps[i].Row != ps[j].Row {
			return ps[i].Row < ps[j].Row
		}
		return ps[i].Severity < ps[j].Severity
	})
}

// Summary groups problems by code and returns lines such as
// "3 × bad-stance: stance is not on the scale", largest group first;
// where the messages of a group differ, the first is shown as an example.
func (ps Problems) Summary() []string {
	type group struct {
		code   ProblemCode
		msg    string
		n      int
		varied bool
	}
	idx := map[ProblemCode]*group{}
	var order []*group
	for _, p := range ps {
		g, ok := idx[p.Code]
		if !ok {
			g = &group{code: p.Code, msg: p.Message}
			idx[p.Code] = g
			order = append(order, g)
		}
		g.n++
		g.varied = g.varied || p.Message != g.msg
	}
	sort.SliceStable(order, func(i, j int) bool {
		if order[i].n != order[j].n {
			return order[i].n > order[j].n
		}
		return order[i].code < order[j].code
	})
	out := make([]string, len(order))
	for i, g := range order {
		if g.varied {
			out[i] = fmt.Sprintf("%d × %s (the first: %s)", g.n, g.code, g.msg)
		} else {
			out[i] = fmt.Sprintf("%d × %s: %s", g.n, g.code, g.msg)
		}
	}
	return out
}
