package data

import (
	"bytes"
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Fuzz targets for every parser in data. `make fuzz` runs each for a
// fixed time; crashers found land in testdata/fuzz/<Target>/ and then run
// as regression cases with every `go test`.

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2013", "2013-11", "2013-11-05", "32/13/2016", "2016-02-29", "0999", "2013-11-05T10:00:00Z", "", " 2013 ", "2013-02-29", "2013-13", "2013-00-10", "20a3", "2013/11", "2013-1-05", "0999-01-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sameDateParse(t, s)
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		// A parsed date writes back to a form that parses to itself.
		again, err := ParseDate(d.String())
		if err != nil || again != d {
			t.Fatalf("%q → %v → %q → %v (%v)", s, d, d.String(), again, err)
		}
		if d.First().After(d.Last()) {
			t.Fatalf("%v: first day after last", d)
		}
	})
}

func FuzzParseStance(f *testing.F) {
	cb, _ := DefaultCodebook()
	for _, s := range []string{"2", "-2", "+1", "1.0", "strongly support", "agree", "maybe", "1e0", "NaN", "-0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := cb.ParseStance(s)
		if ok && (v < MinStance || v > MaxStance) {
			t.Fatalf("%q parsed to %d, off the scale", s, v)
		}
	})
}

// FuzzReadStatementsCSV feeds arbitrary bytes to the CSV reader and
// statement checks: no panic, every row accounted for, every problem
// placed in the file.
func FuzzReadStatementsCSV(f *testing.F) {
	seeds := []string{
		"actor,theme,stance,date,text\nCHN,sovereignty,2,2016,\"quoted, text\"\n",
		"actor;theme;stance;date\nGBR;openness;support;2013-10-17\n",
		"\xef\xbb\xbfActor\tTheme\tStance\tDate\r\nKOR\tdigital_divide\t2\t2013\r\n",
		"title row\nactor,theme,stance,date\nUSA,openness,\"1\n,2013\n",
		"actor,theme,stance,date\n=HYPERLINK(\"x\"),openness,1,2013\n\"unclosed,openness,1,2013\n",
		"actor,theme,stance,date,origin,review,reviewer,suggested\nCHN,openness,1,2013,auto,reject,Ana,CHN | openness | +1\nGBR,openness,-1,2013,auto,,Ben,GBR | openness | +1\nUSA,openness,1,2013,auto,maybe,,\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	reg, _ := DefaultRegistry()
	cb, _ := DefaultCodebook()
	f.Fuzz(func(t *testing.T, b []byte) {
		tab, err := ParseTable(bytes.NewReader(b), "fuzz.csv", TableOptions{IsHeader: looksLikeHeader(statementSynonyms)})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.csv") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		res := ReadStatementsTable(tab, ReadOptions{Registry: reg, Codebook: cb})
		if res.Rows != len(res.Statements)+res.InvalidRows+len(res.Review.Rejected) {
			t.Fatalf("rows not conserved: %d read, %d valid, %d invalid, %d rejected", res.Rows, len(res.Statements), res.InvalidRows, len(res.Review.Rejected))
		}
		for _, p := range res.Problems {
			if p.File != "fuzz.csv" || p.Row < 0 {
				t.Fatalf("misplaced problem %+v", p)
			}
		}
	})
}

func FuzzReadStatementsJSON(f *testing.F) {
	f.Add([]byte(`[{"actor":"CHN","theme":"sovereignty","stance":2,"date":"2016"}]`))
	f.Add([]byte(`{"statements":[{"actor":"GBR","theme":"openness","stance":"support","date":"2013-10-17","text":{"a":1}}]}`))
	f.Add([]byte("{\"actor\":\"USA\",\"theme\":\"openness\",\"stance\":1,\"date\":2013}\n{broken\n"))
	f.Add([]byte(`[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]`))
	reg, _ := DefaultRegistry()
	cb, _ := DefaultCodebook()
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, name := range []string{"fuzz.json", "fuzz.jsonl"} {
			tab, err := ParseTable(bytes.NewReader(b), name, TableOptions{})
			if err != nil {
				continue
			}
			res := ReadStatementsTable(tab, ReadOptions{Registry: reg, Codebook: cb})
			if res.Rows != len(res.Statements)+res.InvalidRows+len(res.Review.Rejected) {
				t.Fatalf("%s: rows not conserved", name)
			}
		}
	})
}

func FuzzParseCodebook(f *testing.F) {
	b, _ := SampleFile(SampleCodebook)
	f.Add(b)
	f.Add([]byte("themes:\n  - {id: a, positive: p, negative: n}\n"))
	f.Add([]byte("a: &a [*a, *a]\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		cb, err := ParseCodebook(b, "fuzz.yaml")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.yaml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if len(cb.Themes) == 0 {
			t.Fatal("a codebook without themes was accepted")
		}
	})
}

func FuzzReadActors(f *testing.F) {
	b, _ := SampleFile(SampleActors)
	f.Add(b[:min(len(b), 2000)])
	f.Add([]byte("id,name,kind,aliases\nXAA,Alpha,state,A|B\nXBB,Beta,planet,\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		tab, err := ParseTable(bytes.NewReader(b), "actors.csv", TableOptions{IsHeader: looksLikeHeader(actorSynonyms)})
		if err != nil {
			return
		}
		reg, _ := ActorsFromTable(tab)
		for _, a := range reg.Actors() {
			if got, ok := reg.Resolve(a.ID); !ok || got.ID != a.ID {
				t.Fatalf("actor %q does not resolve to itself", a.ID)
			}
		}
	})
}

// parseDateSplit is ParseDate as first written (strings.Split, strconv,
// time.Date for the month's length), kept as the oracle for the
// allocation-free one.
func parseDateSplit(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "T "); i == 10 {
		s = s[:10]
	}
	bad := func(why string) (Date, error) {
		return Date{}, fmt.Errorf("%w: %s", ErrDate, why)
	}
	if s == "" {
		return bad("empty")
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 {
		return bad("too many parts")
	}
	widths := []int{4, 2, 2}
	nums := make([]int, len(parts))
	for i, p := range parts {
		if len(p) != widths[i] {
			return bad("not in ISO form")
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || strings.ContainsAny(p, "+-") {
			return bad("not in ISO form")
		}
		nums[i] = n
	}
	if nums[0] < 1000 {
		return bad("year before 1000")
	}
	d := Date{Year: int32(nums[0]), Precision: Precision(len(nums))}
	if len(nums) >= 2 {
		if nums[1] < 1 || nums[1] > 12 {
			return bad(fmt.Sprintf("month %d is not 1..12", nums[1]))
		}
		d.Month = int8(nums[1])
	}
	if len(nums) == 3 {
		last := time.Date(nums[0], time.Month(nums[1])+1, 0, 0, 0, 0, 0, time.UTC).Day()
		if nums[2] < 1 || nums[2] > last {
			return bad(fmt.Sprintf("day %d is not 1..%d", nums[2], last))
		}
		d.Day = int8(nums[2])
	}
	return d, nil
}

func sameDateParse(t *testing.T, s string) {
	d, err := ParseDate(s)
	d2, err2 := parseDateSplit(s)
	if d != d2 || fmt.Sprint(err) != fmt.Sprint(err2) {
		t.Fatalf("%q: ParseDate %v, %v; the oracle %v, %v", s, d, err, d2, err2)
	}
}

func TestParseDateMatchesOracle(t *testing.T) {
	for _, s := range []string{"2013", "2013-11", "2013-11-05", "2013-", "-2013", "2013--05", "2013-11-05-01", "20-1-5-7",
		"1900-02-29", "2000-02-29", "2016-02-29", "2015-02-29", "2015-04-31", "2015-12-31", "0999", "+201", "2013-+1",
		"２０１３", "2013-00", "2013-13", "2013-11-00", " 2013-11-05T10:00 ", "2013-11-05 10:00", "2013T", ""} {
		sameDateParse(t, s)
	}
	for y := 1896; y <= 2104; y++ {
		for m := 1; m <= 12; m++ {
			for d := 28; d <= 31; d++ {
				sameDateParse(t, fmt.Sprintf("%04d-%02d-%02d", y, m, d))
			}
		}
	}
}

// The plain numbers ParseStance takes a short cut for read as the
// general path reads them, and StatementFields are numbered as the
// statement reader numbers them.
func TestStanceShortCutAndFieldOrder(t *testing.T) {
	cb := &Codebook{}
	for _, s := range []string{"0", "-0", "+0", "1", "+1", "2", "+2", "-1", "-2"} {
		v, ok := cb.ParseStance(s)
		f, err := strconv.ParseFloat(s, 64)
		if !ok || err != nil || float64(v) != f {
			t.Errorf("%q: %d %v, want %v", s, v, ok, f)
		}
		if v2, ok2 := cb.ParseStance(s + " "); v2 != v || !ok2 {
			t.Errorf("%q with a space: %d %v", s, v2, ok2)
		}
	}
	want := map[fieldOrd]Field{ordID: FieldID, ordActor: FieldActor, ordTheme: FieldTheme, ordStance: FieldStance,
		ordDate: FieldDate, ordSpeaker: FieldSpeaker, ordText: FieldText, ordSource: FieldSource, ordURL: FieldURL,
		ordEvent: FieldEvent, ordWeight: FieldWeight, ordCoder: FieldCoder, ordConfidence: FieldConfidence,
		ordOrigin: FieldOrigin, ordNote: FieldNote}
	if len(want) != int(numStatementFields) || len(StatementFields) != int(numStatementFields) {
		t.Fatalf("%d ordinals, %d fields", numStatementFields, len(StatementFields))
	}
	for o, f := range want {
		if StatementFields[o] != f {
			t.Errorf("ordinal %d is %s, want %s", o, StatementFields[o], f)
		}
	}
}

// Compare orders as comparing First days (then precision) orders, for
// real dates and for out-of-range ones built in code.
func TestDateCompareMatchesFirst(t *testing.T) {
	slow := func(d, e Date) int {
		if c := d.First().Compare(e.First()); c != 0 {
			return c
		}
		return cmp.Compare(d.Precision, e.Precision)
	}
	var ds []Date
	for _, y := range []int32{0, 999, 1999, 2000, 2001, 2024} {
		ds = append(ds, Date{Year: y, Precision: PrecisionYear})
		for _, m := range []int8{-1, 1, 2, 12, 13} {
			ds = append(ds, Date{Year: y, Month: m, Precision: PrecisionMonth})
			for _, d := range []int8{-3, 1, 28, 29, 30, 31, 32} {
				ds = append(ds, Date{Year: y, Month: m, Day: d, Precision: PrecisionDay})
			}
		}
	}
	ds = append(ds, Date{})
	for _, d := range ds {
		for _, e := range ds {
			if got, want := d.Compare(e), slow(d, e); got != want {
				t.Fatalf("%+v vs %+v: %d, want %d", d, e, got, want)
			}
		}
	}
}

func TestDateCompareLastMatchesLast(t *testing.T) {
	var ds []Date
	for _, y := range []int32{0, 1999, 2000, 2023, 2024} {
		ds = append(ds, Date{Year: y, Precision: PrecisionYear})
		for _, m := range []int8{-1, 1, 2, 11, 12, 13} {
			ds = append(ds, Date{Year: y, Month: m, Precision: PrecisionMonth})
			for _, d := range []int8{-3, 1, 28, 29, 30, 31, 32} {
				ds = append(ds, Date{Year: y, Month: m, Day: d, Precision: PrecisionDay})
			}
		}
	}
	for _, d := range ds {
		for _, e := range ds {
			if got, want := d.CompareLast(e), d.Last().Compare(e.Last()); got != want {
				t.Fatalf("%+v vs %+v: %d, want %d", d, e, got, want)
			}
		}
	}
}
