package plain

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
)

// The large parts of an analysis of thousands of actors — a distance
// matrix of four million numbers, two million network edges — lay
// themselves out as indentJSON lays out their compact JSON, in one pass
// and without encoding/json checking each row a Marshaler writes. Each
// has a test against indentJSON.

// jsonObject is a JSON object whose values may lay themselves out
// (indentedAppender); the others go through encoding/json. Keys are
// sorted, as json.Marshal sorts a map's.
type jsonObject map[string]any

func (o jsonObject) MarshalJSON() ([]byte, error) { return json.Marshal(map[string]any(o)) }

func (o jsonObject) appendIndented(b []byte, depth int) ([]byte, error) {
	keys := slices.Sorted(maps.Keys(o))
	laid := make([][]byte, len(keys))
	nested := false
	for i, k := range keys {
		if a, ok := o[k].(indentedAppender); ok {
			v, err := a.appendIndented(nil, depth+1)
			if err != nil {
				return nil, err
			}
			laid[i], nested = v, true
			continue
		}
		compact, err := json.Marshal(o[k])
		if err != nil {
			return nil, err
		}
		nested = nested || compact[0] == '[' || compact[0] == '{'
		laid[i] = indentJSON(nil, compact, depth+1)
	}
	if !nested { // all plain values: one line
		compact, err := json.Marshal(o)
		if err != nil {
			return nil, err
		}
		return indentJSON(b, compact, depth), nil
	}
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = lineAt(b, depth+1)
		b = appendStr(b, k)
		b = append(b, ": "...)
		b = append(b, laid[i]...)
	}
	b = lineAt(b, depth)
	return append(b, '}'), nil
}

// appendRows lays out an array of n flat items, each on its own line.
func appendRows(b []byte, depth, n int, item func(b []byte, i int) []byte) []byte {
	if n == 0 {
		return append(b, "[]"...)
	}
	b = append(b, '[')
	for i := range n {
		if i > 0 {
			b = append(b, ',')
		}
		b = lineAt(b, depth+1)
		b = item(b, i)
	}
	b = lineAt(b, depth)
	return append(b, ']')
}

// numRows is a matrix of numbers, a row per line.
type numRows []nums

func (m numRows) appendIndented(b []byte, depth int) ([]byte, error) {
	if m == nil {
		return append(b, "null"...), nil
	}
	return appendRows(b, depth, len(m), func(b []byte, i int) []byte {
		if m[i] == nil {
			return append(b, "null"...)
		}
		b = roomFor(b, 2+len(m[i])*24)
		b = append(b, '[')
		for j, x := range m[i] {
			if j > 0 {
				b = append(b, ", "...)
			}
			b = appendNum(b, x)
		}
		return append(b, ']')
	}), nil
}

// intRows is a matrix of whole numbers, a row per line.
type intRows [][]int

func (m intRows) appendIndented(b []byte, depth int) ([]byte, error) {
	if m == nil {
		return append(b, "null"...), nil
	}
	return appendRows(b, depth, len(m), func(b []byte, i int) []byte {
		if m[i] == nil {
			return append(b, "null"...)
		}
		b = roomFor(b, 2+len(m[i])*8)
		b = append(b, '[')
		for j, x := range m[i] {
			if j > 0 {
				b = append(b, ", "...)
			}
			b = strconv.AppendInt(b, int64(x), 10)
		}
		return append(b, ']')
	}), nil
}

// edgeList is the network's edges, one per line.
type edgeList []jsonEdge

func (es edgeList) appendIndented(b []byte, depth int) ([]byte, error) {
	if es == nil {
		return append(b, "null"...), nil
	}
	return appendRows(b, depth, len(es), func(b []byte, i int) []byte {
		e := es[i]
		b = roomFor(b, 256)
		b = append(b, `{"source": `...)
		b = appendStr(b, e.Source)
		b = append(b, `, "target": `...)
		b = appendStr(b, e.Target)
		b = append(b, `, "weight": `...)
		b = appendNum(b, e.Weight)
		return append(b, '}')
	}), nil
}
