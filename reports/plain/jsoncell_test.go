package plain

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"strings"
	"testing"
)

// jsonCell's hand-written MarshalJSON gives exactly the bytes encoding/json
// gives for the same struct through its tags (the way cells were written
// before it), indented or not.
func TestJSONCellAsEncodingJSONWritesIt(t *testing.T) {
	type byTags jsonCell // the same fields and tags, without the method
	cells := []jsonCell{
		{"CHN", "sovereignty", 12, 11.5, 1.25, 0.5, -0.1, 2, 0.333333333333, "s1"},
		{"Côte d'Ivoire", "a <b> & \"c\"\n\u2028", 1, 1, jsonNum(math.NaN()), jsonNum(math.Inf(1)), jsonNum(math.NaN()), 1e-7, 1e21, ""},
		{"", "", 0, 0, jsonNum(math.Copysign(0, -1)), 123456789.125, 5e-324, math.MaxFloat64, -1, "\xff bad utf-8"},
	}
	for _, indent := range []string{"", "  "} {
		var got, want bytes.Buffer
		g, w := json.NewEncoder(&got), json.NewEncoder(&want)
		g.SetIndent("", indent)
		w.SetIndent("", indent)
		for _, c := range cells {
			if err := g.Encode(c); err != nil {
				t.Fatal(err)
			}
			if err := w.Encode(byTags(c)); err != nil {
				t.Fatal(err)
			}
		}
		if got.String() != want.String() {
			t.Errorf("indent %q:\n got %s\nwant %s", indent, got.String(), want.String())
		}
	}
}

// encodeIndented writes the JSON json.Encoder writes (the same bytes once
// both are compacted), one key per line, with arrays and objects of plain
// values on one line.
func TestEncodeIndented(t *testing.T) {
	docs := []map[string]any{
		{"b": []any{1, "x<y>&", map[string]any{"z": []int{}, "a": nil, "q": "a\"]},[{"}}, "a": jsonCell{Row: "R", Theme: "T", N: 1, Mean: 0.5},
			"c": map[string]any{}, "d": "\u2028", "e": nums{1, jsonNum(math.NaN()), 0.25}, "f": [][]int{{1, 2}, {3}},
			"g": []nums{{1, 2}, nil, {}}, "h": []any{[]any{}, map[string]any{}}},
		{"only": 1},
	}
	for _, doc := range docs {
		var got, want bytes.Buffer
		if err := encodeIndented(&got, doc); err != nil {
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
	encodeIndented(&b, docs[0])
	for _, line := range []string{`  "e": [1, null, 0.25],`, `  "f": [`, `    [1, 2],`, `    [3]`, `  "c": {},`,
		`      "q": "a\"]},[{",`, `  "g": [`, `    null,`, `    []`, `{`, `}`,
		`  "a": {"row": "R", "theme": "T", "n": 1, "weight": 0, "mean": 0.5, "sd": 0, "ci_low": 0, "ci_high": 0, "salience": 0},`} {
		if !strings.Contains("\n"+b.String(), "\n"+line+"\n") {
			t.Errorf("no line %q in\n%s", line, b.String())
		}
	}
	if err := encodeIndented(io.Discard, map[string]any{"bad": math.Inf(1)}); err == nil {
		t.Error("an infinite number was encoded")
	}
}

// An edge writes as the map it replaced wrote.
func TestJSONEdgeAsAMap(t *testing.T) {
	for _, e := range []jsonEdge{{"CHN", "RUS", 0.5}, {"a<b", "Côte d'Ivoire", jsonNum(math.NaN())}, {"", "\"", -3}} {
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

// The matrices section writes itself as json.Marshal writes the map and
// structs it replaced.
func TestMatricesJSONAsEncodingJSON(t *testing.T) {
	type byTags jsonMatrix
	cells := []jsonCell{{"CHN", "sovereignty", 12, 11.5, 1.25, 0.5, -0.1, 2, 0.333333333333, "s1"},
		{"a<b>", "\"q\"\n", 1, 1, jsonNum(math.NaN()), jsonNum(math.Inf(1)), 0, 1e-7, 1e21, ""}}
	ms := []jsonMatrix{
		{Period: "2013", From: "2013-01-01", To: "2013-12-31", Rows: []string{"CHN", "a<b>"}, Themes: []string{"sovereignty"}, Cells: cells},
		{Period: "all", Rows: nil, Themes: []string{}, Cells: nil},
		{Period: "é\u2028", Rows: []string{}, Themes: nil, Cells: []jsonCell{}},
	}
	for _, unplaced := range [][]jsonUnplaced{{}, {{"s9", "in.csv:4", "dated 2013 (year precision): too coarse"}}, nil} {
		m := matricesJSON{Overall: ms[0], Periods: ms, Unplaced: unplaced, BootstrapResamples: 2000, CILevel: 0.95, Seed: 1<<63 + 5}
		got, err := m.appendJSON(nil)
		if err != nil {
			t.Fatal(err)
		}
		periods := make([]byTags, len(ms))
		for i, p := range ms {
			periods[i] = byTags(p)
		}
		want, err := json.Marshal(map[string]any{"overall": byTags(ms[0]), "periods": periods, "unplaced": unplaced,
			"bootstrap_resamples": 2000, "ci_level": 0.95, "seed": uint64(1<<63 + 5)})
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("got\n%s\nwant\n%s", got, want)
		}
		if viaJSON, _ := json.Marshal(m); string(viaJSON) != string(want) {
			t.Errorf("json.Marshal of the section:\n%s", viaJSON)
		}
		// Laid out on every core, it is what indenting the compact text
		// gives, with no periods, one, or several.
		for _, periods := range [][]jsonMatrix{nil, ms[:1], ms, append(append([]jsonMatrix{}, ms...), ms...)} {
			m.Periods = periods
			compact, _ := m.appendJSON(nil)
			for _, depth := range []int{0, 1, 3} {
				want := indentJSON(nil, compact, depth)
				got, err := m.appendIndented(nil, depth)
				if err != nil || string(got) != string(want) {
					t.Errorf("%d periods, depth %d: appendIndented gives (%v)\n%s\nindentJSON gives\n%s", len(periods), depth, err, got, want)
				}
			}
		}
	}
}

// writeIndented lays any value out as encodeIndented does a document.
func TestWriteIndented(t *testing.T) {
	v := map[string]any{"b": []int{1, 2}, "a": map[string]any{"x": []any{map[string]int{"n": 1}}}}
	var got, want bytes.Buffer
	if err := writeIndented(&got, v); err != nil {
		t.Fatal(err)
	}
	if err := encodeIndented(&want, v); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("got\n%s\nwant\n%s", got.String(), want.String())
	}
}

// The parts that lay themselves out give what indenting their compact
// JSON gives: empty, nil and ragged rows, NaN, awkward strings, objects
// of plain values only (one line) and of nested ones, at several depths.
func TestSelfLaidOutPartsAsIndentJSON(t *testing.T) {
	nan := jsonNum(math.NaN())
	values := []any{
		numRows{{1, 2.5}, {nan, -3}, nil, {}},
		numRows{},
		numRows(nil),
		intRows{{1, 2}, {}, nil, {-7}},
		intRows{},
		edgeList{{"CHN", "RUS", 0.5}, {"a<b", "Côte d'Ivoire\n", nan}},
		edgeList{},
		edgeList(nil),
		jsonObject{"metric": "euclidean", "min_overlap": 2, "rows": []string{"A", "B"}, "d": numRows{{0, 1}, {1, 0}},
			"shared": intRows{{3, 2}, {2, 3}}, "inner": jsonObject{"x": 1, "e": edgeList{}}},
		jsonObject{"mode": "one-mode", "scale": 1.5, "error": ""},
		jsonObject{"empty": []int{}},
		jsonObject{},
	}
	for i, v := range values {
		compact, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		for _, depth := range []int{0, 1, 3} {
			want := indentJSON(nil, compact, depth)
			got, err := v.(indentedAppender).appendIndented(nil, depth)
			if err != nil || string(got) != string(want) {
				t.Errorf("value %d, depth %d: appendIndented gives (%v)\n%s\nindentJSON gives\n%s", i, depth, err, got, want)
			}
		}
	}
}
