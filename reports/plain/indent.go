package plain

import (
	"bufio"
	"encoding/json"
	"io"
	"maps"
	"reflect"
	"slices"

	"github.com/stancemap/stancemap/reports"
)

// MarshalJSON writes a row of numbers in one go (a distance matrix of
// 2,000 actors holds four million), without a Marshaler call for each.
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
		b = reports.AppendFloat(b, float64(x))
	}
	return append(b, ']'), nil
}

// writeIndented writes v as encoding/json encodes it, laid out one key or
// element per line and indented by two spaces, except that an object or
// array holding only numbers, strings, booleans and nulls stays on one
// line: a matrix cell is one line, and so is a row of a distance matrix,
// not two thousand.
//
// Maps of string keys and slices are laid out member by member, each
// marshalled on its own, so that a large document goes to w piece by
// piece instead of being built whole twice (on the project's VM, fresh
// memory for a 7 MB analysis cost more than encoding it).
func writeIndented(w io.Writer, v any) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	var dst []byte
	if err := writeValue(bw, &dst, v, 0); err != nil {
		return err
	}
	bw.WriteByte('\n')
	return bw.Flush()
}

// writeValue writes one value at depth; dst is a buffer reused between
// pieces.
func writeValue(w *bufio.Writer, dst *[]byte, v any, depth int) error {
	members, keys, err := split(v)
	if err != nil {
		return err
	}
	if members == nil {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		*dst = indentJSON((*dst)[:0], b, depth)
		_, err = w.Write(*dst)
		return err
	}
	open, close := byte('['), byte(']')
	if keys != nil {
		open, close = '{', '}'
	}
	w.WriteByte(open)
	for i, m := range members {
		if i > 0 {
			w.WriteByte(',')
		}
		*dst = lineAt((*dst)[:0], depth+1)
		if keys != nil {
			*dst = append(append(*dst, keys[i]...), ": "...)
		}
		w.Write(*dst)
		if err := writeValue(w, dst, m, depth+1); err != nil {
			return err
		}
	}
	*dst = append(lineAt((*dst)[:0], depth), close)
	_, err = w.Write(*dst)
	return err
}

// split returns the members of a map of string keys (with their keys,
// sorted and encoded as encoding/json does) or of a slice, when one of
// them is an object or an array, so that v is laid out over lines; it
// returns nil members for any other value, and for a map or slice that
// fits on one line, to be marshalled whole.
func split(v any) (members []any, keys [][]byte, err error) {
	if _, ok := v.(json.Marshaler); ok {
		return nil, nil, nil
	}
	switch x := v.(type) {
	case map[string]any:
		names := slices.Sorted(maps.Keys(x))
		deep := false
		for _, k := range names {
			members = append(members, x[k])
			deep = deep || nested(x[k])
			q, err := json.Marshal(k)
			if err != nil {
				return nil, nil, err
			}
			keys = append(keys, q)
		}
		if !deep {
			return nil, nil, nil
		}
		return members, keys, nil
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice || rv.IsNil() || rv.Len() == 0 || rv.Type().Elem().Kind() == reflect.Uint8 {
		return nil, nil, nil
	}
	deep := false
	for i := range rv.Len() {
		m := rv.Index(i).Interface()
		members = append(members, m)
		deep = deep || nested(m)
	}
	if !deep {
		return nil, nil, nil
	}
	return members, nil, nil
}

// indentJSON appends src, compact JSON as json.Marshal writes it, to dst
// laid out as writeIndented describes, depth levels deep.
func indentJSON(dst, src []byte, depth int) []byte {
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '"':
			dst, i = appendString(dst, src, i)
		case '{', '[':
			if end, ok := flatEnd(src, i); ok {
				dst = appendFlat(dst, src[i:end])
				i = end - 1
				continue
			}
			depth++
			dst = lineAt(append(dst, c), depth)
		case '}', ']':
			depth--
			dst = append(lineAt(dst, depth), c)
		case ',':
			dst = lineAt(append(dst, ','), depth)
		case ':':
			dst = append(dst, ": "...)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// lineAt starts a new line indented d levels.
func lineAt(b []byte, d int) []byte {
	b = append(b, '\n')
	for range d {
		b = append(b, "  "...)
	}
	return b
}

// appendString appends the JSON string starting at src[i] and returns
// the index of its closing quote, where the caller's loop goes on.
func appendString(dst, src []byte, i int) ([]byte, int) {
	j := stringEnd(src, i)
	return append(dst, src[i:j]...), j - 1
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
func appendFlat(dst, flat []byte) []byte {
	for j := 0; j < len(flat); j++ {
		switch c := flat[j]; c {
		case '"':
			dst, j = appendString(dst, flat, j)
		case ',', ':':
			dst = append(dst, c, ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// nested tells whether v encodes as an object or an array, from its type
// where that is enough (a slice type with its own MarshalJSON, such as a
// row of numbers, encodes as an array), by marshalling it otherwise.
func nested(v any) bool {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface {
		if rv.IsNil() {
			return false
		}
		rv = rv.Elem()
	}
	_, marshaler := v.(json.Marshaler)
	switch k := rv.Kind(); {
	case k == reflect.Slice && rv.Type().Elem().Kind() != reflect.Uint8:
		return !rv.IsNil()
	case marshaler:
		b, err := json.Marshal(v)
		return err == nil && len(b) > 0 && (b[0] == '{' || b[0] == '[')
	case k == reflect.Map:
		return !rv.IsNil()
	case k == reflect.Struct, k == reflect.Array:
		return true
	}
	return false
}
