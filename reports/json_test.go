package reports

import (
	"encoding/json"
	"math"
	"testing"
)

// A NaN or infinite Float is JSON null; others read back as the same
// float64, with no exponent.
func TestFloatJSON(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		want string
	}{
		{math.NaN(), "null"}, {math.Inf(1), "null"}, {math.Inf(-1), "null"},
		{0, "0"}, {-1.5, "-1.5"}, {1.0 / 3, "0.3333333333333333"}, {1e-7, "0.0000001"}, {2e21, "2000000000000000000000"},
	} {
		b, err := json.Marshal(map[string]any{"x": Float(tc.v)})
		if err != nil {
			t.Fatal(err)
		}
		if got := string(b); got != `{"x":`+tc.want+`}` {
			t.Errorf("%v: %s, want %s", tc.v, got, tc.want)
		}
		var back struct{ X *float64 }
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if finite := !math.IsNaN(tc.v) && !math.IsInf(tc.v, 0); finite && (back.X == nil || *back.X != tc.v) || !finite && back.X != nil {
			t.Errorf("%v reads back as %v", tc.v, back.X)
		}
	}
}
