// Package html writes stancemap's interactive HTML report: one file an
// analyst can send, a teacher can project and anyone can open offline.
//
// The report has a section per question a reader asks (what stands out,
// who stands where, who is close to whom, who agrees, what changed, how
// two actors compare, what each said, where each number comes from), each
// with a short "how to read this". Charts are drawn by Apache ECharts
// from options built as Go types (echarts.go), so that a misspelt key
// does not compile; every number comes from an
// analysis.Analysis, and every statement behind a number is in the
// evidence table, which filters and pages with a few lines of plain
// JavaScript.
//
// # Assets
//
// Built with the tag bindata (make build), the package embeds echarts'
// dist/echarts.min.js, fetched from the npm registry by
// scripts/build-assets.sh at the version package.json pins, and inlines
// it with its licence texts: the report needs no network. Built without
// the tag (a plain go install), it has no script to inline; the report
// then links echarts from go-echarts' asset host and says so on the page.
//
// # Many rows
//
// Past 200 rows (crowdRows) the report is summarised (crowd.go): the
// per-row charts and the profiles show the 50 most active rows, the
// clustering tree is cut into its 50 top branches, the map keeps every
// dot, and each section says what it left out. A finder in the header
// reaches every other row from compact data in the page (the rows'
// labels, ids, counts and cells): the row joins the heatmaps, is marked
// on the map and the network, picked in the radar, and gets a profile
// that report.js builds as DOM text. The evidence table lays out only
// its first page until report.js pages it.
//
// # Safety and determinism
//
// Text from the input only reaches the page through html/template (HTML
// text and attributes) or encoding/json inside a <script
// type="application/json"> element (which escapes <, > and &, so
// "</script>" cannot end the element); tooltips escape what they show;
// links are made only of http and https URLs. No go-echarts page
// template is used (it writes option JSON unescaped into a script and
// turns any "__f__" in a string into code). Floats are rounded, and
// NaN and infinities become null or are left out, so the same analysis
// gives the same bytes.
package html
