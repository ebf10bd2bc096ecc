package html

import (
	"encoding/json"
	"fmt"
)

// chartSpec is one chart of the page: its container and the option
// report.js hands to echarts (with the formatters its kind needs).
type chartSpec struct {
	ID       string   `json:"id"`
	Kind     string   `json:"kind"`
	Height   int      `json:"-"`
	Option   option   `json:"option"`
	Variants []option `json:"variants,omitempty"`
	Extra    any      `json:"extra,omitempty"`
}

// marshalSpecs writes the charts as JSON for a <script
// type="application/json"> element: encoding/json escapes <, > and &
// (and U+2028, U+2029), so no input text can close the element.
// rows, when not nil, is every row for the finder of a summarised
// report.
func marshalSpecs(specs []*chartSpec, rows *rowsData) ([]byte, error) {
	b, err := json.Marshal(struct {
		Charts []*chartSpec `json:"charts"`
		Rows   *rowsData    `json:"rows,omitempty"`
	}{specs, rows})
	if err != nil {
		return nil, fmt.Errorf("html report: chart data: %w", err)
	}
	return b, nil
}

// Colours: a diverging red–white–blue scale for stances (ColorBrewer
// RdBu), a sequential one for salience and distances, and a qualitative
// palette for blocs and communities.
var (
	stanceColors   = []string{"#b2182b", "#d6604d", "#f4a582", "#f7f7f7", "#92c5de", "#4393c3", "#2166ac"}
	salienceColors = []string{"#fcfbfd", "#bcbddc", "#807dba", "#3f007d"}
	distColors     = []string{"#08306b", "#2171b5", "#6baed6", "#c6dbef", "#f7fbff"}
	palette        = []string{"#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#1f78b4", "#b15928", "#6a3d9a", "#fb9a99", "#666666"}
	grey           = "#9e9e9e"
	emptyCell      = "#d9d9d9"
)

func colorOf(label int) string {
	if label <= 0 {
		return grey
	}
	return palette[(label-1)%len(palette)]
}

// zoomRows and zoomDist are how many rows the heatmaps show before
// they scroll.
const (
	zoomRows = 32
	zoomDist = 40
)

// nonNil is xs, or an empty slice for nil, so that JSON gets [] rather
// than null.
func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

// addToolbox gives the chart, and each of its variants, a button that
// saves it as a PNG image at twice the screen's resolution, on white,
// named after the chart (stancemap-stance.png).
func (c *chartSpec) addToolbox() {
	tb := &toolbox{Show: true, Right: 6, Top: 0, Feature: features{SaveAsImage: saveAsImage{Show: true, Type: "png",
		Name: "stancemap-" + c.Kind, Title: "save as image", PixelRatio: 2, BackgroundColor: "#ffffff"}}}
	c.Option.Toolbox = tb
	for i := range c.Variants {
		c.Variants[i].Toolbox = tb
	}
}

// cellLabel is the label drawn in a heatmap's cells (report.js writes
// its text): dark on a light halo, readable on every colour of the
// scales and in greyscale print.
func cellLabel() *label {
	return &label{Show: ptr(true), FontSize: 10, LineHeight: 12, Color: "#111111",
		TextBorderColor: "rgba(255,255,255,0.8)", TextBorderWidth: 2}
}
