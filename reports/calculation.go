package reports

import (
	"fmt"
	"io"
	"time"

	"chainjudge/reports/gbt9704"
)

// CalculationSheet is the 计算说明 for one dossier: every step the scoring
// engine took, in words and figures, so that a reader can redo the result
// by hand. The steps are the engine's own sentences (scoring's Steps,
// Rule, Formula and RoundingStep); this document only sets them.
type CalculationSheet struct {
	DossierRef
	Method     string // the aggregation method in words
	RubricHash string
	Criteria   []CriterionCalculation
	TotalSteps []string // from criterion points to the stage score
	Total      string
	StageSteps []string // combining stages (weights, gates); empty for one stage
	RankSteps  []string // rank and every tie-break rule applied
	Rank       string
	Date       time.Time // when the result was computed
}

// CriterionCalculation is how one criterion's points came about.
type CriterionCalculation struct {
	Code   string
	Name   string
	Weight string
	Marks  []JudgeScore // every judge's score, including dropped and missing
	Steps  []string     // the engine's steps, one sentence each
	Points string       // the criterion's points after weighting and rounding
}

// JudgeScore is a score with the judge who gave it.
type JudgeScore struct {
	Judge string
	Score
}

const calculationName = "得分计算说明"

// FileName is e.g. "JS2026-0012-申报评审-得分计算说明.pdf".
func (c CalculationSheet) FileName() string {
	return c.DossierNo + "-" + c.Stage + "-" + calculationName + ".pdf"
}

func (c CalculationSheet) validate() error {
	return required(calculationName,
		need("DossierNo", "申报编号", c.DossierNo == ""),
		need("Criteria", "评分指标", len(c.Criteria) == 0),
		need("Total", "总分", c.Total == ""),
		need("Date", "计算日期", c.Date.IsZero()),
	)
}

// Write renders the calculation sheet as PDF.
func (c CalculationSheet) Write(w io.Writer, opts Options) error {
	set, err := opts.start(c.validate)
	if err != nil {
		return err
	}
	d := newForm(set, gbt9704.A4Portrait)
	c.header(d, calculationName,
		info("汇总方法", d.Body(c.Method, "Method")),
		info("细则指纹", mono(d, c.RubricHash, "RubricHash")),
		info("本阶段得分", d.Body(c.Total, "Total")),
		info("名次", d.Body(c.Rank, "Rank")),
	)
	section := 0
	heading := func(text string) {
		section++
		formHeading(d, numberCN(section)+"、"+text)
	}
	for i, cr := range c.Criteria {
		at := fmt.Sprintf("Criteria[%d]", i)
		title := cr.Code + " " + cr.Name
		if cr.Weight != "" {
			title += "（权重 " + cr.Weight + "）"
		}
		heading(title)
		d.Table(marksTable(d, cr, at))
		steps(d, cr.Steps, at+".Steps")
	}
	for _, part := range []struct {
		title string
		steps []string
		field string
	}{
		{"总分", c.TotalSteps, "TotalSteps"},
		{"阶段合成", c.StageSteps, "StageSteps"},
		{"排名与同分处理", c.RankSteps, "RankSteps"},
	} {
		if len(part.steps) == 0 {
			continue
		}
		heading(part.title)
		steps(d, part.steps, part.field)
	}
	d.Skip(0.5)
	legend(d, small(d, "本说明由系统根据原始评分逐步生成：评委原始分数 → 按规则去分 → 汇总 → 第一次舍入 → 乘以权重 → 第二次舍入 → 求和，"+
		"舍入均为四舍五入；[ ] 内加删除线的分数不计入汇总，▲▼ 为离群提示，不改变计算。生成时间：", ""),
		small(d, dateTimeCN(c.Date), "Date"), small(d, "。", ""))
	signLines(d, []string{"复核人"})
	return render(w, d, true, gbt9704.Meta{Title: calculationName + " " + c.DossierNo, Subject: c.Chain,
		Created: opts.created(c.Date)})
}

// marksTable shows the judges' scores for one criterion across the page:
// judges in the first row, scores (dropped ones bracketed and struck
// through) in the second, and the criterion's points in the last column.
func marksTable(d *gbt9704.Doc, cr CriterionCalculation, field string) gbt9704.Table {
	marks := cr.Marks
	size := float64(formSmallSize)
	if len(marks) > 10 {
		size = gbt9704.SizeSmall5
	}
	text := func(t, f string) gbt9704.Span { return gbt9704.Span{Text: t, Font: d.Fonts.Body, Size: size, Field: f} }
	cols := []gbt9704.Column{{Head: []gbt9704.Span{{Text: "评委", Size: size}}, Width: 18, Align: gbt9704.Center}}
	row := []gbt9704.Cell{{Spans: []gbt9704.Span{{Text: "分数", Font: d.Fonts.Hei, Size: size}}}}
	for i, m := range marks {
		cols = append(cols, gbt9704.Column{Head: []gbt9704.Span{text(m.Judge, fmt.Sprintf("%s.Marks[%d].Judge", field, i))}, Align: gbt9704.Center})
		row = append(row, scoreCell(text, m.Score, fmt.Sprintf("%s.Marks[%d].Value", field, i)))
	}
	cols = append(cols, gbt9704.Column{Head: []gbt9704.Span{{Text: "本项得分", Size: size}}, Width: 20, Align: gbt9704.Center})
	row = append(row, gbt9704.Cell{Spans: []gbt9704.Span{text(cr.Points, field+".Points")}})
	return gbt9704.Table{Columns: cols, Rows: [][]gbt9704.Cell{row}, Size: size, Pitch: 5.2, VPad: 1.2, Pad: 1}
}

// steps sets numbered steps, one paragraph each; field names the list in
// the view, or is empty for the document's own text.
func steps(d *gbt9704.Doc, list []string, field string) {
	for i, s := range list {
		d.Para(gbt9704.Para{
			Spans:  []gbt9704.Span{d.Body(fmt.Sprintf("%d. ", i+1), ""), d.Body(s, itemField(field, i))},
			Indent: d.Chars(2), Hang: d.Chars(1.2),
		})
	}
}
