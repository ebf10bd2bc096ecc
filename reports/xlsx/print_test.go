package xlsx

import (
	"bytes"
	"cmp"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stancemap/stancemap/internal/testutil/samplecorpus"

	"github.com/xuri/excelize/v2"

	"github.com/stancemap/stancemap/analysis"
)

// pdfPages counts the pages of a PDF by its page objects (/Type /Page,
// not /Pages): LibreOffice writes them uncompressed.
func pdfPages(b []byte) int {
	return len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(b, -1))
}

// printPDF writes a workbook to a temporary folder and exports it to
// PDF with LibreOffice, as File ▸ Export as PDF would print it.
func printPDF(t *testing.T, workbook []byte) (string, []byte) {
	t.Helper()
	soffice(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "report.xlsx")
	if err := os.WriteFile(in, workbook, 0o644); err != nil {
		t.Fatal(err)
	}
	convert(t, in, "pdf", dir)
	pdf := filepath.Join(dir, "report.pdf")
	b, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	return pdf, b
}

// pageTexts is the text of each page, laid out (pdftotext from
// poppler-utils); nil, with the test told why, when it is not installed.
func pageTexts(t *testing.T, pdf string) []string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Log("pdftotext not found (Debian: poppler-utils): the pages' contents are not checked, only their number")
		return nil
	}
	out, err := exec.Command(bin, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

// TestLibreOfficePrintsTheDemoWorkbook exports the workbook of `stancemap
// demo` (38 statements, yearly periods) to PDF with LibreOffice: it
// must print on at most 15 pages (it took 62 before the sheets had a
// page setup), each sheet starting on a page of its own with its name
// in the footer, and the position map whole on one page: on one page
// only, with its title and the row of its horizontal axis' tick labels,
// the chart's top and bottom.
func TestLibreOfficePrintsTheDemoWorkbook(t *testing.T) {
	a, c, rr := sampleAnalysis(t)
	pdf, b := printPDF(t, writeReport(t, a, c, rr, Options{Version: "test", Input: "(built-in sample)"}))
	n := pdfPages(b)
	t.Logf("the demo workbook prints on %d pages", n)
	if n > 16 || n < 14 {
		t.Errorf("the demo workbook prints on %d pages, want 14 (one a sheet) to 16", n)
	}
	pages := pageTexts(t, pdf)
	if pages == nil {
		return
	}
	if len(pages) != n {
		t.Fatalf("pdftotext found %d pages, the PDF has %d page objects", len(pages), n)
	}
	// The footer names the sheet: every sheet starts a page.
	footer := regexp.MustCompile(`(?m)^\s*(\S.*?)\s{2,}page \d+ of \d+\s*$`)
	var sheets []string
	for i, p := range pages {
		m := footer.FindStringSubmatch(p)
		if m == nil {
			t.Fatalf("page %d has no footer naming its sheet:\n%s", i+1, p)
		}
		if len(sheets) == 0 || sheets[len(sheets)-1] != m[1] {
			sheets = append(sheets, m[1])
		}
	}
	want := []string{"About", "Findings", "Stance", "Salience", "Distances", "Blocs", "Map", "Axis", "Evolution",
		"Two periods", "Polarisation", "Statements", "Actors", "Codebook", "Data quality"}
	if strings.Join(sheets, ",") != strings.Join(want, ",") {
		t.Errorf("pages by sheet: %q, want %q", sheets, want)
	}
	ticks := regexp.MustCompile(`(?m)(-?\d\.\d\s+){4,}-?\d\.\d\s*$`)
	title := regexp.MustCompile(`(?m)\sPosition map\s*$`)
	// A chart cut by a page break is drawn, clipped, on both pages, its
	// texts with it: its title would show on two pages.
	var on []int
	for i, p := range pages {
		if !title.MatchString(p) {
			continue
		}
		on = append(on, i+1)
		if !ticks.MatchString(p) || !regexp.MustCompile(`PC1 \(\d+%\)\n`).MatchString(p) {
			t.Errorf("page %d has the position map's title but not its horizontal axis: the chart is cut\n%s", i+1, p)
		}
	}
	if len(on) != 1 {
		t.Errorf("the position map shows on pages %v, want one page", on)
	}
}

// TestLibreOfficePrintsEvolutionChartsWhole prints the workbook of the
// UN sample (five periods): on the Evolution sheet four charts stand
// beside a table hundreds of rows long. On each page, as many charts
// start (their title, the theme's label, ends a line) as show their
// vertical axis' title ("mean stance", half-way down the chart): a
// chart cut below its title would leave the axis title to the next
// page.
func TestLibreOfficePrintsEvolutionChartsWhole(t *testing.T) {
	c, rr, s := samplecorpus.LoadRead(t, "unga")
	spec, err := analysis.ParsePeriodSpec(s.Periods)
	if err != nil {
		t.Fatal(err)
	}
	a, err := analysis.Analyze(c, analysis.AnalyzeOptions{Matrix: analysis.MatrixOptions{Period: spec}})
	if err != nil {
		t.Fatal(err)
	}
	pdf, b := printPDF(t, writeReport(t, a, c, rr, Options{}))
	t.Logf("the UN sample's workbook prints on %d pages", pdfPages(b))
	pages := pageTexts(t, pdf)
	if pages == nil {
		return
	}
	var titles []*regexp.Regexp
	for _, th := range c.Codebook.Themes {
		titles = append(titles, regexp.MustCompile(`(?m)\s{2,}`+regexp.QuoteMeta(cmp.Or(th.Label, th.ID))+`\s*$`))
	}
	axisTitle := regexp.MustCompile(`(?m)\s{2,}mean stance\s*$`)
	footer := regexp.MustCompile(`(?m)^\s*Evolution\s{2,}page \d+ of \d+\s*$`)
	charts := 0
	for i, p := range pages {
		if !footer.MatchString(p) {
			continue
		}
		starts := 0
		for _, re := range titles {
			starts += len(re.FindAllString(p, -1))
		}
		axes := len(axisTitle.FindAllString(p, -1))
		if starts != axes {
			t.Errorf("page %d: %d chart titles but %d axis titles: a chart is cut\n%s", i+1, starts, axes, p)
		}
		charts += starts
		t.Logf("page %d: %d charts", i+1, starts)
	}
	// A chart cut by a page break is drawn, clipped, on both pages, its
	// texts with it: it would count twice.
	if charts != maxChartThemes {
		t.Errorf("the Evolution pages show %d charts, want %d: a chart that shows on two pages is cut", charts, maxChartThemes)
	}
}

// TestEverySheetHasAPageSetup reads the page setup back from the demo
// workbook: every sheet fits its columns to the page width, has a print
// area and its footer; sheets with frozen header rows repeat them; the
// print area of the Map sheet takes in its chart (K2, 640 × 500 pixels
// of the sheet: to column U and below the table).
func TestEverySheetHasAPageSetup(t *testing.T) {
	a, c, rr := sampleAnalysis(t)
	f, err := excelize.OpenReader(bytes.NewReader(writeReport(t, a, c, rr, Options{})))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	areas, titles := map[string]string{}, map[string]string{}
	for _, dn := range f.GetDefinedName() {
		switch dn.Name {
		case "_xlnm.Print_Area":
			areas[dn.Scope] = dn.RefersTo
		case "_xlnm.Print_Titles":
			titles[dn.Scope] = dn.RefersTo
		}
	}
	for _, sh := range f.GetSheetList() {
		pl, err := f.GetPageLayout(sh)
		if err != nil {
			t.Fatal(err)
		}
		if pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 0 {
			t.Errorf("%s: fit to width %v, height %v; want 1 page wide, as many tall as needed", sh, pl.FitToWidth, pl.FitToHeight)
		}
		props, err := f.GetSheetProps(sh)
		if err != nil {
			t.Fatal(err)
		}
		if props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: fit to page is off", sh)
		}
		if areas[sh] == "" {
			t.Errorf("%s: no print area", sh)
		}
		hf, err := f.GetHeaderFooter(sh)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(hf.OddFooter, "&P") {
			t.Errorf("%s: footer %q has no page number", sh, hf.OddFooter)
		}
	}
	for sh, want := range map[string]string{"Statements": "'Statements'!$1:$1", "Stance": "'Stance'!$1:$2", "Distances": "'Distances'!$1:$2"} {
		if titles[sh] != want {
			t.Errorf("%s: rows repeated on each page %q, want %q", sh, titles[sh], want)
		}
	}
	if got := areas["Map"]; !strings.HasPrefix(got, "'Map'!$A$1:$U$") {
		t.Errorf("Map: print area %q, want it to reach column U, where the chart ends", got)
	}
}
