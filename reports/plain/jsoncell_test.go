package plain

import (
	"bytes"
	"encoding/json"
	"github.com/stancemap/stancemap/reports"
	"io"
	"math"
	"strings"
	"testing"
)

// The hand-written encoding of a matrix's cells (jsonCells) gives exactly
// the bytes encoding/json gives for the same structs through their tags,
// indented or not.
func TestJSONCellAsEncodingJSONWritesIt(t *testing.T) {
	type byTags jsonCell // the same fields and tags, without the method
	cells := []jsonCell{
		{"CHN", "sovereignty", 12, 11.5, 1.25, 0.5, -0.1, 2, 0.333333333333, "s1"},
		{"Côte d'Ivoire", "a <b> & \"c\"\n\u2028", 1, 1, reports.Float(math.NaN()), reports.Float(math.Inf(1)), reports.Float(math.NaN()), 1e-7, 1e21, ""},
		{"", "", 0, 0, reports.Float(math.Copysign(0, -1)), 123456789.125, 5e-324, math.MaxFloat64, -1, "\xff bad utf-8"},
	}
	for _, indent := range []string{"", "  "} {
		var got, want bytes.Buffer
		g, w := json.NewEncoder(&got), json.NewEncoder(&want)
		g.SetIndent("", indent)
		w.SetIndent("", indent)
		tagged := make([]byTags, len(cells))
		for i, c := range cells {
			tagged[i] = byTags(c)
		}
		if err := g.Encode(jsonCells(cells)); err != nil {
			t.Fatal(err)
		}
		if err := w.Encode(tagged); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("indent %q:\n got %s\nwant %s", indent, got.String(), want.String())
		}
	}
}

// writeIndented writes the JSON json.Encoder writes (the same bytes once
// both are compacted), one key per line, with arrays and objects of plain
// values on one line.
func TestWriteIndented(t *testing.T) {
	docs := []map[string]any{
		{"b": []any{1, "x<y>&", map[string]any{"z": []int{}, "a": nil, "q": "a\"]},[{"}}, "a": jsonCell{Row: "R", Theme: "T", N: 1, Mean: 0.5},
			"c": map[string]any{}, "d": "\u2028", "e": nums{1, reports.Float(math.NaN()), 0.25}, "f": [][]int{{1, 2}, {3}},
			"g": []nums{{1, 2}, nil, {}}, "h": []any{[]any{}, map[string]any{}}},
		{"only": 1},
	}
	for _, doc := range docs {
		var got, want bytes.Buffer
		if err := writeIndented(&got, doc); err != nil {
			t.Fatal(err)
		}
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		if err := enc.Encode(doc); err != nil {
			t.Fatal(err)
		}
		var cg, cw bytes.Buffer
		if err := json.Compact(&cg, got.Bytes()); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, got.String())
		}
		json.Compact(&cw, want.Bytes())
		if cg.String() != cw.String() {
			t.Errorf("got\n%s\nwant\n%s", cg.String(), cw.String())
		}
	}
	var b bytes.Buffer
	writeIndented(&b, docs[0])
	for _, line := range []string{`  "e": [1, null, 0.25],`, `  "f": [`, `    [1, 2],`, `    [3]`, `  "c": {},`,
		`      "q": "a\"]},[{",`, `  "g": [`, `    null,`, `    []`, `{`, `}`,
		`  "a": {"row": "R", "theme": "T", "n": 1, "weight": 0, "mean": 0.5, "sd": 0, "ci_low": 0, "ci_high": 0, "salience": 0},`} {
		if !strings.Contains("\n"+b.String(), "\n"+line+"\n") {
			t.Errorf("no line %q in\n%s", line, b.String())
		}
	}
	if err := writeIndented(io.Discard, map[string]any{"bad": math.Inf(1)}); err == nil {
		t.Error("an infinite number was encoded")
	}
}

// An edge writes as the map it replaced wrote.
func TestJSONEdgeAsAMap(t *testing.T) {
	for _, e := range []jsonEdge{{"CHN", "RUS", 0.5}, {"a<b", "Côte d'Ivoire", reports.Float(math.NaN())}, {"", "\"", -3}} {
		got, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(map[string]any{"source": e.Source, "target": e.Target, "weight": e.Weight})
		if string(got) != string(want) {
			t.Errorf("got %s, want %s", got, want)
		}
	}
}
