package gbt9704

import "math"

// Column is one column of a table.
type Column struct {
	Head  []Span  // heading, centred (fonts default to 黑体 at the table's size)
	Width float64 // mm; columns with 0 share the width the others leave
	Align Align   // alignment of the body cells
}

// Cell is one table cell.
type Cell struct {
	Spans []Span
}

// Table is a ruled table whose heading row repeats on every page it spans.
type Table struct {
	Columns []Column
	Rows    [][]Cell
	Size    float64 // body text size, pt (default 小四)
	Pitch   float64 // line pitch inside cells, mm (default 1.5 × size)
	Pad     float64 // horizontal cell padding, mm (default 1.5)
	VPad    float64 // vertical cell padding, mm (default 1)
	Rule    float64 // rule width, mm (default 0.25)
	// Headless leaves out the heading row (label/value tables).
	Headless bool
}

// cellLines is one laid-out cell: its lines and the paragraph they came from.
type cellLines struct {
	para  Para
	lines []placedLine
}

func (t *Table) defaults() {
	if t.Size == 0 {
		t.Size = SizeSmall4
	}
	if t.Pitch == 0 {
		t.Pitch = 1.5 * PtToMM(t.Size)
	}
	if t.Pad == 0 {
		t.Pad = 1.5
	}
	if t.VPad == 0 {
		t.VPad = 1
	}
	if t.Rule == 0 {
		t.Rule = 0.25
	}
}

// widths resolves the column widths to fill the type area.
func (t *Table) widths(total float64) []float64 {
	ws := make([]float64, len(t.Columns))
	fixed, shared := 0.0, 0
	for i, c := range t.Columns {
		ws[i] = c.Width
		fixed += c.Width
		if c.Width == 0 {
			shared++
		}
	}
	if shared > 0 {
		for i := range ws {
			if ws[i] == 0 {
				ws[i] = math.Max(0, total-fixed) / float64(shared)
			}
		}
	}
	return ws
}

// Table places t at the position. Rows that do not fit continue on the
// next page under a repeated heading; a row taller than a whole page is
// split between lines.
func (d *Doc) Table(t Table) {
	t.defaults()
	ws := t.widths(d.geom.TextWidth)
	var head []cellLines
	if !t.Headless {
		head = make([]cellLines, len(t.Columns))
	}
	for i := range head {
		c := t.Columns[i]
		spans := append([]Span(nil), c.Head...)
		for j := range spans {
			if spans[j].Font == nil {
				spans[j].Font = d.Fonts.Hei
			}
			if spans[j].Size == 0 {
				spans[j].Size = t.Size
			}
		}
		if !d.check(spans) {
			return
		}
		head[i] = layoutCell(Para{Spans: spans, Align: Center, Pitch: t.Pitch}, ws[i]-2*t.Pad)
	}
	rows := make([][]cellLines, len(t.Rows))
	for r, row := range t.Rows {
		rows[r] = make([]cellLines, len(t.Columns))
		for i := range t.Columns {
			var cell Cell
			if i < len(row) {
				cell = row[i]
			}
			if !d.check(cell.Spans) {
				return
			}
			rows[r][i] = layoutCell(Para{Spans: cell.Spans, Align: t.Columns[i].Align, Pitch: t.Pitch}, ws[i]-2*t.Pad)
		}
	}
	tl := tableLayout{d: d, t: t, widths: ws, head: head}
	headH := 0.0
	if head != nil {
		headH = tl.height(head)
	}
	if rowsH := headH + tl.height(firstRow(rows)); d.Space() < rowsH-epsilon {
		d.NewPage()
	}
	tl.startSegment()
	for _, row := range rows {
		h := tl.height(row)
		if d.Y()+h > d.geom.Bottom()+epsilon && headH+h <= d.geom.TextHeight {
			tl.newPage()
		}
		tl.drawRow(row)
	}
	tl.endSegment()
}

func firstRow(rows [][]cellLines) []cellLines {
	if len(rows) == 0 {
		return nil
	}
	return rows[0]
}

func layoutCell(p Para, width float64) cellLines {
	if len(p.Spans) == 0 {
		return cellLines{para: p}
	}
	return cellLines{para: p, lines: p.layout(width)}
}

// tableLayout draws a table across pages.
type tableLayout struct {
	d      *Doc
	t      Table
	widths []float64
	head   []cellLines
	segTop float64 // top of the table's part on the current page
}

func (tl *tableLayout) height(row []cellLines) float64 {
	n := 1
	for _, c := range row {
		n = max(n, len(c.lines))
	}
	return float64(n)*tl.t.Pitch + 2*tl.t.VPad
}

func (tl *tableLayout) startSegment() {
	tl.segTop = tl.d.Y()
	tl.rule(tl.segTop)
	if tl.head != nil {
		tl.drawRow(tl.head)
	}
}

// endSegment draws the column rules of the table's part on this page.
func (tl *tableLayout) endSegment() {
	d := tl.d
	x := d.geom.Left
	xs := []float64{x}
	for _, w := range tl.widths {
		x += w
		xs = append(xs, x)
	}
	for _, x := range xs {
		d.Page().Lines = append(d.Page().Lines, LineItem{X1: x, Y1: tl.segTop, X2: x, Y2: d.y, Width: tl.t.Rule, Color: Black})
	}
}

func (tl *tableLayout) newPage() {
	tl.endSegment()
	tl.d.NewPage()
	tl.startSegment()
}

func (tl *tableLayout) rule(y float64) {
	tl.d.Page().Lines = append(tl.d.Page().Lines, LineItem{X1: tl.d.geom.Left, Y1: y, X2: tl.d.geom.Left + sum(tl.widths), Y2: y, Width: tl.t.Rule, Color: Black})
}

func sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

// drawRow draws a row (cells vertically centred), splitting it between
// lines when it is taller than what is left of the page.
func (tl *tableLayout) drawRow(row []cellLines) {
	d, t := tl.d, tl.t
	done := make([]int, len(row)) // lines of each cell already drawn
	for {
		remaining := 0
		for i, c := range row {
			remaining = max(remaining, len(c.lines)-done[i])
		}
		fit := int(math.Floor((d.geom.Bottom() - d.y - 2*t.VPad + epsilon) / t.Pitch))
		if fit < 1 && remaining > 0 {
			tl.newPage()
			continue
		}
		n := min(max(remaining, 1), fit)
		h := float64(n)*t.Pitch + 2*t.VPad
		for i, c := range row {
			left := len(c.lines) - done[i]
			take := min(left, n)
			top := d.y + t.VPad + float64(n-take)*t.Pitch/2
			x := d.geom.Left + sum(tl.widths[:i]) + t.Pad
			for k := 0; k < take; k++ {
				tl.drawLine(c, c.lines[done[i]+k], x, top+float64(k)*t.Pitch)
			}
			done[i] += take
		}
		d.y += h
		tl.rule(d.y)
		if remaining <= n {
			return
		}
	}
}

func (tl *tableLayout) drawLine(c cellLines, l placedLine, x, top float64) {
	page := tl.d.Page()
	base := baseline(top, tl.t.Pitch, l.size)
	for _, r := range l.runs {
		page.addRun(c.para.Spans[r.span], r, x, base, l.spacing)
	}
}
