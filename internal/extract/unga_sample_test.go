package extract

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stancemap/stancemap/data"
	"github.com/stancemap/stancemap/internal/testutil"
)

// The built-in unga sample (data/sample/unga/statements.csv) is made from
// the hand coding by a fixed rule, which TestUNGASample checks (and
// -update applies):
//
//   - the codes are the first coding (testdata/unga/coding/*.csv; every
//     sentence is in one file), except that a sentence listed in
//     testdata/unga/adjudicated.csv takes its codes from there (the
//     reliability subsample's disagreements, settled);
//   - each (sentence, theme) code is one statement: the speech's country
//     as actor, its year as date, the coder's paraphrase of the sentence
//     (testdata/unga/paraphrases/*.csv) as text, the sentence's
//     ungdc:YEAR:ISO3#char=START,END as url, origin manual, the coder's
//     note as note;
//   - statements are ordered by year, country, offset and codebook theme.

const (
	ungaAdjudicated = "../../testdata/unga/adjudicated.csv"
	ungaSample      = "../../data/sample/unga/statements.csv"
)

// ungaCode is one row of a coding file.
type ungaCode struct{ id, theme, stance, note, coder string }

// readCSVRows reads a CSV file with a header, as maps by column name.
func readCSVRows(t *testing.T, path string) []map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var out []map[string]string
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			if i < len(r) {
				m[h] = r[i]
			}
		}
		out = append(out, m)
	}
	return out
}

// coderName is the coder a coding file's name gives: "coderE-test000.csv"
// → "coder E".
func coderName(file string) string {
	base := strings.TrimSuffix(filepath.Base(file), ".csv")
	name, _, _ := strings.Cut(base, "-")
	if strings.HasPrefix(name, "coder") && len(name) > len("coder") {
		return "coder " + name[len("coder"):]
	}
	return name
}

// ungaGold is the final hand coding by sentence id: the first coding,
// with adjudicated sentences replaced.
func ungaGold(t *testing.T) map[string][]ungaCode {
	t.Helper()
	files, _ := filepath.Glob("../../testdata/unga/coding/*.csv")
	gold := map[string][]ungaCode{}
	from := map[string]string{}
	for _, f := range files {
		for _, r := range readCSVRows(t, f) {
			if prev, ok := from[r["id"]]; ok && prev != f {
				t.Errorf("%s is coded in %s and in %s: each sentence belongs to one first-coding file", r["id"], filepath.Base(prev), filepath.Base(f))
			}
			from[r["id"]] = f
			gold[r["id"]] = append(gold[r["id"]], ungaCode{r["id"], r["theme"], r["stance"], r["note"], coderName(f)})
		}
	}
	if _, err := os.Stat(ungaAdjudicated); err == nil {
		adj := map[string][]ungaCode{}
		for _, r := range readCSVRows(t, ungaAdjudicated) {
			adj[r["id"]] = append(adj[r["id"]], ungaCode{r["id"], r["theme"], r["stance"], r["note"], "adjudicated"})
		}
		for id, cs := range adj {
			gold[id] = cs
		}
	}
	return gold
}

// ungaParaphrases are the coders' paraphrases by sentence id.
func ungaParaphrases(t *testing.T) map[string]string {
	t.Helper()
	files, _ := filepath.Glob("../../testdata/unga/paraphrases/*.csv")
	out := map[string]string{}
	for _, f := range files {
		for _, r := range readCSVRows(t, f) {
			if _, dup := out[r["id"]]; dup {
				t.Errorf("%s: %s has a second paraphrase", filepath.Base(f), r["id"])
			}
			out[r["id"]] = strings.TrimSpace(r["paraphrase"])
		}
	}
	return out
}

var themeShort = map[string]string{"sovereignty": "sov", "multistakeholder": "ms", "openness": "open", "digital_divide": "dd", "international_law": "law"}

// buildUNGASample makes the sample's statements from the hand coding.
func buildUNGASample(t *testing.T) []data.Statement {
	t.Helper()
	cb, err := data.DefaultCodebook()
	if err != nil {
		t.Fatal(err)
	}
	order := map[string]int{}
	for i, th := range cb.Themes {
		order[th.ID] = i
	}
	para := ungaParaphrases(t)
	var out []data.Statement
	for id, codes := range ungaGold(t) {
		for _, c := range codes {
			if c.theme == "" {
				continue
			}
			key, span, _ := strings.Cut(strings.TrimPrefix(id, "ungdc:"), "#char=")
			year, country, _ := strings.Cut(key, ":")
			start, _, _ := strings.Cut(span, ",")
			y, _ := strconv.Atoi(year)
			stance, _ := strconv.Atoi(c.stance)
			text, ok := para[id]
			if !ok {
				t.Errorf("%s (%s) has no paraphrase in testdata/unga/paraphrases", id, c.theme)
			}
			date, err := data.ParseDate(year)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, data.Statement{
				ID: fmt.Sprintf("%s-%s-%s-%s", year, country, start, themeShort[c.theme]), Actor: country, Theme: c.theme, Stance: stance,
				Date: date, Text: text, Source: fmt.Sprintf("UN General Debate, session %d (%s)", y-1945, year),
				URL: id, Event: "UN General Debate " + year, Weight: 1, Coder: c.coder, Origin: "manual", Note: c.note,
			})
		}
	}
	offset := func(s data.Statement) int {
		_, span, _ := strings.Cut(s.URL, "#char=")
		a, _, _ := strings.Cut(span, ",")
		n, _ := strconv.Atoi(a)
		return n
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch {
		case a.Date.Compare(b.Date) != 0:
			return a.Date.Compare(b.Date) < 0
		case a.Actor != b.Actor:
			return a.Actor < b.Actor
		case offset(a) != offset(b):
			return offset(a) < offset(b)
		}
		return order[a.Theme] < order[b.Theme]
	})
	return out
}

func TestUNGASample(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/unga/coding/*.csv")
	paras, _ := filepath.Glob("../../testdata/unga/paraphrases/*.csv")
	if len(files) == 0 || len(paras) == 0 {
		t.Skip("no coding or no paraphrase files in testdata/unga: the sample is not built yet")
	}
	var buf bytes.Buffer
	if err := data.WriteStatementsCSV(&buf, buildUNGASample(t)); err != nil {
		t.Fatal(err)
	}
	if *testutil.Update {
		if err := os.WriteFile(ungaSample, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	have, err := os.ReadFile(ungaSample)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, buf.Bytes()) {
		t.Errorf("%s is not what the hand coding makes (go test ./internal/extract -run UNGASample -update rewrites it)", ungaSample)
	}
}

// TestUNGAParaphrases checks that every paraphrase is at most 25 words
// and shares no run of six words with its speech.
func TestUNGAParaphrases(t *testing.T) {
	para := ungaParaphrases(t)
	if len(para) == 0 {
		t.Skip("no paraphrases in testdata/unga/paraphrases")
	}
	ids := make([]string, 0, len(para))
	for id, p := range para {
		ids = append(ids, id)
		if n := len(strings.FieldsFunc(p, func(r rune) bool { return r == ' ' })); n == 0 || n > 25 {
			t.Errorf("%s: the paraphrase has %d words (1 to 25)", id, n)
		}
	}
	slices.Sort(ids)
	if testutil.SharedPath("data", "ungdc_1946-2024.csv.gz") == "" || testing.Short() {
		t.Skip("../shared/data is absent (or -short): paraphrases are not checked against the speeches")
	}
	texts := map[string]string{}
	for _, sp := range ungaSpeeches(t) {
		texts[sp.year+":"+sp.country] = sp.text
	}
	for _, id := range ids {
		if run := sharedRun(para[id], ungaSpeechOf(texts, id)); run != "" {
			t.Errorf("%s: the paraphrase repeats six words of the speech: %q", id, run)
		}
	}
}
