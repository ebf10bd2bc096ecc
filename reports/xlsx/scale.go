package xlsx

import (
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/xuri/excelize/v2"

	"github.com/stancemap/stancemap/analysis"
)

// WriteScale writes the positions of a scaling as a workbook: a
// Positions sheet (an Excel table, one row per actor and period, with a
// data bar on the position) and an About sheet with the axis, the method
// and the interval. Texts from the input are written as text, never as
// formulas. Options.Version, Input, Generated and Options apply.
func WriteScale(out io.Writer, s *analysis.Scaling, opt Options) error {
	if s == nil || len(s.Positions) == 0 {
		return errors.New("xlsx: no positions to write")
	}
	f := excelize.NewFile(excelize.Options{})
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	const about, pos = "About", "Positions"
	if err := f.SetSheetName("Sheet1", about); err != nil {
		return err
	}
	if _, err := f.NewSheet(pos); err != nil {
		return err
	}
	set := func(sheet string, col, row int, v any, style int) error {
		cell, err := excelize.CoordinatesToCellName(col, row)
		if err != nil {
			return err
		}
		switch x := v.(type) {
		case string:
			err = f.SetCellStr(sheet, cell, x)
		case float64:
			if math.IsNaN(x) {
				return nil
			}
			err = f.SetCellFloat(sheet, cell, x, -1, 64)
		default:
			err = f.SetCellValue(sheet, cell, v)
		}
		if err == nil && style > 0 {
			err = f.SetCellStyle(sheet, cell, cell, style)
		}
		return err
	}
	head := []string{"actor", "period", "position", "low", "high", "n"}
	for i, h := range head {
		if err := set(pos, i+1, 1, h, st.header); err != nil {
			return err
		}
	}
	for r, p := range s.Positions {
		row := r + 2
		for i, v := range []any{p.Actor, p.Period, p.Value, p.Low, p.High, p.N} {
			style := 0
			if i >= 2 && i <= 4 {
				style = st.signed
			}
			if err := set(pos, i+1, row, v, style); err != nil {
				return err
			}
		}
	}
	last := len(s.Positions) + 1
	if err := f.AddTable(pos, &excelize.Table{Range: fmt.Sprintf("A1:F%d", last), Name: "tblPositions", StyleName: "TableStyleLight9", ShowRowStripes: ptrBool(true)}); err != nil {
		return err
	}
	if err := f.SetConditionalFormat(pos, fmt.Sprintf("C2:C%d", last), []excelize.ConditionalFormatOptions{{Type: "data_bar", Criteria: "=", MinType: "min", MaxType: "max", BarColor: "#4393C3"}}); err != nil {
		return err
	}
	if err := f.SetColWidth(pos, "A", "B", 14); err != nil {
		return err
	}
	if err := f.SetColWidth(pos, "C", "F", 11); err != nil {
		return err
	}
	if err := f.SetPanes(pos, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	lines := [][2]string{
		{"Positions on", fmt.Sprintf("%s (%s)", s.Axis.Label, s.Axis.ID)},
		{"+ end", s.Axis.Positive},
		{"− end", s.Axis.Negative},
		{"Method", s.Method},
		{"Position in", s.Unit},
		{"n counts", s.Counts},
		{"Interval", s.Interval},
	}
	if t := s.Text; t != nil {
		lines = append(lines, [2]string{"Texts", fmt.Sprintf("%d documents, %d sentences, %d scored words, %d terms", t.Documents, t.Sentences, t.Words, t.Terms)},
			[2]string{"Sentences scored", t.SentenceFilter()})
		for _, r := range t.References {
			lines = append(lines, [2]string{"Reference actor", fmt.Sprintf("%s at %+g (%d documents, %d words)", r.Actor, r.Position, r.Documents, r.Words)})
		}
		if t.SeedsUsed != nil {
			lines = append(lines, [2]string{"Seed words", fmt.Sprintf("+ %v; − %v", t.SeedsUsed.Positive, t.SeedsUsed.Negative)})
		}
		lines = append(lines, [2]string{"Rescaling", t.Rescale})
	}
	if s.Unplaced > 0 {
		lines = append(lines, [2]string{"Left out", fmt.Sprintf("%d %s dated too coarsely for the periods", s.Unplaced, s.Counts)})
	}
	for _, l := range [][2]string{{"Input", opt.Input}, {"Options", fmt.Sprint(opt.Options)}, {"Generated", opt.Generated}, {"stancemap", opt.Version}} {
		if l[1] != "" && l[1] != "[]" {
			lines = append(lines, l)
		}
	}
	if err := set(about, 1, 1, "Positions of actors on an axis (stancemap scale)", st.title); err != nil {
		return err
	}
	for i, l := range lines {
		if err := set(about, 1, i+3, l[0], st.key); err != nil {
			return err
		}
		if err := set(about, 2, i+3, l[1], st.wrap); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(about, "A", "A", 18); err != nil {
		return err
	}
	if err := f.SetColWidth(about, "B", "B", 100); err != nil {
		return err
	}
	p := &excelize.DocProperties{Creator: "stancemap", LastModifiedBy: "stancemap", Title: "stancemap positions",
		Created: "2000-01-01T00:00:00Z", Modified: "2000-01-01T00:00:00Z", Version: opt.Version}
	if t, ok := parseGenerated(opt.Generated); ok {
		p.Created, p.Modified = t, t
	}
	if err := f.SetDocProps(p); err != nil {
		return err
	}
	_, err = f.WriteTo(out)
	return err
}

func ptrBool(b bool) *bool { return &b }
