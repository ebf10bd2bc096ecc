package xlsx

import "github.com/xuri/excelize/v2"

// The report's colours: red for opposing the positive pole, blue for
// supporting it (the stance scale), and one colour per bloc.
const (
	colourOppose  = "#D7301F"
	colourSupport = "#2B6CB0"
	colourHeader  = "#E8ECF1"
)

// blocColours are the markers of blocs 1, 2, … on the map (colour-blind
// safe, Okabe & Ito 2008); blocColourNone marks actors in no bloc.
var blocColours = []string{"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"}

const blocColourNone = "#8C8C8C"

func blocColour(label int) string {
	if label <= 0 {
		return blocColourNone
	}
	return blocColours[(label-1)%len(blocColours)]
}

// lineColours are the series of the evolution charts.
var lineColours = []string{"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C564B"}

// styles holds the workbook's cell styles.
type styles struct {
	title, header, wrap, link, note int
	para, headerC                   int
	stance, signed, count, share    int
	dec2, dec3, pct, text, date     int
	key                             int
}

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	mk := func(dst *int, st *excelize.Style) {
		if err != nil {
			return
		}
		*dst, err = f.NewStyle(st)
	}
	fmtp := func(s string) *string { return &s }
	mk(&s.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	mk(&s.header, &excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colourHeader}},
		Border:    []excelize.Border{{Type: "bottom", Color: "#8C8C8C", Style: 1}},
		Alignment: &excelize.Alignment{Vertical: "top"}})
	mk(&s.headerC, &excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colourHeader}},
		Border:    []excelize.Border{{Type: "bottom", Color: "#8C8C8C", Style: 1}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
	mk(&s.wrap, &excelize.Style{Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}})
	mk(&s.link, &excelize.Style{Font: &excelize.Font{Color: "#1F5FA8", Underline: "single"}, Alignment: &excelize.Alignment{Vertical: "top"}})
	mk(&s.note, &excelize.Style{Font: &excelize.Font{Italic: true, Color: "#555555"}})
	mk(&s.para, &excelize.Style{Font: &excelize.Font{Italic: true, Color: "#555555"}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	mk(&s.key, &excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top"}})
	mk(&s.stance, &excelize.Style{CustomNumFmt: fmtp("+0.00;-0.00;0.00"), Alignment: &excelize.Alignment{Horizontal: "center"}})
	mk(&s.signed, &excelize.Style{CustomNumFmt: fmtp("+0.00;-0.00;0.00")})
	mk(&s.count, &excelize.Style{NumFmt: 1, Alignment: &excelize.Alignment{Horizontal: "center"}})
	mk(&s.share, &excelize.Style{NumFmt: 9, Alignment: &excelize.Alignment{Horizontal: "center"}})
	mk(&s.dec2, &excelize.Style{NumFmt: 2})
	mk(&s.dec3, &excelize.Style{CustomNumFmt: fmtp("0.000")})
	mk(&s.pct, &excelize.Style{NumFmt: 10})
	mk(&s.text, &excelize.Style{NumFmt: 49})
	mk(&s.date, &excelize.Style{NumFmt: 49, Alignment: &excelize.Alignment{Horizontal: "left"}})
	return s, err
}

// styled is a value with a style.
func styled(style int, v any) excelize.Cell { return excelize.Cell{StyleID: style, Value: v} }

// headerRow styles header names.
func (w *writer) headerRow(names ...string) []any {
	out := make([]any, len(names))
	for i, n := range names {
		out[i] = styled(w.st.header, n)
	}
	return out
}
