package main

import (
	"html"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestReviewRoundTrip runs the review loop as a user would: extract
// suggestions into a review workbook, review them in the spreadsheet
// (one accepted, one rejected, one corrected and marked, one corrected
// without a mark, one left alone, and a row coded by hand added below),
// then report on the workbook. The report must count each right, and
// the rejected suggestion must appear nowhere but in Data quality.
func TestReviewRoundTrip(t *testing.T) {
	dir := t.TempDir()
	review := filepath.Join(dir, "review.xlsx")
	if code, _, errs := runX(t, "extract", "../../internal/extract/testdata/news.txt", "-q", "--review", review); code != 0 {
		t.Fatalf("extract: exit %d: %s", code, errs)
	}
	f, err := excelize.OpenFile(review)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Statements")
	head := rows[0]
	col := func(name string) string {
		i := slices.Index(head, name)
		if i < 0 {
			t.Fatalf("no %q column in %v", name, head)
		}
		c, _ := excelize.ColumnNumberToName(i + 1)
		return c
	}
	// The five suggestions of news.txt, in order: CHN sovereignty +2,
	// CHN international_law +1, GBR openness +2, KOR digital_divide +1,
	// UN digital_divide 0.
	want := [][3]string{{"CHN", "sovereignty", "2"}, {"CHN", "international_law", "1"}, {"GBR", "openness", "2"},
		{"KOR", "digital_divide", "1"}, {"UN", "digital_divide", "0"}}
	ids := make([]string, len(want))
	for i, w := range want {
		r := rows[i+1]
		if got := [3]string{r[1], r[2], r[3]}; got != w {
			t.Fatalf("suggestion %d is %v, want %v: the extractor changed; update this test", i+1, got, w)
		}
		ids[i] = r[0]
	}
	set := func(row int, name, v string) {
		if err := f.SetCellStr("Statements", col(name)+strconv.Itoa(row), v); err != nil {
			t.Fatal(err)
		}
	}
	set(2, "review", "accept")
	set(2, "reviewer", "Ana")
	set(3, "review", "reject")
	set(3, "reviewer", "Ana")
	set(4, "review", "correct")
	set(4, "reviewer", "Ana")
	set(4, "stance", "-1")
	set(5, "reviewer", "Ben") // corrected without a mark: the theme changed
	set(5, "theme", "international_law")
	// Row 6 is left as the machine coded it. Row 7 is coded by hand.
	for name, v := range map[string]string{"id": "hand1", "actor": "FRA", "theme": "openness", "stance": "1", "date": "2021-03-04",
		"text": "France wants an open internet.", "coder": "Ana", "origin": "manual"} {
		set(7, name, v)
	}

	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	rejected := ids[1]
	if d := os.Getenv("STANCEMAP_KEEP_REVIEW"); d != "" {
		b, _ := os.ReadFile(review)
		os.WriteFile(d, b, 0o644)
	}

	htmlOut, xlsxOut := filepath.Join(dir, "r.html"), filepath.Join(dir, "r.xlsx")
	code, _, errs := runX(t, "report", review, "--html", htmlOut, "--xlsx", xlsxOut, "--assets", "cdn", "--bootstrap", "50")
	if code != 0 {
		t.Fatalf("report: exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "review decisions read: 1 accepted, 2 corrected, 1 rejected (left out), 1 not reviewed yet") {
		t.Errorf("stderr does not count the review:\n%s", errs)
	}

	// The workbook: the rejected suggestion only in Data quality.
	wb, err := excelize.OpenFile(xlsxOut)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	for _, sheet := range wb.GetSheetList() {
		rows, _ := wb.GetRows(sheet)
		found := false
		for _, r := range rows {
			for _, c := range r {
				found = found || strings.Contains(c, rejected)
			}
		}
		if found != (sheet == "Data quality") {
			t.Errorf("sheet %s: rejected %s found = %v", sheet, rejected, found)
		}
	}
	kv := map[string]string{}
	dq, _ := wb.GetRows("Data quality")
	for _, r := range dq {
		if len(r) >= 2 {
			kv[r[0]] = r[1]
		}
	}
	for k, v := range map[string]string{"rows read": "6", "statements read": "5", "statements used": "5",
		"review: accepted": "1", "review: corrected": "2", "review: rejected (not used)": "1", "review: not reviewed yet": "1"} {
		if kv[k] != v {
			t.Errorf("Data quality %q = %q, want %q", k, kv[k], v)
		}
	}
	stmts, _ := wb.GetRows("Statements")
	if len(stmts) != 1+5 {
		t.Errorf("Statements sheet has %d rows, want a header and 5", len(stmts))
	}
	byID := map[string][]string{}
	for _, r := range stmts[1:] {
		byID[r[0]] = r
	}
	// Columns as written: id actor theme stance date speaker text source url event weight coder confidence origin note.
	for _, c := range []struct{ id, theme, stance, coder, origin string }{
		{ids[0], "sovereignty", "2", "Ana", "reviewed"},
		{ids[2], "openness", "-1", "Ana", "reviewed"},
		{ids[3], "international_law", "1", "Ben", "reviewed"},
		{ids[4], "digital_divide", "0", "stancemap extract", "auto"},
		{"hand1", "openness", "1", "Ana", "manual"},
	} {
		r := byID[c.id]
		if len(r) < 14 || r[2] != c.theme || r[3] != c.stance || r[11] != c.coder || r[13] != c.origin {
			t.Errorf("statement %s: %v, want theme %s stance %s coder %s origin %s", c.id, r, c.theme, c.stance, c.coder, c.origin)
		}
	}
	about, _ := wb.GetRows("About")
	coded := ""
	for _, r := range about {
		if len(r) >= 2 && r[0] == "coded" {
			coded = r[1]
		}
	}
	const sentence = "Of the 5 statements, 4 were machine-coded: 3 reviewed by a person (accepted or corrected), 1 not reviewed (read it as suggestions); 1 was coded by hand. 1 machine suggestion rejected in review was left out."
	if !strings.HasPrefix(coded, sentence) {
		t.Errorf("About says %q, want it to start %q", coded, sentence)
	}

	// The HTML report: the same overview, no trace of the rejected row,
	// and each machine code's origin, confidence and cues.
	page, err := os.ReadFile(htmlOut)
	if err != nil {
		t.Fatal(err)
	}
	s := html.UnescapeString(string(page))
	if strings.Contains(s, rejected) || strings.Contains(s, "New international rules are needed") {
		t.Errorf("the HTML report shows the rejected suggestion %s", rejected)
	}
	for _, want := range []string{sentence, "machine, reviewed", "corrected stance +2 → -1 by Ana", "corrected theme digital_divide → international_law by Ben",
		"accepted by Ana", "machine, not reviewed", "confidence 0.", "cues: ", "by hand"} {
		if !strings.Contains(s, want) {
			t.Errorf("the HTML report lacks %q", want)
		}
	}

	// --origin and --min-confidence on the same workbook.
	code, out, errs := runX(t, "matrix", review, "--origin", "reviewed", "--format", "csv")
	cells := 0 // matrix cells with statements: the three reviewed ones
	for _, line := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
		if f := strings.Split(line, ","); len(f) > 5 && f[5] != "0" {
			cells++
		}
	}
	if code != 0 || cells != 3 || !strings.Contains(errs, "kept 3 of 5 statements: left out 2 of other origins") {
		t.Errorf("--origin reviewed: exit %d, %d cells:\n%s%s", code, cells, out, errs)
	}
	// The one unreviewed machine code (UN, confidence below 1) goes; the
	// reviewed and hand-coded ones stay whatever their confidence.
	code, _, errs = runX(t, "matrix", review, "--min-confidence", "0.99")
	if code != 0 || !strings.Contains(errs, "kept 4 of 5 statements: left out 1 machine codes with confidence below 0.99") {
		t.Errorf("--min-confidence: exit %d\n%s", code, errs)
	}
	// validate lists the rejected row, and is content.
	code, out, _ = runX(t, "validate", review)
	if code != 0 || !strings.Contains(out, "suggestion rejected in review by Ana: not used") {
		t.Errorf("validate: exit %d\n%s", code, out)
	}
}
