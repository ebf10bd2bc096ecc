package data

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStatementWriterRoundTrip writes statements, hostile text among
// them, in each format and reads them back unchanged.
func TestStatementWriterRoundTrip(t *testing.T) {
	d, _ := ParseDate("2013-10-17")
	sts := []Statement{
		{ID: "a", Actor: "KOR", Theme: "digital_divide", Stance: 2, Date: d, Speaker: "Park", Text: "x, \"y\"", URL: "f.txt#char=1,2",
			Weight: 1, Coder: "c", Confidence: 0.8, Origin: "auto"},
		{ID: "b", Actor: "UN", Theme: "openness", Stance: -1, Date: d, Text: "=cmd|' /C calc'!A0 said so", Speaker: "@boss",
			Source: "+src", Note: "-note", Event: "\tev", Weight: 1},
	}
	dir := t.TempDir()
	for _, f := range []StatementFormat{FormatCSV, FormatJSON, FormatJSONL} {
		var b bytes.Buffer
		sw, err := NewStatementWriter(&b, f)
		if err != nil {
			t.Fatal(err)
		}
		for i := range sts {
			if err := sw.Write(&sts[i]); err != nil {
				t.Fatal(err)
			}
		}
		if err := sw.Close(); err != nil || sw.Count() != 2 {
			t.Fatalf("%s: close %v, count %d", f, err, sw.Count())
		}
		if f == FormatCSV && !strings.Contains(b.String(), `'=cmd|`) {
			t.Errorf("CSV does not escape the formula:\n%s", b.String())
		}
		p := filepath.Join(dir, "s."+string(f))
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := ReadStatements([]string{p}, ReadOptions{})
		if err != nil || len(res.Statements) != 2 {
			t.Fatalf("%s does not read back: %v %v", f, err, res.Problems)
		}
		got := res.Statements
		if got[0].Confidence != 0.8 || got[0].URL != "f.txt#char=1,2" || got[0].Text != sts[0].Text ||
			got[1].Text != sts[1].Text || got[1].Speaker != "@boss" || got[1].Source != "+src" || got[1].Stance != -1 {
			t.Errorf("%s read back as %+v", f, got)
		}
	}
}

// TestStatementWriterCSVIsWriteStatementsCSV: the streaming writer and
// the whole-slice one write the same bytes, header first even when empty.
func TestStatementWriterCSVIsWriteStatementsCSV(t *testing.T) {
	var b bytes.Buffer
	if err := WriteStatementsCSV(&b, nil); err != nil {
		t.Fatal(err)
	}
	want := "id,actor,theme,stance,date,speaker,text,source,url,event,weight,coder,confidence,origin,note\n"
	if b.String() != want {
		t.Errorf("empty file %q, want %q", b.String(), want)
	}
	var j bytes.Buffer
	sw, _ := NewStatementWriter(&j, FormatJSON)
	sw.Close()
	if j.String() != "[]\n" {
		t.Errorf("empty JSON %q", j.String())
	}
}

func TestStatementFormatOf(t *testing.T) {
	for in, want := range map[string]StatementFormat{"": FormatCSV, "-": FormatCSV, "a/b.CSV": FormatCSV, "x.json": FormatJSON,
		"x.jsonl": FormatJSONL, "x.ndjson": FormatJSONL} {
		if got, err := StatementFormatOf(in); err != nil || got != want {
			t.Errorf("%q: %q %v", in, got, err)
		}
	}
	if _, err := StatementFormatOf("out.xlsx"); err == nil {
		t.Error("xlsx accepted")
	}
}
