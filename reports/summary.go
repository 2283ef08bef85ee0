package reports

import (
	"fmt"
	"io"
	"math"
	"time"

	"chainjudge/reports/gbt9704"
)

// ScoreSummary is the 评分汇总表 of one stage and one panel (chain group):
// every dossier's score from every judge, which scores the aggregation
// dropped or flagged, the aggregate and the rank, the rule in words, the
// panel's agreement statistics and lines for the panel head to sign.
type ScoreSummary struct {
	Competition string
	Stage       string   // e.g. 申报评审
	Group       string   // e.g. 装备制造组
	Judges      []string // column heads in column order: names or codes
	Rows        []SummaryRow
	Rule        string      // the aggregation rule in words, as the engine states it
	Agreement   []Statistic // e.g. ICC(2,1), Kendall's W
	Notes       []string
	// Signatures lists who signs; empty: 评审组组长.
	Signatures []string
	Date       time.Time // date of the review meeting
}

// SummaryRow is one dossier's line of the summary.
type SummaryRow struct {
	DossierNo string
	Chain     string
	Applicant string  // 申报地区或单位
	Scores    []Score // one per judge, in the order of ScoreSummary.Judges
	Aggregate string  // as the engine formats it, e.g. 86.43
	Rank      string  // e.g. 1, or 2（并列）
}

// Score is one judge's score in a table.
type Score struct {
	Value   string // as the engine formats it; empty: not scored
	Dropped bool   // removed by the aggregation rule (trimmed)
	// DroppedItems is for a judge's total over several criteria, where the
	// rule drops single criterion scores rather than the total: how many of
	// the scores in it were dropped, shown as "去n项" under the value.
	DroppedItems int
	Flag         Flag // marked by outlier detection
	Recused      bool // the judge recused himself from this dossier
}

// Flag marks a score as unusually high or low (畸高/畸低).
type Flag int

// Flags.
const (
	NoFlag Flag = iota
	FlagHigh
	FlagLow
)

// Statistic is one agreement statistic with its reading.
type Statistic struct {
	Name    string // e.g. ICC(2,1)
	Value   string // e.g. 0.82
	Reading string // e.g. 良好
}

const summaryName = "评分汇总表"

// FileName is e.g. "申报评审-装备制造组-评分汇总表.pdf".
func (s ScoreSummary) FileName() string {
	return s.Stage + "-" + s.Group + "-" + summaryName + ".pdf"
}

func (s ScoreSummary) validate() error {
	if err := required(summaryName,
		need("Stage", "评审阶段", s.Stage == ""),
		need("Judges", "评委", len(s.Judges) == 0),
		need("Rows", "申报项目", len(s.Rows) == 0),
		need("Date", "评审日期", s.Date.IsZero()),
	); err != nil {
		return err
	}
	for i, r := range s.Rows {
		if len(r.Scores) != len(s.Judges) {
			return fmt.Errorf("%s第%d行有%d个分数，评委%d人 (Rows[%d]: %d scores for %d judges)",
				summaryName, i+1, len(r.Scores), len(s.Judges), i, len(r.Scores), len(s.Judges))
		}
	}
	return nil
}

// matrixLayout is a set of column widths (mm) and a text size for the
// dossiers × judges matrix.
type matrixLayout struct {
	seq, no, agg, rank float64
	chainMin           float64 // narrowest the chain column may get
	judgeMin, judgeMax float64
	size               float64
	pad                float64
}

func (m matrixLayout) fixed() float64 { return m.seq + m.no + m.agg + m.rank + m.chainMin }

// judgeWidth is the judge column width for k judges on width mm, or 0 if
// they do not fit.
func (m matrixLayout) judgeWidth(width float64, k int) float64 {
	w := math.Min(m.judgeMax, (width-m.fixed())/float64(k))
	if w < m.judgeMin {
		return 0
	}
	return w
}

// The normal matrix is in 五号; panels too large for it switch to a compact
// 小五 layout, which still fits "[88.50]" in a column for 11 judges.
var (
	normalMatrix  = matrixLayout{seq: 10, no: 24, agg: 17, rank: 18, chainMin: 40, judgeMin: 13, judgeMax: 17, size: gbt9704.Size5, pad: 1}
	compactMatrix = matrixLayout{seq: 9, no: 21, agg: 15, rank: 16, chainMin: 32, judgeMin: 0, judgeMax: 14, size: gbt9704.SizeSmall5, pad: 0.6}
)

// layout picks the page and the matrix layout: portrait when the judges fit
// across it, else landscape, compact if even landscape is too narrow.
func (s ScoreSummary) layout() (gbt9704.Geometry, matrixLayout) {
	k := len(s.Judges)
	if normalMatrix.judgeWidth(gbt9704.A4Portrait.TextWidth, k) > 0 {
		return gbt9704.A4Portrait, normalMatrix
	}
	if normalMatrix.judgeWidth(gbt9704.A4Landscape.TextWidth, k) > 0 {
		return gbt9704.A4Landscape, normalMatrix
	}
	return gbt9704.A4Landscape, compactMatrix
}

// Write renders the summary as PDF, landscape when the judges do not fit
// across a portrait page.
func (s ScoreSummary) Write(w io.Writer, opts Options) error {
	set, err := opts.start(s.validate)
	if err != nil {
		return err
	}
	geometry, m := s.layout()
	d := newForm(set, geometry)
	formTitle(d, gbt9704.Span{Text: s.Competition, Field: "Competition"}, gbt9704.Span{Text: summaryName})
	formSubtitle(d, d.Body("评审阶段：", ""), d.Body(s.Stage, "Stage"), d.Body("　　评审组：", ""),
		d.Body(s.Group, "Group"), d.Body("　　评审日期：", ""), d.Body(dateCN(s.Date), "Date"))
	d.Table(s.matrix(d, m))
	legend(d, small(d, s.legend(), ""))
	if s.Rule != "" {
		formHeading(d, "汇总规则")
		formPara(d, d.Body(s.Rule, "Rule"))
	}
	if len(s.Agreement) > 0 {
		formHeading(d, "评分一致性")
		d.Table(s.agreementTable(d))
	}
	if len(s.Notes) > 0 {
		formHeading(d, "备注")
		for i, n := range s.Notes {
			formPara(d, d.Body(n, fmt.Sprintf("Notes[%d]", i)))
		}
	}
	roles := s.Signatures
	if len(roles) == 0 {
		roles = []string{"评审组组长"}
	}
	signLines(d, roles)
	return render(w, d, true, gbt9704.Meta{Title: s.Competition + summaryName, Subject: s.Stage + " " + s.Group,
		Created: opts.created(s.Date)})
}

// legend explains the marks of the matrix, each only where the matrix
// shows it: struck-through scores, "去n项" counts, then the flags, recusal
// and missing scores.
func (s ScoreSummary) legend() string {
	var dropped, items bool
	for _, r := range s.Rows {
		for _, sc := range r.Scores {
			dropped = dropped || sc.Dropped && !sc.Recused && sc.Value != ""
			items = items || sc.DroppedItems > 0 && !sc.Recused && sc.Value != ""
		}
	}
	text := "说明："
	if dropped {
		text += "[ ] 内加删除线的分数按汇总规则去掉，不计入汇总得分；"
	}
	if items {
		text += "评委合计分后标注的“去n项”表示该评委在该申报上有n个指标的评分按汇总规则被去掉，明细见得分计算说明；"
	}
	return text + "▲ 为评分畸高、▼ 为评分畸低（离群检测标记，评委须书面说明理由，标记本身不改变计算）；“回避”为评委依规回避；“—”为未评分。"
}

// matrix lays out the dossiers × judges table.
func (s ScoreSummary) matrix(d *gbt9704.Doc, m matrixLayout) gbt9704.Table {
	size := m.size
	judgeW := m.judgeWidth(d.Geometry().TextWidth, len(s.Judges))
	text := func(t, field string) gbt9704.Span {
		return gbt9704.Span{Text: t, Font: d.Fonts.Body, Size: size, Field: field}
	}
	head := func(t string) []gbt9704.Span { return []gbt9704.Span{{Text: t, Size: size}} }
	cols := []gbt9704.Column{
		{Head: head("序号"), Width: m.seq, Align: gbt9704.Center},
		{Head: head("申报编号"), Width: m.no, Align: gbt9704.Center},
		{Head: head("产业链（申报地区）"), Align: gbt9704.Left},
	}
	for i, j := range s.Judges {
		cols = append(cols, gbt9704.Column{Head: []gbt9704.Span{text(j, fmt.Sprintf("Judges[%d]", i))}, Width: judgeW, Align: gbt9704.Center})
	}
	cols = append(cols,
		gbt9704.Column{Head: head("汇总得分"), Width: m.agg, Align: gbt9704.Center},
		gbt9704.Column{Head: head("名次"), Width: m.rank, Align: gbt9704.Center})
	rows := make([][]gbt9704.Cell, len(s.Rows))
	for i, r := range s.Rows {
		at := func(f string) string { return fmt.Sprintf("Rows[%d].%s", i, f) }
		row := []gbt9704.Cell{
			{Spans: []gbt9704.Span{text(fmt.Sprint(i+1), "")}},
			{Spans: []gbt9704.Span{text(r.DossierNo, at("DossierNo"))}},
			{Spans: []gbt9704.Span{text(r.Chain, at("Chain")), text("（", ""), text(r.Applicant, at("Applicant")), text("）", "")}},
		}
		for j, sc := range r.Scores {
			row = append(row, scoreCell(text, sc, fmt.Sprintf("Rows[%d].Scores[%d].Value", i, j)))
		}
		row = append(row,
			gbt9704.Cell{Spans: []gbt9704.Span{text(r.Aggregate, at("Aggregate"))}},
			gbt9704.Cell{Spans: []gbt9704.Span{text(r.Rank, at("Rank"))}})
		rows[i] = row
	}
	return gbt9704.Table{Columns: cols, Rows: rows, Size: size, Pitch: 1.4 * gbt9704.PtToMM(size), VPad: 1.2, Pad: m.pad}
}

// scoreCell shows a score: dropped in brackets and struck through, flagged
// with ▲ or ▼, recused and missing as words.
func scoreCell(text func(t, field string) gbt9704.Span, sc Score, field string) gbt9704.Cell {
	switch {
	case sc.Recused:
		return gbt9704.Cell{Spans: []gbt9704.Span{text("回避", "")}}
	case sc.Value == "":
		return gbt9704.Cell{Spans: []gbt9704.Span{text("—", "")}}
	}
	v := sc.Value
	if sc.Dropped {
		v = "[" + v + "]"
	}
	value := text(v, field)
	value.Strike = sc.Dropped
	spans := []gbt9704.Span{value}
	// The marker is set smaller so that "[88.50]▲" still fits a column.
	marker := text("", "")
	marker.Size *= 0.8
	switch sc.Flag {
	case FlagHigh:
		marker.Text = "▲"
	case FlagLow:
		marker.Text = "▼"
	}
	if marker.Text != "" {
		spans = append(spans, marker)
	}
	if sc.DroppedItems > 0 {
		// On a line of its own, so that the value keeps its place.
		items := text(fmt.Sprintf("\n去%d项", sc.DroppedItems), "")
		items.Size *= 0.8
		spans = append(spans, items)
	}
	return gbt9704.Cell{Spans: spans}
}

func (s ScoreSummary) agreementTable(d *gbt9704.Doc) gbt9704.Table {
	head := func(t string) []gbt9704.Span { return []gbt9704.Span{{Text: t, Size: formSmallSize}} }
	rows := make([][]gbt9704.Cell, len(s.Agreement))
	for i, st := range s.Agreement {
		at := func(f string) string { return fmt.Sprintf("Agreement[%d].%s", i, f) }
		rows[i] = []gbt9704.Cell{
			{Spans: []gbt9704.Span{small(d, st.Name, at("Name"))}},
			{Spans: []gbt9704.Span{small(d, st.Value, at("Value"))}},
			{Spans: []gbt9704.Span{small(d, st.Reading, at("Reading"))}},
		}
	}
	return gbt9704.Table{
		Columns: []gbt9704.Column{
			{Head: head("指标"), Width: 50, Align: gbt9704.Left},
			{Head: head("数值"), Width: 30, Align: gbt9704.Center},
			{Head: head("解读"), Align: gbt9704.Left},
		},
		Rows: rows, Size: formSmallSize, Pitch: 5.2, VPad: 1,
	}
}
