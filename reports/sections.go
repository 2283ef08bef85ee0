package reports

import (
	"fmt"
	"time"

	"chainjudge/reports/gbt9704"
)

// Section is a numbered part of a notice's body. Top-level sections get
// "一、" headings in 黑体 on their own line; subsections get "（一）" headings
// in 楷体 run into their first paragraph (GB/T 9704 7.3.3).
type Section struct {
	Heading     string
	Paragraphs  []string
	Subsections []Section // one level; deeper levels are not used in notices
}

// writeSections sets the sections as numbered body text.
func writeSections(d *gbt9704.Doc, sections []Section, field string) {
	for i, s := range sections {
		at := fmt.Sprintf("%s[%d]", field, i)
		d.Heading1(d.Body(numberCN(i+1)+"、"+s.Heading, at+".Heading"))
		writeParagraphs(d, s.Paragraphs, at+".Paragraphs", 0)
		for j, sub := range s.Subsections {
			subAt := fmt.Sprintf("%s.Subsections[%d]", at, j)
			heading := "（" + numberCN(j+1) + "）" + sub.Heading
			if !endsWithStop(sub.Heading) {
				heading += "。"
			}
			first := ""
			if len(sub.Paragraphs) > 0 {
				first = sub.Paragraphs[0]
			}
			d.RunIn(d.Body(heading, subAt+".Heading"), d.Body(first, subAt+".Paragraphs[0]"))
			if len(sub.Paragraphs) > 1 {
				writeParagraphs(d, sub.Paragraphs[1:], subAt+".Paragraphs", 1)
			}
		}
	}
}

// writeParagraphs sets body paragraphs; a string with line breaks becomes
// several paragraphs. base is the index of paras[0] in the view's list, so
// that fields are named correctly when the list was sliced.
func writeParagraphs(d *gbt9704.Doc, paras []string, field string, base int) {
	for i, p := range paras {
		writeText(d, p, fmt.Sprintf("%s[%d]", field, base+i))
	}
}

// writeText sets one text field as body paragraphs, one per line.
func writeText(d *gbt9704.Doc, text, field string) {
	for _, line := range splitLines(text) {
		d.BodyPara(d.Body(line, field))
	}
}

// introSpans composes a notice's opening paragraph: purpose, basis,
// procedure, then the decision, each field its own span so a missing glyph
// names the field.
func introSpans(d *gbt9704.Doc, purpose, basis string, procedure []string, decision []gbt9704.Span) []gbt9704.Span {
	var spans []gbt9704.Span
	if purpose != "" {
		spans = append(spans, d.Body(withComma(purpose), "Purpose"))
	}
	if basis != "" {
		spans = append(spans, d.Body("根据", ""), d.Body(basis, "Basis"), d.Body("，", ""))
	}
	if len(procedure) > 0 {
		spans = append(spans, d.Body("经", ""), d.Body(joinCN(procedure), "Procedure"), d.Body("等程序，", ""))
	}
	return append(spans, decision...)
}

// noticeClosing is the end of a notice's body and its attachment: the
// 附件说明 kept with the sealed signature (and 附注), then the list on a new
// page.
type noticeClosing struct {
	signer, defaultSigner string
	date                  time.Time
	note                  string // 附注, empty for none
	listTitle             string
	entries               []ListEntry
	entriesField          string
	sealGuide             bool
}

func (c noticeClosing) write(d *gbt9704.Doc) {
	signer := c.signer
	if signer == "" {
		signer = c.defaultSigner
	}
	sig := gbt9704.Signature{
		Signer: d.Body(signer, "Signer"), Date: d.Body(dateCN(c.date), "Date"),
		Sealed: true, SealGuide: c.sealGuide,
	}
	if c.note != "" {
		sig.Note = d.Body(c.note, "")
	}
	note := d.Body(c.listTitle, "ListTitle")
	d.KeepWithSignature(d.AttachmentNoteLines(note), sig)
	d.AttachmentNote(note)
	d.Sign(sig)
	d.Attachment("附件", gbt9704.Span{Text: c.listTitle, Field: "ListTitle"})
	d.Table(listTable(d, c.entries, c.entriesField))
}

// firstAnd writes "X等N条产业链" for a list, or just "X" for one entry.
func firstAnd(d *gbt9704.Doc, entries []ListEntry, field string) []gbt9704.Span {
	first := d.Body(entries[0].Chain, field+"[0].Chain")
	if len(entries) == 1 {
		return []gbt9704.Span{first}
	}
	return []gbt9704.Span{first, d.Body(fmt.Sprintf("等%d条产业链", len(entries)), "")}
}
