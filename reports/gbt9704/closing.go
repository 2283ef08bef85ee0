package gbt9704

import "strconv"

// SealDiameter is the diameter reserved for an office seal, mm (provincial
// office seals are about 42 mm).
const SealDiameter = 42

// Signature is the 署名, 成文日期 and 附注 block at the end of the body.
type Signature struct {
	Signer Span
	Date   Span
	// Sealed reserves room for the seal (7.3.5.1): the date 右空四字, the
	// signer centred on it (the longer of the two lines 右空四字 and the
	// other centred on it), both below the seal's centre. Unsealed
	// (7.3.5.2): the signer 右空二字 one blank line below the body, the date
	// on the next line starting two characters right of the signer.
	Sealed bool
	// SealGuide draws a dashed circle where the seal goes, for proofs.
	SealGuide bool
	// Note is the 附注 (e.g. "（此件公开发布）"), 左空二字 on the line
	// below the date; empty for none.
	Note Span
}

// SealBox is where Signature reserved the seal.
type SealBox struct {
	Page       int // 1-based
	X, Y, R    float64
	SignerLine float64 // top of the signer's line
}

// Sign places the signature block, moving it (with nothing else) to a new
// page if it does not fit, because a seal must never stand alone (7.3.5.5
// asks for spacing to be adjusted; callers keep the 附件说明 with it by
// calling KeepLines first). It returns where the seal goes.
func (d *Doc) Sign(s Signature) SealBox {
	if !d.check([]Span{s.Signer, s.Date, s.Note}) {
		return SealBox{}
	}
	pitch := d.style.Pitch
	blank := 1.0
	if s.Sealed {
		blank = 3
	}
	d.Ensure(d.signatureHeight(s))
	signerW, dateW := d.spanWidth(s.Signer), d.spanWidth(s.Date)
	right := d.geom.Right()
	var signerX, dateX float64
	if s.Sealed {
		longer := max(signerW, dateW)
		centre := right - d.Chars(4) - longer/2
		signerX, dateX = centre-signerW/2, centre-dateW/2
	} else {
		signerX = right - d.Chars(2) - signerW
		dateX = signerX + d.Chars(2)
		if dateX+dateW > right-d.Chars(2) {
			dateX = right - d.Chars(2) - dateW
			signerX = min(signerX, dateX-d.Chars(2))
		}
	}
	d.Skip(blank)
	box := SealBox{Page: d.PageCount(), SignerLine: d.y}
	d.placeSpanAt(s.Signer, signerX, d.y)
	d.y += pitch
	d.placeSpanAt(s.Date, dateX, d.y)
	d.y += pitch
	if s.Note.Text != "" {
		d.placeSpanAt(s.Note, d.geom.Left+d.Chars(2), d.y)
		d.y += pitch
	}
	if s.Sealed {
		box.R = SealDiameter / 2
		box.X = (dateX + dateW/2)
		if signerW > dateW {
			box.X = signerX + signerW/2
		}
		// Centre half a millimetre above the signer's line: the seal's top
		// stays within one line of the body and the signer and the date
		// sit below its centre.
		box.Y = box.SignerLine - 0.5
		if s.SealGuide {
			d.Page().Circles = append(d.Page().Circles, CircleItem{X: box.X, Y: box.Y, R: box.R, Width: 0.3, Color: Grey, Dash: 2})
		}
	}
	return box
}

// signatureHeight is the height of the signature block.
func (d *Doc) signatureHeight(s Signature) float64 {
	lines := 3.0 // one blank line, signer, date
	if s.Sealed {
		lines = 5
	}
	if s.Note.Text != "" {
		lines++
	}
	return lines * d.style.Pitch
}

// KeepWithSignature starts a new page before content of the given number of
// lines if that content and the signature block would not fit together on
// this page, so the seal page also carries text.
func (d *Doc) KeepWithSignature(lines int, s Signature) {
	need := float64(lines)*d.style.Pitch + d.signatureHeight(s)
	if d.Space()+epsilon < need && need <= d.geom.TextHeight {
		d.NewPage()
	}
}

// placeSpanAt draws a single-line span with its line box top at top,
// spaced on the grid.
func (d *Doc) placeSpanAt(s Span, x, top float64) {
	d.Page().addText(TextItem{
		X: x, Y: baseline(top, d.style.Pitch, s.Size), Font: s.Font, Size: s.Size,
		Spacing: d.BodySpacing(), Color: s.Color, Text: s.Text,
	})
}

// TextAt draws a single-line span with its line box (of the document's
// pitch) at top, without wrapping or spacing, and returns its width.
func (d *Doc) TextAt(s Span, x, top float64) float64 {
	if !d.check([]Span{s}) {
		return 0
	}
	d.Page().addText(TextItem{X: x, Y: baseline(top, d.style.Pitch, s.Size), Font: s.Font, Size: s.Size, Color: s.Color, Text: s.Text})
	return s.Font.Width(s.Text, PtToMM(s.Size))
}

// HLine draws a horizontal black rule on the current page.
func (d *Doc) HLine(x1, x2, y, width float64) {
	d.Page().Lines = append(d.Page().Lines, LineItem{X1: x1, Y1: y, X2: x2, Y2: y, Width: width, Color: Black})
}

// Attachment starts the attachment on a new page (7.3.7): the label ("附件"
// or "附件2") in 3号黑体 flush left on line 1, the title in 2号 centred on
// line 3, the position on line 5.
func (d *Doc) Attachment(label string, title ...Span) {
	d.NewPage()
	d.Para(Para{Spans: []Span{{Text: label, Font: d.Fonts.Hei, Size: d.style.BodySize}}, Align: Left})
	d.Skip(1)
	d.Title(title...)
	d.Skip(1)
}

// Colophon is the 版记 (7.4): 抄送机关 and 印发机关和印发日期.
type Colophon struct {
	CopyTo    Span // names separated by "，", without "抄送：" and the final "。"; empty for none
	Printer   Span
	PrintDate Span // e.g. "2026年11月23日印发"
}

// Colophon rules: first and last thick, between items thin (7.4.1).
const (
	colophonThick = 0.35
	colophonThin  = 0.25
)

// Colophon places the 版记 at the bottom of the last page, which must be an
// even page (the back of a sheet): the content's last page if it is even
// and has room, otherwise the next even page. If that needs a blank page,
// the blank page and the 版记 page carry no page numbers (7.5).
func (d *Doc) Colophon(c Colophon) {
	size := float64(Size4)
	for _, s := range []*Span{&c.CopyTo, &c.Printer, &c.PrintDate} {
		s.Font, s.Size = d.Fonts.Body, size
	}
	if !d.check([]Span{c.CopyTo, c.Printer, c.PrintDate}) {
		return
	}
	pitch := d.style.Pitch
	oneChar := PtToMM(size)
	var copyTo Para
	copyLines := 0
	if c.CopyTo.Text != "" {
		label := Span{Text: "抄送：", Font: d.Fonts.Body, Size: size}
		end := Span{Text: "。", Font: d.Fonts.Body, Size: size}
		copyTo = Para{Spans: []Span{label, c.CopyTo, end}, Indent: oneChar, RightIndent: oneChar,
			Hang: label.Font.Width(label.Text, PtToMM(size)), Pitch: pitch}
		copyLines = d.Lines(copyTo)
	}
	height := float64(copyLines+1) * pitch
	bottom := d.geom.Bottom()
	top := bottom - height
	page := d.PageCount()
	switch {
	case page%2 == 0 && d.Y() <= top+epsilon:
	case page%2 == 1:
		d.NewPage()
	default:
		d.NewPage()
		d.unnumbered[d.PageCount()] = true
		d.NewPage()
		d.unnumbered[d.PageCount()] = true
	}
	d.Rule(top, colophonThick, Black)
	d.y = top
	if copyLines > 0 {
		d.Para(copyTo)
		d.Rule(d.y, colophonThin, Black)
	}
	printer := Para{Spans: []Span{c.Printer}, Indent: oneChar, Align: Left, Pitch: pitch}
	date := Para{Spans: []Span{c.PrintDate}, RightIndent: oneChar, Align: Right, Pitch: pitch}
	lineTop := d.y
	d.Para(printer)
	d.y = lineTop
	d.Para(date)
	d.Rule(bottom, colophonThick, Black)
}

// PageNumberSize is the 4号 of the page numbers (7.5).
const PageNumberSize = Size4

// pageNumberDrop is how far below the type area the 一字线 sits, mm.
const pageNumberDrop = 7

// Pages finishes the document and returns its pages. With numbers, each
// page gets "— N —" in 4号 below the type area, odd pages 右空一字 and even
// pages 左空一字 (7.5), except pages the 版记 rule leaves unnumbered.
func (d *Doc) Pages(numbers bool) ([]*Page, error) {
	if d.err != nil {
		return nil, d.err
	}
	d.Page()
	for i, p := range d.pages {
		n := i + 1
		if !numbers || d.unnumbered[n] {
			continue
		}
		p.Number = n
		f := d.Fonts.Body
		text := "— " + strconv.Itoa(n) + " —"
		w := f.Width(text, PtToMM(PageNumberSize))
		one := PtToMM(PageNumberSize)
		g := p.Geometry
		x := g.Left + one
		if n%2 == 1 {
			x = g.Right() - one - w
		}
		// The dash's middle sits 0.27 em above the baseline in the body font.
		y := g.Bottom() + pageNumberDrop + 0.27*one
		p.addText(TextItem{X: x, Y: y, Font: f, Size: PageNumberSize, Text: text})
	}
	return d.pages, nil
}
