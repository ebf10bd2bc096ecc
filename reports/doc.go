// Package reports groups the renderers of analysis results: plain text,
// CSV and JSON in reports/plain; the HTML and Excel reports follow in
// their own subpackages. Renderers never compute: they format what the
// analysis package returns, so every number in a report traces back to
// one function there.
package reports
