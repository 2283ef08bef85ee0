package reports

import (
	"fmt"
	"strings"

	"chainjudge/reports/fonts"
	"chainjudge/reports/gbt9704"
)

// The score sheets, calculation sheet and receipt are forms: the GB/T 9704
// page and fonts, but 小四 text on a tighter line pitch, ruled tables and
// signature lines.

const (
	formTitleSize   = gbt9704.SizeSmall2 // 小二 titles
	formTitlePitch  = 11.0               // mm
	formHeadingSize = gbt9704.Size4      // 四号 section headings
	formSmallSize   = gbt9704.Size5      // 五号 tables, legends and notes
	formLabelWidth  = 34.0               // mm, label column of info tables
)

// newForm starts a form document.
func newForm(set fonts.Set, g gbt9704.Geometry) *gbt9704.Doc {
	return gbt9704.New(set, g, gbt9704.Form)
}

// formTitle sets the form's title, centred in 小二 小标宋.
func formTitle(d *gbt9704.Doc, parts ...gbt9704.Span) {
	for i := range parts {
		parts[i].Font, parts[i].Size = d.Fonts.Title, formTitleSize
	}
	d.Para(gbt9704.Para{Spans: parts, Align: gbt9704.Center, Balance: true, Pitch: formTitlePitch})
}

// formSubtitle sets a centred line under the title in 楷体.
func formSubtitle(d *gbt9704.Doc, spans ...gbt9704.Span) {
	for i := range spans {
		spans[i].Font = d.Fonts.Kai
	}
	d.Para(gbt9704.Para{Spans: spans, Align: gbt9704.Center})
	d.Skip(0.5)
}

// formHeading sets a section heading in 四号黑体 with half a line above it.
func formHeading(d *gbt9704.Doc, text string) {
	d.Skip(0.5)
	d.Ensure(3 * d.Style().Pitch) // never a heading alone at the foot of a page
	d.Para(gbt9704.Para{Spans: []gbt9704.Span{{Text: text, Font: d.Fonts.Hei, Size: formHeadingSize}}, Align: gbt9704.Left})
}

// formPara sets a justified paragraph of body text indented two characters.
func formPara(d *gbt9704.Doc, spans ...gbt9704.Span) {
	d.Para(gbt9704.Para{Spans: spans, FirstIndent: d.Chars(2)})
}

// small is a 五号 body span.
func small(d *gbt9704.Doc, text, field string) gbt9704.Span {
	return gbt9704.Span{Text: text, Font: d.Fonts.Body, Size: formSmallSize, Field: field}
}

// mono is a 五号 span in the monospaced font, for hashes.
func mono(d *gbt9704.Doc, text, field string) gbt9704.Span {
	return gbt9704.Span{Text: text, Font: d.Fonts.Mono, Size: formSmallSize, Field: field}
}

// DossierRef identifies the dossier and the review a form is about.
type DossierRef struct {
	Competition string
	Stage       string // e.g. 申报评审
	Group       string // the panel, e.g. 装备制造组
	DossierNo   string
	Chain       string
	Applicant   string // 申报地区或单位
}

// header sets a dossier form's title, the competition and stage under it,
// and the table identifying the dossier, followed by the extra rows.
func (r DossierRef) header(d *gbt9704.Doc, title string, extra ...infoRow) {
	formTitle(d, gbt9704.Span{Text: title})
	formSubtitle(d, d.Body(r.Competition, "Competition"), d.Body("　", ""), d.Body(r.Stage, "Stage"))
	infoTable(d, append([]infoRow{
		info("申报编号", d.Body(r.DossierNo, "DossierNo")),
		info("产业链", d.Body(r.Chain, "Chain")),
		info("申报地区", d.Body(r.Applicant, "Applicant")),
		info("评审组", d.Body(r.Group, "Group")),
	}, extra...)...)
}

// infoRow is one label/value row of an information table.
type infoRow struct {
	label string
	value []gbt9704.Span
}

func info(label string, value ...gbt9704.Span) infoRow { return infoRow{label, value} }

// infoTable sets label/value rows as a two-column ruled table; labels in
// 黑体. Rows with no value are left out.
func infoTable(d *gbt9704.Doc, rows ...infoRow) {
	var cells [][]gbt9704.Cell
	for _, r := range rows {
		empty := true
		for _, s := range r.value {
			empty = empty && s.Text == ""
		}
		if empty {
			continue
		}
		label := gbt9704.Span{Text: r.label, Font: d.Fonts.Hei, Size: d.Style().BodySize}
		cells = append(cells, []gbt9704.Cell{{Spans: []gbt9704.Span{label}}, {Spans: r.value}})
	}
	d.Table(gbt9704.Table{
		Columns: []gbt9704.Column{{Width: formLabelWidth, Align: gbt9704.Center}, {Align: gbt9704.Left}},
		Rows:    cells, Size: d.Style().BodySize, Pitch: 6, VPad: 1, Headless: true,
	})
}

// signLines draws, for each role, "role（签字）：______  日期：____年__月__日"
// with room to sign by hand.
func signLines(d *gbt9704.Doc, roles []string) {
	pitch := d.Style().Pitch
	d.Skip(1)
	d.Ensure(float64(2*len(roles)) * pitch)
	g := d.Geometry()
	for i, role := range roles {
		top := d.Y()
		x := g.Left + d.Chars(2)
		x += d.TextAt(d.Body(role, fmt.Sprintf("Signatures[%d]", i)), x, top)
		x += d.TextAt(d.Body("（签字）：", ""), x, top)
		line := top + pitch*0.8
		dateX := g.Right() - 60
		d.HLine(x, min(x+48, dateX-6), line, 0.25)
		dateX += d.TextAt(d.Body("日期：", ""), dateX, top)
		d.HLine(dateX, dateX+13, line, 0.25)
		d.TextAt(d.Body("年　　月　　日", ""), dateX+14, top)
		d.SetY(top + 2*pitch)
	}
}

// legend sets a 五号 note, e.g. what the marks in a table mean; wrapped
// lines align after a leading "1. " number.
func legend(d *gbt9704.Doc, spans ...gbt9704.Span) {
	hang := 0.0
	if len(spans) > 1 && strings.HasSuffix(spans[0].Text, ". ") {
		hang = spans[0].Font.Width(spans[0].Text, gbt9704.PtToMM(spans[0].Size))
	}
	d.Para(gbt9704.Para{Spans: spans, Pitch: 5.5, Align: gbt9704.Left, Hang: hang})
}
