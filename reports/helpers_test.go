package reports

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"chainjudge/reports/fonts"
	"chainjudge/reports/pdftext"
)

// readBack renders doc and parses the PDF.
func readBack(t testing.TB, doc Document) (pdftext.Document, []byte) {
	t.Helper()
	data, err := Bytes(doc, Options{})
	if err != nil {
		t.Fatalf("%T: %v", doc, err)
	}
	parsed, err := pdftext.Read(data)
	if err != nil {
		t.Fatalf("%T: reading the PDF back: %v", doc, err)
	}
	return parsed, data
}

// flat is the document's text with the line breaks between runs removed,
// so phrases split over lines or runs can be found.
func flat(d pdftext.Document) string { return strings.ReplaceAll(d.Text(), "\n", "") }

func mustContain(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s does not contain %q", what, w)
		}
	}
}

func mustNotContain(t *testing.T, what, text string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(text, w) {
			t.Errorf("%s contains %q; want it absent", what, w)
		}
	}
}

func defaultFonts(t testing.TB) fonts.Set {
	t.Helper()
	s, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// checkPages asserts the paper size of every page, and that every run but
// the page number lies inside the type area.
func checkPages(t *testing.T, doc pdftext.Document, width, height float64) {
	t.Helper()
	left, top := 28.0, 37.0
	if width > height {
		left, top = 37, 26
	}
	right, bottom := width-(210-184), height-(297-262)
	if width > height {
		right, bottom = width-35, height-28
	}
	for i, p := range doc.Pages {
		if math.Abs(p.Width-width) > 0.01 || math.Abs(p.Height-height) > 0.01 {
			t.Errorf("page %d is %.2f × %.2f mm; want %.0f × %.0f", i+1, p.Width, p.Height, width, height)
		}
		for _, r := range p.Runs {
			if strings.HasPrefix(r.Text, "— ") {
				continue
			}
			if r.X < left-0.01 || r.X > right || r.Y < top || r.Y > bottom+0.01 {
				t.Errorf("page %d: %q at (%.2f, %.2f) lies outside the type area", i+1, r.Text, r.X, r.Y)
			}
		}
	}
}

// checkPageNumbers asserts "— N —" on every page listed, odd pages 右空一字
// and even pages 左空一字, 7 mm below the type area.
func checkPageNumbers(t *testing.T, doc pdftext.Document, set fonts.Set, numbered ...int) {
	t.Helper()
	for _, n := range numbered {
		p := doc.Pages[n-1]
		want := fmt.Sprintf("— %d —", n)
		var found *pdftext.Run
		for i := range p.Runs {
			if p.Runs[i].Text == want {
				found = &p.Runs[i]
			}
		}
		if found == nil {
			t.Errorf("page %d has no page number %q", n, want)
			continue
		}
		one := 14 * 25.4 / 72
		g := struct{ left, right, bottom float64 }{28, 184, 262}
		if p.Width > p.Height {
			g.left, g.right, g.bottom = 37, 262, 182
		}
		w := set.Body.Width(want, one)
		if n%2 == 1 && math.Abs(found.X+w-(g.right-one)) > 0.02 {
			t.Errorf("page %d number ends at %.2f; want %.2f (odd pages 右空一字)", n, found.X+w, g.right-one)
		}
		if n%2 == 0 && math.Abs(found.X-(g.left+one)) > 0.02 {
			t.Errorf("page %d number starts at %.2f; want %.2f (even pages 左空一字)", n, found.X, g.left+one)
		}
		if found.Y < g.bottom+7 || found.Y > g.bottom+7+one {
			t.Errorf("page %d number baseline at %.2f; want just below %.0f (7 mm under the type area)", n, found.Y, g.bottom+7)
		}
	}
}
