package plain

import (
	"encoding/json"
	"github.com/stancemap/stancemap/reports"
	"io"
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
// laid out as writeIndented describes, depth levels deep.
func indentJSON(dst, src []byte, depth int) []byte {
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
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
			k := stringEnd(flat, j)
			dst = append(dst, flat[j:k]...)
			j = k - 1
		case ',', ':':
			dst = append(dst, c, ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}
