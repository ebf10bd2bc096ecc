package plain

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/stancemap/stancemap/analysis"
)

// GraphML (http://graphml.graphdrawing.org/) as Gephi, visone, yEd and
// igraph read it. Every name is written by encoding/xml, escaped as
// character data or attribute values, so no actor or theme name can add
// markup; node ids are generated ("n0", "n1", …), never taken from names.

type graphmlDoc struct {
	XMLName xml.Name     `xml:"graphml"`
	XMLNS   string       `xml:"xmlns,attr"`
	Keys    []graphmlKey `xml:"key"`
	Graph   graphmlGraph `xml:"graph"`
}

type graphmlKey struct {
	ID   string `xml:"id,attr"`
	For  string `xml:"for,attr"`
	Name string `xml:"attr.name,attr"`
	Type string `xml:"attr.type,attr"`
}

type graphmlGraph struct {
	ID          string        `xml:"id,attr"`
	EdgeDefault string        `xml:"edgedefault,attr"`
	Data        []graphmlData `xml:"data"`
	Nodes       []graphmlNode `xml:"node"`
	Edges       []graphmlEdge `xml:"edge"`
}

type graphmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

type graphmlNode struct {
	ID   string        `xml:"id,attr"`
	Data []graphmlData `xml:"data"`
}

type graphmlEdge struct {
	ID     string        `xml:"id,attr"`
	Source string        `xml:"source,attr"`
	Target string        `xml:"target,attr"`
	Data   []graphmlData `xml:"data"`
}

// graphmlKeys declares the attributes written: node label (Gephi takes
// a node attribute named "label" as the node's label), kind (actor or
// theme) and frequency (statements behind the node, DNA's name for it),
// edge weight, and the options the network was built with.
var graphmlKeys = []graphmlKey{
	{"label", "node", "label", "string"},
	{"kind", "node", "kind", "string"},
	{"frequency", "node", "frequency", "double"},
	{"weight", "edge", "weight", "double"},
	{"mode", "graph", "mode", "string"},
	{"qualifier", "graph", "qualifier", "string"},
	{"normalization", "graph", "normalization", "string"},
	{"duplicates", "graph", "duplicates", "string"},
	{"scale", "graph", "scale", "int"},
	{"from", "graph", "from", "string"},
	{"to", "graph", "to", "string"},
}

// WriteGraphML writes an agreement network as an undirected GraphML
// graph for Gephi and other network tools.
//
// Nodes are the rows (actors) in order, then, for a two-mode network,
// the columns (themes); each carries its label, its kind ("actor" or
// "theme") and its frequency (the statements behind it). Edges are the
// nonzero ties, each once: for a one-mode network the pairs i < j in row
// order, for a two-mode one actor–theme pairs in row, then column order.
// Negative ties (subtract networks) are kept with their sign; filter them
// in the tool if its layout needs positive weights. Numbers are written
// in the shortest form that reads back exactly, so the same network
// always gives the same bytes.
//
// It fails on a NaN or infinite weight, or a matrix that does not match
// its rows and columns.
func WriteGraphML(w io.Writer, n analysis.Network) error {
	rows, cols := len(n.Rows), len(n.Cols)
	twoMode := n.Mode == analysis.NetworkTwoMode
	if len(n.W) != rows {
		return fmt.Errorf("graphml: network has %d rows of weights for %d rows", len(n.W), rows)
	}
	for i := range n.W {
		if len(n.W[i]) != cols {
			return fmt.Errorf("graphml: row %q has %d weights for %d columns", n.Rows[i], len(n.W[i]), cols)
		}
	}
	if !twoMode && rows != cols {
		return fmt.Errorf("graphml: a one-mode network needs as many columns as rows, not %d and %d", cols, rows)
	}
	opt := n.Options
	doc := graphmlDoc{XMLNS: "http://graphml.graphdrawing.org/xmlns", Keys: graphmlKeys,
		Graph: graphmlGraph{ID: "stancemap", EdgeDefault: "undirected"}}
	g := &doc.Graph
	for _, d := range []graphmlData{{"mode", string(n.Mode)}, {"qualifier", string(opt.Qualifier)}, {"normalization", string(opt.Normalization)},
		{"duplicates", string(opt.Duplicates)}, {"scale", strconv.Itoa(opt.Scale)}, {"from", opt.From.String()}, {"to", opt.To.String()}} {
		if d.Value != "" && d.Value != "0" {
			g.Data = append(g.Data, d)
		}
	}
	freq := func(fs []float64, i int) string {
		if i < len(fs) {
			return graphmlNum(fs[i])
		}
		return ""
	}
	node := func(id int, label, kind, frequency string) graphmlNode {
		nd := graphmlNode{ID: "n" + strconv.Itoa(id), Data: []graphmlData{{"label", label}, {"kind", kind}}}
		if frequency != "" {
			nd.Data = append(nd.Data, graphmlData{"frequency", frequency})
		}
		return nd
	}
	for i, r := range n.Rows {
		g.Nodes = append(g.Nodes, node(i, r, "actor", freq(n.RowFreq, i)))
	}
	colNode := func(j int) int { return j } // one-mode: the column is the row
	if twoMode {
		for j, c := range n.Cols {
			g.Nodes = append(g.Nodes, node(rows+j, c, "theme", freq(n.ColFreq, j)))
		}
		colNode = func(j int) int { return rows + j }
	}
	for i := range n.W {
		j0 := 0
		if !twoMode {
			j0 = i + 1
		}
		for j := j0; j < cols; j++ {
			v := n.W[i][j]
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("graphml: tie %q–%q is %v, not a finite number", n.Rows[i], n.Cols[j], v)
			}
			if v == 0 {
				continue
			}
			g.Edges = append(g.Edges, graphmlEdge{ID: "e" + strconv.Itoa(len(g.Edges)),
				Source: "n" + strconv.Itoa(i), Target: "n" + strconv.Itoa(colNode(j)),
				Data: []graphmlData{{"weight", graphmlNum(v)}}})
		}
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func graphmlNum(v float64) string {
	return strconv.FormatFloat(v, 'g', -1, 64)
}
