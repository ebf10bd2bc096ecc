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
	cs, err := o.chunks(depth)
	if err != nil {
		return nil, err
	}
	return appendChunks(b, cs), nil
}

// chunkedAppender is a part whose laid-out text comes in pieces, written
// one after the other: an object holding a matrix of millions of numbers
// need not copy it into one buffer.
type chunkedAppender interface {
	chunks(depth int) ([][]byte, error)
}

func (o jsonObject) chunks(depth int) ([][]byte, error) {
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
		return [][]byte{indentJSON(nil, compact, depth)}, nil
	}
	cs := make([][]byte, 0, 2*len(keys)+1)
	var b []byte
	for i, k := range keys {
		if i == 0 {
			b = append(b, '{')
		} else {
			b = append(b, ',')
		}
		b = lineAt(b, depth+1)
		b = appendStr(b, k)
		b = append(b, ": "...)
		cs = append(cs, b, laid[i])
		b = nil
	}
	return append(cs, append(lineAt(nil, depth), '}')), nil
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

// sizeOfRows estimates the bytes of n rows laid out depth deep, given
// an estimate of each row's own: the buffer is sized once, not grown
// (and copied) row by row.
func sizeOfRows(n, depth int, row func(i int) int) int {
	size := 2 + 2*depth
	for i := range n {
		size += row(i) + 2*depth + 6
	}
	return size
}

// numRows is a matrix of numbers, a row per line.
type numRows []nums

func (m numRows) appendIndented(b []byte, depth int) ([]byte, error) {
	return appendMatrix(b, depth, m, 20, appendNum), nil
}

// intRows is a matrix of whole numbers, a row per line.
type intRows [][]int

func (m intRows) appendIndented(b []byte, depth int) ([]byte, error) {
	return appendMatrix(b, depth, m, 4, func(b []byte, x int) []byte { return strconv.AppendInt(b, int64(x), 10) }), nil
}

// appendMatrix lays out rows of plain values, a row per line, each
// value written by one and taking about width bytes.
func appendMatrix[R ~[]T, T any](b []byte, depth int, m []R, width int, one func([]byte, T) []byte) []byte {
	if m == nil {
		return append(b, "null"...)
	}
	b = roomFor(b, sizeOfRows(len(m), depth, func(i int) int { return len(m[i]) * width }))
	return appendRows(b, depth, len(m), func(b []byte, i int) []byte {
		if m[i] == nil {
			return append(b, "null"...)
		}
		b = roomFor(b, 2+len(m[i])*(width+4))
		b = append(b, '[')
		for j, x := range m[i] {
			if j > 0 {
				b = append(b, ", "...)
			}
			b = one(b, x)
		}
		return append(b, ']')
	})
}

// edgeList is the network's edges, one per line.
type edgeList []jsonEdge

func (es edgeList) appendIndented(b []byte, depth int) ([]byte, error) {
	if es == nil {
		return append(b, "null"...), nil
	}
	b = roomFor(b, len(es)*(64+2*depth))
	return appendRows(b, depth, len(es), func(b []byte, i int) []byte {
		return es[i].appendTo(roomFor(b, 256), true)
	}), nil
}
