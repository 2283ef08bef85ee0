package charts

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// Mark is one judge's score in a strip plot.
type Mark struct {
	// Judge names the judge (a code such as J3).
	Judge string
	// Value places the mark; Text is how the score is written ("" formats
	// Value).
	Value float64
	Text  string
	// Dropped marks a score removed by the trimmed mean (or replaced by the
	// winsorized mean); End says which end: "low" or "high".
	Dropped bool
	End     string
	// Flagged marks a 畸高/畸低 score; Direction is 畸高 or 畸低.
	Flagged   bool
	Direction string
}

// StripRow is one row of a strip plot: one dossier (or one criterion) with
// its judges' scores and the aggregate.
type StripRow struct {
	Label string
	// Max is the end of this row's scale; 0 uses the chart's Max.
	Max   float64
	Marks []Mark
	// Result is the aggregate drawn as a tick (nil: none), written as
	// ResultText ("" formats Result).
	Result     *float64
	ResultText string
}

// Strip is a strip plot: a row per dossier, a dot per judge's score, the
// dropped scores hollow and struck through, the flagged ones highlighted and
// the aggregate as a tick.
type Strip struct {
	// ID makes the chart's element ids unique on the page.
	ID string
	// Title is the chart's accessible name; Desc explains it ("" gives the
	// standard explanation).
	Title, Desc string
	// Unit follows values in tooltips, e.g. "分".
	Unit string
	// Max is the end of the shared scale (from 0). When it is 0 every row
	// uses its own Max and shows it at the row's end.
	Max float64
	// Fit narrows the shared scale to the range the values use (on round
	// numbers, within 0–Max), so close scores can be told apart.
	Fit bool
	// ResultName names the tick in the legend, e.g. "汇总得分".
	ResultName string
	Rows       []StripRow
}

// Strip plot geometry, in SVG user units.
const (
	stripWidth   = 760.0
	stripLabelW  = 236.0
	stripRight   = 78.0
	stripTop     = 30.0
	stripRowH    = 34.0
	stripLegendH = 34.0
)

// SVG renders the plot; empty when there are no rows.
func (s Strip) SVG() template.HTML {
	if len(s.Rows) == 0 {
		return ""
	}
	x0, x1 := stripLabelW+12, stripWidth-stripRight
	height := stripTop + float64(len(s.Rows))*stripRowH + stripLegendH
	desc := s.Desc
	if desc == "" {
		desc = fmt.Sprintf("共 %d 行。每个圆点是一位评委的评分，空心带斜线的是计算时去掉的分数，橙色的是畸高或畸低评分，红色竖线是%s。", len(s.Rows), s.resultName())
	}
	lo, hi := 0.0, s.Max
	if s.Fit && s.Max > 0 {
		lo, hi = s.fitted()
		desc += fmt.Sprintf("横轴从 %s 到 %s%s。", num(lo), num(hi), s.Unit)
	}
	var c canvas
	c.open(s.ID, "chart-strip", stripWidth, height, s.Title, desc)
	if s.Max > 0 {
		s.axis(&c, lo, hi, x0, x1, height-stripLegendH)
	}
	for i, row := range s.Rows {
		s.row(&c, row, lo, hi, stripTop+float64(i)*stripRowH+stripRowH/2, x0, x1)
	}
	s.legend(&c, height-stripLegendH+22)
	return c.close()
}

func (s Strip) resultName() string {
	if s.ResultName == "" {
		return "汇总得分"
	}
	return s.ResultName
}

// fitted is the shared scale narrowed to the values, on round numbers.
func (s Strip) fitted() (lo, hi float64) {
	lo, hi = s.Max, 0
	for _, r := range s.Rows {
		for _, m := range r.Marks {
			lo, hi = min(lo, m.Value), max(hi, m.Value)
		}
		if r.Result != nil {
			lo, hi = min(lo, *r.Result), max(hi, *r.Result)
		}
	}
	if hi < lo {
		return 0, s.Max
	}
	step := niceCeil(max(hi-lo, s.Max/20) / 4)
	lo = max(0, math.Floor(lo/step-0.5)*step)
	hi = min(s.Max, math.Ceil(hi/step+0.5)*step)
	return lo, hi
}

// axis draws the shared scale's ticks and grid lines: round steps, and the
// end of the scale.
func (s Strip) axis(c *canvas, lo, hi, x0, x1, bottom float64) {
	xOf := func(v float64) float64 { return x0 + (x1-x0)*(v-lo)/(hi-lo) }
	step := niceCeil((hi - lo) / 5)
	first := math.Ceil(lo/step) * step
	for v := first; v <= hi+1e-9; v += step {
		if hi-v < step*0.4 && v != hi {
			continue // the end's own tick follows
		}
		c.line(xOf(v), stripTop-6, xOf(v), bottom, "grid", colLine, 1)
		c.text(xOf(v), stripTop-11, "tick", "middle", colMuted, num(v))
	}
	if math.Abs(math.Remainder(hi, step)) > 1e-9 || hi-first < 0 {
		c.line(x1, stripTop-6, x1, bottom, "grid", colLine, 1)
		c.text(x1, stripTop-11, "tick", "middle", colMuted, num(hi))
	}
	if s.Unit != "" {
		c.text(x1+14, stripTop-11, "tick", "start", colMuted, s.Unit)
	}
}

// row draws one row at height y on the shared scale lo–hi, or on its own
// 0–Max.
func (s Strip) row(c *canvas, row StripRow, lo, hi, y, x0, x1 float64) {
	top := row.Max
	if top <= 0 {
		top = hi
	} else {
		lo = 0
	}
	if top <= lo {
		top = lo + 1
	}
	xOf := func(v float64) float64 {
		v = min(max(v, lo), top)
		return x0 + (x1-x0)*(v-lo)/(top-lo)
	}
	c.raw(`<g class="row"><title>%s</title>`, esc(row.Label))
	c.text(stripLabelW, y+4, "label", "end", colInk, short(row.Label, 17))
	c.raw(`</g>`)
	c.line(x0, y, x1, y, "track", colTrack, 2)
	if s.Max <= 0 {
		c.text(x1+6, y+4, "tick", "start", colMuted, "满分 "+num(top))
	}
	// Equal scores sit above and below each other instead of on top, closer
	// together the more there are, so the row's height holds them.
	same := map[string]int{}
	for _, m := range row.Marks {
		same[markText(m)]++
	}
	seen := map[string]int{}
	for _, m := range row.Marks {
		text := markText(m)
		n := seen[text]
		seen[text]++
		gap := min(7, (stripRowH-14)/float64(same[text]))
		dy := float64((n+1)/2) * gap
		if n%2 == 1 {
			dy = -dy
		}
		s.mark(c, m, text, xOf(m.Value), y+dy)
	}
	if row.Result != nil {
		x := xOf(*row.Result)
		text := row.ResultText
		if text == "" {
			text = num(*row.Result)
		}
		c.raw(`<g class="result"><title>%s：%s%s</title>`, esc(s.resultName()), esc(text), esc(s.Unit))
		c.line(x, y-12, x, y+12, "result", colRed, 3)
		c.raw(`</g>`)
		if s.Max > 0 {
			c.text(x1+8, y+4, "value", "start", colInk, text)
		}
	}
}

// markText is how a mark's score is written.
func markText(m Mark) string {
	if m.Text != "" {
		return m.Text
	}
	return num(m.Value)
}

// markKind is how a mark is drawn: a score counted or dropped, flagged as
// 畸高/畸低 or not. The plot and its legend draw a kind with the same code.
type markKind struct{ dropped, flagged bool }

func kindOf(m Mark) markKind { return markKind{dropped: m.Dropped, flagged: m.Flagged} }

// markKinds in the legend's order.
var markKinds = []markKind{{}, {dropped: true}, {flagged: true}, {dropped: true, flagged: true}}

// label names the kind in the legend.
func (k markKind) label() string {
	switch {
	case k.dropped && k.flagged:
		return "畸高/畸低，已去掉"
	case k.dropped:
		return "去掉的分数"
	case k.flagged:
		return "畸高/畸低"
	}
	return "计入的评分"
}

// draw draws the kind's symbol centred at x, y: a group of its classes
// holding a dot (filled when the score counts, hollow when it was dropped;
// orange when flagged) and, for a dropped score, a stroke through it. tip
// is the group's tooltip ("" for none).
func (k markKind) draw(c *canvas, x, y float64, tip string) {
	class, fill, stroke := "mark", colInfo, "#ffffff"
	if k.flagged {
		class, fill, stroke = "mark flagged", colWarn, colBad
	}
	if k.dropped {
		class += " dropped"
		fill, stroke = "#ffffff", colMuted
		if k.flagged {
			stroke = colWarn
		}
	}
	c.raw(`<g class="%s">`, class)
	if tip != "" {
		c.raw(`<title>%s</title>`, esc(tip))
	}
	c.raw(`<circle cx="%s" cy="%s" r="6" fill="%s" stroke="%s" stroke-width="2"/>`, num(x), num(y), fill, stroke)
	if k.dropped {
		c.line(x-5, y+5, x+5, y-5, "strike", stroke, 2)
	}
	c.raw(`</g>`)
}

// mark draws one judge's score.
func (s Strip) mark(c *canvas, m Mark, text string, x, y float64) {
	var notes []string
	if m.Dropped {
		switch m.End {
		case "low":
			notes = append(notes, "去掉的最低分")
		case "high":
			notes = append(notes, "去掉的最高分")
		default:
			notes = append(notes, "去掉的分数")
		}
	}
	if m.Flagged {
		d := m.Direction
		if d == "" {
			d = "畸高/畸低"
		}
		notes = append(notes, d)
	}
	tip := m.Judge + "：" + text + s.Unit
	if len(notes) > 0 {
		tip += "（" + strings.Join(notes, "，") + "）"
	}
	kindOf(m).draw(c, x, y, tip)
}

// legend explains the kinds of mark the plot draws, each drawn as in the
// plot, and the aggregate's tick when there is one: only what the plot
// shows. It starts under the plot and moves left when it would run past
// the chart's edge.
func (s Strip) legend(c *canvas, y float64) {
	drawn := map[markKind]bool{}
	ticks := false
	for _, r := range s.Rows {
		for _, m := range r.Marks {
			drawn[kindOf(m)] = true
		}
		ticks = ticks || r.Result != nil
	}
	const size, gap = 12.0, 24.0
	var kinds []markKind
	width := 0.0
	if ticks {
		width = 10 + textWidth(s.resultName(), size)
	}
	for _, k := range markKinds {
		if drawn[k] {
			kinds = append(kinds, k)
			width += 12 + textWidth(k.label(), size) + gap
		}
	}
	x := min(stripLabelW+12, max(8, stripWidth-8-width))
	c.raw(`<g class="legend">`)
	for _, k := range kinds {
		k.draw(c, x, y-4, "")
		c.text(x+12, y, "legend-text", "start", colInk, k.label())
		x += 12 + textWidth(k.label(), size) + gap
	}
	if ticks {
		c.line(x, y-14, x, y+6, "result", colRed, 3)
		c.text(x+10, y, "legend-text", "start", colInk, s.resultName())
	}
	c.raw(`</g>`)
}
