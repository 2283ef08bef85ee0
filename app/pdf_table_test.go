package app_test

import (
	"math"
	"slices"
	"strings"

	"chainjudge/reports/pdftext"
)

// pdfTables reads the ruled tables of a page back: the column rules of one
// table span the same height, its row rules the table's whole width (a
// strike-through line is shorter), and a run belongs to the cell its start
// lies in. Each cell is the text of its runs in drawing order, one run a
// line.
func pdfTables(p pdftext.Page) [][][]string {
	const eps = 0.01
	type span struct{ top, bottom float64 }
	cols := map[span][]float64{}
	var spans []span
	for _, l := range p.Lines {
		if math.Abs(l.X1-l.X2) > eps || math.Abs(l.Y1-l.Y2) < eps {
			continue
		}
		s := span{math.Min(l.Y1, l.Y2), math.Max(l.Y1, l.Y2)}
		if _, ok := cols[s]; !ok {
			spans = append(spans, s)
		}
		cols[s] = append(cols[s], l.X1)
	}
	var out [][][]string
	for _, s := range spans {
		xs := cols[s]
		slices.Sort(xs)
		left, right := xs[0], xs[len(xs)-1]
		var ys []float64
		for _, l := range p.Lines {
			if math.Abs(l.Y1-l.Y2) < eps && math.Abs(math.Min(l.X1, l.X2)-left) < eps && math.Abs(math.Max(l.X1, l.X2)-right) < eps &&
				l.Y1 > s.top-eps && l.Y1 < s.bottom+eps {
				ys = append(ys, l.Y1)
			}
		}
		slices.Sort(ys)
		ys = slices.Compact(ys)
		if len(ys) < 2 {
			continue
		}
		cells := make([][][]string, len(ys)-1)
		for i := range cells {
			cells[i] = make([][]string, len(xs)-1)
		}
		for _, r := range p.Runs {
			row, _ := slices.BinarySearch(ys, r.Y)
			col, _ := slices.BinarySearch(xs, r.X)
			if row < 1 || row >= len(ys) || col < 1 || col >= len(xs) {
				continue
			}
			cells[row-1][col-1] = append(cells[row-1][col-1], r.Text)
		}
		table := make([][]string, len(cells))
		for i, row := range cells {
			table[i] = make([]string, len(row))
			for j, c := range row {
				table[i][j] = strings.Join(c, "\n")
			}
		}
		out = append(out, table)
	}
	return out
}
