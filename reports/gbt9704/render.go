package gbt9704

import (
	"fmt"
	"io"
	"time"

	"github.com/jung-kurt/gofpdf"

	"chainjudge/reports/fonts"
)

// Meta is the PDF's document information.
type Meta struct {
	Title   string
	Subject string
	Author  string // the issuing office
	// Created is written as both creation and modification date; with it
	// fixed, the same pages always give the same bytes.
	Created time.Time
}

// producer is written instead of gofpdf's default, which carries no version.
const producer = "chainjudge reports (gofpdf 1.16.2)"

// Render draws the pages as a PDF to w. Each document gets its own copy of
// every font file (gofpdf writes into the bytes it is given), and only the
// fonts the pages use are embedded, as subsets.
func Render(w io.Writer, pages []*Page, meta Meta) error {
	if len(pages) == 0 {
		return fmt.Errorf("render pdf: no pages")
	}
	pdf := gofpdf.NewCustom(&gofpdf.InitType{UnitStr: "mm", Size: gofpdf.SizeType{Wd: 210, Ht: 297}})
	pdf.SetMargins(0, 0, 0)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(meta.Created)
	pdf.SetModificationDate(meta.Created)
	pdf.SetProducer(producer, false)
	pdf.SetCreator(producer, false)
	pdf.SetTitle(meta.Title, true)
	pdf.SetSubject(meta.Subject, true)
	pdf.SetAuthor(meta.Author, true)

	families := registerFonts(pdf, pages)
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("render pdf: register fonts: %w", err)
	}
	for _, p := range pages {
		drawPage(pdf, p, families)
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("render pdf: %w", err)
	}
	return nil
}

// registerFonts adds each font the pages use, in order of first use so the
// output is deterministic, and returns the gofpdf family of each.
func registerFonts(pdf *gofpdf.Fpdf, pages []*Page) map[*fonts.Font]string {
	families := map[*fonts.Font]string{}
	for _, p := range pages {
		for _, t := range p.Texts {
			if _, ok := families[t.Font]; ok {
				continue
			}
			family := fmt.Sprintf("F%d", len(families))
			families[t.Font] = family
			pdf.AddUTF8FontFromBytes(family, "", t.Font.Bytes())
		}
	}
	return families
}

// textState tracks the PDF text parameters gofpdf does not manage, so they
// are written only when they change.
type textState struct {
	spacing, scale float64
}

func drawPage(pdf *gofpdf.Fpdf, p *Page, families map[*fonts.Font]string) {
	g := p.Geometry
	orientation := "P"
	if g.Landscape() {
		orientation = "L"
	}
	pdf.AddPageFormat(orientation, gofpdf.SizeType{Wd: min(g.Width, g.Height), Ht: max(g.Width, g.Height)})
	st := textState{spacing: 0, scale: 100}
	for _, t := range p.Texts {
		pdf.SetFont(families[t.Font], "", t.Size)
		pdf.SetTextColor(int(t.Color.R), int(t.Color.G), int(t.Color.B))
		if t.Spacing != st.spacing || t.Scale != st.scale {
			pdf.RawWriteStr(fmt.Sprintf("%.4f Tc %.2f Tz", t.Spacing, t.Scale))
			st = textState{t.Spacing, t.Scale}
		}
		pdf.Text(t.X, t.Y, t.Text)
	}
	if st != (textState{0, 100}) {
		pdf.RawWriteStr("0 Tc 100 Tz")
	}
	for _, l := range p.Lines {
		setStroke(pdf, l.Color, l.Width, l.Dash)
		pdf.Line(l.X1, l.Y1, l.X2, l.Y2)
	}
	for _, c := range p.Circles {
		setStroke(pdf, c.Color, c.Width, c.Dash)
		pdf.Circle(c.X, c.Y, c.R, "D")
	}
	pdf.SetDashPattern([]float64{}, 0)
}

func setStroke(pdf *gofpdf.Fpdf, c RGB, width, dash float64) {
	pdf.SetDrawColor(int(c.R), int(c.G), int(c.B))
	pdf.SetLineWidth(width)
	if dash > 0 {
		pdf.SetDashPattern([]float64{dash, dash}, 0)
	} else {
		pdf.SetDashPattern([]float64{}, 0)
	}
}
