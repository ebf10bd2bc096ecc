package extract

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/stancemap/stancemap/data"
	"golang.org/x/net/html"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

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
	bad := func(code data.ProblemCode, msg, expected string) (string, []string, *data.Problem) {
		return "", nil, &data.Problem{File: path, Code: code, Message: msg, Expected: expected, Unusable: true}
	}
	switch {
	case len(b) == 0:
		return bad(data.CodeEmptyFile, "is empty (0 bytes)", "")
	case bytes.HasPrefix(b, magicPDF):
		return bad(data.CodeBinary, "is a PDF document, not text", "its text saved as .txt (pdftotext report.pdf)")
	case bytes.HasPrefix(b, magicZip):
		return bad(data.CodeBinary, "is a zip archive (a Word or Excel file?), not text", "the document saved as .txt, .md or .html")
	case bytes.HasPrefix(b, magicOLE):
		return bad(data.CodeBinary, "is an old Word or Excel file, not text", "the document saved as .txt, .md or .html")
	case bytes.HasPrefix(b, magicPNG), bytes.HasPrefix(b, magicJPG), bytes.HasPrefix(b, magicGIF):
		return bad(data.CodeBinary, "is an image, not text", "")
	case bytes.HasPrefix(b, magicGz):
		return bad(data.CodeBinary, "is gzip-compressed: documents are read uncompressed (tabular corpora may be .csv.gz)", "")
	}
	var notes []string
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		d, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(b)
		if err != nil {
			return bad(data.CodeBadEncoding, "is not valid UTF-16 text", "")
		}
		b = d
		notes = append(notes, "read as UTF-16")
	}
	head := b[:min(len(b), 8192)]
	if bytes.IndexByte(head, 0) >= 0 {
		return bad(data.CodeBinary, "is a binary file, not text (it holds NUL bytes)", "a .txt, .md or .html document")
	}
	switch strings.ToLower(strings.ReplaceAll(encoding, "_", "-")) {
	case "", "utf-8", "utf8":
		if !utf8.Valid(b) {
			line, col, v := firstInvalid(b)
			return "", nil, &data.Problem{File: path, Row: line, Code: data.CodeBadEncoding, Unusable: true,
				Message:  fmt.Sprintf("is not UTF-8 text: byte 0x%02X at line %d, column %d is not UTF-8", v, line, col),
				Expected: "the file saved as UTF-8, or --encoding windows-1252 if it was written on Windows"}
		}
	case "windows-1252", "cp1252", "latin-1", "latin1", "iso-8859-1":
		if !utf8.Valid(b) {
			d, err := charmap.Windows1252.NewDecoder().Bytes(b)
			if err != nil {
				return bad(data.CodeBadEncoding, "cannot be read as Windows-1252", "")
			}
			b = d
			notes = append(notes, "read as Windows-1252")
		}
	default:
		return bad(data.CodeBadEncoding, "unknown --encoding "+encoding, "utf-8, windows-1252 or latin-1")
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
		return bad(data.CodeBinary, "is a binary file, not text (it holds control characters)", "a .txt, .md or .html document")
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
