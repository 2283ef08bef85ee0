package charts

import (
	"fmt"
	"html/template"
)

// ExpertProgress is one expert's review tasks in a stage.
type ExpertProgress struct {
	Name string
	// Submitted, Drafts and NotStarted count the expert's dossiers by the
	// state of their score sheet.
	Submitted, Drafts, NotStarted int
	// Overdue marks an expert with unsigned sheets after the deadline.
	Overdue bool
}

// Assigned is the number of dossiers the expert has.
func (e ExpertProgress) Assigned() int { return e.Submitted + e.Drafts + e.NotStarted }

// Progress is a stacked bar per expert: signed, draft, not started, on a
// scale shared by all experts so the workloads compare.
type Progress struct {
	// ID makes the chart's element ids unique on the page.
	ID string
	// Title is the accessible name; Desc explains it ("" gives the standard
	// explanation).
	Title, Desc string
	Experts     []ExpertProgress
}

// Progress chart geometry.
const (
	progWidth   = 760.0
	progLabelW  = 120.0
	progRight   = 150.0
	progTop     = 6.0
	progRowH    = 26.0
	progLegendH = 30.0
)

// SVG renders the chart; empty when there are no experts.
func (p Progress) SVG() template.HTML {
	if len(p.Experts) == 0 {
		return ""
	}
	most, done, all := 0, 0, 0
	for _, e := range p.Experts {
		most = max(most, e.Assigned())
		done += e.Submitted
		all += e.Assigned()
	}
	if most == 0 {
		most = 1
	}
	x0, x1 := progLabelW+12, progWidth-progRight
	unit := (x1 - x0) / float64(most)
	height := progTop + float64(len(p.Experts))*progRowH + progLegendH
	desc := p.Desc
	if desc == "" {
		desc = fmt.Sprintf("共 %d 位专家，%d 份评分表中已签名提交 %d 份。每行横条依次为已提交、草稿、未开始的份数。", len(p.Experts), all, done)
	}
	var c canvas
	c.open(p.ID, "chart-progress", progWidth, height, p.Title, desc)
	for i, e := range p.Experts {
		y := progTop + float64(i)*progRowH
		cy := y + progRowH/2
		class, fill := "label", colInk
		if e.Overdue {
			class, fill = "label overdue", colBad
		}
		c.text(progLabelW, cy+4, class, "end", fill, short(e.Name, 8))
		x := x0
		for _, part := range []struct {
			n           int
			class, fill string
			what        string
		}{
			{e.Submitted, "bar done", colOK, "已提交"},
			{e.Drafts, "bar draft", colWarn, "草稿"},
			{e.NotStarted, "bar todo", colLine, "未开始"},
		} {
			if part.n == 0 {
				continue
			}
			w := unit * float64(part.n)
			c.rect(x, y+5, w, progRowH-10, part.class, part.fill, fmt.Sprintf("%s：%s %d 份", e.Name, part.what, part.n))
			x += w
		}
		value := fmt.Sprintf("已提交 %d/%d 份", e.Submitted, e.Assigned())
		if e.Overdue {
			value += "，逾期"
		}
		c.text(x1+10, cy+4, "value", "start", fill, value)
	}
	ly := height - progLegendH + 20
	c.raw(`<g class="legend">`)
	lx := x0
	for _, l := range []struct{ class, fill, label string }{
		{"bar done", colOK, "已提交"}, {"bar draft", colWarn, "草稿"}, {"bar todo", colLine, "未开始"},
	} {
		c.rect(lx, ly-11, 14, 14, l.class, l.fill, "")
		c.text(lx+20, ly, "legend-text", "start", colInk, l.label)
		lx += 90
	}
	c.raw(`</g>`)
	return c.close()
}
