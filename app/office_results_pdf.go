package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"chainjudge/app/results"
	"chainjudge/app/store"
	"chainjudge/reports"
	"chainjudge/rubrics"
	"chainjudge/scoring"

	"github.com/labstack/echo/v4"
)

// frozenStage loads the :id stage's frozen result; documents are only made
// of frozen results.
func (s *Server) frozenStage(c echo.Context) (*store.Stage, *store.Competition, *store.StageResultRecord, *results.StageResult, error) {
	st, comp, err := s.loadResultStage(c)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	rec, err := s.store.FindStageResult(c.Request().Context(), st.ID)
	if err != nil {
		return nil, nil, nil, nil, fmt.Errorf("阶段“%s”的结果尚未冻结，冻结后才能生成汇总表和计算说明: %w", st.Name, store.ErrConflict)
	}
	res, err := rec.Result()
	if err != nil {
		return nil, nil, nil, nil, err
	}
	return st, comp, rec, res, nil
}

// handleScoreSummaryPDF sends the 评分汇总表 of one panel of a frozen stage:
// every judge's own total per dossier (flagged ones marked), the stage
// score and rank, the rule and the panel's agreement statistics.
func (s *Server) handleScoreSummaryPDF(c echo.Context) error {
	st, comp, rec, res, err := s.frozenStage(c)
	if err != nil {
		return err
	}
	panel := c.QueryParam("panel")
	doc, ok := scoreSummary(comp, st, rec, res, panel)
	if !ok {
		return errNotFound
	}
	data, err := reports.Bytes(doc, s.docOptions())
	if err != nil {
		return err
	}
	return sendDownload(c, doc.FileName(), "application/pdf", data)
}

// scoreSummary builds the summary of one panel; false when the panel has no
// dossier.
func scoreSummary(comp *store.Competition, st *store.Stage, rec *store.StageResultRecord, res *results.StageResult, panel string) (reports.ScoreSummary, bool) {
	doc := reports.ScoreSummary{Competition: comp.Name, Stage: st.Name, Group: panel, Date: rec.FrozenAt,
		Rule: fmt.Sprintf("%s；各专家打分指标分别汇总并保留 %d 位小数，相加后再加客观指标得分", methodText(res), res.Decimals),
		Notes: []string{"表中为各评委对各指标评分之和（不含客观指标得分）；去分按指标逐项进行，不去掉评委的合计分；“汇总得分”为本阶段得分。",
			"结果哈希 " + rec.ResultHash + "；评分细则 " + rec.RubricHash + "。"}}
	used := map[string]bool{}
	var rows []results.DossierResult
	for _, d := range res.Dossiers {
		label := d.Panel
		if label == "" {
			label = results.AllJudgesPanel
		}
		if label != panel {
			continue
		}
		rows = append(rows, d)
		for _, c := range d.Criteria {
			for _, m := range c.Marks {
				used[m.Judge] = true
			}
		}
	}
	if len(rows) == 0 {
		return doc, false
	}
	for _, j := range res.Judges {
		if used[j] {
			doc.Judges = append(doc.Judges, j)
		}
	}
	for _, d := range rows {
		row := reports.SummaryRow{DossierNo: d.Key, Chain: d.Title, Applicant: d.City, Aggregate: "—", Rank: "—"}
		if d.Score.Valid {
			row.Aggregate = d.Score.Decimal.StringFixed(res.Decimals)
		}
		if d.Rank > 0 {
			row.Rank = strconv.Itoa(d.Rank)
		} else if d.Vetoed {
			row.Rank = "否决"
		}
		for _, j := range doc.Judges {
			row.Scores = append(row.Scores, judgeTotal(d, j))
		}
		doc.Rows = append(doc.Rows, row)
	}
	for _, p := range res.Panels {
		if p.Label == panel {
			doc.Agreement = panelStatistics(p)
		}
	}
	return doc, true
}

// judgeTotal is one judge's own total on a dossier, flagged when any of the
// judge's scores there is, with the count of the judge's criterion scores
// the aggregation rule dropped there: the rule drops per criterion, so a
// total is never dropped as a whole.
func judgeTotal(d results.DossierResult, judge string) reports.Score {
	var sum scoring.Decimal
	scored := false
	var out reports.Score
	for _, c := range d.Criteria {
		for _, m := range c.Marks {
			if m.Judge != judge {
				continue
			}
			sum, scored = sum.Add(m.Score), true
			if m.Dropped {
				out.DroppedItems++
			}
			if m.Flagged && out.Flag == reports.NoFlag {
				out.Flag = reports.FlagHigh
				if m.Direction == "畸低" {
					out.Flag = reports.FlagLow
				}
			}
		}
	}
	if scored {
		out.Value = sum.String()
	}
	return out
}

// panelStatistics lists a panel's agreement statistics with their readings.
func panelStatistics(p results.PanelAgreement) []reports.Statistic {
	var out []reports.Statistic
	add := func(name string, v *float64, reading func(float64) string) {
		if v != nil {
			out = append(out, reports.Statistic{Name: name, Value: strconv.FormatFloat(*v, 'f', 2, 64), Reading: reading(*v)})
		}
	}
	add("ICC(2,1)", p.ICC2, scoring.ICCLevel)
	add("ICC(2,k)", p.ICC2k, scoring.ICCLevel)
	add("ICC(1,1)", p.ICC1, scoring.ICCLevel)
	add("ICC(1,k)", p.ICC1k, scoring.ICCLevel)
	add("Kendall W", p.KendallW, scoring.KendallLevel)
	add("Krippendorff α", p.Alpha, scoring.AlphaLevel)
	return out
}

// methodText states a stage's aggregation in words.
func methodText(res *results.StageResult) string {
	text := res.Method.Label()
	switch {
	case res.Drop != nil && (res.Method == scoring.MethodTrimmedMean || res.Method == scoring.MethodWinsorizedMean):
		text += fmt.Sprintf("（每端 %d 个）", *res.Drop)
	case res.Method == scoring.MethodTrimmedMean || res.Method == scoring.MethodWinsorizedMean:
		text += "（按评委人数规则）"
	}
	return text
}

// handleCalculationPDF sends the 得分计算说明 of one dossier in a frozen
// stage: every criterion's scores and the engine's steps, the total, the
// rank and the advancement reason and, once every stage is frozen, how the
// stage scores make the final score and place.
func (s *Server) handleCalculationPDF(c echo.Context) error {
	st, comp, rec, res, err := s.frozenStage(c)
	if err != nil {
		return err
	}
	dossierID, err := paramID(c, "dossier")
	if err != nil {
		return err
	}
	var d *results.DossierResult
	for i := range res.Dossiers {
		if res.Dossiers[i].ID == dossierID {
			d = &res.Dossiers[i]
		}
	}
	if d == nil {
		return errNotFound
	}
	basis, err := loadCalcBasis(c.Request().Context(), s.store, comp, rec)
	if err != nil {
		return err
	}
	doc, err := calculationSheet(comp, st, rec, res, d, basis)
	if err != nil {
		return err
	}
	data, err := reports.Bytes(doc, s.docOptions())
	if err != nil {
		return err
	}
	return sendDownload(c, doc.FileName(), "application/pdf", data)
}

// calcBasis is what calculation sheets need besides a stage's frozen
// result: the rubric it was computed under, whose rules the engine re-runs
// to state its steps, and the final ranking once every stage is frozen.
type calcBasis struct {
	rubric *rubrics.Rubric
	final  *results.FinalResult // nil while a stage is not frozen
}

// loadCalcBasis loads the basis of a frozen stage's calculation sheets.
func loadCalcBasis(ctx context.Context, db *store.Store, comp *store.Competition, rec *store.StageResultRecord) (calcBasis, error) {
	var b calcBasis
	var err error
	if b.rubric, err = snapshotRubric(ctx, db, rec.RubricHash); err != nil {
		return b, err
	}
	b.final, _, err = db.ComputeFinalResult(ctx, comp.ID)
	if errors.Is(err, store.ErrConflict) {
		return b, nil
	}
	return b, err
}

// calculationSheet builds one dossier's calculation sheet. The steps of
// each expert criterion are the scoring engine's (results.ExplainCriteria):
// the rule, missing and dropped judges, the formula, the rounding after the
// aggregate, the weighting and the rounding after it, the cap.
func calculationSheet(comp *store.Competition, st *store.Stage, rec *store.StageResultRecord, res *results.StageResult, d *results.DossierResult, basis calcBasis) (reports.CalculationSheet, error) {
	dec := res.Decimals
	doc := reports.CalculationSheet{DossierRef: reports.DossierRef{Competition: comp.Name, Stage: st.Name, Group: d.Panel,
		DossierNo: d.Key, Chain: d.Title, Applicant: d.City}, Method: methodText(res), RubricHash: rec.RubricHash,
		Total: "—", Rank: "—", Date: rec.FrozenAt}
	engine, err := results.ExplainCriteria(basis.rubric.Stage(res.StageID), res, d)
	if err != nil {
		return doc, err
	}
	var expertTerms, objectiveTerms []string
	for _, info := range res.Criteria {
		cr := d.Criterion(info.ID)
		if cr == nil || info.Kind == rubrics.KindVeto {
			continue
		}
		calc := reports.CriterionCalculation{Code: info.ID, Name: info.Name, Points: "—"}
		if cr.Scored {
			calc.Points = cr.Points.StringFixed(dec)
		}
		for _, m := range cr.Marks {
			sc := reports.Score{Value: m.Score.String(), Dropped: m.Dropped}
			if m.Flagged {
				sc.Flag = reports.FlagHigh
				if m.Direction == "畸低" {
					sc.Flag = reports.FlagLow
				}
			}
			calc.Marks = append(calc.Marks, reports.JudgeScore{Judge: m.Judge, Score: sc})
		}
		if cs, ok := engine[info.ID]; ok {
			calc.Weight = cs.Weight.String()
			calc.Steps = cs.Steps()
			for _, m := range cr.Marks {
				if m.Flagged {
					calc.Steps = append(calc.Steps, fmt.Sprintf("评委 %s 对%s评分的书面理由：%s", m.Judge, m.Direction, orDash(m.Reason)))
				}
			}
			expertTerms = append(expertTerms, info.ID+" "+calc.Points)
		} else {
			// Objective criteria are computed from the verified value.
			for _, step := range []string{cr.Rule, cr.Formula} {
				if step != "" {
					calc.Steps = append(calc.Steps, step)
				}
			}
			objectiveTerms = append(objectiveTerms, info.ID+" "+calc.Points)
		}
		doc.Criteria = append(doc.Criteria, calc)
	}
	if len(expertTerms) > 0 {
		doc.TotalSteps = append(doc.TotalSteps, fmt.Sprintf("专家打分指标合计：%s = %s", strings.Join(expertTerms, " + "), d.ExpertPart.StringFixed(dec)))
	}
	if len(objectiveTerms) > 0 {
		doc.TotalSteps = append(doc.TotalSteps, fmt.Sprintf("客观指标合计：%s = %s", strings.Join(objectiveTerms, " + "), d.ObjectivePart.StringFixed(dec)))
	}
	if d.Score.Valid {
		doc.Total = d.Score.Decimal.StringFixed(dec)
		doc.TotalSteps = append(doc.TotalSteps, fmt.Sprintf("本阶段得分 = %s + %s = %s",
			d.ExpertPart.StringFixed(dec), d.ObjectivePart.StringFixed(dec), doc.Total))
	} else if len(d.Unscored) > 0 {
		doc.TotalSteps = append(doc.TotalSteps, "以下指标没有得分，本阶段不计总分："+strings.Join(d.Unscored, "、"))
	}
	if d.Rank > 0 {
		doc.Rank = strconv.Itoa(d.Rank)
	}
	for _, step := range []string{d.TieNote, d.AdvanceReason} {
		if step != "" {
			doc.RankSteps = append(doc.RankSteps, step)
		}
	}
	if d.Vetoed {
		doc.RankSteps = append(doc.RankSteps, "否决（"+d.VetoCriterion+"）："+d.VetoReason)
	}
	if len(res.TieBreaks) > 0 {
		doc.RankSteps = append(doc.RankSteps, "同分时依次比较："+strings.Join(res.TieBreaks, " → "))
	}
	doc.StageSteps = finalSteps(basis, d.Key)
	return doc, nil
}

// finalSteps explains how a finalist's stage scores make its final score
// and place: each weighted stage's weight as a share of all weights, the
// engine's weighted sum (scoring.CombineStages), the stages that only gate,
// the final place with the tie-break that decided it and the selection.
// Empty while a stage is not frozen or for a dossier not in the final.
func finalSteps(basis calcBasis, key string) []string {
	if basis.final == nil {
		return nil
	}
	e := basis.final.Entry(key)
	if e == nil {
		return nil
	}
	var steps []string
	total := basis.rubric.WeightTotal()
	for _, fs := range basis.final.Stages {
		rs := basis.rubric.Stage(fs.ID)
		switch {
		case fs.Weighted && rs != nil:
			steps = append(steps, fmt.Sprintf("“%s”阶段权重 = %s ÷ 各计分阶段权重之和 %s = %s", fs.Name, rs.Weight, total, fs.Share))
		case !fs.Weighted && rs != nil && rs.Advancement != nil:
			steps = append(steps, fmt.Sprintf("“%s”阶段只决定能否晋级（%s），不计入最终得分", fs.Name, results.DescribeAdvancement(rs.Advancement)))
		case !fs.Weighted:
			steps = append(steps, fmt.Sprintf("“%s”阶段不计入最终得分", fs.Name))
		}
	}
	steps = append(steps, e.Steps...)
	switch {
	case e.Vetoed:
		steps = append(steps, "因否决项（"+e.VetoCriterion+"）不参加最终排名")
	case e.Rank > 0:
		place := fmt.Sprintf("最终排名第 %d 名", e.Rank)
		if e.TieNote != "" {
			place += "：" + e.TieNote
		}
		steps = append(steps, place)
	}
	if len(basis.final.TieBreaks) > 0 {
		steps = append(steps, "最终排名同分时依次比较："+strings.Join(basis.final.TieBreaks, " → "))
	}
	if e.AdvanceReason != "" {
		steps = append(steps, "入选规则（"+basis.final.Selection.Rule+"）："+e.AdvanceReason)
	}
	return steps
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
