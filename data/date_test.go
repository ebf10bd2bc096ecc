package data

import (
	"errors"
	"testing"
	"unsafe"
)

func TestParseDate(t *testing.T) {
	cases := []struct {
		in          string
		want        string
		prec        Precision
		first, last string
	}{
		{"2013", "2013", PrecisionYear, "2013-01-01", "2013-12-31"},
		{"2013-11", "2013-11", PrecisionMonth, "2013-11-01", "2013-11-30"},
		{"2016-02", "2016-02", PrecisionMonth, "2016-02-01", "2016-02-29"},
		{"2013-11-05", "2013-11-05", PrecisionDay, "2013-11-05", "2013-11-05"},
		{" 2008-12-06 ", "2008-12-06", PrecisionDay, "2008-12-06", "2008-12-06"},
		{"2013-11-05T10:00:00Z", "2013-11-05", PrecisionDay, "2013-11-05", "2013-11-05"},
		{"2013-11-05 00:00:00", "2013-11-05", PrecisionDay, "2013-11-05", "2013-11-05"},
	}
	for _, tc := range cases {
		d, err := ParseDate(tc.in)
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if d.String() != tc.want || d.Precision != tc.prec {
			t.Errorf("%q: got %s (%s), want %s (%s)", tc.in, d, d.Precision, tc.want, tc.prec)
		}
		if f, l := d.First().Format("2006-01-02"), d.Last().Format("2006-01-02"); f != tc.first || l != tc.last {
			t.Errorf("%q spans %s..%s, want %s..%s", tc.in, f, l, tc.first, tc.last)
		}
	}
}

func TestParseDateRejects(t *testing.T) {
	for _, in := range []string{"", "32/13/2016", "2016-13", "2015-02-29", "2013-11-31", "13", "99999",
		"2013-1-5", "2013/11/05", "Nov 2013", "0999", "2013-00", "+2013", "2013-11-05-01", "２０１３"} {
		if d, err := ParseDate(in); err == nil {
			t.Errorf("%q parsed as %s, want an error", in, d)
		} else if !errors.Is(err, ErrDate) {
			t.Errorf("%q: error %v does not wrap ErrDate", in, err)
		}
	}
}

func TestDateOrder(t *testing.T) {
	y, _ := ParseDate("2013")
	m, _ := ParseDate("2013-01")
	d, _ := ParseDate("2013-01-01")
	later, _ := ParseDate("2013-01-02")
	if !(y.Compare(m) < 0 && m.Compare(d) < 0 && d.Compare(later) < 0 && later.Compare(y) > 0 && y.Compare(y) == 0) {
		t.Errorf("order of 2013 < 2013-01 < 2013-01-01 < 2013-01-02 not kept")
	}
	var z Date
	if err := z.UnmarshalText([]byte("2013-11")); err != nil || z.String() != "2013-11" {
		t.Errorf("text round trip: %v %s", err, z)
	}
}

// A date is 8 bytes and a statement 232 (on a 64-bit machine): at ten million statements,
// every byte of a statement is ten megabytes.
func TestDateAndStatementSizes(t *testing.T) {
	if n := unsafe.Sizeof(Date{}); n != 8 {
		t.Errorf("a Date takes %d bytes, want 8", n)
	}
	if n := unsafe.Sizeof(Statement{}); n != 232 && unsafe.Sizeof(uintptr(0)) == 8 {
		t.Errorf("a Statement takes %d bytes, want 232", n)
	}
}
