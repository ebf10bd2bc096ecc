package extract

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

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

func TestUNGASelection(t *testing.T) {
	corpus := testutil.SharedPath("data", "ungdc_1946-2024.csv.gz")
	if corpus == "" {
		t.Skip("../shared/data/ungdc_1946-2024.csv.gz is absent: the UN sentence selection is not checked")
	}
	if testing.Short() {
		t.Skip("reads the whole UN General Debate Corpus; not in -short")
	}
	x := newTestExtractor(t, Options{})
	rr, err := data.OpenRows(corpus, data.RowOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer rr.Close()
	yc, cc, tc := rr.Column("year"), rr.Column("country"), rr.Column("text")
	if yc < 0 || cc < 0 || tc < 0 {
		t.Fatalf("the corpus lacks year, country or text: %v", rr.Header())
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"id", "year", "country", "start", "end", "half", "term"})
	for {
		cells, _, err := rr.Next()
		if err != nil {
			if p, ok := err.(*data.Problem); ok {
				t.Fatal(p)
			}
			break
		}
		if cells == nil {
			break
		}
		year, country, text := cells[yc], cells[cc], cells[tc]
		if y, err := strconv.Atoi(year); err != nil || y < 2000 || y > 2024 {
			continue
		}
		for _, s := range x.Sentences(text) {
			m := ungaSelect.FindString(text[s.Start:s.End])
			if m == "" {
				continue
			}
			id := fmt.Sprintf("ungdc:%s:%s#char=%d,%d", year, country, s.CharStart, s.CharEnd)
			w.Write([]string{id, year, country, strconv.Itoa(s.CharStart), strconv.Itoa(s.CharEnd), ungaHalf(year, country), strings.ToLower(m)})
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
