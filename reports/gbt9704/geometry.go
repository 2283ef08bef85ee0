// Package gbt9704 lays out pages the way GB/T 9704-2012 《党政机关公文格式》
// prescribes (A4, 28 characters × 22 lines, red issuing-authority mark, 版记,
// odd/even page numbers) and draws them with gofpdf.
//
// Layout is pure: a Doc turns spans of text into pages of positioned items
// (text runs, rules, circles) that tests can inspect; Render draws those pages.
// All positions are in millimetres from the top-left corner of the page; font
// sizes are in points.
package gbt9704

// Chinese type sizes in points (GB/T 9704 uses the traditional 号 sizes).
const (
	SizeChu    = 42   // 初号
	Size2      = 22   // 二号, titles
	SizeSmall2 = 18   // 小二
	Size3      = 16   // 三号, body text
	SizeSmall3 = 15   // 小三
	Size4      = 14   // 四号, 版记 and page numbers
	SizeSmall4 = 12   // 小四
	Size5      = 10.5 // 五号
	SizeSmall5 = 9    // 小五
)

// mmPerPt converts points to millimetres.
const mmPerPt = 25.4 / 72

// PtToMM converts a length in points to millimetres.
func PtToMM(pt float64) float64 { return pt * mmPerPt }

// MMToPt converts a length in millimetres to points.
func MMToPt(mm float64) float64 { return mm / mmPerPt }

// Geometry is a page size and its type area (版心).
type Geometry struct {
	Width, Height float64 // paper
	Left, Top     float64 // type area origin
	TextWidth     float64 // type area width
	TextHeight    float64 // type area height
}

// Right is the x of the type area's right edge.
func (g Geometry) Right() float64 { return g.Left + g.TextWidth }

// Bottom is the y of the type area's bottom edge.
func (g Geometry) Bottom() float64 { return g.Top + g.TextHeight }

// Landscape reports whether the page is wider than tall.
func (g Geometry) Landscape() bool { return g.Width > g.Height }

// A4Portrait is GB/T 9704 5.2.1: 天头 37 mm, 订口 28 mm, type area
// 156 × 225 mm.
var A4Portrait = Geometry{Width: 210, Height: 297, Left: 28, Top: 37, TextWidth: 156, TextHeight: 225}

// A4Landscape is the portrait page turned with its head to the left, so the
// margins keep their roles: 37 mm left, 26 mm top, 35 mm right, 28 mm bottom.
var A4Landscape = Geometry{Width: 297, Height: 210, Left: 37, Top: 26, TextWidth: 225, TextHeight: 156}

// Grid of GB/T 9704 5.2.3: 22 lines of 28 三号 characters fill the type area.
const (
	GridLines = 22
	GridChars = 28
)

// GridPitch is the line pitch of the 22-line grid, 225/22 ≈ 10.227 mm.
const GridPitch = 225.0 / GridLines

// GridCharPitch is the character pitch of the 28-character grid, 156/28 ≈ 5.571 mm.
const GridCharPitch = 156.0 / GridChars

// emCentre is how far above the baseline the centre of the ideographic em
// box lies, as a fraction of the font size (CJK fonts put the em box from
// -0.12 to 0.88 em). Centring that box in a line box puts hanzi where a word
// processor's exact line spacing puts them.
const emCentre = 0.38

// baseline is the baseline of text of size pt centred in a line box.
func baseline(lineTop, pitch, size float64) float64 {
	return lineTop + pitch/2 + emCentre*PtToMM(size)
}

// RGB is a colour.
type RGB struct{ R, G, B uint8 }

// Colours used by official documents. GB/T 9704 does not fix the red; this is
// the common print red.
var (
	Black = RGB{0, 0, 0}
	Red   = RGB{230, 0, 18}
	Grey  = RGB{140, 140, 140}
)
