package cli

import (
	"math"
	"strings"
	"testing"
)

func TestWriteJSONNaN(t *testing.T) {
	type inner struct {
		Alpha float64 `json:"alpha"`
		Skip  string  `json:"-"`
	}
	v := &struct {
		Zeta   float64   `json:"zeta"`
		Plain  int       // no tag: its Go name
		Items  []inner   `json:"items"`
		Empty  []float64 `json:"empty"`
		Inf    float64   `json:"inf,omitempty"`
		hidden int
	}{Zeta: 2.0 / 3, Plain: 5, Items: []inner{{math.NaN(), "x"}, {0.25, "y"}}, Inf: math.Inf(1)}
	var b strings.Builder
	if err := WriteJSONNaN(&b, v); err != nil {
		t.Fatal(err)
	}
	want := `{
  "Plain": 5,
  "empty": [],
  "inf": null,
  "items": [
    {
      "alpha": null
    },
    {
      "alpha": 0.25
    }
  ],
  "zeta": 0.666667
}
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}
