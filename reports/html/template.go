package html

import (
	_ "embed"
	"html/template"
)

var (
	//go:embed page.tmpl
	pageTmpl string
	//go:embed report.js
	reportJS string
	//go:embed report.css
	reportCSS string
)

// page is the report's template. html/template escapes every piece of
// input text for where it lands (HTML text, attribute, URL).
var pageTemplate = template.Must(template.New("page").Funcs(template.FuncMap{"thousands": thousands}).Parse(pageTmpl))
