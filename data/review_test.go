package data

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestReviewDecisions reads a review file with each kind of decision:
// accepted, corrected (marked, and unmarked but changed), rejected, not
// reviewed, and a decision stancemap does not know.
func TestReviewDecisions(t *testing.T) {
	rows := []string{
		"id,actor,theme,stance,date,coder,confidence,origin,note,review,reviewer,suggested",
		"a1,CHN,sovereignty,2,2016,stancemap extract,0.8,auto,cues: sovereignty,accept,Ana,CHN | sovereignty | +2",
		"a2,CHN,openness,-1,2016,stancemap extract,0.6,auto,cues: control,correct,Ana,CHN | openness | +1",
		"a3,GBR,openness,2,2013,stancemap extract,0.7,auto,cues: free,,Ben,USA | openness | +2",
		"a4,USA,openness,1,2013,stancemap extract,0.4,auto,cues: open,reject,Ana,USA | openness | +1",
		"a5,USA,digital_divide,1,2013,stancemap extract,0.5,auto,cues: access,,,USA | digital_divide | +1",
		"a6,RUS,sovereignty,1,2013,stancemap extract,0.5,auto,,REJECTED,,RUS | sovereignty | +1",
		"m1,RUS,international_law,1,2013,Ana,,manual,,,,",
		"a7,RUS,openness,1,2013,stancemap extract,0.5,auto,,perhaps,Ana,RUS | openness | +1",
	}
	path := filepath.Join(t.TempDir(), "review.csv")
	if err := os.WriteFile(path, []byte(strings.Join(rows, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := ReadStatements([]string{path}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// 8 rows: a1, a2, a3, a5, m1 kept; a4, a6 rejected; a7 invalid.
	if res.Rows != 8 || len(res.Statements) != 5 || res.InvalidRows != 1 || len(res.Review.Rejected) != 2 {
		t.Fatalf("rows %d, statements %d, invalid %d, rejected %d; want 8, 5, 1, 2", res.Rows, len(res.Statements), res.InvalidRows, len(res.Review.Rejected))
	}
	if res.Rows != len(res.Statements)+res.InvalidRows+len(res.Review.Rejected) {
		t.Error("rows read != used + invalid + rejected")
	}
	if r := res.Review; r.Accepted != 1 || r.Corrected != 2 || r.Pending != 1 {
		t.Errorf("review %+v, want 1 accepted, 2 corrected, 1 pending", r)
	}
	want := []struct{ id, origin, coder, note string }{
		{"a1", OriginReviewed, "Ana", "cues: sovereignty; review: accepted by Ana"},
		{"a2", OriginReviewed, "Ana", "cues: control; review: corrected stance +1 → -1 by Ana"},
		{"a3", OriginReviewed, "Ben", "cues: free; review: corrected actor USA → GBR by Ben"},
		{"a5", OriginAuto, "stancemap extract", "cues: access"},
		{"m1", "manual", "Ana", ""},
	}
	for i, w := range want {
		s := res.Statements[i]
		if s.ID != w.id || s.Origin != w.origin || s.Coder != w.coder || s.Note != w.note {
			t.Errorf("statement %d: %s origin %q coder %q note %q; want %+v", i, s.ID, s.Origin, s.Coder, s.Note, w)
		}
	}
	if r := res.Review.Rejected; r[0].ID != "a4" || r[0].Reviewer != "Ana" || r[0].Pos.Row != 5 || r[1].ID != "a6" || r[1].Actor != "RUS" {
		t.Errorf("rejected %+v", r)
	}
	codes := map[ProblemCode]int{}
	for _, p := range res.Problems {
		codes[p.Code]++
		if p.Code == CodeBadReview && p.Severity == SeverityError && (p.Row != 9 || p.Found != "perhaps") {
			t.Errorf("bad decision reported as %v", p)
		}
	}
	if codes[CodeRejected] != 2 || codes[CodeBadReview] != 1 || codes[CodeUnknownColumn] != 0 {
		t.Errorf("problem codes %v, want 2 rejected, 1 bad-review and no unknown column", codes)
	}
}

func TestOriginClass(t *testing.T) {
	for _, c := range []struct{ origin, coder, want string }{
		{"auto", "stancemap extract", OriginAuto}, {"AUTO", "", OriginAuto}, {"", "auto", OriginAuto},
		{"reviewed", "Ana", OriginReviewed}, {"manual", "", OriginManual}, {"", "", OriginManual}, {"", "Ana", OriginManual},
	} {
		if got := OriginClass(&Statement{Origin: c.origin, Coder: c.coder}); got != c.want {
			t.Errorf("origin %q coder %q: %s, want %s", c.origin, c.coder, got, c.want)
		}
	}
	o := CountOrigins([]Statement{{Origin: "auto"}, {Origin: "reviewed"}, {Origin: "reviewed"}, {}})
	if o != (OriginCounts{Manual: 1, Auto: 1, Reviewed: 2}) || o.Machine() != 3 {
		t.Errorf("counts %+v", o)
	}
	if got := o.Sentence(2); got != "Of the 4 statements, 3 were machine-coded: 2 reviewed by a person (accepted or corrected), 1 not reviewed (read it as suggestions); 1 was coded by hand. 2 machine suggestions rejected in review were left out." {
		t.Errorf("sentence %q", got)
	}
	if got := NoteCues("cues: sovereign, control; speaker: said X"); got != "sovereign, control" {
		t.Errorf("cues %q", got)
	}
}

// TestFilterApply counts by hand what each part of a filter leaves out:
// a statement is counted against the first part it fails.
func TestFilterApply(t *testing.T) {
	d := func(s string) Date { v, _ := ParseDate(s); return v }
	c := &Corpus{Statements: []Statement{
		{ID: "1", Actor: "CHN", Theme: "openness", Date: d("2009"), Event: "IGF 2009", Source: "UN"},
		{ID: "2", Actor: "CHN", Theme: "openness", Date: d("2013-10"), Event: "Seoul Conference", Source: "FCO", Origin: "auto", Confidence: 0.3},
		{ID: "3", Actor: "CHN", Theme: "sovereignty", Date: d("2014"), Event: "Beijing workshop", Source: "ICT4Peace", Origin: "auto", Confidence: 0.9},
		{ID: "4", Actor: "GBR", Theme: "openness", Date: d("2013"), Event: "Seoul Conference", Source: "FCO", Origin: "reviewed", Confidence: 0.2},
		{ID: "5", Actor: "USA", Theme: "openness", Date: d("2016"), Event: "Beijing workshop", Source: "ICT4Peace"},
		{ID: "6", Actor: "CHN", Theme: "openness", Date: d("2012"), Event: "seoul conference", Source: "fco", Origin: "auto", Confidence: 0.5},
	}}
	keep := func(f Filter) string {
		out, sel := f.Apply(c)
		var ids []string
		for _, s := range out.Statements {
			ids = append(ids, s.ID)
		}
		if sel.Kept+sumDropped(sel) != sel.Read || sel.Read != 6 {
			t.Errorf("%s: read %d, kept %d, dropped %v", f, sel.Read, sel.Kept, sel.Dropped)
		}
		return strings.Join(ids, ",")
	}
	for _, c := range []struct {
		f    Filter
		want string
	}{
		{Filter{}, "1,2,3,4,5,6"},
		{Filter{Actors: []string{"CHN"}}, "1,2,3,6"},
		{Filter{Themes: []string{"sovereignty"}}, "3"},
		{Filter{From: d("2010"), To: d("2014")}, "2,3,4,6"},
		{Filter{To: d("2013-06")}, "1,6"}, // 2013 and 2013-10 end after June 2013
		{Filter{Events: []string{"SEOUL"}}, "2,4,6"},
		{Filter{Events: []string{"igf", "beijing"}}, "1,3,5"},
		{Filter{Sources: []string{"fco"}}, "2,4,6"},
		{Filter{Origins: []string{OriginManual}}, "1,5"},
		{Filter{Origins: []string{OriginAuto, OriginReviewed}}, "2,3,4,6"},
		{Filter{MinConfidence: 0.5}, "1,3,4,5,6"}, // 4 is reviewed: kept at 0.2
		{Filter{Actors: []string{"CHN"}, Events: []string{"seoul"}, MinConfidence: 0.4}, "6"},
	} {
		if got := keep(c.f); got != c.want {
			t.Errorf("%s: kept %s, want %s", c.f, got, c.want)
		}
	}
	_, sel := Filter{Actors: []string{"CHN", "RUS", "GBR"}, From: d("2014")}.Apply(c)
	want := []Drop{{"by actors not selected", 1}, {"dated before 2014", 4}}
	if len(sel.Dropped) != 2 || sel.Dropped[0] != want[0] || sel.Dropped[1] != want[1] {
		t.Errorf("dropped %v, want %v", sel.Dropped, want)
	}
	if strings.Join(sel.Notes, "|") != "selected actor RUS has no statement in the input|selected actor GBR has no statement left after the other filters" {
		t.Errorf("notes %q", sel.Notes)
	}
}

func sumDropped(s *Selection) int {
	n := 0
	for _, d := range s.Dropped {
		n += d.N
	}
	return n
}

// BenchmarkFilterApply_100k filters 100,000 statements by actor, date
// and event, keeping about a fifth.
func BenchmarkFilterApply_100k(b *testing.B) {
	actors := []string{"CHN", "USA", "RUS", "GBR", "FRA"}
	c := &Corpus{Statements: make([]Statement, 100_000)}
	for i := range c.Statements {
		d, _ := ParseDate(strconv.Itoa(2000 + i%25))
		c.Statements[i] = Statement{ID: strconv.Itoa(i), Actor: actors[i%5], Theme: "openness", Date: d, Event: "General Debate " + strconv.Itoa(2000+i%25)}
	}
	from, _ := ParseDate("2010")
	f := Filter{Actors: []string{"CHN", "USA"}, From: from, Events: []string{"debate"}}
	b.ReportAllocs()
	for b.Loop() {
		if out, _ := f.Apply(c); len(out.Statements) == 0 {
			b.Fatal("nothing kept")
		}
	}
}
