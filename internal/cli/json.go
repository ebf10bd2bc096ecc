package cli

import (
	"encoding/json"
	"io"
	"math"
	"reflect"
	"strings"

	"github.com/stancemap/stancemap/reports"
)

// WriteJSONNaN writes v as indented JSON for extract, evaluate and
// agreement: floats as reports.Float writes them (NaN or infinite, an
// undefined coefficient, is null) after rounding to six decimals, and an
// object's keys sorted (struct fields named by their json tags).
func WriteJSONNaN(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(nanToNull(reflect.ValueOf(v)))
}

// nanToNull copies v into maps, slices and plain values that encoding/json
// writes as the rule says.
func nanToNull(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return nanToNull(v.Elem())
	case reflect.Struct:
		m := map[string]any{}
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || name == "-" {
				continue
			}
			if name == "" {
				name = f.Name
			}
			m[name] = nanToNull(v.Field(i))
		}
		return m
	case reflect.Slice, reflect.Array:
		out := make([]any, v.Len())
		for i := range out {
			out[i] = nanToNull(v.Index(i))
		}
		return out
	case reflect.Float32, reflect.Float64:
		// The project's one rule for floats in JSON (NaN and ±Inf are
		// null) is reports.Float's; rounding keeps these reports short.
		return reports.Float(math.Round(v.Float()*1e6) / 1e6)
	}
	return v.Interface()
}
