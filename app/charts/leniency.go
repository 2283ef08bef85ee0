package charts

import (
	"fmt"
	"html/template"
	"math"
)

// Score is one judge's score of one item (e.g. a judge's own total for a
// dossier), the input of Deviations.
type Score struct {
	Item, Judge string
	Value       float64
}

// JudgeLeniency is one judge's mean deviation from the panel: positive when
// the judge scores above the other judges of the same items (lenient),
// negative when below (severe).
type JudgeLeniency struct {
	Judge string
	// Mean is the mean of (the judge's score − the mean of all judges'
	// scores of the item) over the items the judge scored.
	Mean float64
	// Count is the number of items it averages.
	Count int
}

// Deviations computes each judge's mean deviation from the panel. An item
// scored by fewer than two judges says nothing about leniency and is left
// out. Judges come in the order they first appear in scores.
func Deviations(scores []Score) []JudgeLeniency {
	sum := map[string]float64{}
	n := map[string]int{}
	for _, s := range scores {
		sum[s.Item] += s.Value
		n[s.Item]++
	}
	var order []string
	dev := map[string]float64{}
	count := map[string]int{}
	for _, s := range scores {
		if _, ok := count[s.Judge]; !ok {
			order = append(order, s.Judge)
			count[s.Judge] = 0
		}
		if n[s.Item] < 2 {
			continue
		}
		dev[s.Judge] += s.Value - sum[s.Item]/float64(n[s.Item])
		count[s.Judge]++
	}
	out := make([]JudgeLeniency, 0, len(order))
	for _, j := range order {
		if count[j] == 0 {
			continue
		}
		out = append(out, JudgeLeniency{Judge: j, Mean: dev[j] / float64(count[j]), Count: count[j]})
	}
	return out
}

// Leniency is a diverging bar chart of the judges' mean deviations.
type Leniency struct {
	// ID makes the chart's element ids unique on the page.
	ID string
	// Title is the accessible name; Desc explains it ("" gives the standard
	// explanation).
	Title, Desc string
	// Unit follows values, e.g. "分".
	Unit   string
	Judges []JudgeLeniency
}

// Leniency chart geometry.
const (
	lenWidth  = 760.0
	lenLabelW = 120.0
	lenRight  = 120.0
	lenTop    = 32.0
	lenRowH   = 26.0
	lenBottom = 16.0
)

// SVG renders the chart; empty when there are no judges.
func (l Leniency) SVG() template.HTML {
	if len(l.Judges) == 0 {
		return ""
	}
	x0, x1 := lenLabelW+12, lenWidth-lenRight
	mid := (x0 + x1) / 2
	span := 0.0
	for _, j := range l.Judges {
		span = math.Max(span, math.Abs(j.Mean))
	}
	span = niceCeil(span)
	half := (x1 - x0) / 2
	height := lenTop + float64(len(l.Judges))*lenRowH + lenBottom
	desc := l.Desc
	if desc == "" {
		desc = fmt.Sprintf("共 %d 位评委。横条向右表示该评委的评分平均高于同组其他评委（偏宽），向左表示偏严；数值为平均偏差%s。", len(l.Judges), l.unitText())
	}
	var c canvas
	c.open(l.ID, "chart-leniency", lenWidth, height, l.Title, desc)
	c.text(x0, lenTop-14, "tick", "start", colMuted, "← 偏严 −"+num(span))
	c.text(x1, lenTop-14, "tick", "end", colMuted, "+"+num(span)+" 偏宽 →")
	bottom := height - lenBottom
	c.line(mid, lenTop-6, mid, bottom, "axis", colMuted, 1.5)
	for i, j := range l.Judges {
		y := lenTop + float64(i)*lenRowH
		cy := y + lenRowH/2
		c.text(lenLabelW, cy+4, "label", "end", colInk, short(j.Judge, 9))
		w := half * j.Mean / span
		class, fill := "bar lenient", colInfo
		if j.Mean < 0 {
			class, fill = "bar severe", colWarn
		}
		tip := fmt.Sprintf("%s：平均偏差 %s%s（%d 项）", j.Judge, signed(j.Mean), l.Unit, j.Count)
		c.rect(mid, y+5, w, lenRowH-10, class, fill, tip)
		c.text(x1+10, cy+4, "value", "start", colInk, fmt.Sprintf("%s（%d 项）", signed(j.Mean), j.Count))
	}
	return c.close()
}

func (l Leniency) unitText() string {
	if l.Unit == "" {
		return ""
	}
	return "（" + l.Unit + "）"
}
