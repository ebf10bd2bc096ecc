package plain

import (
	"encoding/json"
	"errors"
	"io"
	"maps"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
)

// MarshalJSON writes a row of numbers in one go (a distance matrix of
// 2,000 actors holds four million): as encoding/json writes jsonNum
// values one by one, without a Marshaler call for each.
func (v nums) MarshalJSON() ([]byte, error) {
	if v == nil {
		return []byte("null"), nil
	}
	b := make([]byte, 0, 2+len(v)*20)
	b = append(b, '[')
	for i, x := range v {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendNum(b, x)
	}
	return append(b, ']'), nil
}

// matricesJSON is the "matrices" section of an analysis.
type matricesJSON struct {
	Overall            jsonMatrix
	Periods            []jsonMatrix
	Unplaced           []jsonUnplaced
	BootstrapResamples int
	CILevel            float64
	Seed               uint64
}

// appendJSON writes the section compact, as json.Marshal writes the map
// with the same keys, in their sorted order: for anyone encoding it with
// encoding/json (encodeIndented lays it out with appendIndented).
func (m matricesJSON) appendJSON(b []byte) ([]byte, error) {
	scalar := func(key string, v any) error {
		j, err := json.Marshal(v)
		b = append(b, key...)
		b = append(b, j...)
		return err
	}
	b = append(b, '{')
	if err := scalar(`"bootstrap_resamples":`, m.BootstrapResamples); err != nil {
		return nil, err
	}
	if err := scalar(`,"ci_level":`, m.CILevel); err != nil {
		return nil, err
	}
	b = append(b, `,"overall":`...)
	b = m.Overall.appendJSON(b)
	b = append(b, `,"periods":[`...)
	for i, p := range m.Periods {
		if i > 0 {
			b = append(b, ',')
		}
		b = p.appendJSON(b)
	}
	b = append(b, ']')
	if err := scalar(`,"seed":`, m.Seed); err != nil {
		return nil, err
	}
	if err := scalar(`,"unplaced":`, m.Unplaced); err != nil {
		return nil, err
	}
	return append(b, '}'), nil
}

// indentedAppender is a part of a document that lays itself out as
// indentJSON lays out its compact JSON, depth levels deep, faster than
// the two passes would.
type indentedAppender interface {
	appendIndented(b []byte, depth int) ([]byte, error)
}

// appendIndented lays the section out as indentJSON(b, m.appendJSON(),
// depth) does, with the matrices of the periods, nearly all of its
// bytes, encoded and indented on every core.
func (m matricesJSON) appendIndented(b []byte, depth int) ([]byte, error) {
	cs, err := m.chunks(depth)
	if err != nil {
		return nil, err
	}
	return appendChunks(b, cs), nil
}

// chunks gives the section in pieces: each period's matrix is one, laid
// out on its own, and written to the file as it is.
func (m matricesJSON) chunks(depth int) ([][]byte, error) {
	field := func(b []byte, key string, v any) ([]byte, error) {
		j, err := json.Marshal(v)
		b = lineAt(b, depth+1)
		b = append(b, key...)
		b = append(b, ": "...)
		return append(b, j...), err
	}
	b := []byte{'{'}
	var err error
	if b, err = field(b, `"bootstrap_resamples"`, m.BootstrapResamples); err != nil {
		return nil, err
	}
	b = append(b, ',')
	if b, err = field(b, `"ci_level"`, m.CILevel); err != nil {
		return nil, err
	}
	b = append(b, ',')
	b = lineAt(b, depth+1)
	b = append(b, `"overall": `...)
	b = m.Overall.appendIndented(b, depth+1)
	b = append(b, ',')
	b = lineAt(b, depth+1)
	b = append(b, `"periods": [`...)
	cs := [][]byte{b}
	if len(m.Periods) > 0 {
		laid := make([][]byte, len(m.Periods))
		var next atomic.Int64
		var wg sync.WaitGroup
		for range min(runtime.GOMAXPROCS(0), len(m.Periods)) {
			wg.Go(func() {
				for {
					i := int(next.Add(1)) - 1
					if i >= len(m.Periods) {
						return
					}
					laid[i] = m.Periods[i].appendIndented(nil, depth+2)
				}
			})
		}
		wg.Wait()
		for i, p := range laid {
			var sep []byte
			if i > 0 {
				sep = append(sep, ',')
			}
			cs = append(cs, lineAt(sep, depth+2), p)
		}
		cs = append(cs, lineAt(nil, depth+1))
	}
	b = []byte("],")
	if b, err = field(b, `"seed"`, m.Seed); err != nil {
		return nil, err
	}
	b = append(b, ',')
	b = lineAt(b, depth+1)
	b = append(b, `"unplaced": `...)
	unplaced, err := json.Marshal(m.Unplaced)
	if err != nil {
		return nil, err
	}
	b = indentJSON(b, unplaced, depth+1)
	b = lineAt(b, depth)
	return append(cs, append(b, '}')), nil
}

// appendChunks appends the pieces to b, sizing it once.
func appendChunks(b []byte, cs [][]byte) []byte {
	size := 0
	for _, c := range cs {
		size += len(c)
	}
	b = roomFor(b, size)
	for _, c := range cs {
		b = append(b, c...)
	}
	return b
}

// MarshalJSON gives the same bytes to anyone encoding the section with
// encoding/json.
func (m matricesJSON) MarshalJSON() ([]byte, error) { return m.appendJSON(nil) }

// appendIndented lays a matrix out as indentJSON(b, m.appendJSON(nil),
// depth) does, writing its cells straight in their one-line form.
func (m jsonMatrix) appendIndented(b []byte, depth int) []byte {
	b = append(b, '{')
	for _, f := range [...]struct{ key, v string }{{`"period": `, m.Period}, {`"from": `, m.From}, {`"to": `, m.To}} {
		b = lineAt(b, depth+1)
		b = append(b, f.key...)
		b = appendStr(b, f.v)
		b = append(b, ',')
	}
	for _, list := range [...]struct {
		key string
		v   []string
	}{{`"rows": `, m.Rows}, {`"themes": `, m.Themes}} {
		b = lineAt(b, depth+1)
		b = append(b, list.key...)
		switch {
		case list.v == nil:
			b = append(b, "null"...)
		default:
			b = append(b, '[')
			for i, s := range list.v {
				if i > 0 {
					b = append(b, ", "...)
				}
				b = appendStr(b, s)
			}
			b = append(b, ']')
		}
		b = append(b, ',')
	}
	b = lineAt(b, depth+1)
	b = append(b, `"cells": `...)
	switch {
	case m.Cells == nil:
		b = append(b, "null"...)
	case len(m.Cells) == 0:
		b = append(b, "[]"...)
	default:
		b = roomFor(b, len(m.Cells)*(256+2*depth)) // a cell is about 200 bytes
		b = append(b, '[')
		for i, c := range m.Cells {
			b = roomFor(b, 512)
			if i > 0 {
				b = append(b, ',')
			}
			b = lineAt(b, depth+2)
			b = c.appendTo(b, true)
		}
		b = lineAt(b, depth+1)
		b = append(b, ']')
	}
	b = lineAt(b, depth)
	return append(b, '}')
}

// appendJSON writes a matrix as json.Marshal writes it.
func (m jsonMatrix) appendJSON(b []byte) []byte {
	b = append(b, `{"period":`...)
	b = appendStr(b, m.Period)
	b = append(b, `,"from":`...)
	b = appendStr(b, m.From)
	b = append(b, `,"to":`...)
	b = appendStr(b, m.To)
	for _, list := range []struct {
		key string
		v   []string
	}{{`,"rows":`, m.Rows}, {`,"themes":`, m.Themes}} {
		b = append(b, list.key...)
		if list.v == nil {
			b = append(b, "null"...)
			continue
		}
		b = append(b, '[')
		for i, s := range list.v {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendStr(b, s)
		}
		b = append(b, ']')
	}
	b = append(b, `,"cells":`...)
	if m.Cells == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, c := range m.Cells {
			b = roomFor(b, 512)
			if i > 0 {
				b = append(b, ',')
			}
			b = c.appendJSON(b)
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// encodeIndented writes doc as one JSON object, one key per line and
// nested objects and arrays indented by two spaces, except that an
// object or array holding only numbers, strings, booleans and nulls
// stays on one line: a matrix cell is one line, and so is a row of a
// distance matrix, not two thousand. The top-level values are encoded
// on every core.
func encodeIndented(w io.Writer, doc map[string]any) error {
	keys := slices.Sorted(maps.Keys(doc))
	parts := make([][][]byte, len(keys)) // each value's text, in one or more pieces
	errs := make([]error, len(keys))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(keys)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(keys) {
					return
				}
				if a, ok := doc[keys[i]].(indentedAppender); ok {
					if c, ok := a.(chunkedAppender); ok {
						parts[i], errs[i] = c.chunks(1)
						continue
					}
					var laid []byte
					laid, errs[i] = a.appendIndented(nil, 1)
					parts[i] = [][]byte{laid}
					continue
				}
				compact, err := json.Marshal(doc[keys[i]])
				if err != nil {
					errs[i] = err
					continue
				}
				parts[i] = [][]byte{indentJSON(make([]byte, 0, len(compact)+len(compact)/4), compact, 1)}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	// Each part goes to w as it is: a large one is most of the document,
	// and copying it into one buffer first would only add its megabytes.
	b := []byte("{\n")
	for i, k := range keys {
		b = append(b, "  "...)
		b = strconv.AppendQuote(b, k)
		b = append(b, ": "...)
		if _, err := w.Write(b); err != nil {
			return err
		}
		for _, p := range parts[i] {
			if _, err := w.Write(p); err != nil {
				return err
			}
		}
		b = b[:0]
		if i < len(keys)-1 {
			b = append(b, ',')
		}
		b = append(b, '\n')
	}
	_, err := w.Write(append(b, "}\n"...))
	return err
}

// lineAt starts a new line indented d levels.
func lineAt(b []byte, d int) []byte {
	b = append(b, '\n')
	for range d {
		b = append(b, "  "...)
	}
	return b
}

// roomFor makes sure b has room for n more bytes, doubling its capacity
// when it has not: append alone grows a large buffer by a quarter at a
// time, and the copies it leaves behind were most of the memory an
// analysis of a million statements wrote its JSON with.
func roomFor(b []byte, n int) []byte {
	if cap(b)-len(b) >= n {
		return b
	}
	return slices.Grow(b, max(n, cap(b)))
}

// writeIndented writes v as encodeIndented lays a document out, for
// the smaller documents written on one core.
func writeIndented(w io.Writer, v any) error {
	compact, err := json.Marshal(v)
	if err != nil {
		return err
	}
	b := indentJSON(make([]byte, 0, len(compact)+len(compact)/4), compact, 0)
	_, err = w.Write(append(b, '\n'))
	return err
}

// indentJSON appends src, compact JSON as json.Marshal writes it, to dst
// indented as encodeIndented describes, depth levels deep.
func indentJSON(dst, src []byte, depth int) []byte {
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case '"':
			j := stringEnd(src, i)
			dst = append(dst, src[i:j]...)
			i = j - 1
		case '{', '[':
			if end, ok := flatEnd(src, i); ok {
				dst = appendFlat(dst, src[i:end])
				i = end - 1
				continue
			}
			dst = append(dst, c)
			depth++
			dst = lineAt(dst, depth)
		case '}', ']':
			depth--
			dst = lineAt(dst, depth)
			dst = append(dst, c)
		case ',':
			dst = append(dst, ',')
			dst = lineAt(dst, depth)
		case ':':
			dst = append(dst, ": "...)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// stringEnd returns the index just past the JSON string starting at
// src[i].
func stringEnd(src []byte, i int) int {
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(src)
}

// flatEnd returns the index just past the object or array starting at
// src[i] and true when it holds no object or array; false as soon as it
// does.
func flatEnd(src []byte, i int) (int, bool) {
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '"':
			j = stringEnd(src, j) - 1
		case '{', '[':
			return 0, false
		case '}', ']':
			return j + 1, true
		}
	}
	return len(src), true
}

// appendFlat appends a flat object or array with a space after each
// comma and colon.
func appendFlat(dst, arr []byte) []byte {
	for j := 0; j < len(arr); j++ {
		switch arr[j] {
		case '"':
			k := stringEnd(arr, j)
			dst = append(dst, arr[j:k]...)
			j = k - 1
		case ',':
			dst = append(dst, ", "...)
		case ':':
			dst = append(dst, ": "...)
		default:
			dst = append(dst, arr[j])
		}
	}
	return dst
}
