package gbt9704

import (
	"strings"

	"chainjudge/reports/fonts"
)

// Span is a run of text in one font, size and colour.
type Span struct {
	Text  string
	Font  *fonts.Font
	Size  float64 // pt
	Color RGB
	// Field names where the text came from (e.g. "Winners[2].Chain"), so
	// that a character the font lacks is reported against it; empty for
	// the document's own fixed wording.
	Field string
	// Keep asks the line breaker not to break inside the span unless it is
	// wider than a whole line (a region name in a table cell).
	Keep bool
	// Strike draws a line through the text: a score the aggregation
	// dropped stays readable but visibly does not count.
	Strike bool
}

// Align is how a paragraph's lines sit between its indents.
type Align int

// Alignments. Justify stretches every line but the last to both indents,
// as Chinese body text is set.
const (
	Justify Align = iota
	Left
	Center
	Right
)

// Para is a paragraph: spans set as one flow of lines.
type Para struct {
	Spans       []Span
	FirstIndent float64 // extra indent of the first line, mm (2 characters for body text)
	Indent      float64 // left indent of every line, mm
	RightIndent float64 // mm
	// Hang is the indent of the lines after the first, relative to
	// Indent, mm: "附件：" notes and 抄送 lines align wrapped text after
	// the colon.
	Hang    float64
	Align   Align
	Spacing float64 // character spacing, pt (Doc.BodySpacing for grid text)
	Pitch   float64 // line pitch, mm; 0 uses the document's
	// Balance breaks the paragraph into lines of even length (titles).
	Balance bool
}

func (p Para) pitch(d *Doc) float64 {
	if p.Pitch > 0 {
		return p.Pitch
	}
	return d.style.Pitch
}

// placedRun is a run of one span's text on a line, x relative to the type
// area's left edge.
type placedRun struct {
	x, end float64 // where the run's first character starts and its last ends
	span   int
	text   string
}

// placedLine is one line ready to draw.
type placedLine struct {
	runs    []placedRun
	spacing float64 // pt, applied after every character
	size    float64 // largest font size on the line, pt
	end     float64 // x where the last character ends
}

// glyphs expands the spans into measured characters. Carriage returns are
// dropped; line feeds stay as forced breaks.
func (p Para) glyphs() []glyph {
	var gs []glyph
	for i, s := range p.Spans {
		for _, r := range strings.ReplaceAll(s.Text, "\r", "") {
			gs = append(gs, glyph{r: r, span: i, adv: PtToMM(float64(s.Font.Advance(r)) * s.Size / 1000), keep: s.Keep})
		}
	}
	return gs
}

// layout breaks the paragraph into lines for a type area width wide.
func (p Para) layout(width float64) []placedLine {
	gs := p.glyphs()
	spacing := PtToMM(p.Spacing)
	firstLeft := p.Indent + p.FirstIndent
	restLeft := p.Indent + p.Hang
	var out []placedLine
	for _, seg := range splitForced(gs) {
		first := len(out) == 0
		left := restLeft
		if first {
			left = firstLeft
		}
		var lines []lineRange
		if p.Balance {
			lines = balanceLines(seg, width-left-p.RightIndent, spacing)
		} else {
			lines = breakLines(seg, width-left-p.RightIndent, width-restLeft-p.RightIndent, spacing)
		}
		for i, l := range lines {
			lineLeft := restLeft
			if first && i == 0 {
				lineLeft = firstLeft
			}
			avail := width - lineLeft - p.RightIndent
			out = append(out, p.placeLine(seg, l, lineLeft, avail, i == len(lines)-1))
		}
	}
	return out
}

// splitForced cuts the glyphs at line feeds.
func splitForced(gs []glyph) [][]glyph {
	var segs [][]glyph
	start := 0
	for i, g := range gs {
		if g.r == '\n' {
			segs = append(segs, gs[start:i])
			start = i + 1
		}
	}
	return append(segs, gs[start:])
}

// placeLine positions one line: justified lines get extra spacing so their
// last character ends at the right indent; a line that overflows (a closing
// mark squeezed in) is tightened the same way.
func (p Para) placeLine(gs []glyph, l lineRange, left, avail float64, last bool) placedLine {
	spacing := PtToMM(p.Spacing)
	natural := extent(gs, l.start, l.end, spacing)
	n := l.end - l.start
	x := left
	switch {
	case n > 1 && (p.Align == Justify && !last || fitExtent(gs, l.start, l.end, spacing) > avail+epsilon):
		spacing += (avail - natural) / float64(n-1)
	case p.Align == Center:
		x += (avail - natural) / 2
	case p.Align == Right:
		x += avail - natural
	}
	line := placedLine{spacing: MMToPt(spacing)}
	for i := l.start; i < l.end; {
		j := i
		w := 0.0
		for j < l.end && gs[j].span == gs[i].span {
			w += gs[j].adv + spacing
			j++
		}
		var sb strings.Builder
		for _, g := range gs[i:j] {
			sb.WriteRune(g.r)
		}
		line.runs = append(line.runs, placedRun{x: x, end: x + w - spacing, span: gs[i].span, text: sb.String()})
		x += w
		i = j
	}
	line.end = x - spacing
	for _, r := range line.runs {
		line.size = max(line.size, p.Spans[r.span].Size)
	}
	return line
}
