package extract

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/stancemap/stancemap/data"
)

// TextExtensions are the file kinds read as documents.
var TextExtensions = []string{".txt", ".md", ".markdown", ".html", ".htm"}

// DefaultMaxFileSize is the largest document read unless told otherwise.
const DefaultMaxFileSize = 64 << 20

// TextOptions say how documents are read.
type TextOptions struct {
	// Manifest is a CSV (or XLSX, JSON) file with a row per document:
	// file (required), date, source, publisher, actor, group, event, url.
	// Files are found relative to the manifest's folder.
	Manifest string
	// Actor and Date apply to documents the manifest says nothing about.
	Actor string
	Date  data.Date
	// Encoding of the files: "utf-8" (the default: bytes that are not
	// UTF-8 are an error), "windows-1252" or "latin-1".
	Encoding string
	// MaxFileSize in bytes; 0 means DefaultMaxFileSize.
	MaxFileSize int64
	// KeepBoilerplate turns off the removal of navigation and sharing lines.
	KeepBoilerplate bool
	// AllowOutside lets the manifest name documents outside its own
	// folder (an absolute path, or one through ".."); by default such a
	// row is refused, so that a manifest from elsewhere cannot have any
	// file on the machine read into the output.
	AllowOutside bool
}

// Inputs lists the documents to read and what the manifest says of them.
type Inputs struct {
	Files    []string
	manifest map[string]*manifestRow // by cleaned path and by base name
	rows     []*manifestRow
	opt      TextOptions
	reg      *data.Registry
}

// CollectInputs expands folders (their .txt, .md and .html files, sorted,
// recursively) and reads the manifest. Problems with arguments, the
// manifest or its rows (a missing file, an unknown actor, a bad date)
// are returned, each on its own, with the inputs that are usable.
func CollectInputs(args []string, opt TextOptions, reg *data.Registry) (*Inputs, data.Problems) {
	in := &Inputs{manifest: map[string]*manifestRow{}, opt: opt, reg: reg}
	var ps data.Problems
	if opt.Manifest != "" {
		rows, mps := readManifest(opt.Manifest, reg, opt.AllowOutside)
		ps = append(ps, mps...)
		for _, r := range rows {
			in.manifest[filepath.Clean(r.path)] = r
			if _, dup := in.manifest[filepath.Base(r.path)]; !dup {
				in.manifest[filepath.Base(r.path)] = r
			}
		}
		in.rows = rows
	}
	seen := map[string]bool{}
	for _, a := range args {
		fi, err := os.Stat(a)
		if err != nil {
			ps = append(ps, &data.Problem{File: a, Code: data.CodeNoFile, Message: "cannot read: " + data.FileErrorReason(err) + " (check the path and the current folder)", Unusable: true})
			continue
		}
		if !fi.IsDir() && !fi.Mode().IsRegular() {
			ps = append(ps, &data.Problem{File: a, Code: data.CodeUnreadable, Unusable: true,
				Message: "is " + data.FileKind(fi) + ", not a regular file: refused (only files are read as documents)"})
			continue
		}
		if !fi.IsDir() {
			if !seen[a] {
				in.Files = append(in.Files, a)
				seen[a] = true
			}
			continue
		}
		var found []string
		_ = filepath.WalkDir(a, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				ps = append(ps, &data.Problem{File: p, Code: data.CodeUnreadable, Message: "cannot read: " + data.FileErrorReason(err), Unusable: true})
				return nil
			}
			if d.IsDir() && p != a && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if d.IsDir() || !isTextFile(p) {
				return nil
			}
			// Only regular files: a named pipe would block the run, a
			// device would never end. A link is followed to a file.
			fi, err := os.Stat(p)
			if err != nil || !fi.Mode().IsRegular() {
				why := "cannot be read"
				if err == nil {
					why = "is " + data.FileKind(fi) + ", not a regular file"
				}
				ps = append(ps, &data.Problem{File: p, Code: data.CodeUnreadable, Severity: data.SeverityWarning,
					Message: why + ": skipped"})
				return nil
			}
			found = append(found, p)
			return nil
		})
		sort.Strings(found)
		if len(found) == 0 {
			ps = append(ps, &data.Problem{File: a, Code: data.CodeNoDocuments, Message: "the folder holds no document to read",
				Expected: "files ending in " + strings.Join(TextExtensions, " "), Unusable: true})
		}
		for _, p := range found {
			if !seen[p] {
				in.Files = append(in.Files, p)
				seen[p] = true
			}
		}
	}
	// A manifest row whose file is missing is an error when the manifest
	// lists the inputs, and a warning when the files given on the command
	// line do not include it either (by path or by name).
	given := map[string]bool{}
	for _, f := range in.Files {
		given[filepath.Base(f)] = true
	}
	for _, r := range in.rows {
		if _, err := os.Stat(r.path); err != nil {
			if len(args) > 0 && given[filepath.Base(r.path)] {
				continue
			}
			p := &data.Problem{File: opt.Manifest, Row: r.row, Column: "file", Code: data.CodeNoFile,
				Message: "the manifest names a file that cannot be read: " + data.FileErrorReason(err), Found: r.path,
				Expected: "a path relative to the manifest's folder"}
			if len(args) == 0 {
				p.Unusable = true
			} else {
				p.Severity = data.SeverityWarning
			}
			ps = append(ps, p)
			continue
		}
		if len(args) == 0 && !seen[filepath.Clean(r.path)] {
			in.Files = append(in.Files, r.path)
			seen[filepath.Clean(r.path)] = true
		}
	}
	return in, ps
}

func isTextFile(p string) bool {
	ext := strings.ToLower(filepath.Ext(p))
	for _, e := range TextExtensions {
		if ext == e {
			return true
		}
	}
	return false
}

// Load reads one document: its bytes, checked (not binary, not empty,
// valid text), HTML turned into text, and its metadata from the manifest
// or the defaults. A problem is returned when the document cannot be
// coded: it is unreadable, or nothing gives it a date.
func (in *Inputs) Load(path string) (*Document, data.Problems) {
	var ps data.Problems
	fail := func(code data.ProblemCode, msg string) (*Document, data.Problems) {
		return nil, append(ps, &data.Problem{File: path, Code: code, Message: msg, Unusable: true})
	}
	max := in.opt.MaxFileSize
	if max <= 0 {
		max = DefaultMaxFileSize
	}
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		return fail(data.CodeUnreadable, "is "+data.FileKind(fi)+", not a regular file: refused (only files are read as documents)")
	}
	f, err := os.Open(path)
	if err != nil {
		return fail(data.CodeUnreadable, "cannot read: "+data.FileErrorReason(err))
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return fail(data.CodeUnreadable, "cannot read: "+data.FileErrorReason(err))
	}
	if int64(len(b)) > max {
		return fail(data.CodeTooLarge, fmt.Sprintf("is larger than %d MB, the most one document may weigh (raise --max-file-size if it really is one document)", max>>20))
	}
	text, notes, p := decodeDocument(b, path, in.opt.Encoding)
	if p != nil {
		return nil, append(ps, p)
	}
	for _, n := range notes {
		ps = append(ps, &data.Problem{File: path, Code: data.CodeNote, Message: n, Severity: data.SeverityWarning})
	}
	if strings.TrimSpace(text) == "" {
		return fail(data.CodeEmptyFile, "holds no text (it is empty or only white space)")
	}
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".html" || ext == ".htm" {
		text = htmlText(text)
		if strings.TrimSpace(text) == "" {
			return fail(data.CodeEmptyFile, "holds no text outside its HTML markup")
		}
	}
	if len(text) > 1<<20 && strings.IndexByte(text[:1<<20], '\n') < 0 {
		ps = append(ps, &data.Problem{File: path, Code: data.CodeOneLine, Severity: data.SeverityWarning,
			Message: fmt.Sprintf("has no line break in its first MB (%d MB in all): read as one paragraph; sentences longer than the rules' max_sentence are cut", len(text)>>20)})
	}
	doc := &Document{Name: path, Ref: filepath.Base(path), Text: text, Actor: in.opt.Actor, Date: in.opt.Date, Clean: !in.opt.KeepBoilerplate}
	if r := in.row(path); r != nil {
		r.used = true
		if !r.date.IsZero() {
			doc.Date = r.date
		}
		if r.actor != "" {
			doc.Actor = r.actor
		}
		doc.Group = r.group
		doc.Event = r.event
		doc.URL = r.url
		switch {
		case r.pub != "" && r.source != "":
			doc.Source = r.pub + ", " + r.source
		default:
			doc.Source = r.pub + r.source
		}
	}
	if doc.Source == "" {
		doc.Source = filepath.Base(path)
	}
	if doc.Date.IsZero() {
		if d, ok := findDate(text); ok {
			doc.Date = d
			ps = append(ps, &data.Problem{File: path, Code: data.CodeDateFromText, Severity: data.SeverityWarning,
				Message: "dated " + d.String() + " from the text; give the date in a manifest or with --date if that is wrong"})
		} else {
			return nil, append(ps, &data.Problem{File: path, Code: data.CodeNoDate, Unusable: true,
				Message:  "has no date: the manifest gives none and none was found in the text",
				Expected: "a manifest row with a date, or --date YYYY-MM-DD"})
		}
	}
	return doc, ps
}
