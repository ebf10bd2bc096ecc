package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var nanOrInf = regexp.MustCompile(`(^|[^A-Za-z])(NaN|[+-]?Inf(inity)?)([^A-Za-z]|$)`)

func TestAnalyzeOnTheSample(t *testing.T) {
	code, out, errs := runCmd(t, "analyze")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// The sample's Chinese officials and the UK Foreign Secretary sit at
	// opposite ends of openness, Cai Mingzhao −1 (s15) and William Hague +2
	// (s10b), but on one statement each: too few for a finding. The sample
	// is 38 statements by 15 actors, 12 of them with fewer than five, so the
	// findings say plainly that nothing holds, and name who was left out.
	for _, want := range []string{
		"1. No reliable differences in these data",
		"12 actors with fewer than 5 statements are left out of the findings", "William Hague †",
		"Blocs (average-linkage", "Agreement network communities", "Themes from most to least divided"} {
		if !strings.Contains(out, want) {
			t.Errorf("analyze output lacks %q:\n%s", want, out)
		}
	}
}

// TestAnalyzeJSONHasNoNaN runs analyze --json on corpora that push every
// measure to its edge — one actor, one period, constant positions, no
// shared themes — and checks the document parses and holds no NaN or Inf.
func TestAnalyzeJSONHasNoNaN(t *testing.T) {
	cases := map[string]string{
		"one actor":       "actor,theme,stance,date\nCHN,sovereignty,2,2016\nCHN,openness,-1,2016\n",
		"one statement":   "actor,theme,stance,date\nCHN,sovereignty,2,2016\n",
		"constant":        "actor,theme,stance,date\nCHN,sovereignty,1,2015\nCHN,openness,1,2015\nGBR,sovereignty,1,2016\nGBR,openness,1,2016\nUSA,sovereignty,1,2016\nUSA,openness,1,2016\n",
		"no shared theme": "actor,theme,stance,date\nCHN,sovereignty,2,2016\nGBR,openness,2,2016\nUSA,digital_divide,1,2014\n",
	}
	dir := t.TempDir()
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			in := filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".csv")
			os.WriteFile(in, []byte(body), 0o644)
			code, out, errs := runCmd(t, "analyze", in, "--json", "--period", "year")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			var doc map[string]any
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatalf("not JSON: %v", err)
			}
			if m := nanOrInf.FindString(out); m != "" {
				t.Errorf("NaN or Inf in the document: %q", m)
			}
			if doc["schema"] != "stancemap.analysis/1" {
				t.Errorf("schema %v", doc["schema"])
			}
		})
	}
}

func TestAnalyzeCSVTablesAndDeterminism(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if code, _, errs := runCmd(t, "analyze", "--format", "csv", "--out", dir, "--period", "2008-2012,2013-2016"); code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
	}
	for _, f := range []string{"matrix.csv", "distances.csv", "map.csv", "loadings.csv", "blocs.csv", "network.csv",
		"polarisation.csv", "drifts.csv", "movers.csv", "convergence.csv", "findings.csv", "network.graphml"} {
		x, err1 := os.ReadFile(filepath.Join(a, f))
		y, err2 := os.ReadFile(filepath.Join(b, f))
		if err1 != nil || err2 != nil || len(x) == 0 {
			t.Errorf("%s missing or empty", f)
			continue
		}
		if string(x) != string(y) {
			t.Errorf("%s differs between two runs", f)
		}
	}
	code, _, errs := runCmd(t, "analyze", "--format", "csv")
	if code != 2 || !strings.Contains(errs, "--out DIR") {
		t.Errorf("csv without --out: exit %d %s", code, errs)
	}
}

func TestPearsonNeedsThreeSharedThemesByDefault(t *testing.T) {
	overlap := func(args ...string) float64 {
		code, out, errs := runCmd(t, append([]string{"analyze", "--json"}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		var doc struct {
			Distances struct {
				MinOverlap float64 `json:"min_overlap"`
			} `json:"distances"`
		}
		json.Unmarshal([]byte(out), &doc)
		return doc.Distances.MinOverlap
	}
	if got := overlap("--metric", "pearson"); got != 3 {
		t.Errorf("pearson: min overlap %v, want 3", got)
	}
	if got := overlap("--metric", "pearson", "--min-overlap", "2"); got != 2 {
		t.Errorf("pearson with --min-overlap 2: %v", got)
	}
	if got := overlap(); got != 2 {
		t.Errorf("euclidean: %v, want 2", got)
	}
}

func TestAnalyzeSkip(t *testing.T) {
	code, out, errs := runCmd(t, "analyze", "--json", "--skip", "network,findings")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc struct {
		Skipped  []string         `json:"skipped"`
		Findings []map[string]any `json:"findings"`
		Network  struct {
			Edges []any `json:"edges"`
		} `json:"network"`
		Blocs struct {
			K int `json:"k"`
		} `json:"blocs"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if strings.Join(doc.Skipped, ",") != "network,findings" || len(doc.Findings) != 0 || len(doc.Network.Edges) != 0 || doc.Blocs.K < 2 {
		t.Errorf("skipped %v, %d findings, %d edges, k %d", doc.Skipped, len(doc.Findings), len(doc.Network.Edges), doc.Blocs.K)
	}
	if code, _, errs := runCmd(t, "analyze", "--skip", "matrices"); code != 2 || !strings.Contains(errs, `unknown measure "matrices"`) {
		t.Errorf("--skip matrices: exit %d, %s", code, errs)
	}
}
