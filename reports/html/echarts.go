package html

// The echarts option of a chart, as Go types: only the parts of echarts'
// option (https://echarts.apache.org/en/option.html) the report uses, so
// that the compiler catches a misspelt key. encoding/json writes them in
// echarts' spelling and fails on NaN and infinities, so none can slip
// through as broken JavaScript.
//
// Fields are left out when zero (omitempty); a pointer, made with ptr,
// marks a value whose zero must still be written: a minimum of 0, a
// border of width 0, show: false.

// option is one chart's option. Animation is always written (false):
// the report draws its charts once, as they are.
type option struct {
	Animation bool        `json:"animation"`
	Grid      *grid       `json:"grid,omitempty"`
	Legend    *legend     `json:"legend,omitempty"`
	Tooltip   *tooltip    `json:"tooltip,omitempty"`
	XAxis     []axis      `json:"xAxis,omitempty"`
	YAxis     []axis      `json:"yAxis,omitempty"`
	Radar     *radar      `json:"radar,omitempty"`
	VisualMap []visualMap `json:"visualMap,omitempty"`
	DataZoom  []dataZoom  `json:"dataZoom,omitempty"`
	Toolbox   *toolbox    `json:"toolbox,omitempty"`
	Series    []series    `json:"series"`
}

// toolbox holds the chart's one tool: save the chart as a PNG image.
type toolbox struct {
	Show    bool     `json:"show"`
	Right   int      `json:"right"`
	Top     int      `json:"top"`
	Feature features `json:"feature"`
}

type features struct {
	SaveAsImage saveAsImage `json:"saveAsImage"`
}

// saveAsImage downloads the chart as drawn, at PixelRatio times the
// screen's resolution, on BackgroundColor (echarts' default is
// transparent, which prints black in some viewers), named Name.png.
type saveAsImage struct {
	Show            bool   `json:"show"`
	Type            string `json:"type"`
	Name            string `json:"name"`
	Title           string `json:"title"`
	PixelRatio      int    `json:"pixelRatio"`
	BackgroundColor string `json:"backgroundColor"`
}

func ptr[T any](v T) *T { return &v }

type grid struct {
	Left            int    `json:"left"`
	Right           int    `json:"right"`
	Top             int    `json:"top"`
	Bottom          int    `json:"bottom"`
	ContainLabel    bool   `json:"containLabel,omitempty"`
	Show            bool   `json:"show,omitempty"`
	BackgroundColor string `json:"backgroundColor,omitempty"`
	BorderWidth     *int   `json:"borderWidth,omitempty"`
}

type legend struct {
	Show   bool     `json:"show"`
	Type   string   `json:"type,omitempty"`
	Top    string   `json:"top,omitempty"`
	Bottom string   `json:"bottom,omitempty"`
	Data   []string `json:"data,omitempty"`
}

type tooltip struct {
	Show    bool   `json:"show"`
	Trigger string `json:"trigger,omitempty"`
}

// shown is a component that is only switched on or off.
type shown struct {
	Show bool `json:"show"`
}

type axis struct {
	Type         string     `json:"type"`
	Name         string     `json:"name,omitempty"`
	NameLocation string     `json:"nameLocation,omitempty"`
	NameGap      int        `json:"nameGap,omitempty"`
	Position     string     `json:"position,omitempty"`
	Data         []string   `json:"data,omitempty"`
	Inverse      bool       `json:"inverse,omitempty"`
	Scale        bool       `json:"scale,omitempty"`
	BoundaryGap  *bool      `json:"boundaryGap,omitempty"`
	Min          *float64   `json:"min,omitempty"`
	Max          *float64   `json:"max,omitempty"`
	Interval     int        `json:"interval,omitempty"`
	AxisLabel    *axisLabel `json:"axisLabel,omitempty"`
	AxisTick     *shown     `json:"axisTick,omitempty"`
	AxisLine     *shown     `json:"axisLine,omitempty"`
	SplitLine    *shown     `json:"splitLine,omitempty"`
	SplitArea    *shown     `json:"splitArea,omitempty"`
}

type axisLabel struct {
	Show     *bool `json:"show,omitempty"`
	Rotate   int   `json:"rotate,omitempty"`
	Interval *int  `json:"interval,omitempty"`
	FontSize int   `json:"fontSize,omitempty"`
}

// visualMap is a continuous colour scale over one dimension of the data.
type visualMap struct {
	Type      string  `json:"type"`
	Min       float64 `json:"min"`
	Max       float64 `json:"max"`
	Dimension int     `json:"dimension"`
	// SeriesIndex limits the scale to one series (the others keep their
	// own colours); nil maps every series.
	SeriesIndex *int     `json:"seriesIndex,omitempty"`
	Calculable  bool     `json:"calculable"`
	Orient      string   `json:"orient"`
	Left        string   `json:"left"`
	Bottom      int      `json:"bottom"`
	ItemWidth   int      `json:"itemWidth"`
	ItemHeight  int      `json:"itemHeight"`
	Precision   int      `json:"precision,omitempty"`
	Text        []string `json:"text"`
	InRange     colours  `json:"inRange"`
}

type colours struct {
	Color []string `json:"color"`
}

// dataZoom is a slider that scrolls one axis.
type dataZoom struct {
	Type        string `json:"type"`
	XAxisIndex  *int   `json:"xAxisIndex,omitempty"`
	YAxisIndex  *int   `json:"yAxisIndex,omitempty"`
	Right       int    `json:"right,omitempty"`
	Bottom      int    `json:"bottom,omitempty"`
	Width       int    `json:"width,omitempty"`
	Height      int    `json:"height,omitempty"`
	StartValue  int    `json:"startValue"`
	EndValue    int    `json:"endValue"`
	ShowDetail  bool   `json:"showDetail"`
	BrushSelect bool   `json:"brushSelect"`
}

// sliderY scrolls the y axis through its first shown categories.
func sliderY(shown int) dataZoom {
	return dataZoom{Type: "slider", YAxisIndex: ptr(0), Right: 4, Width: 14, EndValue: shown - 1}
}

type radar struct {
	Indicator   []indicator `json:"indicator"`
	Shape       string      `json:"shape"`
	SplitNumber int         `json:"splitNumber"`
	Center      []string    `json:"center"`
	Radius      string      `json:"radius"`
	AxisName    *label      `json:"axisName,omitempty"`
	SplitArea   *splitArea  `json:"splitArea,omitempty"`
}

// splitArea fills the rings between split lines, from the centre out,
// with the colours in turn.
type splitArea struct {
	Show      bool    `json:"show"`
	AreaStyle colours `json:"areaStyle"`
}

type indicator struct {
	Name string  `json:"name"`
	Min  float64 `json:"min"`
	Max  float64 `json:"max"`
}

// series is any of the series types the report draws: heatmap, scatter,
// line, lines, bar, graph, sankey and radar; each uses its own fields.
type series struct {
	Type             string       `json:"type"`
	ID               string       `json:"id,omitempty"`
	Name             string       `json:"name,omitempty"`
	Stack            string       `json:"stack,omitempty"`
	StackStrategy    string       `json:"stackStrategy,omitempty"`
	Symbol           string       `json:"symbol,omitempty"`
	AreaStyle        *itemStyle   `json:"areaStyle,omitempty"`
	Z                int          `json:"z,omitempty"`
	CoordinateSystem string       `json:"coordinateSystem,omitempty"`
	Layout           string       `json:"layout,omitempty"`
	Polyline         bool         `json:"polyline,omitempty"`
	Silent           bool         `json:"silent,omitempty"`
	Roam             bool         `json:"roam,omitempty"`
	Draggable        bool         `json:"draggable,omitempty"`
	Animation        *bool        `json:"animation,omitempty"`
	Left             int          `json:"left,omitempty"`
	Right            int          `json:"right,omitempty"`
	Top              int          `json:"top,omitempty"`
	Bottom           int          `json:"bottom,omitempty"`
	YAxisIndex       int          `json:"yAxisIndex,omitempty"`
	Color            string       `json:"color,omitempty"`
	SymbolSize       *int         `json:"symbolSize,omitempty"`
	ConnectNulls     bool         `json:"connectNulls,omitempty"`
	Progressive      int          `json:"progressive,omitempty"`
	NodeAlign        string       `json:"nodeAlign,omitempty"`
	NodeGap          int          `json:"nodeGap,omitempty"`
	NodeWidth        int          `json:"nodeWidth,omitempty"`
	Force            *force       `json:"force,omitempty"`
	ItemStyle        *itemStyle   `json:"itemStyle,omitempty"`
	LineStyle        *lineStyle   `json:"lineStyle,omitempty"`
	Label            *label       `json:"label,omitempty"`
	LabelLayout      *labelLayout `json:"labelLayout,omitempty"`
	Emphasis         *emphasis    `json:"emphasis,omitempty"`
	Tooltip          *tooltip     `json:"tooltip,omitempty"`
	MarkLine         *markLine    `json:"markLine,omitempty"`
	Categories       []category   `json:"categories,omitempty"`
	// Data and Links are the series' items: slices of the item types
	// below, or of plain values. They are always written, [] when empty.
	Data  any `json:"data"`
	Links any `json:"links,omitempty"`
}

type itemStyle struct {
	Color       string  `json:"color,omitempty"`
	Opacity     float64 `json:"opacity,omitempty"`
	BorderColor string  `json:"borderColor,omitempty"`
	BorderWidth *int    `json:"borderWidth,omitempty"`
}

type lineStyle struct {
	Color     string   `json:"color,omitempty"`
	Type      string   `json:"type,omitempty"`
	Width     float64  `json:"width,omitempty"`
	Opacity   float64  `json:"opacity,omitempty"`
	Curveness *float64 `json:"curveness,omitempty"`
}

type label struct {
	Show            *bool  `json:"show,omitempty"`
	Position        string `json:"position,omitempty"`
	Formatter       string `json:"formatter,omitempty"`
	FontSize        int    `json:"fontSize,omitempty"`
	FontStyle       string `json:"fontStyle,omitempty"`
	Color           string `json:"color,omitempty"`
	LineHeight      int    `json:"lineHeight,omitempty"`
	TextBorderColor string `json:"textBorderColor,omitempty"`
	TextBorderWidth int    `json:"textBorderWidth,omitempty"`
}

type labelLayout struct {
	HideOverlap bool   `json:"hideOverlap"`
	MoveOverlap string `json:"moveOverlap,omitempty"` // shiftX, shiftY: move labels apart instead of hiding them
}

// lineItem is one segment of a "lines" series on a cartesian grid.
type lineItem struct {
	Coords [2][2]any `json:"coords"`
}

type emphasis struct {
	Focus     string     `json:"focus,omitempty"`
	ItemStyle *itemStyle `json:"itemStyle,omitempty"`
	LineStyle *lineStyle `json:"lineStyle,omitempty"`
	Label     *shown     `json:"label,omitempty"`
}

// markLine draws lines between points given by coordinates (Data holds
// pairs of markPoints) or across the chart at a value (single
// markPoints).
type markLine struct {
	Silent     bool       `json:"silent"`
	Symbol     [2]string  `json:"symbol"`
	SymbolSize int        `json:"symbolSize,omitempty"`
	Animation  bool       `json:"animation"`
	LineStyle  *lineStyle `json:"lineStyle,omitempty"`
	Label      *label     `json:"label,omitempty"`
	Data       any        `json:"data"`
}

type markPoint struct {
	Coord []any  `json:"coord,omitempty"`
	Name  string `json:"name,omitempty"`
	XAxis any    `json:"xAxis,omitempty"`
}

type force struct {
	InitLayout      string  `json:"initLayout"`
	Repulsion       int     `json:"repulsion"`
	Gravity         float64 `json:"gravity"`
	EdgeLength      [2]int  `json:"edgeLength"`
	LayoutAnimation bool    `json:"layoutAnimation"`
	Friction        float64 `json:"friction"`
}

type category struct {
	Name      string    `json:"name"`
	ItemStyle itemStyle `json:"itemStyle"`
}

// Items of the series.

// namedPoint is a scatter point with its own label switch.
type namedPoint struct {
	Name  string `json:"name"`
	Value []any  `json:"value"`
	Label shown  `json:"label"`
}

// polyline is one item of a lines series.
type polyline struct {
	Coords    [][2]any  `json:"coords"`
	LineStyle lineStyle `json:"lineStyle"`
}

type graphNode struct {
	Name       string  `json:"name"`
	Value      any     `json:"value"`
	Category   int     `json:"category"`
	SymbolSize float64 `json:"symbolSize"`
	Label      shown   `json:"label"`
}

// graphLink joins nodes by index; Conflict is read by report.js.
type graphLink struct {
	Source    int       `json:"source"`
	Target    int       `json:"target"`
	Value     any       `json:"value"`
	LineStyle lineStyle `json:"lineStyle"`
	Conflict  bool      `json:"conflict"`
}

type sankeyNode struct {
	Name      string    `json:"name"`
	Depth     int       `json:"depth"`
	ItemStyle itemStyle `json:"itemStyle"`
	Label     shown     `json:"label"`
}

// sankeyLink joins nodes by name; Rows, the rows that moved, is read by
// report.js.
type sankeyLink struct {
	Source string   `json:"source"`
	Target string   `json:"target"`
	Value  int      `json:"value"`
	Rows   []string `json:"rows"`
}

type radarItem struct {
	Name      string    `json:"name"`
	Value     []any     `json:"value"`
	ItemStyle itemStyle `json:"itemStyle"`
	LineStyle lineStyle `json:"lineStyle"`
	AreaStyle itemStyle `json:"areaStyle"`
}
