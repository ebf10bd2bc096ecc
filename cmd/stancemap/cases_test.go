package main

// Command cases, in the style of Miller's regression cases: each folder
// testdata/cases/<command>/<case>/ holds
//
//	cmd       the command line after "stancemap" (words split as a shell
//	          would: single and double quotes, backslash escapes)
//	stdin     optional: what the command reads on standard input
//	(inputs)  any other file or folder: copied into a fresh working folder
//	          where the command runs
//	expout    expected standard output
//	experr    expected standard error
//	expcode   expected exit code
//	expfiles/ every file the command wrote or changed in its working
//	          folder; a workbook (.xlsx) is kept as a dump of its sheets,
//	          cells, formulas and drop-downs (name.xlsx.txt), an HTML file
//	          as its text content (name.html.txt), never as zip or script
//	          bytes
//
// The working folder's path is written $WORK in the expectations, and an
// elapsed time "in 0.3 s" as "in $SECONDS s".
//
//	go test ./... -run Cases -update
//
// rewrites every expectation from what the commands do now; review the diff
// before committing it, and name any change in the commit message.

import (
	"bytes"
	"fmt"
	"github.com/stancemap/stancemap/internal/testutil"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"
	"image/png"
)

var update = testutil.Update

const casesDir = "../../testdata/cases"

func TestCases(t *testing.T) {
	root, err := filepath.Abs(casesDir)
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && d.Name() == "cmd" {
			dirs = append(dirs, filepath.Dir(p))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) == 0 {
		t.Fatalf("no command cases under %s", casesDir)
	}
	sort.Strings(dirs)
	for _, dir := range dirs {
		name, _ := filepath.Rel(root, dir)
		t.Run(filepath.ToSlash(name), func(t *testing.T) { runCase(t, dir) })
	}
}

func runCase(t *testing.T, dir string) {
	line, err := os.ReadFile(filepath.Join(dir, "cmd"))
	if err != nil {
		t.Fatal(err)
	}
	args, err := splitWords(strings.TrimSpace(string(line)))
	if err != nil {
		t.Fatalf("cmd: %v", err)
	}
	work := t.TempDir()
	inputs, err := copyInputs(dir, work)
	if err != nil {
		t.Fatal(err)
	}
	var stdin io.Reader = strings.NewReader("")
	if b, err := os.ReadFile(filepath.Join(dir, "stdin")); err == nil {
		stdin = bytes.NewReader(b)
	}
	t.Chdir(work)
	var out, errb bytes.Buffer
	code := runWithStdin(args, stdin, &out, &errb)

	got := map[string][]byte{
		"expout":  normalise(out.Bytes(), work),
		"experr":  normalise(errb.Bytes(), work),
		"expcode": []byte(strconv.Itoa(code) + "\n"),
	}
	files, err := writtenFiles(work, inputs)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range files {
		got[filepath.Join("expfiles", name)] = normalise(b, work)
	}
	if *update {
		os.RemoveAll(filepath.Join(dir, "expfiles"))
		for name, b := range got {
			p := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	for name, b := range got {
		want, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s: the command wrote it, the case does not expect it (run with -update and review)", name)
			continue
		}
		if !bytes.Equal(want, b) {
			t.Errorf("%s differs from the expectation (exit %d):\n%s", name, code, firstDifference(want, b))
		}
	}
	_ = filepath.WalkDir(filepath.Join(dir, "expfiles"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		if _, ok := got[rel]; !ok {
			t.Errorf("%s: expected, but the command did not write it", rel)
		}
		return nil
	})
}

// runWithStdin runs one command line with the given standard input.
func runWithStdin(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRoot()
	root.SetIn(stdin)
	return execute(root, args, stdout, stderr)
}

func isExpectation(name string) bool {
	return name == "cmd" || name == "stdin" || name == "expout" || name == "experr" || name == "expcode" || name == "expfiles"
}

// copyInputs copies every input of a case into work and returns the
// contents it copied, by path relative to work.
func copyInputs(dir, work string) (map[string][]byte, error) {
	inputs := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == "." {
			return nil
		}
		if isExpectation(strings.Split(filepath.ToSlash(rel), "/")[0]) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		dst := filepath.Join(work, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		inputs[rel] = b
		return os.WriteFile(dst, b, 0o644)
	})
	return inputs, err
}

// writtenFiles returns the files in work that are new or differ from the
// inputs, workbooks and HTML turned into text.
func writtenFiles(work string, inputs map[string][]byte) (map[string][]byte, error) {
	out := map[string][]byte{}
	err := filepath.WalkDir(work, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(work, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if in, ok := inputs[rel]; ok && bytes.Equal(in, b) {
			return nil
		}
		switch strings.ToLower(filepath.Ext(rel)) {
		case ".xlsx":
			text, err := workbookText(p)
			if err != nil {
				text = []byte("unreadable workbook: " + err.Error() + "\n")
			}
			out[rel+".txt"] = text
		case ".html":
			out[rel+".txt"] = htmlText(b)
		case ".svg", ".png", ".pdf":
			out[rel+".txt"] = figureText(rel, b)
		default:
			out[rel] = b
		}
		return nil
	})
	return out, err
}

// workbookText dumps a workbook as text: per sheet, its print setup, its
// non-empty cells (value, and formula where there is one), merged ranges
// and data validations.
func workbookText(path string) ([]byte, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		fmt.Fprintf(&b, "== sheet %q\n", sheet)
		if vis, err := f.GetSheetVisible(sheet); err == nil && !vis {
			b.WriteString("hidden\n")
		}
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		for r, row := range rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				formula, _ := f.GetCellFormula(sheet, cell)
				if v == "" && formula == "" {
					continue
				}
				if formula != "" {
					fmt.Fprintf(&b, "%s\t=%s\t%q\n", cell, formula, v)
				} else {
					fmt.Fprintf(&b, "%s\t%q\n", cell, v)
				}
			}
		}
		if merged, err := f.GetMergeCells(sheet); err == nil {
			for _, m := range merged {
				fmt.Fprintf(&b, "merged %s:%s\n", m.GetStartAxis(), m.GetEndAxis())
			}
		}
		if dvs, err := f.GetDataValidations(sheet); err == nil {
			for _, dv := range dvs {
				fmt.Fprintf(&b, "validation %s %s %q %q\n", dv.Sqref, dv.Type, dv.Formula1, dv.Formula2)
			}
		}
	}
	for _, dn := range f.GetDefinedName() {
		fmt.Fprintf(&b, "name %q %q %q\n", dn.Name, dn.Scope, dn.RefersTo)
	}
	return []byte(b.String()), nil
}

// htmlText returns the text a reader of an HTML page sees, one block per
// line, without scripts and styles.
func htmlText(page []byte) []byte {
	z := html.NewTokenizer(bytes.NewReader(page))
	var b strings.Builder
	skip := 0
	line := ""
	flush := func() {
		if s := strings.Join(strings.Fields(line), " "); s != "" {
			b.WriteString(s)
			b.WriteByte('\n')
		}
		line = ""
	}
	blocks := map[string]bool{"p": true, "div": true, "li": true, "tr": true, "h1": true, "h2": true, "h3": true,
		"h4": true, "section": true, "table": true, "br": true, "td": false, "title": true, "caption": true,
		"figcaption": true, "details": true, "summary": true, "dt": true, "dd": true, "footer": true, "header": true}
	for {
		switch z.Next() {
		case html.ErrorToken:
			flush()
			return []byte(b.String())
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			tt := z.Token().Type
			if tag == "script" || tag == "style" {
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
				continue
			}
			if blocks[tag] {
				flush()
			} else if tag == "td" || tag == "th" {
				line += " | "
			}
		case html.TextToken:
			if skip == 0 {
				line += " " + string(z.Text())
			}
		}
	}
}

// elapsed matches the wall time a summary line reports ("in 0.4 s").
var elapsed = regexp.MustCompile(`\bin [0-9]+(\.[0-9]+)? s\b`)

// normalise replaces what changes from run to run: the working folder's
// path and elapsed times.
func normalise(b []byte, work string) []byte {
	b = elapsed.ReplaceAll(b, []byte("in $$SECONDS s"))
	b = bytes.ReplaceAll(b, []byte(work), []byte("$WORK"))
	if real, err := filepath.EvalSymlinks(work); err == nil && real != work {
		b = bytes.ReplaceAll(b, []byte(real), []byte("$WORK"))
	}
	return b
}

// firstDifference shows the first line where two texts differ.
func firstDifference(want, got []byte) string {
	wl := strings.Split(string(want), "\n")
	gl := strings.Split(string(got), "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d\n  want: %q\n  got:  %q", i+1, w, g)
		}
	}
	return "(same lines, different bytes)"
}

// splitWords splits a command line as a POSIX shell would split words:
// blanks separate them, single quotes keep everything, double quotes keep
// everything but a backslash before " or \, and a backslash outside quotes
// keeps the next character.
func splitWords(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	in := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			if in {
				words = append(words, cur.String())
				cur.Reset()
				in = false
			}
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("unterminated single quote")
			}
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
			in = true
		case c == '"':
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\') {
					i++
				}
				cur.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, fmt.Errorf("unterminated double quote")
			}
			in = true
		case c == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
			in = true
		default:
			cur.WriteByte(c)
			in = true
		}
	}
	if in {
		words = append(words, cur.String())
	}
	return words, nil
}

func TestSplitWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{`analyze a.csv --period year`, []string{"analyze", "a.csv", "--period", "year"}},
		{`compare 'United States' "Russian Federation"`, []string{"compare", "United States", "Russian Federation"}},
		{`x "a \"b\" c" d\ e ''`, []string{"x", `a "b" c`, "d e", ""}},
	} {
		got, err := splitWords(tc.in)
		if err != nil || strings.Join(got, "|") != strings.Join(tc.want, "|") || len(got) != len(tc.want) {
			t.Errorf("splitWords(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	if _, err := splitWords(`a 'b`); err == nil {
		t.Errorf("an unterminated quote is not refused")
	}
}

var (
	svgText    = regexp.MustCompile(`(?s)<text[^>]*>(.*?)</text>`)
	svgSize    = regexp.MustCompile(`<svg width="([^"]*)" height="([^"]*)"`)
	pdfPages   = regexp.MustCompile(`/Type /Page\b`)
	pdfFont    = regexp.MustCompile(`/BaseFont /([A-Za-z-]+)`)
	pdfMediaBx = regexp.MustCompile(`/MediaBox \[([^\]]*)\]`)
)

// figureText describes a figure as text: an SVG's size, whether its fonts
// are embedded, and every text it draws, in order (the numbers in the
// cells, the labels); a PNG's pixel size; a PDF's page size, pages and
// embedded fonts. The drawing itself is pinned by the figures package's
// tests, not here.
func figureText(name string, b []byte) []byte {
	var out bytes.Buffer
	switch strings.ToLower(filepath.Ext(name)) {
	case ".svg":
		if m := svgSize.FindSubmatch(b); m != nil {
			fmt.Fprintf(&out, "SVG %s x %s, fonts embedded: %v\n", m[1], m[2], bytes.Contains(b, []byte("@font-face")))
		}
		for _, m := range svgText.FindAllSubmatch(b, -1) {
			out.WriteString(html.UnescapeString(string(m[1])) + "\n")
		}
	case ".png":
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil {
			return []byte("unreadable PNG: " + err.Error() + "\n")
		}
		fmt.Fprintf(&out, "PNG %d x %d px\n", cfg.Width, cfg.Height)
	case ".pdf":
		box := ""
		if m := pdfMediaBx.FindSubmatch(b); m != nil {
			box = string(m[1])
		}
		var fonts []string
		for _, m := range pdfFont.FindAllSubmatch(b, -1) {
			fonts = append(fonts, string(m[1]))
		}
		fmt.Fprintf(&out, "PDF, %d page(s), media box [%s], fonts %s, embedded: %v\n", len(pdfPages.FindAll(b, -1)), box, strings.Join(fonts, " "), bytes.Contains(b, []byte("/FontFile2")))
	}
	return out.Bytes()
}
