package gbt9704

import (
	"math"
	"strconv"
)

// Positions of the 版头 (GB/T 9704 7.2).
const (
	markTopBelowTypeArea = 35  // 发文机关标志 top edge below the type area top, mm (7.2.4)
	ruleBelowNumber      = 4   // red rule below the 发文字号, mm (7.2.7)
	headerRuleWidth      = 0.6 // red rule thickness, mm (not fixed by the standard)
	markMinScale         = 55  // narrowest horizontal scaling of the mark before its size shrinks, %
)

// Header draws the 版头 of a 文件-style document on the first page: the red
// 发文机关标志 centred with its top edge 35 mm below the type area, horizontally
// compressed so it fits the type area; the 发文字号 centred two blank lines
// below it; the red rule 4 mm below the number. The position moves to the
// title line, two blank lines below the rule.
func (d *Doc) Header(mark, number Span) {
	mark.Font, mark.Color = d.Fonts.Title, Red
	if mark.Size == 0 {
		mark.Size = SizeChu
	}
	if !d.check([]Span{mark, number}) {
		return
	}
	page := d.Page()
	g := d.geom
	natural := mark.Font.Width(mark.Text, PtToMM(mark.Size))
	width := g.TextWidth
	scale := math.Min(100, 100*width/natural)
	for scale < markMinScale {
		mark.Size *= scale / markMinScale
		natural = mark.Font.Width(mark.Text, PtToMM(mark.Size))
		scale = math.Min(100, 100*width/natural)
	}
	sizeMM := PtToMM(mark.Size)
	top := g.Top + markTopBelowTypeArea
	base := top + 0.88*sizeMM // the em box spans 0.88 em above the baseline to 0.12 em below
	shown := natural * scale / 100
	page.addText(TextItem{X: g.Left + (width-shown)/2, Y: base, Font: mark.Font, Size: mark.Size, Scale: scale, Color: Red, Text: mark.Text})
	markBottom := base + 0.12*sizeMM

	d.y = markBottom
	d.SnapToGrid()
	d.Skip(2)
	d.Para(Para{Spans: []Span{number}, Align: Center})
	numberBottom := baseline(d.y-d.style.Pitch, d.style.Pitch, number.Size) + 0.12*PtToMM(number.Size)
	ruleY := numberBottom + ruleBelowNumber
	page.Lines = append(page.Lines, LineItem{X1: g.Left, Y1: ruleY, X2: g.Right(), Y2: ruleY, Width: headerRuleWidth, Color: Red})
	d.y = ruleY + headerRuleWidth/2
	d.SnapToGrid()
	d.Skip(2)
}

// Title sets a 2号 title centred on the grid, broken into even lines. Parts
// are kept whole where possible (pass "关于公布", the competition name and
// "结果的通知" as separate spans); a span containing "\n" breaks there.
func (d *Doc) Title(parts ...Span) {
	for i := range parts {
		if parts[i].Font == nil {
			parts[i].Font = d.Fonts.Title
		}
		if parts[i].Size == 0 {
			parts[i].Size = Size2
		}
	}
	d.Para(Para{Spans: parts, Align: Center, Balance: true})
}

// Addressee sets the 主送机关 flush left, with the full-width colon.
func (d *Doc) Addressee(s Span) {
	colon := d.Body("：", "")
	d.Para(Para{Spans: []Span{s, colon}, Spacing: d.BodySpacing()})
}

// BodyPara sets a body paragraph: indented two characters, justified, on
// the character grid.
func (d *Doc) BodyPara(spans ...Span) {
	d.Para(Para{Spans: spans, FirstIndent: d.Chars(2), Spacing: d.BodySpacing()})
}

// Heading1 sets a level-1 heading ("一、…") in 黑体, indented two characters.
func (d *Doc) Heading1(s Span) {
	s.Font = d.Fonts.Hei
	if s.Size == 0 {
		s.Size = d.style.BodySize
	}
	d.Para(Para{Spans: []Span{s}, FirstIndent: d.Chars(2), Spacing: d.BodySpacing()})
}

// RunIn sets a paragraph that starts with a level-2 heading ("（一）…。")
// in 楷体, followed by body text on the same line.
func (d *Doc) RunIn(heading Span, body ...Span) {
	heading.Font = d.Fonts.Kai
	if heading.Size == 0 {
		heading.Size = d.style.BodySize
	}
	d.Para(Para{Spans: append([]Span{heading}, body...), FirstIndent: d.Chars(2), Spacing: d.BodySpacing()})
}

// AttachmentNote sets the 附件说明 (7.3.4) one blank line below the body,
// indented two characters: "附件：name", or "附件：1. name" for several, with
// wrapped lines aligned to the first character of the name.
func (d *Doc) AttachmentNote(names ...Span) {
	if len(names) == 0 {
		return
	}
	if d.Y() > d.geom.Top+epsilon { // no blank line at the top of a page
		d.Skip(1)
	}
	for _, p := range d.attachmentParas(names) {
		d.Para(p)
	}
}

// AttachmentNoteLines is how many lines AttachmentNote takes, the blank
// line before it included.
func (d *Doc) AttachmentNoteLines(names ...Span) int {
	if len(names) == 0 {
		return 0
	}
	n := 1
	for _, p := range d.attachmentParas(names) {
		n += d.Lines(p)
	}
	return n
}

func (d *Doc) attachmentParas(names []Span) []Para {
	label := d.Body("附件：", "")
	labelW := d.spanWidth(label)
	paras := make([]Para, 0, len(names))
	for i, name := range names {
		p := Para{Indent: d.Chars(2), Spacing: d.BodySpacing(), Align: Left}
		if i == 0 {
			p.Spans = []Span{label}
			p.Hang = labelW
		} else {
			p.Indent += labelW
		}
		if len(names) > 1 {
			num := d.Body(strconv.Itoa(i+1)+". ", "")
			p.Spans = append(p.Spans, num)
			p.Hang += d.spanWidth(num)
		}
		p.Spans = append(p.Spans, name)
		paras = append(paras, p)
	}
	return paras
}

// spanWidth is the width s takes in body text on the grid, spacing included.
func (d *Doc) spanWidth(s Span) float64 {
	n := float64(len([]rune(s.Text)))
	return s.Font.Width(s.Text, PtToMM(s.Size)) + n*PtToMM(d.BodySpacing())
}
