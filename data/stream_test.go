package data

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// streamCSV writes a statements file of n rows: ids or none, quoted
// cells with delimiters and line breaks, blank lines and rows of empty
// cells, dates of every precision.
func streamCSV(seed uint64, n int, ids bool) string {
	r := rand.New(rand.NewPCG(seed, 1))
	actors := []string{"CHN", "USA", "Russia", "fra", "Germany", "IND", "BRA"}
	themes := []string{"sovereignty", "openness", "Multistakeholder", "digital_divide", "international_law"}
	stances := []string{"-2", "-1", "0", "1", "2", "support", "strongly oppose", "−1"}
	var b strings.Builder
	b.WriteString("id,actor,theme,stance,date,text,weight,confidence\n")
	for i := range n {
		id := ""
		if ids {
			id = fmt.Sprintf("r%d", i)
		}
		date := fmt.Sprintf("%d", 2000+r.IntN(15))
		switch r.IntN(3) {
		case 1:
			date += fmt.Sprintf("-%02d", 1+r.IntN(12))
		case 2:
			date += fmt.Sprintf("-%02d-%02d", 1+r.IntN(12), 1+r.IntN(28))
		}
		text := fmt.Sprintf("statement %d", i)
		switch r.IntN(8) {
		case 0:
			text = fmt.Sprintf(`"statement %d, with a comma"`, i)
		case 1:
			text = fmt.Sprintf(`"statement %d""quoted""`+"\n"+`on two lines"`, i)
		case 2:
			text = strings.Repeat("long text ", 40) + fmt.Sprint(i)
		}
		weight := []string{"", "1", "0.5", "2.5"}[r.IntN(4)]
		conf := []string{"", "0.7", "95%"}[r.IntN(3)]
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%s,%s,%s\n", id, actors[r.IntN(len(actors))], themes[r.IntN(len(themes))],
			stances[r.IntN(len(stances))], date, text, weight, conf)
		switch r.IntN(40) {
		case 0:
			b.WriteString("\n")
		case 1:
			b.WriteString(",,,,,,,\n")
		}
	}
	return b.String()
}

// readWhole is a StreamOptions.Map for tests: the file read whole.
func readWhole(path string) (string, func(int, int), bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", nil, false
	}
	return string(b), func(int, int) {}, true
}

// streamAll collects what StreamStatements gives, through its buffer,
// or from the whole text in parts read at once.
func streamAll(path string, mapped bool, parts int) ([]Statement, bool) {
	sts, _, ok := streamAllProblems(path, mapped, parts)
	return sts, ok
}

func streamAllProblems(path string, mapped bool, parts int) ([]Statement, Problems, bool) {
	reg, _ := DefaultRegistry()
	cb, _ := DefaultCodebook()
	opt := StreamOptions{ReadOptions: ReadOptions{Registry: reg, Codebook: cb}}
	if mapped {
		opt.Map, opt.Parts = readWhole, parts
	}
	got := make([][]Statement, max(parts, 1))
	res, ok := StreamStatements(path, opt, func(k int, st *Statement) bool {
		got[k] = append(got[k], *st)
		return true
	})
	if res.Retry {
		return streamAllProblems(path, mapped, 1)
	}
	var all []Statement
	for k, g := range got {
		for _, st := range g {
			if res.PartLines != nil {
				st.Pos.Row += res.PartLines[k] - 1
			}
			all = append(all, st)
		}
	}
	return all, res.Problems, ok
}

func withWindow(t *testing.T, window, record int) {
	t.Helper()
	w, r := streamWindow, streamRecordMax
	streamWindow, streamRecordMax = window, record
	t.Cleanup(func() { streamWindow, streamRecordMax = w, r })
}

// TestStreamStatementsGivesReadStatementsStatements: on clean files (LF
// or CR LF line ends), through windows of many sizes (records and quoted line breaks cut at
// every place), the statements given are ReadStatements' own, field for
// field, row numbers and generated ids included.
func TestStreamStatementsGivesReadStatementsStatements(t *testing.T) {
	dir := t.TempDir()
	for seed := uint64(1); seed <= 3; seed++ {
		for _, ids := range []bool{true, false} {
			path := filepath.Join(dir, fmt.Sprintf("s%d%v.csv", seed, ids))
			text := streamCSV(seed, 3000, ids)
			if !ids {
				// CR LF line ends, made LF as parseCSVTable makes them.
				text = strings.ReplaceAll(text, "\n", "\r\n")
			}
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := ReadStatements([]string{path}, ReadOptions{})
			if err != nil || len(res.Problems) > 0 {
				t.Fatalf("the file is not clean: %v %v", err, res.Problems)
			}
			for _, window := range []int{256, 331, 4096, 4 << 20} {
				withWindow(t, window, 1<<20)
				for _, parts := range []int{0, 1, 2, 5} {
					mapped := parts > 0
					got, ok := streamAll(path, mapped, parts)
					if !ok {
						t.Errorf("seed %d ids %v window %d parts %d: handed over a clean file", seed, ids, window, parts)
						continue
					}
					if !reflect.DeepEqual(got, res.Statements) {
						for i := range min(len(got), len(res.Statements)) {
							if !reflect.DeepEqual(got[i], res.Statements[i]) {
								t.Errorf("seed %d ids %v window %d parts %d: statement %d:\n got %+v\nwant %+v", seed, ids, window, parts, i, got[i], res.Statements[i])
								break
							}
						}
						t.Errorf("%d statements, want %d", len(got), len(res.Statements))
					}
				}
			}
		}
	}
}

// A record longer than streamRecordMax, and a quoted cell that never
// closes, are left to ReadStatements.
func TestStreamStatementsHandsOverLongAndOpenRecords(t *testing.T) {
	withWindow(t, 256, 1024)
	dir := t.TempDir()
	long := filepath.Join(dir, "long.csv")
	os.WriteFile(long, []byte("actor,theme,stance,date,text\nCHN,openness,1,2014,\""+strings.Repeat("x\n", 2000)+"\"\n"), 0o644)
	if _, ok := streamAll(long, false, 0); ok {
		t.Errorf("a record of 4 KB through a window of at most 1 KB was taken")
	}
	open := filepath.Join(dir, "open.csv")
	os.WriteFile(open, []byte("actor,theme,stance,date,text\nCHN,openness,1,2014,\"never closed\nUSA,openness,1,2014,x\n"), 0o644)
	for _, parts := range []int{0, 1, 2} {
		if _, ok := streamAll(open, parts > 0, parts); ok {
			t.Errorf("parts %d: a quoted cell that never closes was taken", parts)
		}
	}
}

// FuzzStreamStatements: whatever the file, when StreamStatements takes
// it, ReadStatements finds no problem in it and gives the same
// statements.
func FuzzStreamStatements(f *testing.F) {
	f.Add(streamCSV(1, 20, true))
	f.Add(streamCSV(2, 20, false))
	f.Add("actor,theme,stance,date\nCHN,openness,1,2014\n")
	f.Add("actor;theme;stance;date\nCHN;openness;1;2014\n\nUSA;openness;-1;2015-03\n")
	f.Add("actor\ttheme\tstance\tdate\nCHN\topenness\t1\t2014\n")
	f.Add("actor,theme,stance,date,text\nCHN,openness,1,2014,\"a\nb\"\nCHN,openness,1,2014,\"a\nb\"\n")
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, text string) {
		withWindow(t, 64, 512)
		path := filepath.Join(dir, "fuzz.csv")
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, parts := range []int{0, 1, 3} {
			mapped := parts > 0
			got, ps, ok := streamAllProblems(path, mapped, parts)
			if !ok {
				continue
			}
			res, err := ReadStatements([]string{path}, ReadOptions{})
			if err != nil {
				t.Fatalf("parts %d: streamed, but ReadStatements refuses the file: %v", parts, err)
			}
			if fmt.Sprint(res.Problems) != fmt.Sprint(ps) {
				t.Fatalf("parts %d: streamed with problems %v, but ReadStatements finds %v", parts, ps, res.Problems)
			}
			if !reflect.DeepEqual(got, res.Statements) {
				t.Fatalf("parts %d (mapped %v): streamed %+v\nReadStatements %+v", parts, mapped, got, res.Statements)
			}
		}
	})
}

// A cut between parts that falls inside a quoted cell is found (the part
// before it ends with the cell open) and the caller told to read again in
// one part, which reads the file.
func TestStreamStatementsRetriesACutInAQuotedCell(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cell.csv")
	text := "actor,theme,stance,date,text\nCHN,openness,1,2014,a\nUSA,openness,1,2015,\"" +
		strings.Repeat("a line of a long quoted text\n", 200) + "\"\nFRA,openness,1,2016,b\n"
	os.WriteFile(path, []byte(text), 0o644)
	reg, _ := DefaultRegistry()
	cb, _ := DefaultCodebook()
	opt := StreamOptions{ReadOptions: ReadOptions{Registry: reg, Codebook: cb}, Map: readWhole, Parts: 2}
	res, ok := StreamStatements(path, opt, func(int, *Statement) bool { return true })
	if ok || !res.Retry {
		t.Errorf("two parts cut inside the quoted cell: ok %v, retry %v; want false, true", ok, res.Retry)
	}
	got, ok := streamAll(path, true, 2)
	if !ok || len(got) != 3 || got[2].Pos.Row != 204 {
		t.Errorf("read again in one part: ok %v, %d statements, want 3, the last on row 204: %+v", ok, len(got), got)
	}
}

// Statements entered twice (same actor, theme, stance, date and text under
// other ids): a file read mapped gives ReadStatements' warnings, word for
// word, and its statements; read through the buffer, it is handed over.
func TestStreamStatementsWarnsOfStatementsEnteredTwice(t *testing.T) {
	path := filepath.Join(t.TempDir(), "twice.csv")
	text := streamCSV(4, 400, true)
	lines := strings.SplitAfter(text, "\n")
	var twice []string
	for _, l := range lines[1:40] {
		if strings.Count(l, "\"") == 0 && strings.HasPrefix(l, "r") {
			twice = append(twice, "again-"+l)
		}
	}
	text += strings.Join(twice, "") + strings.Replace(strings.Join(twice[:2], ""), "again-", "third-", -1)
	os.WriteFile(path, []byte(text), 0o644)
	res, err := ReadStatements([]string{path}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Problems.Errors() > 0 || len(res.Problems) < len(twice) {
		t.Fatalf("the file is not what the test needs: %v", res.Problems)
	}
	for _, parts := range []int{1, 3} {
		got, ps, ok := streamAllProblems(path, true, parts)
		if !ok {
			t.Fatalf("parts %d: handed over", parts)
		}
		if fmt.Sprint(ps) != fmt.Sprint(res.Problems) {
			t.Errorf("parts %d: problems\n%v\nwant\n%v", parts, ps, res.Problems)
		}
		if !reflect.DeepEqual(got, res.Statements) {
			t.Errorf("parts %d: the statements differ", parts)
		}
	}
	if _, ok := streamAll(path, false, 0); ok {
		t.Errorf("through the buffer: taken")
	}
}
