package reports

import (
	"math"
	"strconv"
)

// Float is a number in the JSON the reports write. The analysis package
// spells a value that does not exist (an empty cell's mean, a distance
// between actors with no theme in common) as NaN, which JSON cannot hold:
// Float writes NaN, and the infinities, as null, and any other value in
// the shortest decimal form that reads back as the same float64, without
// an exponent ('f' format, so 1e-7 is 0.0000001).
type Float float64

// MarshalJSON writes v as AppendFloat does.
func (v Float) MarshalJSON() ([]byte, error) { return AppendFloat(nil, float64(v)), nil }

// AppendFloat appends v to b as Float writes it in JSON.
func AppendFloat(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, "null"...)
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}
