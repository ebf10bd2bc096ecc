package xlsx

import (
	"flag"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

var render = flag.Bool("render", false, "render docs/sample-stance.png and docs/sample-map.png with LibreOffice and pdftoppm")

// TestRenderDocs draws the sample report's Stance and Map sheets as
// LibreOffice prints them, for the README: each sheet alone in a copy of
// the workbook, printed to PDF, rasterised by pdftoppm (Debian
// poppler-utils) and cropped to its content.
func TestRenderDocs(t *testing.T) {
	if !*render {
		t.Skip("run with -render to redraw docs/sample-stance.png and docs/sample-map.png")
	}
	soffice(t)
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm not found (Debian: poppler-utils)")
	}
	a, c, rr := sampleAnalysis(t)
	b := writeReport(t, a, c, rr, Options{Version: "sample", Input: "(built-in sample)"})
	nt := len(a.Overall.Themes)
	last := matrixFirstRow + len(a.Overall.Rows) + 4
	for _, r := range []struct{ sheet, area, out string }{
		{sheetStance, fmt.Sprintf("$A$1:$%s$%d", colName(matrixFirstCol+2*nt), last), "sample-stance.png"},
		{sheetMap, "$A$1:$V$30", "sample-map.png"},
	} {
		dir := t.TempDir()
		f := openReport(t, b)
		idx, _ := f.GetSheetIndex(r.sheet)
		f.SetActiveSheet(idx)
		for _, s := range f.GetSheetList() {
			if s != r.sheet {
				if err := f.SetSheetVisible(s, false); err != nil {
					t.Fatal(err)
				}
			}
		}
		one, landscape, yes := 1, "landscape", true
		if err := f.SetPageLayout(r.sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one, FitToHeight: &one}); err != nil {
			t.Fatal(err)
		}
		if err := f.SetSheetProps(r.sheet, &excelize.SheetPropsOptions{FitToPage: &yes}); err != nil {
			t.Fatal(err)
		}
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: quoteSheet(r.sheet) + "!" + r.area, Scope: r.sheet}); err != nil {
			t.Fatal(err)
		}
		book := filepath.Join(dir, "page.xlsx")
		if err := f.SaveAs(book); err != nil {
			t.Fatal(err)
		}
		convert(t, book, "pdf", dir)
		prefix := filepath.Join(dir, "page")
		if out, err := exec.Command("pdftoppm", "-r", "150", "-png", "-singlefile", filepath.Join(dir, "page.pdf"), prefix).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, out)
		}
		cropPNG(t, prefix+".png", filepath.Join("..", "..", "docs", r.out))
	}
}

// cropPNG writes src cut to its non-white content, with a margin.
func cropPNG(t *testing.T, src, dst string) {
	t.Helper()
	fh, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(fh)
	fh.Close()
	if err != nil {
		t.Fatal(err)
	}
	bb := img.Bounds()
	box := image.Rectangle{Min: bb.Max, Max: bb.Min}
	for y := bb.Min.Y; y < bb.Max.Y; y++ {
		for x := bb.Min.X; x < bb.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if r < 0xf000 || g < 0xf000 || b < 0xf000 {
				box.Min.X, box.Min.Y = min(box.Min.X, x), min(box.Min.Y, y)
				box.Max.X, box.Max.Y = max(box.Max.X, x+1), max(box.Max.Y, y+1)
			}
		}
	}
	if box.Empty() {
		t.Fatalf("%s is blank", src)
	}
	box = box.Inset(-20).Intersect(bb)
	out := image.NewRGBA(image.Rect(0, 0, box.Dx(), box.Dy()))
	draw.Draw(out, out.Bounds(), img, box.Min, draw.Src)
	w, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(w, out); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}
