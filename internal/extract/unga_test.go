package extract

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/internal/testutil"
)

// The sentences of the hand-coded UN General Assembly corpus (issue 14)
// are chosen by a fixed rule, kept in testdata/unga/sentences.csv as
// offsets only (no speech text):
//
//   - every speech of the UN General Debate Corpus from 2000 to 2024;
//   - split into sentences as the coder splits a row of a tabular corpus
//     (Extractor.Sentences);
//   - a sentence is selected when it holds, ignoring case, a word starting
//     with "cyber" or "digital", "internet", "ICT" or "ICTs", "information
//     and communication(s) technolog…", "information technolog…",
//     "information security" or "information space";
//   - each speech goes wholly to the development half or the test half:
//     the test half when the FNV-1a hash of "YEAR:ISO3" is odd.
//
// TestUNGASelection checks the committed file against the corpus in
// ../shared (skipping, saying so, where it is absent); -update rewrites it.

var ungaSelect = regexp.MustCompile(`(?i)\b(cyber\w*|digital\w*|internet|ICTs?|information and communications? technolog\w*|information technolog\w*|information security|information space)\b`)

const ungaSentences = "../../testdata/unga/sentences.csv"

func ungaHalf(year, country string) string {
	h := fnv.New32a()
	h.Write([]byte(year + ":" + country))
	if h.Sum32()%2 == 1 {
		return "test"
	}
	return "dev"
}

// ungaSpeech is one speech of 2000-2024 from the UN General Debate Corpus.
type ungaSpeech struct{ year, country, text string }

var (
	ungaOnce   sync.Once
	ungaCorpus []ungaSpeech
	ungaErr    error
)

// ungaSpeeches reads the speeches of 2000-2024, in the corpus's order,
// once for every test that needs them; it skips the test where
// ../shared is absent or under -short.
func ungaSpeeches(t *testing.T) []ungaSpeech {
	t.Helper()
	corpus := testutil.SharedPath("data", "ungdc_1946-2024.csv.gz")
	if corpus == "" {
		t.Skip("../shared/data/ungdc_1946-2024.csv.gz is absent: the UN corpus is not checked against the speeches")
	}
	if testing.Short() {
		t.Skip("reads the whole UN General Debate Corpus; not in -short")
	}
	ungaOnce.Do(func() { ungaCorpus, ungaErr = readUNGA(corpus) })
	if ungaErr != nil {
		t.Fatal(ungaErr)
	}
	return ungaCorpus
}

func readUNGA(corpus string) ([]ungaSpeech, error) {
	rr, err := data.OpenRows(corpus, data.RowOptions{})
	if err != nil {
		return nil, err
	}
	defer rr.Close()
	yc, cc, tc := rr.Column("year"), rr.Column("country"), rr.Column("text")
	if yc < 0 || cc < 0 || tc < 0 {
		return nil, fmt.Errorf("the corpus lacks year, country or text: %v", rr.Header())
	}
	var out []ungaSpeech
	for {
		cells, _, err := rr.Next()
		if err == io.EOF || err == nil && cells == nil {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if y, err := strconv.Atoi(cells[yc]); err == nil && y >= 2000 && y <= 2024 {
			out = append(out, ungaSpeech{cells[yc], cells[cc], cells[tc]})
		}
	}
}

func TestUNGASelection(t *testing.T) {
	speeches := ungaSpeeches(t)
	x := newTestExtractor(t, Options{})
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"id", "year", "country", "start", "end", "half", "term"})
	for _, sp := range speeches {
		for _, s := range x.Sentences(sp.text) {
			m := ungaSelect.FindString(sp.text[s.Start:s.End])
			if m == "" {
				continue
			}
			id := fmt.Sprintf("ungdc:%s:%s#char=%d,%d", sp.year, sp.country, s.CharStart, s.CharEnd)
			w.Write([]string{id, sp.year, sp.country, strconv.Itoa(s.CharStart), strconv.Itoa(s.CharEnd), ungaHalf(sp.year, sp.country), strings.ToLower(m)})
		}
	}
	w.Flush()
	if *testutil.Update {
		if err := os.MkdirAll(filepath.Dir(ungaSentences), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(ungaSentences, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(ungaSentences)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if !bytes.Equal(want, b.Bytes()) {
		t.Errorf("%s differs from the selection rule applied to the corpus (run with -update and review)", ungaSentences)
	}
}

// TestUNGACodingFiles checks every hand-coding file in testdata/unga/coding:
// each row names a selected sentence and a theme of the default codebook
// (or none) with a stance on the scale, a sentence coded with no theme has
// no other row in the same file, and — where ../shared holds the corpus —
// no note repeats more than five consecutive words of its speech.
func TestUNGACodingFiles(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/unga/coding/*.csv")
	second, _ := filepath.Glob("../../testdata/unga/second/*.csv")
	files = append(files, second...)
	rel, _ := filepath.Glob("../../testdata/unga/reliability/*.csv")
	files = append(files, rel...)
	if _, err := os.Stat(ungaAdjudicated); err == nil {
		files = append(files, ungaAdjudicated)
	}
	if len(files) == 0 {
		t.Skip("no coding files yet in testdata/unga/coding")
	}
	sel := map[string]bool{}
	for _, r := range readCSVRows(t, ungaSentences) {
		sel[r["id"]] = true
	}
	cb, err := data.DefaultCodebook()
	if err != nil {
		t.Fatal(err)
	}
	themes := map[string]bool{}
	for _, th := range cb.Themes {
		themes[th.ID] = true
	}
	var texts map[string]string // by "YEAR:ISO3"; nil where ../shared is absent
	if testutil.SharedPath("data", "ungdc_1946-2024.csv.gz") != "" && !testing.Short() {
		texts = map[string]string{}
		for _, sp := range ungaSpeeches(t) {
			texts[sp.year+":"+sp.country] = sp.text
		}
	} else {
		t.Log("../shared/data is absent (or -short): notes are not checked against the speeches")
	}
	for _, file := range files {
		fh, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(fh).ReadAll()
		fh.Close()
		if err != nil {
			t.Errorf("%s: %v", file, err)
			continue
		}
		if len(rows) == 0 || strings.Join(rows[0], ",") != "id,theme,stance,note" {
			t.Errorf("%s: the header must be id,theme,stance,note", file)
			continue
		}
		none, some := map[string]bool{}, map[string]bool{}
		for i, r := range rows[1:] {
			where := fmt.Sprintf("%s:%d", filepath.Base(file), i+2)
			id, theme, stance, note := r[0], r[1], r[2], r[3]
			if !sel[id] {
				t.Errorf("%s: %q is not a selected sentence", where, id)
			}
			switch {
			case theme == "" && stance != "":
				t.Errorf("%s: a stance without a theme", where)
			case theme == "":
				none[id] = true
			case !themes[theme]:
				t.Errorf("%s: %q is not a theme of the default codebook", where, theme)
			default:
				some[id] = true
				if v, err := strconv.Atoi(stance); err != nil || v < -2 || v > 2 {
					t.Errorf("%s: stance %q is not an integer from -2 to 2", where, stance)
				}
			}
			if texts != nil && note != "" {
				if run := sharedRun(note, ungaSpeechOf(texts, id)); run != "" {
					t.Errorf("%s: the note repeats six or more words of the speech: %q", where, run)
				}
			}
		}
		for id := range none {
			if some[id] {
				t.Errorf("%s: %s is coded both with no theme and with a theme", filepath.Base(file), id)
			}
		}
	}
}

// ungaSpeechOf returns the speech an id points into.
func ungaSpeechOf(texts map[string]string, id string) string {
	key := strings.TrimPrefix(id, "ungdc:")
	key, _, _ = strings.Cut(key, "#")
	return texts[key]
}

// sharedRun returns the first run of six consecutive words of a that also
// stands in b (words compared in lower case, punctuation ignored), or "".
func sharedRun(a, b string) string {
	words := func(s string) []string {
		return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsNumber(r)
		})
	}
	wa, wb := words(a), words(b)
	if len(wa) < 6 {
		return ""
	}
	runs := map[string]bool{}
	for i := 0; i+6 <= len(wb); i++ {
		runs[strings.Join(wb[i:i+6], " ")] = true
	}
	for i := 0; i+6 <= len(wa); i++ {
		if r := strings.Join(wa[i:i+6], " "); runs[r] {
			return r
		}
	}
	return ""
}

func TestSharedRun(t *testing.T) {
	speech := "The Internet must remain open, free and secure for all of us, said the delegate."
	if r := sharedRun("openness +1: internet must remain open, free and secure", speech); r != "internet must remain open free and" {
		t.Errorf("a six-word run was not found: %q", r)
	}
	if r := sharedRun("wants an open and free internet for everyone", speech); r != "" {
		t.Errorf("a paraphrase was taken for a copy: %q", r)
	}
}
