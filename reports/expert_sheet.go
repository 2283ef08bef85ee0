package reports

import (
	"fmt"
	"io"
	"time"

	"chainjudge/reports/gbt9704"
)

// ExpertSheet is the 专家评分表 one expert signs for one dossier: the score
// and comment per criterion, the written reasons for flagged scores, and
// the fingerprint of the rubric the scores were given under.
type ExpertSheet struct {
	DossierRef
	Expert        string // the expert's name
	Criteria      []CriterionMark
	Total         string // as the engine formats it
	MaxTotal      string // e.g. 100
	Overall       string // 总体评价
	RubricName    string
	RubricVersion string
	RubricHash    string // SHA-256 of the rubric version, hex
	// Declaration is the expert's pledge above the signature; empty uses
	// DefaultDeclaration.
	Declaration string
	SubmittedAt time.Time
}

// CriterionMark is one criterion's line of an expert's sheet.
type CriterionMark struct {
	Code       string // e.g. A1
	Name       string
	Max        string // full marks, e.g. 15
	Score      string
	Comment    string
	Flag       Flag
	FlagReason string // the expert's written reason for a flagged score
}

// DefaultDeclaration is the pledge experts sign under their scores.
const DefaultDeclaration = "本人承诺：与本申报项目及申报单位不存在利害关系，依据评分细则独立、客观、公正评分，" +
	"并对评审内容和评审结果保密。"

const expertSheetName = "专家评分表"

// FileName is e.g. "JS2026-0012-张三-专家评分表.pdf".
func (e ExpertSheet) FileName() string {
	return e.DossierNo + "-" + e.Expert + "-" + expertSheetName + ".pdf"
}

func (e ExpertSheet) validate() error {
	return required(expertSheetName,
		need("DossierNo", "申报编号", e.DossierNo == ""),
		need("Expert", "评审专家", e.Expert == ""),
		need("Criteria", "评分指标", len(e.Criteria) == 0),
		need("RubricHash", "评分细则指纹", e.RubricHash == ""),
		need("SubmittedAt", "提交时间", e.SubmittedAt.IsZero()),
	)
}

// Write renders the score sheet as PDF.
func (e ExpertSheet) Write(w io.Writer, opts Options) error {
	set, err := opts.start(e.validate)
	if err != nil {
		return err
	}
	d := newForm(set, gbt9704.A4Portrait)
	e.header(d, expertSheetName,
		info("评审专家", d.Body(e.Expert, "Expert")),
		info("提交时间", d.Body(dateTimeCN(e.SubmittedAt), "SubmittedAt")),
	)
	formHeading(d, "评分")
	d.Table(e.scoreTable(d))
	legend(d, small(d, "▲ 评分畸高、▼ 评分畸低：经离群检测标记，理由见下。", ""))
	e.writeReasons(d)
	if e.Overall != "" {
		formHeading(d, "总体评价")
		writeFormParagraphs(d, e.Overall, "Overall")
	}
	formHeading(d, "评分细则")
	infoTable(d,
		info("细则名称", d.Body(e.RubricName, "RubricName"), d.Body(" ", ""), d.Body(e.RubricVersion, "RubricVersion")),
		info("细则指纹", mono(d, e.RubricHash, "RubricHash")),
	)
	legend(d, small(d, "细则指纹为评分时所用评分细则版本的 SHA-256 摘要，可与系统中公布的细则核对。", ""))
	declaration := e.Declaration
	if declaration == "" {
		declaration = DefaultDeclaration
	}
	d.Skip(0.5)
	formPara(d, d.Body(declaration, "Declaration"))
	signLines(d, []string{"评审专家"})
	return render(w, d, true, gbt9704.Meta{Title: expertSheetName + " " + e.DossierNo, Subject: e.Chain,
		Author: e.Expert, Created: opts.created(e.SubmittedAt)})
}

func (e ExpertSheet) scoreTable(d *gbt9704.Doc) gbt9704.Table {
	head := func(t string) []gbt9704.Span { return []gbt9704.Span{{Text: t, Size: formSmallSize}} }
	rows := make([][]gbt9704.Cell, 0, len(e.Criteria)+1)
	for i, c := range e.Criteria {
		at := func(f string) string { return fmt.Sprintf("Criteria[%d].%s", i, f) }
		score := []gbt9704.Span{small(d, c.Score, at("Score"))}
		switch c.Flag {
		case FlagHigh:
			score = append(score, small(d, "▲", ""))
		case FlagLow:
			score = append(score, small(d, "▼", ""))
		}
		rows = append(rows, []gbt9704.Cell{
			{Spans: []gbt9704.Span{small(d, c.Code, at("Code"))}},
			{Spans: []gbt9704.Span{small(d, c.Name, at("Name"))}},
			{Spans: []gbt9704.Span{small(d, c.Max, at("Max"))}},
			{Spans: score},
			{Spans: []gbt9704.Span{small(d, c.Comment, at("Comment"))}},
		})
	}
	total := gbt9704.Span{Text: "合计", Font: d.Fonts.Hei, Size: formSmallSize}
	rows = append(rows, []gbt9704.Cell{
		{}, {Spans: []gbt9704.Span{total}},
		{Spans: []gbt9704.Span{small(d, e.MaxTotal, "MaxTotal")}},
		{Spans: []gbt9704.Span{small(d, e.Total, "Total")}}, {},
	})
	return gbt9704.Table{
		Columns: []gbt9704.Column{
			{Head: head("编号"), Width: 12, Align: gbt9704.Center},
			{Head: head("评价指标"), Width: 44, Align: gbt9704.Left},
			{Head: head("满分"), Width: 13, Align: gbt9704.Center},
			{Head: head("得分"), Width: 17, Align: gbt9704.Center},
			{Head: head("评语"), Align: gbt9704.Left},
		},
		Rows: rows, Size: formSmallSize, Pitch: 5.2, VPad: 1.2,
	}
}

// writeReasons lists the written reasons for flagged scores.
func (e ExpertSheet) writeReasons(d *gbt9704.Doc) {
	first := true
	for i, c := range e.Criteria {
		if c.Flag == NoFlag {
			continue
		}
		if first {
			formHeading(d, "畸高、畸低评分的书面理由")
			first = false
		}
		kind := "畸高"
		if c.Flag == FlagLow {
			kind = "畸低"
		}
		reason := c.FlagReason
		field := fmt.Sprintf("Criteria[%d].FlagReason", i)
		if reason == "" {
			reason, field = "（未填写理由）", ""
		}
		formPara(d, d.Body(c.Code+" "+c.Name, fmt.Sprintf("Criteria[%d].Name", i)),
			d.Body("（"+c.Score+"分，"+kind+"）：", ""), d.Body(reason, field))
	}
}

// writeFormParagraphs sets text with line breaks as separate paragraphs.
func writeFormParagraphs(d *gbt9704.Doc, text, field string) {
	for _, line := range splitLines(text) {
		formPara(d, d.Body(line, field))
	}
}
