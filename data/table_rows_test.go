package data

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

// readAllRows reads every row of path, problems included.
func readAllRows(t *testing.T, path string) (header []string, rows [][]string, lines []int, probs []*Problem) {
	t.Helper()
	rr, err := OpenRows(path, RowOptions{})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	defer rr.Close()
	for {
		rec, line, err := rr.Next()
		if err == io.EOF {
			break
		}
		var p *Problem
		if errors.As(err, &p) {
			probs = append(probs, p)
			if p.Unusable {
				break
			}
			continue
		}
		rows = append(rows, rec)
		lines = append(lines, line)
	}
	return rr.Header(), rows, lines, probs
}

func TestRowReaderFormats(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	gz := func(b []byte) []byte {
		var z bytes.Buffer
		w := gzip.NewWriter(&z)
		w.Write(b)
		w.Close()
		return z.Bytes()
	}
	csvText := []byte("text,country\n\"one, \"\"two\"\"\nthree\",FRA\n  =x ,CHN\n")
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(csvText)
	want := [][]string{{"one, \"two\"\nthree", "FRA"}, {"  =x ", "CHN"}}
	for name, b := range map[string][]byte{
		"plain.csv": csvText,
		"bom.csv":   append([]byte{0xEF, 0xBB, 0xBF}, csvText...),
		"utf16.csv": utf16,
		"gz.csv.gz": gz(csvText),
		"semi.csv":  bytes.ReplaceAll(bytes.ReplaceAll(csvText, []byte(",F"), []byte(";F")), []byte(",C"), []byte(";C")),
		"tab.tsv":   bytes.ReplaceAll(bytes.ReplaceAll(csvText, []byte(",F"), []byte("\tF")), []byte(",C"), []byte("\tC")),
	} {
		if name == "semi.csv" || name == "tab.tsv" {
			b = bytes.Replace(b, []byte("text,country"), []byte(map[string]string{"semi.csv": "text;country", "tab.tsv": "text\tcountry"}[name]), 1)
		}
		h, rows, lines, probs := readAllRows(t, write(name, b))
		if !reflect.DeepEqual(h, []string{"text", "country"}) || !reflect.DeepEqual(rows, want) || !reflect.DeepEqual(lines, []int{2, 4}) || len(probs) > 0 {
			t.Errorf("%s: header %q rows %q lines %v problems %v", name, h, rows, lines, probs)
		}
	}
	// JSON Lines: keys sorted, numbers as written, blank lines skipped,
	// a line that is no object a bad row that does not stop the reading.
	p := write("c.jsonl.gz", gz([]byte("{\"text\":\"hi\",\"year\":2014}\n\nnot json\n{\"year\":1.5e3,\"text\":null}\n")))
	h, rows, lines, probs := readAllRows(t, p)
	if !reflect.DeepEqual(h, []string{"text", "year"}) || !reflect.DeepEqual(rows, [][]string{{"hi", "2014"}, {"", "1.5e3"}}) ||
		!reflect.DeepEqual(lines, []int{1, 4}) || len(probs) != 1 || probs[0].Row != 3 || probs[0].Code != "bad-row" {
		t.Errorf("jsonl: header %q rows %q lines %v problems %v", h, rows, lines, probs)
	}
	rr, _ := OpenRows(p, RowOptions{})
	if rr.Column(" YEAR ") != 1 || rr.Column("country") != -1 || rr.Offset() == 0 {
		t.Errorf("Column or Offset wrong: %d %d %d", rr.Column(" YEAR "), rr.Column("country"), rr.Offset())
	}
	rr.Close()
	// A CSV row with a stray quote is a bad row; reading goes on.
	_, rows, _, probs = readAllRows(t, write("q.csv", []byte("a,b\n1,x\"y\n2,ok\n")))
	if len(rows) != 1 || rows[0][0] != "2" || len(probs) != 1 || probs[0].Row != 2 || probs[0].Unusable {
		t.Errorf("stray quote: rows %q problems %v", rows, probs)
	}
	// A truncated gzip stream is unreadable: reading stops.
	big := bytes.Repeat([]byte("a,b\n"), 50000)
	z := gz(big)
	_, _, _, probs = readAllRows(t, write("cut.csv.gz", z[:len(z)/2]))
	if len(probs) != 1 || !probs[0].Unusable || probs[0].Code != "unreadable" {
		t.Errorf("truncated gzip: %v", probs)
	}
	for name, code := range map[string]string{"none.csv": "no-file", "empty.csv": "empty-file", "bad.csv.gz": "bad-gzip", "blank.jsonl": "not-a-table"} {
		var b []byte
		switch name {
		case "bad.csv.gz":
			b = []byte{0x1f, 0x8b, 1, 2}
		case "blank.jsonl":
			b = []byte("\n\n")
		}
		if name != "none.csv" {
			write(name, b)
		}
		_, err := OpenRows(filepath.Join(dir, name), RowOptions{})
		var p *Problem
		if !errors.As(err, &p) || string(p.Code) != code || !p.Unusable {
			t.Errorf("%s: %v, want %s", name, err, code)
		}
	}
}
