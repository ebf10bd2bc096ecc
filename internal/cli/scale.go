package cli

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/internal/extract"
	"github.com/stancemap/stancemap/reports/plain"
)

// ScaleOptions are the flags of `stancemap scale`.
type ScaleOptions struct {
	In InputFlags // statements: registry, codebook, sheet, skip-invalid…
	// Texts: the same input flags as extract.
	TextCol, ActorCol, DateCol string
	Actor, Date, Manifest      string
	Encoding                   string
	MaxFileMB                  int64

	Method   string // "", lss or stances
	Axis     string
	Period   string
	From, To string
	Boot     int
	Seed     uint64
	// The text model.
	Dimensions, MinCount int
	// The sentence filter: every sentence rather than those near the
	// axis's context terms; the sentences either side of one holding a
	// term that are read too (the flag's default is
	// analysis.DefaultContextWindow; 0 reads only the sentences holding
	// a term).
	AllSentences  bool
	ContextWindow int

	Format, Output string
	Quiet          bool
}

// Scale places the actors of the inputs on an axis of the codebook,
// writes the positions in the chosen format, and returns them (for the
// HTML page and the workbook, which the command writes).
func Scale(args []string, o ScaleOptions, stdout, stderr io.Writer) (*analysis.Scaling, error) {
	if len(args) == 0 {
		return nil, Failf(ExitUsage, "give a corpus of texts (with --text-col) or of coded statements")
	}
	switch o.Format {
	case "", "table", "csv", "json":
	default:
		return nil, Failf(ExitUsage, "--format must be table, csv or json, got %q", o.Format)
	}
	ps, err := analysis.ParsePeriodSpec(o.Period)
	if err != nil {
		return nil, Fail(ExitUsage, err)
	}
	if o.ContextWindow < 0 {
		return nil, Failf(ExitUsage, "--context-window must be 0 or more, got %d", o.ContextWindow)
	}
	if o.Boot < 0 {
		return nil, Failf(ExitUsage, "--bootstrap must be 0 or more, got %d", o.Boot)
	}
	b := o.Boot
	if b == 0 {
		b = -1
	}
	sopt := analysis.ScaleOptions{Period: ps, Bootstrap: b, Seed: o.Seed}
	var from, to data.Date
	if o.From != "" {
		if from, err = data.ParseDate(o.From); err != nil {
			return nil, Failf(ExitUsage, "--from %q: %v", o.From, err)
		}
	}
	if o.To != "" {
		if to, err = data.ParseDate(o.To); err != nil {
			return nil, Failf(ExitUsage, "--to %q: %v", o.To, err)
		}
	}
	method := o.Method
	if method == "" {
		method = analysis.MethodStances
		if o.TextCol != "" || !extract.IsTable(args[0]) && !isStatementFile(args[0]) {
			method = analysis.MethodWordscores
		}
	}
	var res *analysis.Scaling
	switch method {
	case analysis.MethodWordscores, analysis.MethodLSS:
		res, err = scaleTexts(args, o, method, sopt, from, to, stderr)
	case analysis.MethodStances:
		if o.TextCol != "" {
			return nil, Failf(ExitUsage, "--method stances reads coded statements; --text-col names a corpus of texts (use --method wordscores or lss)")
		}
		res, err = scaleStatements(args, o, sopt, stderr)
	default:
		return nil, Failf(ExitUsage, "--method must be wordscores or lss (from texts), or stances (from coded statements), got %q", o.Method)
	}
	if err != nil {
		return nil, err
	}
	if res.Unplaced > 0 {
		fmt.Fprintf(stderr, "stancemap: %d %s fall in no period of --period %s (outside its ranges, or dated too coarsely) and are left out\n", res.Unplaced, res.Counts, o.Period)
	}
	write := func(w io.Writer) error {
		switch o.Format {
		case "csv":
			return plain.WriteScaleCSV(w, res)
		case "json":
			return WriteJSONNaN(w, res)
		}
		return plain.WriteScaleTable(w, res)
	}
	if o.Output == "" || o.Output == "-" {
		err = write(stdout)
	} else {
		err = WriteOutput(o.Output, args, write)
	}
	if err != nil {
		return nil, err
	}
	return res, nil
}

// isStatementFile tells a file of coded statements by its extension:
// workbooks and JSON documents hold statements, not a corpus of texts.
func isStatementFile(p string) bool {
	l := strings.ToLower(strings.TrimSuffix(strings.ToLower(p), ".gz"))
	return strings.HasSuffix(l, ".xlsx") || strings.HasSuffix(l, ".json")
}

func scaleStatements(args []string, o ScaleOptions, sopt analysis.ScaleOptions, stderr io.Writer) (*analysis.Scaling, error) {
	c, _, err := o.In.Load(args, stderr)
	if err != nil {
		return nil, err
	}
	if o.From != "" || o.To != "" {
		c, _, err = FilterFlags{From: o.From, To: o.To}.Apply(c, stderr)
		if err != nil {
			return nil, err
		}
	}
	axis, err := pickAxis(c.Codebook, o.Axis)
	if err != nil {
		return nil, err
	}
	res, err := analysis.ScaleStatements(c, axis, sopt)
	if err != nil {
		return nil, Fail(ExitProblems, err)
	}
	return res, nil
}

func pickAxis(cb *data.Codebook, id string) (*data.Axis, error) {
	a, ok := cb.Axis(id)
	if !ok {
		if len(cb.Axes) == 0 {
			return nil, Failf(ExitUsage, "the codebook defines no axis to scale on (add axes: to it; see the default codebook's state_control)")
		}
		return nil, Failf(ExitUsage, "--axis %q is not an axis of the codebook (axes: %s)", id, strings.Join(cb.AxisIDs(), ", "))
	}
	return a, nil
}

// scaleTexts reads a tabular corpus (one text per row) or documents into
// a text corpus and scales it.
func scaleTexts(args []string, o ScaleOptions, method string, sopt analysis.ScaleOptions, from, to data.Date, stderr io.Writer) (*analysis.Scaling, error) {
	reg, cb, err := RegistryAndCodebook(o.In)
	if err != nil {
		return nil, Fail(ExitUsage, err)
	}
	axis, err := pickAxis(cb, o.Axis)
	if err != nil {
		return nil, err
	}
	var defDate data.Date
	if o.Date != "" {
		if defDate, err = data.ParseDate(o.Date); err != nil {
			return nil, Failf(ExitUsage, "--date %q: %v", o.Date, err)
		}
	}
	defActor := ""
	if o.Actor != "" {
		a, ok := reg.Resolve(o.Actor)
		if !ok {
			return nil, Failf(ExitUsage, "--actor %q is not an actor of the registry", o.Actor)
		}
		defActor = a.ID
	}
	inRange := func(d data.Date) bool {
		return (from.IsZero() || !d.First().Before(from.First())) && (to.IsZero() || !d.Last().After(to.Last()))
	}
	tc := analysis.NewTextCorpus()
	var ps data.Problems
	skipped, outside := 0, 0
	if o.TextCol != "" {
		if len(args) != 1 {
			return nil, Failf(ExitUsage, "a tabular corpus is one file; got %d", len(args))
		}
		skipped, outside, ps, err = readTextTable(args[0], o, reg, defActor, defDate, inRange, tc)
		if err != nil {
			return nil, err
		}
	} else {
		in, cps := extract.CollectInputs(args, extract.TextOptions{Manifest: o.Manifest, Actor: defActor, Date: defDate,
			Encoding: o.Encoding, MaxFileSize: o.MaxFileMB << 20}, reg)
		ps = append(ps, cps...)
		for _, f := range in.Files {
			doc, dps := in.Load(f)
			ps = append(ps, dps...)
			if doc == nil {
				skipped++
				continue
			}
			switch {
			case doc.Actor == "":
				ps = append(ps, &data.Problem{File: f, Code: data.CodeEmptyValue, Message: "the document has no actor (give --actor, or a manifest with an actor column)"})
				skipped++
			case doc.Date.IsZero():
				ps = append(ps, &data.Problem{File: f, Code: data.CodeNoDate, Message: "the document has no date (give --date, or a manifest with a date column)"})
				skipped++
			case !inRange(doc.Date):
				outside++
			default:
				tc.Add(doc.Actor, doc.Date, doc.Text)
			}
		}
	}
	if len(ps) > 0 {
		PrintProblems(stderr, ps, o.In.MaxShown)
	}
	if ps.Errors() > 0 && !o.In.SkipInvalid {
		fmt.Fprintf(stderr, "stancemap: %d texts could not be read; fix them, or run again with --skip-invalid to go on without them\n", skipped)
		return nil, Silent(ExitProblems)
	}
	if !o.Quiet {
		fmt.Fprintf(stderr, "stancemap: %d texts scaled", tc.Documents())
		if outside > 0 {
			fmt.Fprintf(stderr, ", %d outside --from/--to", outside)
		}
		if skipped > 0 {
			fmt.Fprintf(stderr, ", %d skipped (--skip-invalid)", skipped)
		}
		fmt.Fprintln(stderr)
	}
	if tc.Documents() == 0 {
		return nil, Failf(ExitProblems, "%s: no text to scale", strings.Join(args, ", "))
	}
	topt := analysis.TextOptions{Method: method, MinCount: o.MinCount,
		LSS: analysis.LSSOptions{Dimensions: o.Dimensions, Seed: o.Seed}}
	if !o.AllSentences {
		topt.Context, topt.Window = axis.Context, o.ContextWindow
		if topt.Window == 0 {
			topt.Window = -1 // --context-window 0: only the sentences holding a term
		}
	}
	res, err := analysis.ScaleTexts(tc, axis, sopt, topt)
	if err != nil {
		return nil, Fail(ExitProblems, err)
	}
	if m := res.Text.SeedsMissing; len(m) > 0 && !o.Quiet {
		fmt.Fprintf(stderr, "stancemap: seed words not found in the texts: %s\n", strings.Join(m, ", "))
	}
	if len(res.Text.ContextMissing) > 0 && len(res.Text.ContextTerms) == 0 && !o.Quiet {
		fmt.Fprintf(stderr, "stancemap: no text holds a context term of the axis (%s), so every sentence is scored\n", strings.Join(res.Text.ContextMissing, ", "))
	}
	if res.Text.ContextTerms != nil && !o.Quiet {
		var none []string
		for _, p := range res.Positions {
			if p.Words == 0 {
				none = append(none, p.Actor)
			}
		}
		if len(none) > 0 {
			slices.Sort(none)
			none = slices.Compact(none)
			fmt.Fprintf(stderr, "stancemap: without a position (no sentence within %d of a context term of the axis; --all-sentences scores every sentence): %s\n",
				res.Text.ContextWindow, strings.Join(none, ", "))
		}
	}
	if m := res.Text.ReferencesMissing; len(m) > 0 && !o.Quiet {
		fmt.Fprintf(stderr, "stancemap: reference actors without texts: %s\n", strings.Join(m, ", "))
	}
	return res, nil
}

// readTextTable streams a tabular corpus into tc: rows outside the dates
// are counted, rows with a bad date or an unknown actor are problems.
func readTextTable(path string, o ScaleOptions, reg *data.Registry, defActor string, defDate data.Date,
	inRange func(data.Date) bool, tc *analysis.TextCorpus) (skipped, outside int, ps data.Problems, err error) {
	rows, err := data.OpenRows(path, data.RowOptions{})
	if err != nil {
		return 0, 0, nil, Fail(ExitUsage, err)
	}
	defer rows.Close()
	col := func(flag, name string, required bool) (int, error) {
		if name == "" {
			if required {
				return -1, Failf(ExitUsage, "%s: give --%s, or --%s for every row", path, flag, strings.TrimSuffix(flag, "-col"))
			}
			return -1, nil
		}
		i := rows.Column(name)
		if i < 0 {
			return -1, Failf(ExitUsage, "%s: no column %q for --%s (columns: %s)", path, name, flag, strings.Join(rows.Header(), ", "))
		}
		return i, nil
	}
	ti, err := col("text-col", o.TextCol, true)
	if err != nil {
		return 0, 0, nil, err
	}
	ai, err := col("actor-col", o.ActorCol, defActor == "")
	if err != nil {
		return 0, 0, nil, err
	}
	di, err := col("date-col", o.DateCol, defDate.IsZero())
	if err != nil {
		return 0, 0, nil, err
	}
	actors := map[string]string{}
	dates := map[string]data.Date{}
	unknown := map[string]bool{}
	for {
		cells, row, rerr := rows.Next()
		if errors.Is(rerr, io.EOF) {
			break
		}
		if rerr != nil {
			var p *data.Problem
			if errors.As(rerr, &p) {
				ps = append(ps, p)
				if p.Unusable {
					return skipped, outside, ps, Fail(ExitUsage, p)
				}
				skipped++
				continue
			}
			return skipped, outside, ps, Fail(ExitUsage, rerr)
		}
		cell := func(i int) string {
			if i < 0 || i >= len(cells) {
				return ""
			}
			return cells[i]
		}
		d := defDate
		if di >= 0 {
			raw := strings.TrimSpace(cell(di))
			var ok bool
			if d, ok = dates[raw]; !ok {
				pd, derr := data.ParseDate(raw)
				if derr != nil {
					ps = append(ps, &data.Problem{File: path, Row: row, Column: o.DateCol, Code: data.CodeBadDate, Message: "date is not an ISO date", Found: raw, Expected: "YYYY, YYYY-MM or YYYY-MM-DD"})
					skipped++
					continue
				}
				dates[raw], d = pd, pd
			}
		}
		if !inRange(d) {
			outside++
			continue
		}
		a := defActor
		if ai >= 0 {
			raw := strings.TrimSpace(cell(ai))
			var ok bool
			if a, ok = actors[raw]; !ok {
				if r, found := reg.Resolve(raw); found {
					a = r.ID
				} else {
					// An actor missing from the registry keeps its own
					// name, said once: a corpus of many countries should
					// not need a registry entry for each.
					a = raw
					unknown[raw] = true
				}
				actors[raw] = a
			}
			if a == "" {
				ps = append(ps, &data.Problem{File: path, Row: row, Column: o.ActorCol, Code: data.CodeEmptyValue, Message: "the actor is empty"})
				skipped++
				continue
			}
		}
		tc.Add(a, d, cell(ti))
	}
	if n := len(unknown); n > 0 && !o.Quiet {
		names := make([]string, 0, n)
		for k := range unknown {
			names = append(names, k)
		}
		slices.Sort(names)
		ps = append(ps, &data.Problem{File: path, Column: o.ActorCol, Code: data.CodeUnknownActor, Severity: data.SeverityWarning,
			Message: fmt.Sprintf("%d actors are not in the registry and are kept under their own names: %s", n, strings.Join(names, ", "))})
	}
	return skipped, outside, ps, nil
}
