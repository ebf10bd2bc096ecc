package html

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// option is an echarts option as plain JSON values (maps, slices,
// strings, json.Number, float64, bool, nil), so that parts go-echarts'
// structs cannot say (a 0 their omitempty drops, a mark line between two
// coordinates) can be set before it is marshalled with encoding/json.
type option map[string]any

// echartsChart is what every go-echarts chart type offers.
type echartsChart interface {
	Validate()
	JSON() map[string]interface{}
}

// optionOf turns a go-echarts chart into an option. encoding/json fails
// on NaN and infinities, so none can slip through as broken JavaScript.
func optionOf(c echartsChart) (option, error) {
	c.Validate()
	b, err := json.Marshal(c.JSON())
	if err != nil {
		return nil, fmt.Errorf("html report: chart option: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var o option
	if err := dec.Decode(&o); err != nil {
		return nil, fmt.Errorf("html report: chart option: %w", err)
	}
	// go-echarts adds empty components the report does not use.
	for _, k := range []string{"toolbox", "title"} {
		if m, ok := o[k].(map[string]any); ok && len(m) == 0 {
			delete(o, k)
		}
	}
	o["animation"] = false
	return o, nil
}

// set stores v at a dotted path: map keys, and decimal indices into
// arrays ("visualMap.0.min"). Missing maps on the way are created;
// indices must exist.
func (o option) set(path string, v any) {
	var cur any = map[string]any(o)
	keys := strings.Split(path, ".")
	for i, k := range keys {
		last := i == len(keys)-1
		switch c := cur.(type) {
		case map[string]any:
			if last {
				c[k] = v
				return
			}
			next, ok := c[k]
			if !ok || next == nil {
				next = map[string]any{}
				c[k] = next
			}
			cur = next
		case []any:
			j, err := strconv.Atoi(k)
			if err != nil || j < 0 || j >= len(c) {
				panic(fmt.Sprintf("html report: option path %s: no element %s", path, k))
			}
			if last {
				c[j] = v
				return
			}
			cur = c[j]
		default:
			panic(fmt.Sprintf("html report: option path %s: %s is not a map or an array", path, k))
		}
	}
}
