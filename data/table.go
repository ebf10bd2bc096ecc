package data

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Table is what any supported input file reads into, before its rows mean
// anything: a header and records of trimmed text cells, each record
// carrying the row or line a user would look for it at.
//
// Reading never drops anything silently: blank rows, rows above the
// header, a guessed delimiter or encoding are listed in Notes; records
// that could not be read, or were read with a guess, are listed in
// Problems. A Problem of error severity means a record was lost or
// damaged (its Row then names the line or the damaged record); a warning
// means the record was kept as read.
type Table struct {
	Name      string   // display name used in messages: the path as given; for XLSX "path[SheetName]"
	Format    string   // "csv", "xlsx", "json", "jsonl"
	Encoding  string   // "utf-8", "utf-8 (BOM)", "utf-16le", "utf-16be", "windows-1252"; "" for xlsx
	Delimiter rune     // csv only: ',', ';', '\t' or '|'
	Header    []string // header cells, trimmed, as written (case kept)
	HeaderRow int      // 1-based row/line of the header (0 for JSON)
	Records   []Record
	// Problems are record-level problems found while reading (a broken
	// JSON line, a CSV quote error); the table is still usable.
	Problems []*Problem
	// Notes say, in plain words, what was detected or skipped
	// ("delimiter ';' detected", "2 blank rows ignored (rows 7, 9)").
	Notes []string

	// Sheet is the worksheet read (XLSX only) and Sheets all worksheets
	// of the workbook, in workbook order.
	Sheet  string
	Sheets []string
	// Compressed is true when the input was gzip-compressed.
	Compressed bool
}

// Record is one non-blank row of a table.
//
// Row is the 1-based line where a CSV record starts (a quoted cell may
// span lines), the line of a JSON Lines record, the line where a JSON
// object starts, or the sheet row number in XLSX: always where the user
// finds it in the file. Cells are trimmed of surrounding spaces. CSV
// records keep as many cells as the line has, more or fewer than the
// header (the caller reports ragged rows); XLSX records have at least as
// many cells as the header, since a spreadsheet row has every column;
// JSON records have exactly one cell per header column.
type Record struct {
	Row   int
	Cells []string
}

// TableOptions say how to read a table. The zero value reads the first
// (or "Statements") sheet and takes the first non-blank row as header.
type TableOptions struct {
	// Sheet is the XLSX sheet to read, matched exactly or else ignoring
	// case; a missing sheet makes the input unusable. Default: a sheet
	// named "Statements" (any case) if present, else the first visible
	// sheet. Other formats ignore it.
	Sheet string
	// PreferSheet replaces "Statements" as the sheet read when Sheet is
	// empty, e.g. "Actors" for an actor registry kept in a workbook.
	PreferSheet string
	// IsHeader decides which of the first 20 non-blank rows is the header,
	// so that a title row above it is skipped (with a Note). When it is
	// nil or matches none of them, the first non-blank row is the header.
	// JSON ignores it: its header is the keys of its objects.
	IsHeader func(cells []string) bool

	// HeaderOnly reads no more of a large file than finding its header
	// needs (its first megabyte of text, or first rows of a large
	// worksheet): enough to tell what the file is from Header, with
	// Records incomplete. Problems found past the header may be missed.
	HeaderOnly bool

	// ReadFile, when set, is offered the file first: it returns the
	// file's text with ok set, or ok false to have the file read as
	// usual. The stancemap command gives internal/mapped's, which maps
	// large files instead of copying them into memory.
	ReadFile func(path string) (text string, ok bool)
}

// headerSearchRows is how many non-blank rows IsHeader is offered.
const headerSearchRows = 20

// SupportedExtensions lists the file name endings ReadTable accepts; each
// may also carry a further ".gz".
var SupportedExtensions = []string{".csv", ".tsv", ".txt", ".xlsx", ".json", ".jsonl", ".ndjson"}

func supportedList() string {
	return strings.Join(SupportedExtensions, " ") + ", each optionally with .gz"
}

// unusable builds the error returned for an input that cannot be read as
// a table at all.
func unusable(name string, code ProblemCode, msg string) *Problem {
	return &Problem{File: name, Code: code, Message: msg, Unusable: true}
}

// ReadTable reads a CSV, TSV, XLSX, JSON or JSON Lines file, optionally
// gzip-compressed, into a Table. The format follows the file name's
// extension. The error, when not nil, is a *Problem with Unusable set:
// the file is missing, a directory, empty, of an unknown kind or no
// table at all.
func ReadTable(path string, opt TableOptions) (*Table, error) {
	t, _, err := readTable(path, opt, false)
	return t, err
}

// readTable is ReadTable that, when quick is set, may leave the records
// of a plain CSV unread, for a quickCSV to give the statement reader.
// The rowSource gives the table's records in either case.
func readTable(path string, opt TableOptions, quick bool) (*Table, rowSource, error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, nil, unusable(path, CodeNoFile, "cannot read the file: no such file (check the path and the current folder)")
	case errors.Is(err, os.ErrPermission):
		return nil, nil, unusable(path, CodeUnreadable, "cannot read the file: permission denied")
	case err != nil:
		return nil, nil, unusable(path, CodeUnreadable, "cannot read the file: "+FileErrorReason(err))
	case fi.IsDir():
		p := unusable(path, CodeIsDirectory, "is a folder, not a file")
		p.Expected = "a file ending in " + supportedList()
		return nil, nil, p
	case !fi.Mode().IsRegular():
		return nil, nil, unusable(path, CodeUnreadable, "is not a regular file (a named pipe or a device): refused, since reading it might never end")
	}
	if _, perr := tableFormat(path); perr != nil {
		return nil, nil, perr
	}
	s, ok := "", false
	if opt.ReadFile != nil {
		s, ok = opt.ReadFile(path)
	}
	if !ok {
		s, err = readFileText(path)
	}
	if err != nil {
		if errors.Is(err, os.ErrPermission) {
			return nil, nil, unusable(path, CodeUnreadable, "cannot read the file: permission denied")
		}
		return nil, nil, unusable(path, CodeUnreadable, "cannot read the file: "+FileErrorReason(err))
	}
	return parseTableText(s, path, opt, quick)
}

// readFileText reads a whole file as a string. The string is the
// reader's own, sized from the file: records and statements keep views
// of it (cells are substrings), so the text is neither copied again nor
// grown a dozen times as io.ReadAll would for a large corpus.
func readFileText(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var sb strings.Builder
	if fi, err := f.Stat(); err == nil && fi.Size() > 0 && int64(int(fi.Size())) == fi.Size() {
		sb.Grow(int(fi.Size()) + 1)
	}
	if _, err := io.Copy(&sb, f); err != nil {
		return "", err
	}
	return sb.String(), nil
}

// tableFormat maps a file name to its format from its extension(s),
// looking through a final ".gz". A display name in parentheses, such as
// "(built-in actors.csv)", is understood too.
func tableFormat(name string) (format string, p *Problem) {
	base := strings.ToLower(filepath.Base(strings.TrimRight(name, ") ")))
	base = strings.TrimSuffix(base, ".gz")
	ext := filepath.Ext(base)
	switch ext {
	case ".csv", ".tsv", ".txt":
		return "csv", nil
	case ".xlsx":
		return "xlsx", nil
	case ".json":
		return "json", nil
	case ".jsonl", ".ndjson":
		return "jsonl", nil
	}
	msg := "is of a kind stancemap does not read"
	switch ext {
	case "":
		msg = "has no extension, so its format is unknown"
	case ".xls", ".xlsm", ".xlsb", ".ods", ".numbers":
		msg = fmt.Sprintf("is a %s spreadsheet, which stancemap does not read: save it as .xlsx or .csv", ext)
	}
	return "", &Problem{File: name, Code: CodeUnknownFormat, Message: msg, Found: ext,
		Expected: supportedList(), Unusable: true}
}

// ParseTable reads a table from r. The format comes from name's
// extension(s), as in ReadTable, and name is used in every message.
// Gzip-compressed input is recognised by a ".gz" suffix or by its magic
// bytes.
func ParseTable(r io.Reader, name string, opt TableOptions) (*Table, error) {
	if _, perr := tableFormat(name); perr != nil {
		return nil, perr
	}
	var sb strings.Builder
	if _, err := io.Copy(&sb, r); err != nil {
		return nil, unusable(name, CodeUnreadable, "cannot read the file: "+FileErrorReason(err))
	}
	t, _, err := parseTableText(sb.String(), name, opt, false)
	return t, err
}

// parseTableText reads a table from the whole content of a file (see
// readTable for quick). A panic in a reader (or a library it calls) is
// recovered as an unusable-file problem naming the file: input, however
// crafted, never ends a run with a stack trace.
func parseTableText(b string, name string, opt TableOptions, quick bool) (t *Table, src rowSource, err error) {
	defer func() {
		if r := recover(); r != nil {
			t, src = nil, nil
			err = unusable(name, CodeNotATable, fmt.Sprintf("is an unusable file: reading it failed (%s); it is damaged or crafted", clip(fmt.Sprint(r), 120)))
		}
	}()
	return parseTableTextUnguarded(b, name, opt, quick)
}

func parseTableTextUnguarded(b string, name string, opt TableOptions, quick bool) (*Table, rowSource, error) {
	format, perr := tableFormat(name)
	if perr != nil {
		return nil, nil, perr
	}
	var err error
	t := &Table{Name: name, Format: format}
	named := strings.HasSuffix(strings.ToLower(strings.TrimRight(name, ") ")), ".gz")
	if isGzip(b) {
		t.Compressed = true
		if b, err = gunzip(b); err != nil {
			var big *inflateError
			if errors.As(err, &big) {
				return nil, nil, unusable(name, CodeTooLarge, big.Error())
			}
			return nil, nil, unusable(name, CodeBadGzip, "is not a readable gzip file: the compressed data is damaged or cut short")
		}
		if !named {
			t.Notes = append(t.Notes, "gzip-compressed content detected and decompressed")
		}
	} else if named && len(b) > 0 {
		t.Notes = append(t.Notes, "named .gz but not compressed: read as it is")
	}
	if len(b) == 0 {
		msg := "is empty (0 bytes): there is no table to read"
		if t.Compressed {
			msg = "is empty: the gzip file holds 0 bytes"
		}
		return nil, nil, unusable(name, CodeEmptyFile, msg)
	}
	if p := sniffForeign(name, format, b); p != nil {
		return nil, nil, p
	}
	var src rowSource
	switch format {
	case "xlsx":
		err = parseXLSXTable(t, b, opt)
	case "json", "jsonl":
		err = parseJSONTable(t, b)
	default:
		src, err = parseCSVTable(t, b, opt, quick)
	}
	if err != nil {
		return nil, nil, err
	}
	if src == nil {
		src = &recordRows{t: t}
	}
	return t, src, nil
}

func isGzip(b string) bool { return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b }

// gunzip inflates a whole gzip file, within inflateLimit.
func gunzip(b string) (string, error) {
	zr, err := gzip.NewReader(strings.NewReader(b))
	if err != nil {
		return "", err
	}
	defer zr.Close()
	// Chunks, joined once at the end: a builder grown by doubling would
	// hold up to three times the text while it grows.
	lr := &limitedInflate{r: zr, limit: inflateLimit(int64(len(b)), true), size: int64(len(b))}
	var chunks [][]byte
	total := 0
	for done := false; !done; {
		c := make([]byte, 1<<20)
		n := 0
		for n < len(c) {
			k, err := lr.Read(c[n:])
			n += k
			if err == io.EOF {
				done = true
				break
			}
			if err != nil {
				return "", err
			}
		}
		chunks = append(chunks, c[:n])
		total += n
	}
	var sb strings.Builder
	sb.Grow(total)
	for _, c := range chunks {
		sb.Write(c)
	}
	return sb.String(), nil
}

// inflateLimit is how far compressed data of size bytes may inflate:
// inflateFloor, or maxInflateRatio times its size when that is more; a
// file read whole (held in memory) never past maxUnzipped.
func inflateLimit(size int64, whole bool) int64 {
	limit := max(inflateFloor, maxInflateRatio*size)
	if whole {
		limit = min(limit, maxUnzipped)
	}
	return limit
}

// limitedInflate reads inflated data, failing with an *inflateError
// past limit.
type limitedInflate struct {
	r        io.Reader
	limit, n int64
	size     int64 // compressed, for the message
}

func (l *limitedInflate) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	l.n += int64(n)
	if l.n > l.limit {
		return n, &inflateError{size: l.size, limit: l.limit}
	}
	return n, err
}

// inflateError says compressed input inflates past its limit.
type inflateError struct{ size, limit int64 }

func (e *inflateError) Error() string {
	return fmt.Sprintf("inflates past %d MB, more than %d times its %d bytes (text shrinks 3 to 20 times): refused (it may be a zip bomb); decompress it yourself if it is genuine",
		e.limit>>20, e.limit/max(e.size, 1), e.size)
}

const (
	magicZip = "PK\x03\x04"
	magicOLE = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"
	magicPDF = "%PDF-"
)

// sniffForeign recognises well-known binary files given a table's name,
// so that the user learns what the file is rather than that its bytes
// are strange.
func sniffForeign(name, format string, b string) *Problem {
	notTable := func(msg string) *Problem { return unusable(name, CodeNotATable, msg) }
	switch {
	case strings.HasPrefix(b, magicOLE):
		return notTable("is an old-style (.xls) or password-protected Excel workbook: save it as .xlsx without a password, or as .csv")
	case strings.HasPrefix(b, magicPDF):
		return notTable("is a PDF document, not a table")
	case strings.HasPrefix(b, magicZip) && format != "xlsx":
		return notTable("is a zip archive (an Excel workbook?), not " + strings.ToUpper(format) + " text: if it is a workbook, rename it to .xlsx")
	case !strings.HasPrefix(b, magicZip) && format == "xlsx":
		if looksLikeText(b) {
			return notTable("is not an Excel workbook: it holds plain text; if it is CSV, rename it to .csv")
		}
		return notTable("is not an Excel workbook (.xlsx files are zip archives)")
	}
	return nil
}

// looksLikeText says whether the start of b is text in one of the
// encodings parseCSVTable accepts.
func looksLikeText(b string) bool {
	_, _, err := decodeText(b)
	return err == nil
}

// cleanCell trims surrounding white space and any leading byte order
// mark, which survives in files concatenated or re-saved by other tools.
func cleanCell(s string) string {
	if s == "" || (s[0] > ' ' && s[0] < utf8.RuneSelf && s[len(s)-1] > ' ' && s[len(s)-1] < utf8.RuneSelf) {
		return s // nothing to trim: the common case, without TrimSpace's work
	}
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "\uFEFF") {
		s = strings.TrimSpace(strings.TrimLeft(s, "\uFEFF"))
	}
	return s
}

func cleanCells(cells []string) []string {
	for i, c := range cells {
		cells[i] = cleanCell(c)
	}
	return cells
}

func isBlankRow(cells []string) bool {
	for _, c := range cells {
		if c != "" {
			return false
		}
	}
	return true
}

// rowTable collects the rows of a CSV or XLSX table and then chooses the
// header among them.
type rowTable struct {
	rows   []Record // every non-blank row, the header among them, cells cleaned
	blanks []int    // rows that are wholly blank, in any order
}

func (rt *rowTable) add(row int, cells []string) {
	cells = cleanCells(cells)
	if isBlankRow(cells) {
		rt.blanks = append(rt.blanks, row)
		return
	}
	rt.rows = append(rt.rows, Record{row, cells})
}

// finish fills t's header and records. It fails when there is no
// non-blank row at all.
func (rt *rowTable) finish(t *Table, opt TableOptions, emptyCode ProblemCode, emptyMsg string) error {
	if n := len(rt.blanks); n > 0 {
		t.Notes = append(t.Notes, blankNote(rt.blanks, t.Format == "xlsx"))
	}
	if len(rt.rows) == 0 {
		return unusable(t.Name, emptyCode, emptyMsg)
	}
	h := 0
	if opt.IsHeader != nil {
		h = -1
		for i := 0; i < len(rt.rows) && i < headerSearchRows; i++ {
			if opt.IsHeader(rt.rows[i].Cells) {
				h = i
				break
			}
		}
		if h < 0 {
			h = 0
			t.Notes = append(t.Notes, fmt.Sprintf("no row among the first %d looks like a header: %s %d used as the header",
				headerSearchRows, rowWord(t.Format == "xlsx"), rt.rows[0].Row))
		}
	}
	if h > 0 {
		t.Notes = append(t.Notes, skippedNote(rt.rows[:h], t.Format == "xlsx"))
	}
	t.Header = rt.rows[h].Cells
	t.HeaderRow = rt.rows[h].Row
	t.Records = rt.rows[h+1:]
	return nil
}

func rowWord(sheet bool) string {
	if sheet {
		return "row"
	}
	return "line"
}

// listRows writes row numbers as "7, 9, 12", eliding after ten.
func listRows(rows []int) string {
	const max = 10
	var b strings.Builder
	for i, r := range rows {
		if i == max {
			fmt.Fprintf(&b, " and %d more", len(rows)-max)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(r))
	}
	return b.String()
}

func blankNote(rows []int, sheet bool) string {
	slices.Sort(rows)
	n := len(rows)
	w := rowWord(sheet)
	return fmt.Sprintf("%d blank %s ignored (%s %s)", n, Plural(n, "row", "rows"), Plural(n, w, w+"s"), listRows(rows))
}

func skippedNote(rows []Record, sheet bool) string {
	n := len(rows)
	w := rowWord(sheet)
	var parts []string
	for i, r := range rows {
		if i == 3 {
			parts = append(parts, "…")
			break
		}
		var cells []string
		for _, c := range r.Cells {
			if c != "" {
				cells = append(cells, c)
			}
		}
		parts = append(parts, fmt.Sprintf("%s %d: %q", w, r.Row, clip(strings.Join(cells, " | "), 60)))
	}
	return fmt.Sprintf("%d %s above the header skipped (%s)", n, Plural(n, w, w+"s"), strings.Join(parts, "; "))
}
