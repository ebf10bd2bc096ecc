package extract

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/stancemap/stancemap/data"
	"golang.org/x/net/html"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
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
}

// manifestRow is what a manifest says about one file.
type manifestRow struct {
	row                                   int
	path                                  string
	date                                  data.Date
	source, actor, group, event, url, pub string
	used                                  bool
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
		rows, mps := readManifest(opt.Manifest, reg)
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
			ps = append(ps, &data.Problem{File: a, Code: "no-file", Message: "cannot read: " + data.FileErrorReason(err) + " (check the path and the current folder)", Unusable: true})
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
				ps = append(ps, &data.Problem{File: p, Code: "unreadable", Message: "cannot read: " + data.FileErrorReason(err), Unusable: true})
				return nil
			}
			if d.IsDir() && p != a && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if !d.IsDir() && isTextFile(p) {
				found = append(found, p)
			}
			return nil
		})
		sort.Strings(found)
		if len(found) == 0 {
			ps = append(ps, &data.Problem{File: a, Code: "no-documents", Message: "the folder holds no document to read",
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
			p := &data.Problem{File: opt.Manifest, Row: r.row, Column: "file", Code: "no-file",
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
		if len(args) == 0 {
			in.Files = append(in.Files, r.path)
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

// readManifest reads the manifest's rows. A row naming a file that does
// not exist is reported and kept out.
func readManifest(path string, reg *data.Registry) ([]*manifestRow, data.Problems) {
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
		return nil, data.Problems{{File: path, Code: "unreadable", Message: err.Error(), Unusable: true}}
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
		return nil, append(ps, &data.Problem{File: path, Row: t.HeaderRow, Column: "file", Code: "missing-column",
			Message: "the manifest has no file column", Found: strings.Join(t.Header, ","),
			Expected: "a header with file, and any of date, source, publisher, actor, group, event, url", Unusable: true})
	}
	dir := filepath.Dir(path)
	var rows []*manifestRow
	for _, rec := range t.Records {
		get := func(k string) string {
			i, ok := col[k]
			if !ok || i >= len(rec.Cells) {
				return ""
			}
			return rec.Cells[i]
		}
		bad := func(column, code, msg, found, expected string) {
			ps = append(ps, &data.Problem{File: path, Row: rec.Row, Column: column, Code: code, Message: msg, Found: found, Expected: expected})
		}
		r := &manifestRow{row: rec.Row, source: get("source"), pub: get("publisher"), event: get("event"), url: get("url")}
		f := get("file")
		if f == "" {
			bad("file", "empty-value", "the file is empty", "", "a document's path")
			continue
		}
		if !filepath.IsAbs(f) {
			f = filepath.Join(dir, f)
		}
		r.path = f
		ok := true
		if d := get("date"); d != "" {
			v, err := data.ParseDate(d)
			if err != nil {
				bad("date", "bad-date", "date is not an ISO date", d, "YYYY, YYYY-MM or YYYY-MM-DD")
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
				bad(k, "unknown-actor", "actor is not in the actor registry", v, "an id, name or alias from the registry")
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

// Load reads one document: its bytes, checked (not binary, not empty,
// valid text), HTML turned into text, and its metadata from the manifest
// or the defaults. A problem is returned when the document cannot be
// coded: it is unreadable, or nothing gives it a date.
func (in *Inputs) Load(path string) (*Document, data.Problems) {
	var ps data.Problems
	fail := func(code, msg string) (*Document, data.Problems) {
		return nil, append(ps, &data.Problem{File: path, Code: code, Message: msg, Unusable: true})
	}
	max := in.opt.MaxFileSize
	if max <= 0 {
		max = DefaultMaxFileSize
	}
	f, err := os.Open(path)
	if err != nil {
		return fail("unreadable", "cannot read: "+data.FileErrorReason(err))
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return fail("unreadable", "cannot read: "+data.FileErrorReason(err))
	}
	if int64(len(b)) > max {
		return fail("too-large", fmt.Sprintf("is larger than %d MB, the most one document may weigh (raise --max-file-size if it really is one document)", max>>20))
	}
	text, notes, p := decodeDocument(b, path, in.opt.Encoding)
	if p != nil {
		return nil, append(ps, p)
	}
	for _, n := range notes {
		ps = append(ps, &data.Problem{File: path, Code: "note", Message: n, Severity: data.SeverityWarning})
	}
	if strings.TrimSpace(text) == "" {
		return fail("empty-file", "holds no text (it is empty or only white space)")
	}
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".html" || ext == ".htm" {
		text = htmlText(text)
		if strings.TrimSpace(text) == "" {
			return fail("empty-file", "holds no text outside its HTML markup")
		}
	}
	if len(text) > 1<<20 && strings.IndexByte(text[:1<<20], '\n') < 0 {
		ps = append(ps, &data.Problem{File: path, Code: "one-line", Severity: data.SeverityWarning,
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
			ps = append(ps, &data.Problem{File: path, Code: "date-from-text", Severity: data.SeverityWarning,
				Message: "dated " + d.String() + " from the text; give the date in a manifest or with --date if that is wrong"})
		} else {
			return nil, append(ps, &data.Problem{File: path, Code: "no-date", Unusable: true,
				Message:  "has no date: the manifest gives none and none was found in the text",
				Expected: "a manifest row with a date, or --date YYYY-MM-DD"})
		}
	}
	return doc, ps
}

func (in *Inputs) row(path string) *manifestRow {
	if r, ok := in.manifest[filepath.Clean(path)]; ok {
		return r
	}
	return in.manifest[filepath.Base(path)]
}

var (
	magicPDF = []byte("%PDF-")
	magicZip = []byte("PK\x03\x04")
	magicOLE = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	magicPNG = []byte("\x89PNG")
	magicJPG = []byte{0xFF, 0xD8, 0xFF}
	magicGIF = []byte("GIF8")
	magicGz  = []byte{0x1f, 0x8b}
)

// decodeDocument turns a file's bytes into text, or says why it is no
// text: a known binary kind, NUL bytes, or bytes that are not UTF-8.
func decodeDocument(b []byte, path, encoding string) (string, []string, *data.Problem) {
	bad := func(code, msg, expected string) (string, []string, *data.Problem) {
		return "", nil, &data.Problem{File: path, Code: code, Message: msg, Expected: expected, Unusable: true}
	}
	switch {
	case len(b) == 0:
		return bad("empty-file", "is empty (0 bytes)", "")
	case bytes.HasPrefix(b, magicPDF):
		return bad("binary", "is a PDF document, not text", "its text saved as .txt (pdftotext report.pdf)")
	case bytes.HasPrefix(b, magicZip):
		return bad("binary", "is a zip archive (a Word or Excel file?), not text", "the document saved as .txt, .md or .html")
	case bytes.HasPrefix(b, magicOLE):
		return bad("binary", "is an old Word or Excel file, not text", "the document saved as .txt, .md or .html")
	case bytes.HasPrefix(b, magicPNG), bytes.HasPrefix(b, magicJPG), bytes.HasPrefix(b, magicGIF):
		return bad("binary", "is an image, not text", "")
	case bytes.HasPrefix(b, magicGz):
		return bad("binary", "is gzip-compressed: documents are read uncompressed (tabular corpora may be .csv.gz)", "")
	}
	var notes []string
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		d, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(b)
		if err != nil {
			return bad("bad-encoding", "is not valid UTF-16 text", "")
		}
		b = d
		notes = append(notes, "read as UTF-16")
	}
	head := b[:min(len(b), 8192)]
	if bytes.IndexByte(head, 0) >= 0 {
		return bad("binary", "is a binary file, not text (it holds NUL bytes)", "a .txt, .md or .html document")
	}
	switch strings.ToLower(strings.ReplaceAll(encoding, "_", "-")) {
	case "", "utf-8", "utf8":
		if !utf8.Valid(b) {
			line, col, v := firstInvalid(b)
			return "", nil, &data.Problem{File: path, Row: line, Code: "bad-encoding", Unusable: true,
				Message:  fmt.Sprintf("is not UTF-8 text: byte 0x%02X at line %d, column %d is not UTF-8", v, line, col),
				Expected: "the file saved as UTF-8, or --encoding windows-1252 if it was written on Windows"}
		}
	case "windows-1252", "cp1252", "latin-1", "latin1", "iso-8859-1":
		if !utf8.Valid(b) {
			d, err := charmap.Windows1252.NewDecoder().Bytes(b)
			if err != nil {
				return bad("bad-encoding", "cannot be read as Windows-1252", "")
			}
			b = d
			notes = append(notes, "read as Windows-1252")
		}
	default:
		return bad("bad-encoding", "unknown --encoding "+encoding, "utf-8, windows-1252 or latin-1")
	}
	// Control characters other than white space mark a binary file that
	// happens to be valid UTF-8.
	ctrl := 0
	for _, c := range head {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctrl++
		}
	}
	if ctrl > len(head)/20+1 {
		return bad("binary", "is a binary file, not text (it holds control characters)", "a .txt, .md or .html document")
	}
	s := string(b)
	if strings.Contains(s, "\r") {
		// Offsets count characters of the text as read: a CR stays a character.
		notes = append(notes, "has Windows line ends (CR LF): offsets count the CR characters")
	}
	return s, notes, nil
}

// firstInvalid finds the first byte that is not UTF-8: its line, column
// (in characters) and value.
func firstInvalid(b []byte) (line, col int, v byte) {
	line, col = 1, 1
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return line, col, b[i]
		}
		if r == '\n' {
			line++
			col = 1
		} else {
			col++
		}
		i += n
	}
	return line, col, 0
}

// htmlText turns an HTML page into text: the text of its elements,
// without scripts, styles, navigation, headers, footers, forms and
// asides; block elements and <br> end lines, so paragraphs stay apart.
// Offsets of statements from an HTML document count characters of this
// text, not of the markup.
func htmlText(src string) string {
	z := html.NewTokenizer(strings.NewReader(src))
	var b strings.Builder
	skip := 0
	skipped := map[string]bool{"script": true, "style": true, "nav": true, "header": true, "footer": true,
		"aside": true, "form": true, "noscript": true, "iframe": true, "svg": true, "button": true, "select": true, "template": true}
	block := map[string]bool{"p": true, "div": true, "br": true, "li": true, "ul": true, "ol": true, "h1": true, "h2": true,
		"h3": true, "h4": true, "h5": true, "h6": true, "tr": true, "table": true, "section": true, "article": true,
		"blockquote": true, "title": true, "main": true, "figcaption": true, "dd": true, "dt": true, "pre": true, "hr": true}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if skipped[tag] && tt == html.StartTagToken {
				skip++
			}
			if block[tag] {
				b.WriteString("\n\n")
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if skipped[tag] && skip > 0 {
				skip--
			}
			if block[tag] {
				b.WriteString("\n\n")
			}
		case html.TextToken:
			if skip == 0 {
				t := string(z.Text())
				b.WriteString(strings.Join(strings.FieldsFunc(t, func(r rune) bool { return r == '\n' || r == '\r' || r == '\t' }), " "))
			}
		}
	}
}

var (
	isoDate   = regexp.MustCompile(`\b((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b`)
	monthDate = regexp.MustCompile(`(?i)\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(\d{1,2}),\s*((?:19|20)\d\d)\b`)
	dayMonth  = regexp.MustCompile(`(?i)\b(\d{1,2})\s+(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?\s+((?:19|20)\d\d)\b`)
)

var months = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

// findDate looks for the first full date in a document's first 2,000
// bytes (where reports and news pages print theirs): ISO, "November 6,
// 2013" or "6 November 2013". A year alone is not taken: too many other
// years are mentioned.
func findDate(text string) (data.Date, bool) {
	head := text[:min(len(text), 2000)]
	type cand struct {
		at int
		s  string
	}
	var cs []cand
	if m := isoDate.FindStringSubmatchIndex(head); m != nil {
		cs = append(cs, cand{m[0], head[m[0]:m[1]]})
	}
	if m := monthDate.FindStringSubmatchIndex(head); m != nil {
		mo := months[strings.ToLower(head[m[2]:m[2]+3])]
		cs = append(cs, cand{m[0], fmt.Sprintf("%s-%02d-%s", head[m[6]:m[7]], mo, pad2(head[m[4]:m[5]]))})
	}
	if m := dayMonth.FindStringSubmatchIndex(head); m != nil {
		mo := months[strings.ToLower(head[m[4]:m[4]+3])]
		cs = append(cs, cand{m[0], fmt.Sprintf("%s-%02d-%s", head[m[6]:m[7]], mo, pad2(head[m[2]:m[3]]))})
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].at < cs[j].at })
	for _, c := range cs {
		if d, err := data.ParseDate(c.s); err == nil {
			return d, true
		}
	}
	return data.Date{}, false
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
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
