package charts

import (
	"fmt"
	"html/template"
)

// FunnelStep is one step of a funnel, e.g. 通过形式审查 12.
type FunnelStep struct {
	Label string
	Count int
}

// Funnel shows how many entries remain at each step: filed → passed the
// formal check → advanced → selected.
type Funnel struct {
	// ID makes the chart's element ids unique on the page.
	ID string
	// Title is the accessible name; Desc explains it ("" lists the steps).
	Title, Desc string
	// Unit follows the counts, e.g. "个".
	Unit  string
	Steps []FunnelStep
}

// Funnel chart geometry.
const (
	funWidth  = 760.0
	funLabelW = 150.0
	funRight  = 150.0
	funTop    = 8.0
	funRowH   = 38.0
)

// SVG renders the funnel; empty when there are no steps.
func (f Funnel) SVG() template.HTML {
	if len(f.Steps) == 0 {
		return ""
	}
	most := 0
	for _, s := range f.Steps {
		most = max(most, s.Count)
	}
	first := f.Steps[0].Count
	x0, x1 := funLabelW+12, funWidth-funRight
	mid, full := (x0+x1)/2, x1-x0
	height := funTop*2 + float64(len(f.Steps))*funRowH
	desc := f.Desc
	if desc == "" {
		desc = "各环节数量："
		for i, s := range f.Steps {
			if i > 0 {
				desc += "，"
			}
			desc += fmt.Sprintf("%s %d%s", s.Label, s.Count, f.Unit)
		}
		desc += "。"
	}
	var c canvas
	c.open(f.ID, "chart-funnel", funWidth, height, f.Title, desc)
	for i, s := range f.Steps {
		y := funTop + float64(i)*funRowH
		cy := y + funRowH/2
		w := 0.0
		if most > 0 {
			w = full * float64(s.Count) / float64(most)
		}
		c.text(funLabelW, cy+5, "label", "end", colInk, short(s.Label, 10))
		c.rect(x0, y+4, full, funRowH-8, "track", colTrack, "")
		if w > 0 {
			c.rect(mid-w/2, y+4, w, funRowH-8, fmt.Sprintf("bar step%d", i), colRed, fmt.Sprintf("%s：%d%s", s.Label, s.Count, f.Unit))
		}
		value := fmt.Sprintf("%d%s", s.Count, f.Unit)
		if i > 0 && first > 0 {
			value += fmt.Sprintf("（%s%%）", num(float64(s.Count)*100/float64(first)))
		}
		c.text(x1+10, cy+5, "value", "start", colInk, value)
	}
	return c.close()
}
