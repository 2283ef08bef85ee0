package gbt9704

import "chainjudge/reports/fonts"

// TextItem is one run of text drawn at a baseline.
type TextItem struct {
	X, Y    float64 // start of the baseline, mm
	Font    *fonts.Font
	Size    float64 // pt
	Spacing float64 // extra space after every character (PDF Tc), pt
	Scale   float64 // horizontal scaling in percent (PDF Tz); 100 keeps the glyphs' width
	Color   RGB
	Text    string
}

// LineItem is a straight rule.
type LineItem struct {
	X1, Y1, X2, Y2 float64
	Width          float64 // mm
	Color          RGB
	Dash           float64 // dash length in mm; 0 draws a solid line
}

// CircleItem is an unfilled circle, used to show where a seal goes.
type CircleItem struct {
	X, Y, R float64
	Width   float64
	Color   RGB
	Dash    float64
}

// Page is one laid-out page.
type Page struct {
	Geometry Geometry
	Number   int // printed page number; 0 when the page carries none
	Texts    []TextItem
	Lines    []LineItem
	Circles  []CircleItem
}

// Text returns the page's text runs joined in drawing order, one run per
// line, for tests and search.
func (p *Page) Text() string {
	out := make([]byte, 0, 1024)
	for _, t := range p.Texts {
		out = append(out, t.Text...)
		out = append(out, '\n')
	}
	return string(out)
}

// addRun draws a laid-out run of span s on the baseline base, shifted right
// by dx, with its strike-through if the span asks for one.
func (p *Page) addRun(s Span, r placedRun, dx, base, spacing float64) {
	p.addText(TextItem{X: dx + r.x, Y: base, Font: s.Font, Size: s.Size, Spacing: spacing, Color: s.Color, Text: r.text})
	if s.Strike && r.text != "" {
		y := base - 0.3*PtToMM(s.Size)
		p.Lines = append(p.Lines, LineItem{X1: dx + r.x - 0.5, Y1: y, X2: dx + r.end + 0.5, Y2: y, Width: 0.3, Color: s.Color})
	}
}

// addText appends a run, skipping empty ones.
func (p *Page) addText(t TextItem) {
	if t.Text == "" {
		return
	}
	if t.Scale == 0 {
		t.Scale = 100
	}
	p.Texts = append(p.Texts, t)
}
