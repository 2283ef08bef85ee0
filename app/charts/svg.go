// Package charts draws the office's charts as SVG on the server: a strip
// plot of judges' scores (dropped and flagged scores marked), judge leniency,
// the stage funnel and review progress per expert.
//
// Charts are plain structs in and template.HTML out. The output is
// deterministic (same input, same bytes), needs no script, carries no
// inline style attributes (the Content-Security-Policy forbids them): shapes
// have classes styled in app.css plus presentation attributes as a fallback,
// and every chart has a <title> and <desc> it is labelled by, and a <title>
// on each mark for the tooltip. The package imports only the standard
// library.
package charts

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Colours used as presentation attributes, so a chart reads even where
// app.css is not loaded (a saved page, a screenshot in the guide). The
// classes in app.css override them.
const (
	colInk   = "#1f2328"
	colMuted = "#5c6670"
	colLine  = "#d8dde3"
	colOK    = "#1a7f37"
	colWarn  = "#bf8700"
	colBad   = "#cf222e"
	colRed   = "#b8141c"
	colInfo  = "#0969da"
	colTrack = "#eaeef2"
)

// canvas builds one SVG document.
type canvas struct {
	b strings.Builder
}

// open starts the SVG with its accessible name and description; id makes
// the ids of the <title> and <desc> unique on the page.
func (c *canvas) open(id, class string, width, height float64, title, desc string) {
	id = cleanID(id)
	fmt.Fprintf(&c.b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart %s" viewBox="0 0 %s %s" role="img" aria-labelledby="%s-t %s-d" font-family="sans-serif" font-size="13">`,
		class, num(width), num(height), id, id)
	fmt.Fprintf(&c.b, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, id, esc(title), id, esc(desc))
}

// close ends the document and returns it.
func (c *canvas) close() template.HTML {
	c.b.WriteString("</svg>")
	// The text is built from escaped strings and numbers only.
	return template.HTML(c.b.String())
}

// raw writes markup built by the caller from escaped parts.
func (c *canvas) raw(format string, args ...any) { fmt.Fprintf(&c.b, format, args...) }

// text writes a text element.
func (c *canvas) text(x, y float64, class, anchor, fill, s string) {
	fmt.Fprintf(&c.b, `<text x="%s" y="%s" class="%s" text-anchor="%s" fill="%s">%s</text>`, num(x), num(y), class, anchor, fill, esc(s))
}

// line writes a line.
func (c *canvas) line(x1, y1, x2, y2 float64, class, stroke string, width float64) {
	fmt.Fprintf(&c.b, `<line x1="%s" y1="%s" x2="%s" y2="%s" class="%s" stroke="%s" stroke-width="%s"/>`,
		num(x1), num(y1), num(x2), num(y2), class, stroke, num(width))
}

// rect writes a rectangle with a tooltip when tip is not empty.
func (c *canvas) rect(x, y, w, h float64, class, fill, tip string) {
	if w < 0 {
		x, w = x+w, -w
	}
	fmt.Fprintf(&c.b, `<rect x="%s" y="%s" width="%s" height="%s" class="%s" fill="%s"`, num(x), num(y), num(w), num(h), class, fill)
	if tip == "" {
		c.b.WriteString("/>")
		return
	}
	fmt.Fprintf(&c.b, `><title>%s</title></rect>`, esc(tip))
}

// num formats a coordinate or a value with at most two decimals and no
// trailing zeros; -0 prints as 0.
func num(v float64) string {
	v = math.Round(v*100) / 100
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// signed formats a value with an explicit sign and two decimals.
func signed(v float64) string {
	v = math.Round(v*100) / 100
	if v == 0 {
		return "±0.00"
	}
	return fmt.Sprintf("%+.2f", v)
}

// esc escapes text for SVG (an XML dialect: the HTML escapes suffice).
func esc(s string) string { return html.EscapeString(s) }

// short cuts a label to n characters, marking the cut with an ellipsis.
func short(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// cleanID keeps the characters an XML id may safely hold.
func cleanID(id string) string {
	var b strings.Builder
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	if b.Len() == 0 || !(id[0] >= 'a' && id[0] <= 'z' || id[0] >= 'A' && id[0] <= 'Z') {
		return "chart-" + b.String()
	}
	return b.String()
}

// niceCeil rounds v up to 1, 2, 2.5 or 5 times a power of ten, for axis ends.
func niceCeil(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= v-1e-9 {
			return m * p
		}
	}
	return 10 * p
}

// textWidth estimates the width of a label at the chart's font size: CJK
// characters take a full em, others about half.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		if r < 0x2E80 {
			w += size * 0.56
		} else {
			w += size
		}
	}
	return w
}
