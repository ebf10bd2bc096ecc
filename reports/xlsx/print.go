package xlsx

import (
	"fmt"
	"math"

	"github.com/xuri/excelize/v2"
)

// Printing. Every sheet of the report is set up to print: one page wide
// (fit to width, as many pages tall as it needs), its header rows
// repeated on every page, its print area the cells and charts written,
// the sheet's name and the page number in the footer. The orientation is
// the one that prints the sheet on fewer pages (the larger type, when
// both take as many), and a page break goes before any chart that would
// otherwise be cut across two pages.
//
// The writer estimates pages the way a spreadsheet lays them out: a
// column of width w characters is 7w+5 pixels (Calibri 11, Excel's
// default), a row 20 pixels unless given a height, at 96 pixels an inch,
// on the smaller of A4 and US Letter in each direction (210 × 279.4 mm),
// so that a sheet fits either paper.

// Page geometry, in inches.
const (
	paperShort   = 210 / 25.4 // A4's width; Letter is 8.5 in
	paperLong    = 11.0       // Letter's height; A4 is 11.69 in
	marginSide   = 0.4
	marginTop    = 0.6 // top and bottom; header and footer sit at 0.3
	marginHF     = 0.3
	pxPerInch    = 96.0
	defaultRowPx = 20.0
	defaultColW  = 8.43
	// pageSlack is the part of a page the chart placement counts on:
	// spreadsheets round scales and row heights their own way.
	pageSlack = 0.9
)

// colPx is the width in pixels of a column w characters wide.
func colPx(w float64) float64 {
	if w <= 0 {
		w = defaultColW
	}
	return math.Floor(w*7 + 5)
}

// chartBox is where a chart sits: its first and last cells (the last
// the one its bottom-right corner falls in), and its height in pixels.
type chartBox struct {
	col, row       int
	endCol, endRow int
	h              float64
}

// printInfo is what a sheetWriter learns about its sheet for printing.
type printInfo struct {
	colW     []float64       // widths of columns 1.. as set
	rowPx    map[int]float64 // rows given a height
	lastCol  int             // the last column holding a value
	headRows int             // rows repeated at the top of each page
	charts   []chartBox
	// openEnded sheets are filled in by their users: they get no print
	// area, so that they print every row there is.
	openEnded bool
}

func (p *printInfo) colWidthPx(c int) float64 {
	if c-1 < len(p.colW) {
		return colPx(p.colW[c-1])
	}
	return colPx(0)
}

func (p *printInfo) rowHeightPx(r int) float64 {
	if h, ok := p.rowPx[r]; ok {
		return h
	}
	return defaultRowPx
}

// excelize's idea of a cell's size when it anchors a chart on a
// streamed sheet: it cannot see the widths and heights the stream
// writes, so it counts every column 64 pixels wide and every row 18
// pixels tall (15 points at its 4/3.4 pixels a point).
const (
	anchorColPx = 64
	anchorRowPx = 18
)

// chart adds a chart to the sheet at cell, sized so that it covers
// Dimension's pixels of the sheet as written, and remembers where it
// lies. Spreadsheets draw a chart over the cells its anchor names, so
// the anchor is worked out from the real column widths and row heights
// (the rows above and beside the chart must be written first) and
// handed to excelize in its own units.
func (s *sheetWriter) chart(cell string, c *excelize.Chart) error {
	col, row, err := excelize.CellNameToCoordinates(cell)
	if err != nil {
		return err
	}
	p := &s.print
	w, h := float64(c.Dimension.Width), float64(c.Dimension.Height)
	if w == 0 {
		w = 480
	}
	if h == 0 {
		h = 260
	}
	// A chart flush with its row's top edge is also drawn, a hairline of
	// it, on the page above a page break there.
	c.Format.OffsetY = max(c.Format.OffsetY, 4)
	x1 := min(float64(c.Format.OffsetX), anchorColPx)
	y1 := min(float64(c.Format.OffsetY), anchorRowPx)
	endCol, remX := col, w+x1
	for remX >= p.colWidthPx(endCol) {
		remX -= p.colWidthPx(endCol)
		endCol++
	}
	endRow, remY := row, h+y1
	for remY >= p.rowHeightPx(endRow) {
		remY -= p.rowHeightPx(endRow)
		endRow++
	}
	c.Dimension.Width = uint((endCol-col)*anchorColPx + int(min(remX, anchorColPx-1)) - int(x1))
	c.Dimension.Height = uint((endRow-row)*anchorRowPx + int(min(remY, anchorRowPx-1)) - int(y1))
	p.charts = append(p.charts, chartBox{col: col, row: row, endCol: endCol, endRow: endRow, h: h + y1})
	return s.w.f.AddChart(s.name, cell, c)
}

// extent is the last column and row to print: the cells written and the
// charts.
func (s *sheetWriter) extent() (lastCol, lastRow int) {
	p := &s.print
	lastCol, lastRow = max(1, p.lastCol), max(1, s.lastRow())
	for _, b := range p.charts {
		lastCol, lastRow = max(lastCol, b.endCol), max(lastRow, b.endRow)
	}
	return min(lastCol, maxCols), min(lastRow, maxRows)
}

// layout is one way to print a sheet.
type layout struct {
	landscape bool
	scale     float64 // of the sheet on paper, at most 1
	pageH     float64 // a page's height in sheet pixels
	pages     int
}

func pageLayout(landscape bool, widthPx, heightPx, headPx float64) layout {
	pw, ph := paperShort, paperLong
	if landscape {
		pw, ph = ph, pw
	}
	printW := (pw - 2*marginSide) * pxPerInch
	printH := (ph - 2*marginTop) * pxPerInch
	scale := min(1, printW/widthPx)
	scale = max(scale, 0.1) // spreadsheets scale down to 10% at most
	pageH := printH / scale
	body := max(pageH-headPx, defaultRowPx)
	pages := max(1, int(math.Ceil((heightPx-headPx)/body)))
	return layout{landscape: landscape, scale: scale, pageH: pageH, pages: pages}
}

// setupPage sets the sheet's page layout, print area and titles, and the
// page breaks that keep charts whole. It runs before the stream is
// flushed, which writes the page setup and breaks.
func (s *sheetWriter) setupPage() error {
	p := &s.print
	lastCol, lastRow := s.extent()
	widthPx := 0.0
	for c := 1; c <= lastCol; c++ {
		widthPx += p.colWidthPx(c)
	}
	heightPx, headPx := 0.0, 0.0
	top := make([]float64, lastRow+2) // top[r]: pixels above row r
	for r := 1; r <= lastRow; r++ {
		top[r] = heightPx
		heightPx += p.rowHeightPx(r)
		if r <= p.headRows {
			headPx += p.rowHeightPx(r)
		}
	}
	top[lastRow+1] = heightPx
	port, land := pageLayout(false, widthPx, heightPx, headPx), pageLayout(true, widthPx, heightPx, headPx)
	best := port
	if land.pages < port.pages || (land.pages == port.pages && land.scale > port.scale+0.01) {
		best = land
	}
	if err := s.keepChartsWhole(best, top, headPx); err != nil {
		return err
	}
	orientation := "portrait"
	if best.landscape {
		orientation = "landscape"
	}
	f := s.w.f
	if err := f.SetPageLayout(s.name, &excelize.PageLayoutOptions{Orientation: &orientation,
		FitToWidth: ptr(1), FitToHeight: ptr(0)}); err != nil {
		return err
	}
	if err := f.SetPageMargins(s.name, &excelize.PageLayoutMarginsOptions{
		Left: ptr(marginSide), Right: ptr(marginSide), Top: ptr(marginTop), Bottom: ptr(marginTop),
		Header: ptr(marginHF), Footer: ptr(marginHF), Horizontally: ptr(false)}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(s.name, &excelize.HeaderFooterOptions{
		OddFooter: "&L&8&A&R&8page &P of &N"}); err != nil {
		return err
	}
	if !p.openEnded {
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", Scope: s.name,
			RefersTo: absRange(s.name, 1, 1, lastCol, lastRow)}); err != nil {
			return err
		}
	}
	if p.headRows > 0 && p.headRows < lastRow {
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: s.name,
			RefersTo: fmt.Sprintf("%s!$1:$%d", quoteSheet(s.name), p.headRows)}); err != nil {
			return err
		}
	}
	return nil
}

// keepChartsWhole walks down the sheet a page at a time and puts a page
// break above any chart the page would cut, when the chart fits a page.
func (s *sheetWriter) keepChartsWhole(l layout, top []float64, headPx float64) error {
	p := &s.print
	if len(p.charts) == 0 {
		return nil
	}
	lastRow := len(top) - 2
	room := l.pageH * pageSlack
	// Charts from the top of the sheet down.
	boxes := append([]chartBox(nil), p.charts...)
	for i := 1; i < len(boxes); i++ {
		for j := i; j > 0 && boxes[j].row < boxes[j-1].row; j-- {
			boxes[j], boxes[j-1] = boxes[j-1], boxes[j]
		}
	}
	pageTop, first := 0.0, true // where the current page starts, in sheet pixels
	for _, b := range boxes {
		if b.row > lastRow {
			continue
		}
		y0 := top[b.row]
		capacity := room
		if !first {
			capacity -= headPx // the repeated header rows take their part
		}
		for y0-pageTop >= capacity {
			pageTop += capacity
			first = false
			capacity = room - headPx
		}
		if y0+b.h-pageTop <= capacity || b.h > room-headPx || b.row <= p.headRows+1 {
			continue
		}
		if err := s.sw.InsertPageBreak(cellName(1, b.row)); err != nil {
			return err
		}
		pageTop, first = y0, false
	}
	return nil
}

func ptr[T any](v T) *T { return &v }
