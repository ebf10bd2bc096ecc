package plain

import (
	"bytes"
	"encoding/xml"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/stancemap/stancemap/analysis"
)

// parsedGraphML is an independent reading of the GraphML format, so that
// the test does not trust the writer's own types.
type parsedGraphML struct {
	XMLName xml.Name `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
	Keys    []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		EdgeDefault string       `xml:"edgedefault,attr"`
		Data        []parsedData `xml:"data"`
		Nodes       []struct {
			ID   string       `xml:"id,attr"`
			Data []parsedData `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			Source string       `xml:"source,attr"`
			Target string       `xml:"target,attr"`
			Data   []parsedData `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

type parsedData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

func dataValue(ds []parsedData, key string) string {
	for _, d := range ds {
		if d.Key == key {
			return d.Value
		}
	}
	return ""
}

func writeAndParse(t *testing.T, n analysis.Network) (string, parsedGraphML) {
	t.Helper()
	var b bytes.Buffer
	if err := WriteGraphML(&b, n); err != nil {
		t.Fatal(err)
	}
	var g parsedGraphML
	if err := xml.Unmarshal(b.Bytes(), &g); err != nil {
		t.Fatalf("output is not XML: %v\n%s", err, b.String())
	}
	return b.String(), g
}

func TestWriteGraphMLOneMode(t *testing.T) {
	rows := []string{"CHN", "GBR", "ISOC"}
	n := analysis.Network{Mode: analysis.NetworkOneMode, Rows: rows, Cols: rows,
		W: [][]float64{
			{0, -3, 0},
			{-3, 0, 2.5},
			{0, 2.5, 0},
		},
		RowFreq: []float64{3, 3, 2}, ColFreq: []float64{3, 3, 2},
		Options: analysis.NetworkOptions{Mode: "one-mode", Qualifier: "subtract", Normalization: "none", Duplicates: "include", Scale: 2}}
	out, g := writeAndParse(t, n)
	if !strings.HasPrefix(out, `<?xml version="1.0" encoding="UTF-8"?>`) {
		t.Errorf("no XML declaration: %.60s", out)
	}
	if g.Graph.EdgeDefault != "undirected" {
		t.Errorf("edgedefault %q", g.Graph.EdgeDefault)
	}
	keys := map[string]string{}
	for _, k := range g.Keys {
		keys[k.For+"/"+k.Name] = k.Type
	}
	if keys["edge/weight"] != "double" || keys["node/label"] != "string" || keys["node/frequency"] != "double" {
		t.Errorf("keys %v", keys)
	}
	if dataValue(g.Graph.Data, "qualifier") != "subtract" || dataValue(g.Graph.Data, "scale") != "2" {
		t.Errorf("graph data %v", g.Graph.Data)
	}
	if len(g.Graph.Nodes) != 3 {
		t.Fatalf("%d nodes", len(g.Graph.Nodes))
	}
	label := map[string]string{}
	for i, nd := range g.Graph.Nodes {
		label[nd.ID] = dataValue(nd.Data, "label")
		if label[nd.ID] != rows[i] || dataValue(nd.Data, "kind") != "actor" {
			t.Errorf("node %d: %+v", i, nd)
		}
	}
	if dataValue(g.Graph.Nodes[2].Data, "frequency") != "2" {
		t.Errorf("frequency of ISOC: %v", g.Graph.Nodes[2].Data)
	}
	// Each nonzero tie once: CHN–GBR −3, GBR–ISOC 2.5; CHN–ISOC is 0.
	var edges []string
	for _, e := range g.Graph.Edges {
		edges = append(edges, label[e.Source]+"-"+label[e.Target]+"="+dataValue(e.Data, "weight"))
	}
	if got := strings.Join(edges, " "); got != "CHN-GBR=-3 GBR-ISOC=2.5" {
		t.Errorf("edges %s", got)
	}
	// Deterministic: the same network gives the same bytes.
	again, _ := writeAndParse(t, n)
	if again != out {
		t.Error("two writes differ")
	}
}

func TestWriteGraphMLTwoMode(t *testing.T) {
	n := analysis.Network{Mode: analysis.NetworkTwoMode, Rows: []string{"A", "B"}, Cols: []string{"openness", "sovereignty"},
		W:       [][]float64{{1.0 / 3, 0}, {0, -2}},
		RowFreq: []float64{3, 2}, ColFreq: []float64{1, 4}}
	_, g := writeAndParse(t, n)
	if len(g.Graph.Nodes) != 4 {
		t.Fatalf("%d nodes, want 2 actors and 2 themes", len(g.Graph.Nodes))
	}
	if k := dataValue(g.Graph.Nodes[3].Data, "kind"); k != "theme" || dataValue(g.Graph.Nodes[3].Data, "label") != "sovereignty" {
		t.Errorf("last node %+v", g.Graph.Nodes[3])
	}
	if len(g.Graph.Edges) != 2 {
		t.Fatalf("%d edges", len(g.Graph.Edges))
	}
	e := g.Graph.Edges[0]
	w, err := strconv.ParseFloat(dataValue(e.Data, "weight"), 64)
	if err != nil || w != 1.0/3 || e.Source != "n0" || e.Target != "n2" {
		t.Errorf("edge %+v: weight %v reads back as %v", e, dataValue(e.Data, "weight"), w)
	}
	if e := g.Graph.Edges[1]; e.Source != "n1" || e.Target != "n3" || dataValue(e.Data, "weight") != "-2" {
		t.Errorf("edge %+v", e)
	}
}

func TestWriteGraphMLEscapesHostileNames(t *testing.T) {
	hostile := `<script>alert(1)</script>&"`
	quote := `"/><node id="n99"/><x a="`
	rows := []string{hostile, quote, "ctrl\x00\x1bchars"}
	n := analysis.Network{Mode: analysis.NetworkOneMode, Rows: rows, Cols: rows,
		W: [][]float64{{0, 1, 0}, {1, 0, 0}, {0, 0, 0}}}
	out, g := writeAndParse(t, n)
	if strings.Contains(out, "<script>") || strings.Contains(out, `<node id="n99"`) {
		t.Fatalf("markup injected:\n%s", out)
	}
	if len(g.Graph.Nodes) != 3 || len(g.Graph.Edges) != 1 {
		t.Fatalf("%d nodes %d edges, want 3 and 1", len(g.Graph.Nodes), len(g.Graph.Edges))
	}
	if got := dataValue(g.Graph.Nodes[0].Data, "label"); got != hostile {
		t.Errorf("label reads back as %q, want %q", got, hostile)
	}
	if got := dataValue(g.Graph.Nodes[1].Data, "label"); got != quote {
		t.Errorf("label reads back as %q, want %q", got, quote)
	}
	// Characters XML cannot hold at all are replaced, not written raw.
	if got := dataValue(g.Graph.Nodes[2].Data, "label"); strings.ContainsAny(got, "\x00\x1b") || !strings.HasPrefix(got, "ctrl") {
		t.Errorf("control characters written: %q", got)
	}
}

func TestWriteGraphMLRejectsBadNetworks(t *testing.T) {
	rows := []string{"A", "B"}
	cases := map[string]analysis.Network{
		"NaN weight":    {Rows: rows, Cols: rows, W: [][]float64{{0, math.NaN()}, {math.NaN(), 0}}},
		"infinite":      {Rows: rows, Cols: rows, W: [][]float64{{0, math.Inf(1)}, {math.Inf(1), 0}}},
		"short row":     {Rows: rows, Cols: rows, W: [][]float64{{0}, {0, 0}}},
		"missing rows":  {Rows: rows, Cols: rows, W: [][]float64{{0, 0}}},
		"one-mode cols": {Rows: rows, Cols: []string{"A"}, W: [][]float64{{0}, {0}}},
	}
	for name, n := range cases {
		if err := WriteGraphML(&bytes.Buffer{}, n); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
