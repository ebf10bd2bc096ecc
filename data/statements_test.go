package data

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const stanceHint = `expected an integer from -2 to 2 or one of: strongly oppose, oppose, neutral, support, strongly support`
const themeHint = `expected one of sovereignty, multistakeholder, openness, digital_divide, international_law`

// TestBrokenInputs pins the exact message, row and column reported for
// each kind of broken input, and the row accounting behind it.
func TestBrokenInputs(t *testing.T) {
	dir := "testdata/broken/"
	cases := []struct {
		name          string
		file          string
		rows, invalid int
		problems      []string // exact error strings, in order
	}{
		{"bad stance label", "bad_stance.csv", 1, 1, []string{
			dir + `bad_stance.csv:2:stance: stance is not on the scale (found "maybe", ` + stanceHint + `)`}},
		{"day-first date", "bad_date.csv", 1, 1, []string{
			dir + `bad_date.csv:2:date: date is not an ISO date (found "32/13/2016", expected YYYY, YYYY-MM or YYYY-MM-DD)`}},
		{"unknown theme", "unknown_theme.csv", 2, 1, []string{
			dir + `unknown_theme.csv:3:theme: theme is not in the codebook (found "netneutrality", ` + themeHint + `)`}},
		{"missing required column", "missing_column.csv", 1, 1, []string{
			dir + `missing_column.csv:1:stance: required column is missing (found "actor,theme,date", expected a header with actor, theme, stance and date)`}},
		{"ragged rows", "ragged.csv", 3, 2, []string{
			dir + `ragged.csv:3: row has 6 cells but the header has 5 (expected one cell per header column (check for an unquoted delimiter in the text))`,
			dir + `ragged.csv:4: row has 3 cells but the header has 5 (expected one cell per header column (check for an unquoted delimiter in the text))`,
			dir + `ragged.csv:4:date: date is empty (found "", expected YYYY, YYYY-MM or YYYY-MM-DD)`}},
		{"UTF-8 BOM and labels", "bom.csv", 1, 0, nil},
		{"semicolons with commas in text", "semicolon.csv", 2, 1, []string{
			dir + `semicolon.csv:3:stance: stance is not on the scale (found "maybe", ` + stanceHint + `)`}},
		{"UTF-16 as Excel writes it", "utf16.csv", 2, 1, []string{
			dir + `utf16.csv:3:actor: actor is not in the actor registry (found "Atlantis", expected an id, name or alias from the registry (add it there, or use --add-unknown-actors))`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := ReadStatements([]string{dir + tc.file}, ReadOptions{})
			if err != nil {
				t.Fatalf("unexpected unusable-input error: %v", err)
			}
			var got []string
			for _, p := range res.Problems {
				if p.Severity == SeverityError {
					got = append(got, p.Error())
				}
			}
			if strings.Join(got, "\n") != strings.Join(tc.problems, "\n") {
				t.Errorf("problems:\n got  %q\n want %q", got, tc.problems)
			}
			if res.Rows != tc.rows || res.InvalidRows != tc.invalid {
				t.Errorf("rows %d invalid %d, want %d and %d", res.Rows, res.InvalidRows, tc.rows, tc.invalid)
			}
			if res.Rows != len(res.Statements)+res.InvalidRows {
				t.Errorf("rows are not conserved: %d read, %d valid, %d invalid", res.Rows, len(res.Statements), res.InvalidRows)
			}
		})
	}
}

func TestEncodingsKeepText(t *testing.T) {
	res, err := ReadStatements([]string{"testdata/broken/utf16.csv", "testdata/broken/bom.csv", "testdata/broken/semicolon.csv"}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Statement{
		"KOR": {Actor: "KOR", Theme: "digital_divide", Stance: 2, Text: "Park: close the digital divide – now"},
		"CHN": {Actor: "CHN", Theme: "sovereignty", Stance: 2},
		"GBR": {Actor: "GBR", Theme: "openness", Stance: 2, Text: "Hague: openness, freedom, progress"},
	}
	if len(res.Statements) != len(want) {
		t.Fatalf("got %d statements, want %d", len(res.Statements), len(want))
	}
	for _, s := range res.Statements {
		w := want[s.Actor]
		if s.Theme != w.Theme || s.Stance != w.Stance || s.Text != w.Text {
			t.Errorf("%s: got %s/%d/%q, want %s/%d/%q", s.Actor, s.Theme, s.Stance, s.Text, w.Theme, w.Stance, w.Text)
		}
	}
}

func TestEmptyFileIsUnusable(t *testing.T) {
	_, err := ReadStatements([]string{"testdata/broken/empty.csv"}, ReadOptions{})
	var p *Problem
	if !errors.As(err, &p) || !errors.Is(err, ErrUnusable) || p.Code != "empty-file" {
		t.Fatalf("got %v, want an unusable empty-file problem", err)
	}
	if !strings.HasPrefix(err.Error(), "testdata/broken/empty.csv: ") {
		t.Errorf("message does not start with the file: %q", err)
	}
}

func TestMissingFileIsUnusable(t *testing.T) {
	_, err := ReadStatements([]string{"testdata/broken/nonexistent.csv"}, ReadOptions{})
	if !errors.Is(err, ErrUnusable) || !strings.Contains(err.Error(), "nonexistent.csv") {
		t.Fatalf("got %v, want an unusable-input problem naming the file", err)
	}
}

func readStatementsCSV(t *testing.T, body string, opt ReadOptions) *ReadResult {
	t.Helper()
	tab, err := ParseTable(strings.NewReader(body), "t.csv", TableOptions{IsHeader: looksLikeHeader(statementSynonyms)})
	if err != nil {
		t.Fatal(err)
	}
	if opt.Registry == nil {
		opt.Registry, _ = DefaultRegistry()
	}
	if opt.Codebook == nil {
		opt.Codebook, _ = DefaultCodebook()
	}
	return ReadStatementsTable(tab, opt)
}

func TestAliasesAndSynonyms(t *testing.T) {
	body := "Country,Concept,Agreement,Year,Person\n" +
		"PRC,sovereignty,agree,2014,Qian\n" +
		"People's Republic of China,Openness,disagree,2014-06,\n" +
		"P.R. China,digital divide,-1,2014-06-05,\n"
	res := readStatementsCSV(t, body, ReadOptions{})
	if len(res.Problems) != 0 {
		t.Fatalf("unexpected problems: %v", res.Problems)
	}
	got := res.Statements
	want := []struct {
		theme  string
		stance int
		date   string
		prec   Precision
	}{{"sovereignty", 1, "2014", PrecisionYear}, {"openness", -1, "2014-06", PrecisionMonth}, {"digital_divide", -1, "2014-06-05", PrecisionDay}}
	for i, w := range want {
		s := got[i]
		if s.Actor != "CHN" || s.Theme != w.theme || s.Stance != w.stance || s.Date.String() != w.date || s.Date.Precision != w.prec {
			t.Errorf("row %d: got %s %s %d %s, want CHN %s %d %s", i+2, s.Actor, s.Theme, s.Stance, s.Date, w.theme, w.stance, w.date)
		}
	}
	if got[0].Speaker != "Qian" {
		t.Errorf("person column not read as speaker: %q", got[0].Speaker)
	}
}

func TestUnknownActorsCanBeAdded(t *testing.T) {
	body := "actor,theme,stance,date\nAtlantis,openness,1,2013\natlantis,openness,2,2014\n"
	reg, _ := DefaultRegistry()
	res := readStatementsCSV(t, body, ReadOptions{Registry: reg, AddUnknownActors: true})
	if res.InvalidRows != 0 || len(res.Statements) != 2 {
		t.Fatalf("got %d invalid rows, %d statements", res.InvalidRows, len(res.Statements))
	}
	if res.Statements[0].Actor != "Atlantis" || res.Statements[1].Actor != "Atlantis" {
		t.Errorf("both spellings should resolve to one new actor: %q %q", res.Statements[0].Actor, res.Statements[1].Actor)
	}
	if len(res.AddedActors) != 1 {
		t.Errorf("added %v, want one actor", res.AddedActors)
	}
	if a, ok := reg.Get("Atlantis"); !ok || a.Kind != KindUnknown {
		t.Errorf("registry does not hold Atlantis as kind unknown")
	}
}

func TestDuplicatesAndIDs(t *testing.T) {
	body := "id,actor,theme,stance,date,text\n" +
		"a1,CHN,sovereignty,2,2016,same words\n" +
		"a2,CHN,sovereignty,2,2016,same words\n" +
		"a1,USA,openness,1,2016,other\n" +
		",GBR,openness,2,2013,x\n" +
		",GBR,openness,2,2013,x\n"
	res := readStatementsCSV(t, body, ReadOptions{})
	var got []string
	for _, p := range res.Problems {
		got = append(got, string(p.Code)+"@"+strconv.Itoa(p.Row))
	}
	want := []string{"duplicate@3", "duplicate-id@4", "duplicate@6"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("problems %v, want %v", got, want)
	}
	if len(res.Statements) != 4 || res.InvalidRows != 1 {
		t.Fatalf("got %d statements and %d invalid rows, want 4 and 1 (duplicates are kept, duplicate ids are not)", len(res.Statements), res.InvalidRows)
	}
	g1, g2 := res.Statements[2].ID, res.Statements[3].ID
	if g1 == "" || g2 != g1+"-2" {
		t.Errorf("generated ids %q %q, want a content id and the same with -2", g1, g2)
	}
	again := readStatementsCSV(t, body, ReadOptions{})
	if again.Statements[2].ID != g1 {
		t.Errorf("generated id is not deterministic: %q then %q", g1, again.Statements[2].ID)
	}
}

func TestWeightAndConfidence(t *testing.T) {
	body := "actor,theme,stance,date,weight,confidence\n" +
		"CHN,sovereignty,2,2016,0.5,80%\n" +
		"CHN,sovereignty,2,2016,-1,0.5\n" +
		"CHN,sovereignty,2,2016,1,1.5\n"
	res := readStatementsCSV(t, body, ReadOptions{})
	if len(res.Statements) != 1 || res.Statements[0].Weight != 0.5 || res.Statements[0].Confidence != 0.8 {
		t.Fatalf("got %+v", res.Statements)
	}
	var codes []string
	for _, p := range res.Problems {
		codes = append(codes, string(p.Code))
	}
	if strings.Join(codes, ",") != "bad-weight,bad-confidence" {
		t.Errorf("codes %v", codes)
	}
}

func TestSampleCorpus(t *testing.T) {
	c, res, err := SampleCorpus()
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 0 {
		t.Errorf("the sample should read without warnings: %v", res.Problems)
	}
	if n := len(c.Statements); n < 30 {
		t.Errorf("sample has %d statements, want at least 30", n)
	}
	if n := len(c.ActorIDs()); n < 10 {
		t.Errorf("sample has %d actors, want at least 10", n)
	}
	themes, dates := map[string]bool{}, map[string]bool{}
	for _, s := range c.Statements {
		themes[s.Theme] = true
		dates[s.Date.String()] = true
		if s.Source == "" || s.Text == "" {
			t.Errorf("%s: every sample statement needs a text and a source", s.ID)
		}
	}
	if len(themes) != 5 || len(dates) < 5 {
		t.Errorf("sample covers %d themes and %d dates, want 5 and ≥5", len(themes), len(dates))
	}
	first, last := c.Span()
	if first.Year != 2008 || last.Year != 2016 {
		t.Errorf("sample spans %s to %s, want 2008 to 2016", first, last)
	}
}

// TestLargeTableKeepsOrderAndProblems reads a table big enough to be
// split between workers and checks that statements stay in reading
// order and every planted problem is reported at its row.
func TestLargeTableKeepsOrderAndProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,actor,theme,stance,date,text\n")
	const n = 3 * parallelRows
	bad := map[int]string{}
	for i := 0; i < n; i++ {
		stance := strconv.Itoa(i%5 - 2)
		if i%9973 == 0 {
			stance = "maybe"
			bad[i+2] = "bad-stance"
		}
		fmt.Fprintf(&b, "r%d,CHN,openness,%s,2016,said %d\n", i, stance, i)
	}
	res := readStatementsCSV(t, b.String(), ReadOptions{})
	if res.Rows != n || len(res.Statements) != n-len(bad) || res.InvalidRows != len(bad) {
		t.Fatalf("rows %d, statements %d, invalid %d; want %d, %d, %d", res.Rows, len(res.Statements), res.InvalidRows, n, n-len(bad), len(bad))
	}
	for k := 1; k < len(res.Statements); k++ {
		if res.Statements[k-1].Pos.Row >= res.Statements[k].Pos.Row {
			t.Fatalf("statements out of reading order at %d", k)
		}
	}
	if len(res.Problems) != len(bad) {
		t.Fatalf("%d problems, want %d", len(res.Problems), len(bad))
	}
	for _, p := range res.Problems {
		if bad[p.Row] != string(p.Code) {
			t.Errorf("unexpected problem %v", p)
		}
	}
}

// TestDNAExportNeedsTheDNAOption pins that a DNA export is never read
// as statements with agreement 0 taken for a neutral stance.
func TestDNAExportNeedsTheDNAOption(t *testing.T) {
	_, err := ReadStatements([]string{"testdata/dna/export.csv"}, ReadOptions{})
	var p *Problem
	if !errors.As(err, &p) || p.Code != "dna-export" || !errors.Is(err, ErrUnusable) || !strings.Contains(err.Error(), "--dna") {
		t.Fatalf("got %v, want a dna-export problem pointing to --dna", err)
	}
	c, res, err := LoadCorpus([]string{"testdata/dna/export.csv"}, LoadOptions{DNA: true})
	if err != nil || res.InvalidRows != 0 {
		t.Fatalf("with --dna: %v, %d invalid", err, res.InvalidRows)
	}
	// Row 3 of the export: the United Kingdom disagrees (0) with state sovereignty.
	s := c.Statements[1]
	if s.Actor != "GBR" || s.Stance != -1 || s.Theme != "states_hold_sovereign_authority_over_their" {
		t.Errorf("second statement %+v", s)
	}
}

func TestRadixSortSorts(t *testing.T) {
	for _, n := range []int{0, 1, 5000, 100000} {
		r := rand.New(rand.NewPCG(uint64(n), 7))
		keys := make([]uint64, n)
		for i := range keys {
			switch i % 3 {
			case 0:
				keys[i] = r.Uint64()
			case 1:
				keys[i] = r.Uint64() >> 40 // many equal high digits
			default:
				keys[i] = uint64(i % 17)
			}
		}
		want := slices.Clone(keys)
		slices.Sort(want)
		radixSort(keys)
		if !slices.Equal(keys, want) {
			t.Fatalf("%d keys: not sorted as slices.Sort sorts them", n)
		}
	}
}
