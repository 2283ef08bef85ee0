// Package pdftext reads back the PDFs the reports package writes, for
// tests: the text runs with their fonts and positions, and the stroked
// lines, decoded from the content streams in Go.
//
// gofpdf writes CJK text as Identity-H with CID = UTF-16 code unit and a
// single-range ToUnicode map that general-purpose Go readers misapply, so
// instead of trusting the ToUnicode map this package decodes every Tj
// operand as UTF-16BE, which is exact for gofpdf output.
package pdftext

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

const mmPerPt = 25.4 / 72

// Run is one text-showing operation.
type Run struct {
	X, Y    float64 // baseline start, mm from the page's top-left corner
	Font    string  // resource name, e.g. "F1"
	Size    float64 // pt
	Spacing float64 // Tc, pt
	Scale   float64 // Tz, percent
	Color   [3]float64
	Text    string
}

// Line is one stroked straight segment.
type Line struct {
	X1, Y1, X2, Y2 float64 // mm from the top-left corner
	Width          float64 // mm
	Color          [3]float64
}

// Page is one page read back.
type Page struct {
	Width, Height float64 // mm (MediaBox)
	Runs          []Run
	Lines         []Line
}

// Text joins the page's runs, one per line.
func (p Page) Text() string {
	var sb strings.Builder
	for _, r := range p.Runs {
		sb.WriteString(r.Text)
		sb.WriteByte('\n')
	}
	return sb.String()
}

// Document is a PDF read back.
type Document struct {
	Pages []Page
}

// Text joins the text of all pages.
func (d Document) Text() string {
	var sb strings.Builder
	for _, p := range d.Pages {
		sb.WriteString(p.Text())
	}
	return sb.String()
}

// Read parses a PDF.
func Read(data []byte) (doc Document, err error) {
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return Document{}, fmt.Errorf("read pdf: %w", err)
	}
	defer func() {
		// The reader panics on malformed content streams.
		if p := recover(); p != nil {
			err = fmt.Errorf("read pdf: %v", p)
		}
	}()
	for i := 1; i <= r.NumPage(); i++ {
		p := r.Page(i)
		box := mediaBox(p.V)
		page := Page{Width: box.Index(2).Float64() * mmPerPt, Height: box.Index(3).Float64() * mmPerPt}
		readContent(p.V.Key("Contents"), &page, box.Index(3).Float64())
		doc.Pages = append(doc.Pages, page)
	}
	return doc, nil
}

// mediaBox finds the page's MediaBox, which may be inherited from the
// page tree.
func mediaBox(v pdf.Value) pdf.Value {
	for ; !v.IsNull(); v = v.Key("Parent") {
		if b := v.Key("MediaBox"); !b.IsNull() {
			return b
		}
	}
	return pdf.Value{}
}

// graphics is the part of the PDF graphics state the reader follows.
type graphics struct {
	font           string
	size           float64
	spacing, scale float64
	fill, stroke   [3]float64
	lineWidth      float64
	penX, penY     float64
	textX, textY   float64
}

func readContent(contents pdf.Value, page *Page, heightPt float64) {
	gs := graphics{scale: 100, lineWidth: 1}
	var saved []graphics
	var path []Line
	toMM := func(x, y float64) (float64, float64) { return x * mmPerPt, (heightPt - y) * mmPerPt }
	pdf.Interpret(contents, func(stk *pdf.Stack, op string) {
		args := make([]pdf.Value, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		num := func(i int) float64 { return args[i].Float64() }
		switch op {
		case "q":
			saved = append(saved, gs)
		case "Q":
			if n := len(saved); n > 0 {
				gs, saved = saved[n-1], saved[:n-1]
			}
		case "Tf":
			gs.font, gs.size = args[0].Name(), num(1)
		case "Tc":
			gs.spacing = num(0)
		case "Tz":
			gs.scale = num(0)
		case "rg":
			gs.fill = [3]float64{num(0), num(1), num(2)}
		case "RG":
			gs.stroke = [3]float64{num(0), num(1), num(2)}
		case "w":
			gs.lineWidth = num(0)
		case "BT":
			gs.textX, gs.textY = 0, 0
		case "Td":
			gs.textX, gs.textY = gs.textX+num(0), gs.textY+num(1)
		case "Tj":
			x, y := toMM(gs.textX, gs.textY)
			page.Runs = append(page.Runs, Run{X: x, Y: y, Font: gs.font, Size: gs.size, Spacing: gs.spacing,
				Scale: gs.scale, Color: gs.fill, Text: decodeUTF16(args[0].RawString())})
		case "m":
			gs.penX, gs.penY = num(0), num(1)
		case "l":
			x1, y1 := toMM(gs.penX, gs.penY)
			x2, y2 := toMM(num(0), num(1))
			path = append(path, Line{X1: x1, Y1: y1, X2: x2, Y2: y2})
			gs.penX, gs.penY = num(0), num(1)
		case "S":
			for _, l := range path {
				l.Width, l.Color = gs.lineWidth*mmPerPt, gs.stroke
				page.Lines = append(page.Lines, l)
			}
			path = nil
		case "n", "f", "B", "b":
			path = nil
		}
	})
}

// decodeUTF16 decodes a gofpdf Identity-H string (UTF-16BE code units).
func decodeUTF16(s string) string {
	b := []byte(s)
	units := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		units = append(units, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return string(utf16.Decode(units))
}
