package gbt9704

import (
	"math"

	"chainjudge/reports/fonts"
)

// Style is the line pitch and body text of a document.
type Style struct {
	Pitch     float64 // line pitch, mm
	BodySize  float64 // pt
	CharPitch float64 // body character pitch, mm; 0 sets body text at its natural width
}

// Official is the GB/T 9704 grid: 22 lines of 28 三号 characters.
var Official = Style{Pitch: GridPitch, BodySize: Size3, CharPitch: GridCharPitch}

// Form is for score sheets and receipts: 小四 text on 7.5 mm lines (about
// 1.8 line spacing), the density of a printed form.
var Form = Style{Pitch: 7.5, BodySize: SizeSmall4}

// Doc accumulates laid-out pages. Methods place content at the current
// position and move it down; content that does not fit continues on a new
// page. The first error (a missing glyph) stops all further layout and is
// reported by Err and Pages.
type Doc struct {
	Fonts fonts.Set
	geom  Geometry
	style Style
	pages []*Page
	y     float64 // top of the next line box
	err   error
	// unnumbered marks the pages GB/T 9704 7.5 leaves without a page
	// number: a blank page before the 版记 and the 版记 page after it.
	unnumbered map[int]bool
}

// New starts a document whose pages have geometry g.
func New(set fonts.Set, g Geometry, style Style) *Doc {
	d := &Doc{Fonts: set, geom: g, style: style, unnumbered: map[int]bool{}}
	if err := set.Complete(); err != nil {
		d.err = err
	}
	return d
}

// Err is the first layout error.
func (d *Doc) Err() error { return d.err }

// Geometry is the page geometry of new pages.
func (d *Doc) Geometry() Geometry { return d.geom }

// Style is the document's line pitch and body size.
func (d *Doc) Style() Style { return d.style }

// Page returns the current page, starting the first one if needed.
func (d *Doc) Page() *Page {
	if len(d.pages) == 0 {
		d.NewPage()
	}
	return d.pages[len(d.pages)-1]
}

// PageCount is the number of pages so far.
func (d *Doc) PageCount() int { return len(d.pages) }

// NewPage starts a page and moves to the top of its type area.
func (d *Doc) NewPage() {
	d.pages = append(d.pages, &Page{Geometry: d.geom})
	d.y = d.geom.Top
}

// Y is the top of the next line box.
func (d *Doc) Y() float64 {
	d.Page()
	return d.y
}

// SetY moves the position on the current page.
func (d *Doc) SetY(y float64) {
	d.Page()
	d.y = y
}

// Space is the height left on the current page below the position.
func (d *Doc) Space() float64 { return d.geom.Bottom() - d.Y() }

// LinesLeft is how many lines of the document's pitch fit on the page.
func (d *Doc) LinesLeft() int {
	return int(math.Floor((d.Space() + epsilon) / d.style.Pitch))
}

// Skip moves down n blank lines (within the page; it never starts a page).
func (d *Doc) Skip(n float64) {
	d.Page()
	d.y = math.Min(d.y+n*d.style.Pitch, d.geom.Bottom())
}

// Ensure starts a new page unless h millimetres fit below the position.
func (d *Doc) Ensure(h float64) {
	if d.Y()+h > d.geom.Bottom()+epsilon {
		d.NewPage()
	}
}

// SnapToGrid moves the position down to the next line of the page's grid,
// so that text after a table or a header lines up with the other pages.
func (d *Doc) SnapToGrid() {
	rel := (d.Y() - d.geom.Top) / d.style.Pitch
	d.y = d.geom.Top + math.Ceil(rel-epsilon)*d.style.Pitch
}

// Chars is the width of n body characters on the grid.
func (d *Doc) Chars(n float64) float64 {
	if d.style.CharPitch > 0 {
		return n * d.style.CharPitch
	}
	return n * PtToMM(d.style.BodySize)
}

// Body is a span of body text.
func (d *Doc) Body(text, field string) Span {
	return Span{Text: text, Font: d.Fonts.Body, Size: d.style.BodySize, Field: field}
}

// BodySpacing is the character spacing that puts body text on the grid's
// character pitch, in points (negative: 三号 is slightly wider than 156/28 mm).
func (d *Doc) BodySpacing() float64 {
	if d.style.CharPitch == 0 {
		return 0
	}
	return MMToPt(d.style.CharPitch) - d.style.BodySize
}

// check records a missing glyph in any span as the document's error.
func (d *Doc) check(spans []Span) bool {
	if d.err != nil {
		return false
	}
	for _, s := range spans {
		field := s.Field
		if field == "" {
			field = "（版式固定文字）"
		}
		if err := s.Font.Check(field, s.Text); err != nil {
			d.err = err
			return false
		}
	}
	return true
}

// Para places a paragraph at the position, continuing on new pages as
// needed, and returns the number of lines it took.
func (d *Doc) Para(p Para) int {
	if !d.check(p.Spans) {
		return 0
	}
	pitch := p.pitch(d)
	lines := p.layout(d.geom.TextWidth)
	for _, l := range lines {
		d.Ensure(pitch)
		d.placeLine(p, l, d.y, pitch)
		d.y += pitch
	}
	return len(lines)
}

// Lines is how many lines p takes, without placing it.
func (d *Doc) Lines(p Para) int {
	return len(p.layout(d.geom.TextWidth))
}

// placeLine draws one laid-out line with its top at top.
func (d *Doc) placeLine(p Para, l placedLine, top, pitch float64) {
	page := d.Page()
	base := baseline(top, pitch, l.size)
	for _, r := range l.runs {
		page.addRun(p.Spans[r.span], r, d.geom.Left, base, l.spacing)
	}
}

// Rule draws a horizontal line across the type area at y.
func (d *Doc) Rule(y, width float64, c RGB) {
	d.Page().Lines = append(d.Page().Lines, LineItem{X1: d.geom.Left, Y1: y, X2: d.geom.Right(), Y2: y, Width: width, Color: c})
}
