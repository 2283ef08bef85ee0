package app

import (
	"context"
	"fmt"
	"html/template"
	"slices"
	"strings"

	"chainjudge/app/charts"
	"chainjudge/app/results"
	"chainjudge/app/store"
	"chainjudge/scoring"
)

// This file turns the pages' data into the charts of package charts: the
// distribution of judges' scores and the judges' leniency on a stage's
// results, the funnel on a competition's results hub and the progress per
// expert on a stage's review progress.

// stageCharts are the charts of a stage's results page.
type stageCharts struct {
	Distribution template.HTML
	Leniency     template.HTML
}

// newStageCharts draws the rows shown (filtered and sorted as the table) and
// the leniency of every judge of the stage.
func newStageCharts(res *results.StageResult, rows []resultRow) stageCharts {
	var out stageCharts
	expertMax := scoring.Decimal{}
	for _, c := range res.Criteria {
		if c.ScoredByExperts() {
			expertMax = expertMax.Add(c.Max)
		}
	}
	if expertMax.IsZero() {
		return out // only objective criteria: nothing judges scored
	}
	strip := charts.Strip{ID: "chart-distribution", Title: "各申报的评委评分分布", Unit: "分", Max: expertMax.Float64(), Fit: true,
		ResultName: "汇总后的专家评分",
		Desc: "每行一个申报；每个圆点是一位评委对该申报各专家评分指标的评分合计（不含客观分），橙色表示其中有畸高或畸低评分；" +
			"红色竖线是按汇总方法计算后的专家评分。各指标去掉的分数见每个申报的“评分明细与理由”。"}
	var scores []charts.Score
	for _, row := range rows {
		totals := judgeTotals(res, row.D)
		if len(totals) == 0 {
			continue
		}
		sr := charts.StripRow{Label: row.D.Key + " " + row.D.Title}
		for _, t := range totals {
			sr.Marks = append(sr.Marks, charts.Mark{Judge: t.judge, Value: t.sum.Float64(), Text: t.sum.String(),
				Flagged: t.flagged != "", Direction: t.flagged})
		}
		v := row.D.ExpertPart.Float64()
		sr.Result, sr.ResultText = &v, row.ExpertPart
		strip.Rows = append(strip.Rows, sr)
	}
	for i := range res.Dossiers {
		d := &res.Dossiers[i]
		for _, t := range judgeTotals(res, d) {
			scores = append(scores, charts.Score{Item: d.Key, Judge: t.judge, Value: t.sum.Float64()})
		}
	}
	out.Distribution = strip.SVG()
	judges := charts.Deviations(scores)
	slices.SortFunc(judges, func(a, b charts.JudgeLeniency) int { return strings.Compare(a.Judge, b.Judge) })
	out.Leniency = charts.Leniency{ID: "chart-leniency", Title: "评委宽严：与同组评委平均评分的偏差", Unit: "分",
		Judges: judges}.SVG()
	return out
}

// judgeSum is one judge's own total on a dossier's expert criteria.
type judgeSum struct {
	judge   string
	sum     scoring.Decimal
	flagged string // 畸高 or 畸低 when one of the judge's scores is flagged
}

// judgeTotals lists each judge's total on the dossier, in judge order.
func judgeTotals(res *results.StageResult, d *results.DossierResult) []judgeSum {
	var out []judgeSum
	at := map[string]int{}
	for _, c := range d.Criteria {
		if info := res.CriterionInfo(c.ID); info == nil || !info.ScoredByExperts() {
			continue
		}
		for _, m := range c.Marks {
			i, ok := at[m.Judge]
			if !ok {
				i = len(out)
				at[m.Judge] = i
				out = append(out, judgeSum{judge: m.Judge})
			}
			out[i].sum = out[i].sum.Add(m.Score)
			if m.Flagged && out[i].flagged == "" {
				out[i].flagged = m.Direction
			}
		}
	}
	return out
}

// criterionChart draws one dossier's expert criteria, a row each, with the
// scores the aggregation dropped and the flagged ones marked.
func criterionChart(res *results.StageResult, d *results.DossierResult, dec int) template.HTML {
	s := charts.Strip{ID: fmt.Sprintf("chart-d%d", d.ID), Title: d.Key + " 各指标评委评分", Unit: "分", ResultName: "该项汇总得分"}
	for _, c := range d.Criteria {
		info := res.CriterionInfo(c.ID)
		if info == nil || !info.ScoredByExperts() || len(c.Marks) == 0 {
			continue
		}
		row := charts.StripRow{Label: info.ID + " " + info.Name, Max: info.Max.Float64()}
		for _, m := range c.Marks {
			row.Marks = append(row.Marks, charts.Mark{Judge: m.Judge, Value: m.Score.Float64(), Text: m.Score.String(),
				Dropped: m.Dropped, End: m.End, Flagged: m.Flagged, Direction: m.Direction})
		}
		if c.Scored {
			v := c.Points.Float64()
			row.Result, row.ResultText = &v, c.Points.StringFixed(dec)
		}
		s.Rows = append(s.Rows, row)
	}
	return s.SVG()
}

// competitionFunnel counts a competition's dossiers from filing to
// selection: submitted, passed the formal check, entered each later stage,
// selected.
func (s *Server) competitionFunnel(ctx context.Context, comp *store.Competition, stages []store.Stage, winners int) (template.HTML, error) {
	filed, err := s.store.FindDossiers(ctx, store.DossierFilter{CompetitionID: comp.ID, Statuses: []store.DossierStatus{
		store.DossierSubmitted, store.DossierReturned, store.DossierPassed, store.DossierRejected}})
	if err != nil {
		return "", err
	}
	f := charts.Funnel{ID: "chart-funnel", Title: comp.Name + "：申报、晋级与入选", Unit: "个",
		Steps: []charts.FunnelStep{{Label: "提交申报", Count: len(filed)}}}
	for i, st := range stages {
		entered, err := s.store.StageEntries(ctx, st.ID)
		if err != nil {
			return "", err
		}
		label := "进入" + st.Name
		if i == 0 {
			label = "通过形式审查"
		}
		f.Steps = append(f.Steps, charts.FunnelStep{Label: label, Count: len(entered)})
	}
	f.Steps = append(f.Steps, charts.FunnelStep{Label: "入选", Count: winners})
	return f.SVG(), nil
}

// progressChart draws each expert's score sheets in a stage.
func progressChart(experts []progressExpert) template.HTML {
	p := charts.Progress{ID: "chart-progress", Title: "各专家评分表进度"}
	for _, e := range experts {
		p.Experts = append(p.Experts, charts.ExpertProgress{Name: e.Name, Submitted: e.Submitted, Drafts: e.Drafts,
			NotStarted: e.NotStarted, Overdue: e.Overdue})
	}
	return p.SVG()
}
