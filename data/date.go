package data

import (
	"cmp"
	"fmt"
	"strings"
	"time"
)

// Precision says how much of a Date is known.
type Precision uint8

const (
	// PrecisionNone marks the zero Date: no date at all.
	PrecisionNone Precision = iota
	PrecisionYear
	PrecisionMonth
	PrecisionDay
)

func (p Precision) String() string {
	switch p {
	case PrecisionYear:
		return "year"
	case PrecisionMonth:
		return "month"
	case PrecisionDay:
		return "day"
	}
	return "none"
}

// Date is a calendar date known to a year, a month or a day. A statement
// dated "2013" is a statement from some time in 2013, not from 1 January:
// the precision travels with the value so that periods and reports never
// pretend to know more than the source said.
//
// A Date takes 8 bytes, so that a corpus of millions of statements,
// each dated, stays small.
type Date struct {
	Year      int32
	Month     int8 // 1..12 when Precision ≥ PrecisionMonth, else 0
	Day       int8 // 1..31 when Precision == PrecisionDay, else 0
	Precision Precision
}

// IsZero reports whether d holds no date.
func (d Date) IsZero() bool { return d.Precision == PrecisionNone }

// String formats d in ISO 8601 at its own precision: 2013, 2013-11 or 2013-11-05.
func (d Date) String() string {
	if d.Precision == PrecisionNone {
		return ""
	}
	// Written by hand: reports format millions of dates.
	b := make([]byte, 0, 10)
	b = append(b, byte('0'+d.Year/1000%10), byte('0'+d.Year/100%10), byte('0'+d.Year/10%10), byte('0'+d.Year%10))
	if d.Precision >= PrecisionMonth {
		b = append(b, '-', byte('0'+d.Month/10), byte('0'+d.Month%10))
	}
	if d.Precision == PrecisionDay {
		b = append(b, '-', byte('0'+d.Day/10), byte('0'+d.Day%10))
	}
	return string(b)
}

// First is the first day the date may stand for (1 January for a year).
func (d Date) First() time.Time {
	m, day := d.Month, d.Day
	if m == 0 {
		m = 1
	}
	if day == 0 {
		day = 1
	}
	return time.Date(int(d.Year), time.Month(m), int(day), 0, 0, 0, 0, time.UTC)
}

// Last is the last day the date may stand for (31 December for a year).
func (d Date) Last() time.Time {
	switch d.Precision {
	case PrecisionYear:
		return time.Date(int(d.Year), 12, 31, 0, 0, 0, 0, time.UTC)
	case PrecisionMonth:
		return time.Date(int(d.Year), time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC)
	}
	return d.First()
}

// Compare orders dates by their first day, then coarser before finer
// precision, so that sorting is total and deterministic.
func (d Date) Compare(e Date) int {
	if c := d.compareFirst(e); c != 0 {
		return c
	}
	switch {
	case d.Precision < e.Precision:
		return -1
	case d.Precision > e.Precision:
		return 1
	}
	return 0
}

// compareFirst compares the first days of d and e: field by field when
// both are real calendar days (always, for dates read from a file),
// through time.Date, which normalises out-of-range fields, otherwise.
func (d Date) compareFirst(e Date) int {
	dy, dm, dd := d.firstDay()
	ey, em, ed := e.firstDay()
	if dm < 1 || dm > 12 || em < 1 || em > 12 || dd < 1 || ed < 1 || dd > daysInMonth(dy, dm) || ed > daysInMonth(ey, em) {
		return d.First().Compare(e.First())
	}
	return compareDays(dy, dm, dd, ey, em, ed)
}

// CompareLast compares the last days d and e may stand for (Last),
// without building time values when both are real calendar dates.
func (d Date) CompareLast(e Date) int {
	dy, dm, dd, dok := d.lastDay()
	ey, em, ed, eok := e.lastDay()
	if !dok || !eok {
		return d.Last().Compare(e.Last())
	}
	return compareDays(dy, dm, dd, ey, em, ed)
}

// lastDay is the year, month and day of Last; ok is false when d's
// fields are out of range, for Last to normalise.
func (d Date) lastDay() (year, month, day int, ok bool) {
	year, month, day = d.firstDay()
	if month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) {
		return 0, 0, 0, false
	}
	switch d.Precision {
	case PrecisionYear:
		return year, 12, 31, true
	case PrecisionMonth:
		return year, month, daysInMonth(year, month), true
	}
	return year, month, day, true
}

// compareDays orders two days given as year, month and day.
func compareDays(y1, m1, d1, y2, m2, d2 int) int {
	if c := cmp.Compare(y1, y2); c != 0 {
		return c
	}
	if c := cmp.Compare(m1, m2); c != 0 {
		return c
	}
	return cmp.Compare(d1, d2)
}

// firstDay is the year, month and day of First.
func (d Date) firstDay() (year, month, day int) {
	year, month, day = int(d.Year), int(d.Month), int(d.Day)
	if month == 0 {
		month = 1
	}
	if day == 0 {
		day = 1
	}
	return year, month, day
}

// MarshalText writes the ISO form; the zero Date writes as empty.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText parses the ISO form written by MarshalText.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// ErrDate is wrapped by every date parsing error.
var ErrDate = fmt.Errorf("invalid date")

// dateExpected is the hint shown in every date error.
const dateExpected = "YYYY, YYYY-MM or YYYY-MM-DD"

// ParseDate reads an ISO 8601 calendar date of year, month or day
// precision: "2013", "2013-11" or "2013-11-05". Surrounding spaces are
// ignored; a time part after the day ("2013-11-05T10:00:00Z" or
// "2013-11-05 10:00"), as spreadsheets often add, is accepted and dropped.
// Years run from 1000 to 9999. Anything else, including day-first forms
// such as "32/13/2016" whose meaning depends on a locale, is an error.
func ParseDate(s string) (Date, error) {
	if d, ok := parseISODate(s); ok {
		return d, nil
	}
	s = strings.TrimSpace(s)
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') && strings.IndexAny(s[:10], "T ") < 0 {
		s = s[:10] // a time after the day
	}
	bad := func(why string) (Date, error) {
		return Date{}, fmt.Errorf("%w: %s", ErrDate, why)
	}
	if s == "" {
		return bad("empty")
	}
	if strings.Count(s, "-") > 2 {
		return bad("too many parts")
	}
	// Read without allocating: a corpus holds a date per statement.
	var nums [3]int
	n := 0
	for {
		i := strings.IndexByte(s, '-')
		p := s
		if i >= 0 {
			p = s[:i]
		}
		if len(p) != [3]int{4, 2, 2}[n] {
			return bad("not in ISO form")
		}
		for k := 0; k < len(p); k++ {
			if p[k] < '0' || p[k] > '9' {
				return bad("not in ISO form")
			}
			nums[n] = nums[n]*10 + int(p[k]-'0')
		}
		n++
		if i < 0 {
			break
		}
		s = s[i+1:]
	}
	// Four digits of year and two of month and day: each fits its field.
	d := Date{Year: int32(nums[0]), Precision: Precision(n)}
	if nums[0] < 1000 {
		return bad("year before 1000")
	}
	if n >= 2 {
		if nums[1] < 1 || nums[1] > 12 {
			return bad(fmt.Sprintf("month %d is not 1..12", nums[1]))
		}
		d.Month = int8(nums[1])
	}
	if n == 3 {
		last := daysInMonth(nums[0], nums[1])
		if nums[2] < 1 || nums[2] > last {
			return bad(fmt.Sprintf("day %d is not 1..%d", nums[2], last))
		}
		d.Day = int8(nums[2])
	}
	return d, nil
}

// parseISODate reads the common case, a valid date written exactly as
// 2013, 2013-11 or 2013-11-05, with a byte loop: a corpus holds a date
// per statement, and the general reader's searches cost more than the
// digits. Anything else, errors included, is left to ParseDate.
func parseISODate(s string) (Date, bool) {
	n := len(s)
	if n != 4 && n != 7 && n != 10 {
		return Date{}, false
	}
	num := func(i, j int) (int, bool) {
		v := 0
		for ; i < j; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		return v, true
	}
	y, ok := num(0, 4)
	if !ok || y < 1000 {
		return Date{}, false
	}
	d := Date{Year: int32(y), Precision: PrecisionYear}
	if n >= 7 {
		m, ok := num(5, 7)
		if s[4] != '-' || !ok || m < 1 || m > 12 {
			return Date{}, false
		}
		d.Month, d.Precision = int8(m), PrecisionMonth
		if n == 10 {
			day, ok := num(8, 10)
			if s[7] != '-' || !ok || day < 1 || day > daysInMonth(y, m) {
				return Date{}, false
			}
			d.Day, d.Precision = int8(day), PrecisionDay
		}
	}
	return d, true
}

// daysInMonth is the number of days of a month in the Gregorian calendar.
func daysInMonth(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
