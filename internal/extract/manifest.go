package extract

import (
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/stancemap/stancemap/data"
)

// manifestRow is what a manifest says about one file.
type manifestRow struct {
	row                                   int
	path                                  string
	date                                  data.Date
	source, actor, group, event, url, pub string
	used                                  bool
}

// readManifest reads the manifest's rows. A row naming a file that does
// not exist is reported and kept out.
func readManifest(path string, reg *data.Registry, allowOutside bool) ([]*manifestRow, data.Problems) {
	t, err := data.ReadTable(path, data.TableOptions{IsHeader: func(c []string) bool {
		for _, x := range c {
			if strings.EqualFold(strings.TrimSpace(x), "file") {
				return true
			}
		}
		return false
	}})
	if err != nil {
		var p *data.Problem
		if errors.As(err, &p) {
			return nil, data.Problems{p}
		}
		return nil, data.Problems{{File: path, Code: data.CodeUnreadable, Message: err.Error(), Unusable: true}}
	}
	ps := append(data.Problems(nil), t.Problems...)
	col := map[string]int{}
	for i, h := range t.Header {
		k := strings.ToLower(strings.TrimSpace(h))
		switch k {
		case "path", "filename", "document":
			k = "file"
		case "country", "organisation", "organization", "default_actor":
			k = "actor"
		case "participants":
			k = "group"
		case "meeting":
			k = "event"
		case "link":
			k = "url"
		}
		if _, dup := col[k]; !dup {
			col[k] = i
		}
	}
	if _, ok := col["file"]; !ok {
		return nil, append(ps, &data.Problem{File: path, Row: t.HeaderRow, Column: "file", Code: data.CodeMissingColumn,
			Message: "the manifest has no file column", Found: strings.Join(t.Header, ","),
			Expected: "a header with file, and any of date, source, publisher, actor, group, event, url", Unusable: true})
	}
	dir := filepath.Dir(path)
	named := map[string]int{} // cleaned path → first row
	var rows []*manifestRow
	for _, rec := range t.Records {
		get := func(k string) string {
			i, ok := col[k]
			if !ok || i >= len(rec.Cells) {
				return ""
			}
			return rec.Cells[i]
		}
		bad := func(column string, code data.ProblemCode, msg, found, expected string) {
			ps = append(ps, &data.Problem{File: path, Row: rec.Row, Column: column, Code: code, Message: msg, Found: found, Expected: expected})
		}
		r := &manifestRow{row: rec.Row, source: get("source"), pub: get("publisher"), event: get("event"), url: get("url")}
		f := get("file")
		if f == "" {
			bad("file", data.CodeEmptyValue, "the file is empty", "", "a document's path")
			continue
		}
		if !allowOutside && !insideFolder(dir, f) {
			bad("file", data.CodeUnreadable, "the file is outside the manifest's folder: refused (run with --allow-outside if the manifest is yours)", f,
				"a path inside "+dir)
			continue
		}
		if !filepath.IsAbs(f) {
			f = filepath.Join(dir, f)
		}
		if prev, dup := named[filepath.Clean(f)]; dup {
			ps = append(ps, &data.Problem{File: path, Row: rec.Row, Column: "file", Code: data.CodeDuplicate, Severity: data.SeverityWarning,
				Message: fmt.Sprintf("the document is named again (first on row %d): read once, with that row's details", prev), Found: get("file")})
			continue
		}
		named[filepath.Clean(f)] = rec.Row
		r.path = f
		ok := true
		if d := get("date"); d != "" {
			v, err := data.ParseDate(d)
			if err != nil {
				bad("date", data.CodeBadDate, "date is not an ISO date", d, "YYYY, YYYY-MM or YYYY-MM-DD")
				ok = false
			}
			r.date = v
		}
		for _, k := range []string{"actor", "group"} {
			v := get(k)
			if v == "" {
				continue
			}
			a, found := reg.Resolve(v)
			if !found {
				bad(k, data.CodeUnknownActor, "actor is not in the actor registry", v, "an id, name or alias from the registry")
				ok = false
				continue
			}
			if k == "actor" {
				r.actor = a.ID
			} else {
				r.group = a.ID
			}
		}
		if ok {
			rows = append(rows, r)
		}
	}
	return rows, ps
}

func (in *Inputs) row(path string) *manifestRow {
	if r, ok := in.manifest[filepath.Clean(path)]; ok {
		return r
	}
	return in.manifest[filepath.Base(path)]
}

// Unused lists manifest rows no document read used (a manifest naming
// files that were not given on the command line is fine; this is for
// messages).
func (in *Inputs) Unused() []string {
	var out []string
	seen := map[*manifestRow]bool{}
	for _, r := range in.manifest {
		if !r.used && !seen[r] {
			seen[r] = true
			out = append(out, r.path)
		}
	}
	sort.Strings(out)
	return out
}

// insideFolder says whether a manifest's file f (relative to dir, or
// absolute) stays inside dir, links not followed.
func insideFolder(dir, f string) bool {
	if !filepath.IsAbs(f) {
		f = filepath.Join(dir, f)
	}
	ad, err1 := filepath.Abs(dir)
	af, err2 := filepath.Abs(f)
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(ad, af)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
