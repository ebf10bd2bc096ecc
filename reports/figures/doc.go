// Package figures draws stancemap's results as static figures for papers
// and slides, with gonum.org/v1/plot: the stance and salience heatmaps, the
// position map, a dot plot of mean stances with their intervals, stance over
// time, convergence, the dendrogram and the distance matrix, each in SVG,
// PNG and PDF.
//
// The figures are made to be printed and projected:
//
//   - every number a reader needs is written on the figure (a heatmap cell
//     carries its value and n; an empty cell is hatched and says so), not
//     left to a hover;
//   - colour scales are colour-blind safe and monotonic in lightness, so
//     that a greyscale print keeps their order: cividis for stance (Nuñez,
//     Anderton & Renslow 2018, PLoS ONE 13(7): e0199239), ColorBrewer's
//     single-hue Blues and Oranges for salience and distance (Brewer,
//     colorbrewer2.org); lines and points use the Okabe–Ito palette (Okabe &
//     Ito 2008, "Color Universal Design") together with a marker shape and
//     a dash pattern each, so that they stay apart without colour;
//   - fonts (Liberation Sans) are embedded in the SVG and the PDF; text
//     outside Windows-1252, which the PDF fonts cannot show, is replaced by
//     the actor's or theme's id;
//   - the same results give the same bytes, in every format: the PDF's
//     creation date is fixed and its catalogue sorted (see the package's
//     init), and nothing depends on map order or the clock.
//
// Figures only draw what analysis.Analysis holds: an interval appears where
// the analysis computed one (the cells' bootstrap intervals), and a figure
// whose measure could not be computed says why instead of drawing nothing.
package figures
