package reports

import (
	"fmt"
	"io"
	"time"

	"chainjudge/reports/gbt9704"
)

// Receipt is the 申报回执 an applicant gets when a dossier is submitted: what
// was received and when, with SHA-256 digests so that either side can later
// prove which files were submitted.
type Receipt struct {
	Issuer        Issuer // the office that received the dossier
	Competition   string
	ReceiptNo     string
	DossierNo     string
	Applicant     string // 申报地区或单位
	Chain         string
	CoreArea      string
	CollabAreas   []string
	Submitter     string // the account that submitted
	SubmittedAt   time.Time
	ContentSHA256 string // digest of the dossier's form content, hex
	Attachments   []Attachment
	// Notes replace DefaultReceiptNotes.
	Notes []string
}

// Attachment is one uploaded file.
type Attachment struct {
	Name   string
	Size   int64 // bytes
	SHA256 string
}

// DefaultReceiptNotes explain what the receipt proves and what it does not.
var DefaultReceiptNotes = []string{
	"本回执仅证明上述申报材料已于所列时间通过系统提交，不代表形式审查或评审结论。",
	"SHA-256 摘要由系统在提交时计算，可使用 sha256sum 等工具对本地留存文件进行核对；摘要一致即表明文件未被改动。",
	"请妥善保存本回执。",
}

const receiptName = "申报回执"

// FileName is e.g. "JS2026-0012-申报回执.pdf".
func (r Receipt) FileName() string { return r.DossierNo + "-" + receiptName + ".pdf" }

func (r Receipt) validate() error {
	return required(receiptName,
		need("Issuer.Name", "受理单位", r.Issuer.Name == ""),
		need("DossierNo", "申报编号", r.DossierNo == ""),
		need("Applicant", "申报地区", r.Applicant == ""),
		need("Chain", "产业链", r.Chain == ""),
		need("SubmittedAt", "提交时间", r.SubmittedAt.IsZero()),
		need("ContentSHA256", "内容摘要", r.ContentSHA256 == ""),
	)
}

// Write renders the receipt as PDF.
func (r Receipt) Write(w io.Writer, opts Options) error {
	set, err := opts.start(r.validate)
	if err != nil {
		return err
	}
	d := newForm(set, gbt9704.A4Portrait)
	formTitle(d, gbt9704.Span{Text: receiptName})
	formSubtitle(d, d.Body(r.Competition, "Competition"))
	if r.ReceiptNo != "" {
		d.Para(gbt9704.Para{Spans: []gbt9704.Span{d.Body("回执编号：", ""), d.Body(r.ReceiptNo, "ReceiptNo")}, Align: gbt9704.Right})
	}
	var collab []gbt9704.Span
	for i, a := range r.CollabAreas {
		if i > 0 {
			collab = append(collab, d.Body("、", ""))
		}
		collab = append(collab, d.Body(a, fmt.Sprintf("CollabAreas[%d]", i)))
	}
	infoTable(d,
		info("申报编号", d.Body(r.DossierNo, "DossierNo")),
		info("申报地区", d.Body(r.Applicant, "Applicant")),
		info("产业链", d.Body(r.Chain, "Chain")),
		info("核心区", d.Body(r.CoreArea, "CoreArea")),
		info("协同区", collab...),
		info("提交账号", d.Body(r.Submitter, "Submitter")),
		info("提交时间", d.Body(dateTimeCN(r.SubmittedAt)+"（北京时间）", "SubmittedAt")),
		info("申报内容摘要", mono(d, r.ContentSHA256, "ContentSHA256")),
	)
	if len(r.Attachments) > 0 {
		formHeading(d, "附件清单")
		d.Table(r.attachmentTable(d))
	}
	formHeading(d, "说明")
	notes, field := orDefault(r.Notes, "Notes", DefaultReceiptNotes)
	for i, n := range notes {
		legend(d, small(d, fmt.Sprintf("%d. ", i+1), ""), small(d, n, itemField(field, i)))
	}
	d.Skip(1)
	d.Ensure(2 * d.Style().Pitch)
	d.Para(gbt9704.Para{Spans: []gbt9704.Span{d.Body(r.Issuer.Name, "Issuer.Name")}, Align: gbt9704.Right, RightIndent: d.Chars(2)})
	d.Para(gbt9704.Para{Spans: []gbt9704.Span{d.Body(dateCN(r.SubmittedAt), "SubmittedAt")}, Align: gbt9704.Right, RightIndent: d.Chars(2)})
	return render(w, d, false, gbt9704.Meta{Title: receiptName + " " + r.DossierNo, Subject: r.Chain,
		Author: r.Issuer.Name, Created: opts.created(r.SubmittedAt)})
}

func (r Receipt) attachmentTable(d *gbt9704.Doc) gbt9704.Table {
	head := func(t string) []gbt9704.Span { return []gbt9704.Span{{Text: t, Size: formSmallSize}} }
	rows := make([][]gbt9704.Cell, len(r.Attachments))
	for i, a := range r.Attachments {
		at := func(f string) string { return fmt.Sprintf("Attachments[%d].%s", i, f) }
		rows[i] = []gbt9704.Cell{
			{Spans: []gbt9704.Span{small(d, fmt.Sprint(i+1), "")}},
			{Spans: []gbt9704.Span{small(d, a.Name, at("Name"))}},
			{Spans: []gbt9704.Span{small(d, sizeCN(a.Size), "")}},
			{Spans: []gbt9704.Span{mono(d, a.SHA256, at("SHA256"))}},
		}
	}
	return gbt9704.Table{
		Columns: []gbt9704.Column{
			{Head: head("序号"), Width: 12, Align: gbt9704.Center},
			{Head: head("文件名"), Align: gbt9704.Left},
			{Head: head("大小"), Width: 20, Align: gbt9704.Center},
			{Head: head("SHA-256"), Width: 64, Align: gbt9704.Left},
		},
		Rows: rows, Size: formSmallSize, Pitch: 4.6, VPad: 1,
	}
}
