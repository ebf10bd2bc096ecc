// Package xlsx writes stancemap's Excel workbooks with excelize: the
// report of an analysis (WriteReport), whose stance matrix stays live
// over the statements it was computed from, and the coding template that
// spreadsheet users fill in and stancemap reads back (WriteTemplate).
//
// Every sheet is streamed (excelize's StreamWriter), so a million
// statements are written in seconds and in little memory. Text from the
// input is always written as text, never as a formula; what does not fit
// Excel's limits is cut or split and said so in the Data quality sheet.
// The same input gives byte-identical files.
package xlsx
