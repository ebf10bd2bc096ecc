package analysis_test

import (
	"fmt"

	"github.com/stancemap/stancemap/analysis"
	"github.com/stancemap/stancemap/data"
)

func ExampleStanceMatrices() {
	reg := data.NewRegistry()
	reg.Add(data.Actor{ID: "CHN", Kind: data.KindState})
	reg.Add(data.Actor{ID: "USA", Kind: data.KindState})
	cb := &data.Codebook{Themes: []data.Theme{{ID: "sovereignty"}, {ID: "multistakeholder"}}}
	y2013 := data.Date{Year: 2013, Precision: data.PrecisionYear}
	c := &data.Corpus{Actors: reg, Codebook: cb, Statements: []data.Statement{
		{ID: "s1", Actor: "CHN", Theme: "sovereignty", Stance: 2, Date: y2013, Weight: 1},
		{ID: "s2", Actor: "CHN", Theme: "sovereignty", Stance: 1, Date: y2013, Weight: 1},
		{ID: "s3", Actor: "CHN", Theme: "sovereignty", Stance: 2, Date: y2013, Weight: 1},
		{ID: "s4", Actor: "USA", Theme: "multistakeholder", Stance: 2, Date: y2013, Weight: 1},
		{ID: "s5", Actor: "USA", Theme: "sovereignty", Stance: -1, Date: y2013, Weight: 1},
	}}
	set, err := analysis.StanceMatrices(c, analysis.MatrixOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	m := set.Matrices[0]
	for r, row := range m.Cells {
		for t, cell := range row {
			fmt.Printf("%s × %-16s N=%d mean=%5.2f SD=%4.2f CI=[%5.2f, %5.2f] salience=%.2f\n",
				m.Rows[r], m.Themes[t], cell.N, cell.Mean, cell.SD, cell.CILow, cell.CIHigh, cell.Salience)
		}
	}
	// Output:
	// CHN × sovereignty      N=3 mean= 1.67 SD=0.58 CI=[ 1.00,  2.00] salience=1.00
	// CHN × multistakeholder N=0 mean=  NaN SD= NaN CI=[  NaN,   NaN] salience=0.00
	// USA × sovereignty      N=1 mean=-1.00 SD= NaN CI=[  NaN,   NaN] salience=0.50
	// USA × multistakeholder N=1 mean= 2.00 SD= NaN CI=[  NaN,   NaN] salience=0.50
}
