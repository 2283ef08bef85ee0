package scoring

import (
	"fmt"
)

// Criterion says how one rubric criterion is scored. Callers map a rubric's
// criterion settings into it; this package does not read rubric files.
type Criterion struct {
	// ID names the criterion in tie-break keys and errors; Name is shown.
	ID, Name string
	// Max is the highest score a judge may give; a higher score is an error.
	// Zero means no maximum (no check, no cap, no MAD = 0 outlier fallback).
	Max Decimal
	// Weight multiplies the rounded aggregate; it must be positive.
	Weight Decimal
	// Cap is the ceiling on the weighted points. Zero means Max × Weight (no
	// ceiling when Max is zero).
	Cap Decimal
	// Aggregate combines the judges' scores; its Decimals is the first
	// rounding point.
	Aggregate AggregateOptions
	// Outliers configures the 畸高/畸低 flags; a zero Outliers.Max means Max.
	Outliers OutlierOptions
}

// label returns the criterion's name, or its id.
func (c Criterion) label() string {
	if c.Name != "" {
		return c.Name
	}
	return c.ID
}

// TotalOptions configures the weighted total of a dossier.
type TotalOptions struct {
	// Decimals is the second rounding point, after weighting. Nil keeps the
	// internal precision of Scale decimals.
	Decimals *int
	// JudgeTotals says how the judges' own totals are averaged for the
	// comparison figure; a zero Method means trimmed_mean by the panel rule.
	JudgeTotals AggregateOptions
}

// CriterionScore is one criterion's result for one dossier, in the order of
// operations: aggregate → round → × weight → round → cap.
type CriterionScore struct {
	// Criterion is the criterion's ID.
	Criterion string
	// Aggregation explains the aggregate and its first rounding.
	Aggregation Aggregation
	// Outliers flags 畸高/畸低 scores; nothing is removed because of them.
	Outliers OutlierReport
	// Weight applied, and Weighted = Aggregation.Value × Weight rounded at
	// Decimals (Stated says whether Decimals was configured).
	Weight, Weighted Decimal
	Decimals         int
	Stated           bool
	// Cap is the ceiling (HasCap false: none); Capped says it applied.
	Cap            Decimal
	HasCap, Capped bool
	// Points is the criterion's contribution to the total.
	Points Decimal
}

// Scored reports whether at least one judge scored the criterion.
func (c CriterionScore) Scored() bool { return !c.Aggregation.Empty() }

// JudgeTotal is one judge's own weighted total for a dossier.
type JudgeTotal struct {
	Judge string
	// Total is Σ weight × score over the criteria the judge scored.
	Total Decimal
	// Complete says the judge scored every criterion; only complete totals
	// enter the comparison figure and the agreement statistics.
	Complete bool
}

// DossierTotal is a dossier's result under a rubric.
type DossierTotal struct {
	// Criteria holds one result per criterion, in rubric order.
	Criteria []CriterionScore
	// Total is the sum of every criterion's Points.
	Total Decimal
	// Complete is false when some criterion was scored by nobody; then the
	// dossier has no result (Result is absent). Unscored lists them.
	Complete bool
	Unscored []string
	// JudgeTotals holds each judge's own total, in panel order.
	JudgeTotals []JudgeTotal
	// JudgeTotalsMean averages the complete judge totals (trimmed mean by
	// the panel rule unless configured). It is a comparison figure, labelled
	// JudgeTotalsLabel, and never the result: it differs from Total because
	// trimming whole totals drops different judges than trimming per
	// criterion, and because it skips the per-criterion rounding.
	JudgeTotalsMean Aggregation
	// JudgeTotalsMedian is the median of the complete judge totals.
	JudgeTotalsMedian Ratio
}

// JudgeTotalsLabel labels DossierTotal.JudgeTotalsMean wherever it is shown.
const JudgeTotalsLabel = "评委个人总分的去极值平均（仅供对照，不作为评审结果）"

// Result returns Total, or absent when some criterion has no score.
func (t DossierTotal) Result() NullDecimal {
	if !t.Complete {
		return NullDecimal{}
	}
	return Scored(t.Total)
}

// ScoreDossier computes one dossier's total. scores[c][j] is judge j's score
// for criterion c (aligned with criteria and judges); an absent score means
// the judge did not score it.
func ScoreDossier(judges []string, criteria []Criterion, scores [][]NullDecimal, opts TotalOptions) (DossierTotal, error) {
	s, err := newStageScorer(judges, criteria, opts, 1)
	if err != nil {
		return DossierTotal{}, err
	}
	return s.score(scores)
}

// stageScorer scores many dossiers under one rubric, carving every result's
// slices out of large shared blocks to keep allocations per dossier low.
type stageScorer struct {
	judges   []string
	criteria []Criterion
	opts     TotalOptions
	// weightedDecimals is the second rounding point.
	weightedDecimals int
	caps             []NullDecimal
	outlierOpts      []OutlierOptions
	judgeTotalsOpts  AggregateOptions

	marks      []Mark
	deviations []JudgeDeviation
	criteriaS  []CriterionScore
	judgeTots  []JudgeTotal
	scratch    []int64
	totalMarks []Mark
}

// newStageScorer checks the rubric settings once; expected is the number of
// dossiers to size the blocks for.
func newStageScorer(judges []string, criteria []Criterion, opts TotalOptions, expected int) (*stageScorer, error) {
	if len(judges) > MaxJudges {
		return nil, fmt.Errorf("评委 %d 人，超过上限 %d (too many judges)", len(judges), MaxJudges)
	}
	if len(criteria) == 0 || len(criteria) > MaxCriteria {
		return nil, fmt.Errorf("指标个数 %d 应在 1–%d 之间 (criteria count out of range)", len(criteria), MaxCriteria)
	}
	seen := make(map[string]bool, len(judges))
	for _, j := range judges {
		if j == "" || seen[j] {
			return nil, fmt.Errorf("评委编号 %q 为空或重复 (empty or duplicate judge)", j)
		}
		seen[j] = true
	}
	if err := checkDecimals("加权后小数位数", opts.Decimals); err != nil {
		return nil, err
	}
	s := &stageScorer{judges: judges, criteria: criteria, opts: opts, weightedDecimals: Scale}
	if opts.Decimals != nil {
		s.weightedDecimals = *opts.Decimals
	}
	s.judgeTotalsOpts = opts.JudgeTotals
	if s.judgeTotalsOpts.Method == "" {
		s.judgeTotalsOpts.Method = MethodTrimmedMean
	}
	if err := s.judgeTotalsOpts.validate(); err != nil {
		return nil, fmt.Errorf("评委总分对照：%w", err)
	}
	ids := make(map[string]bool, len(criteria))
	for _, c := range criteria {
		if c.ID == "" || ids[c.ID] {
			return nil, fmt.Errorf("指标编号 %q 为空或重复 (empty or duplicate criterion id)", c.ID)
		}
		ids[c.ID] = true
		cp, oo, err := criterionSettings(c)
		if err != nil {
			return nil, fmt.Errorf("指标 %s：%w", c.ID, err)
		}
		s.caps = append(s.caps, cp)
		s.outlierOpts = append(s.outlierOpts, oo)
	}
	s.grow(expected)
	s.scratch = make([]int64, len(judges))
	return s, nil
}

// criterionSettings checks one criterion and derives its cap and outlier
// options.
func criterionSettings(c Criterion) (NullDecimal, OutlierOptions, error) {
	if err := c.Aggregate.validate(); err != nil {
		return NullDecimal{}, OutlierOptions{}, err
	}
	if err := checkWeight("权重", c.Weight, true); err != nil {
		return NullDecimal{}, OutlierOptions{}, err
	}
	for _, b := range []struct {
		what string
		v    Decimal
	}{{"满分", c.Max}, {"上限", c.Cap}} {
		if b.v.Sign() < 0 || b.v.Cmp(maxAbsScore) > 0 {
			return NullDecimal{}, OutlierOptions{}, fmt.Errorf("%s %s 应在 0–%d 之间 (out of range)", b.what, b.v, MaxAbsScore)
		}
	}
	cp := NullDecimal{Decimal: c.Cap, Valid: !c.Cap.IsZero()}
	if !cp.Valid && !c.Max.IsZero() {
		v, err := c.Max.Mul(c.Weight, Scale)
		if err != nil {
			return NullDecimal{}, OutlierOptions{}, fmt.Errorf("满分 × 权重：%w", err)
		}
		cp = Scored(v)
	}
	oo := c.Outliers
	if oo.Max.IsZero() {
		oo.Max = c.Max
	}
	oo, err := oo.withDefaults()
	return cp, oo, err
}

// grow allocates blocks for n more dossiers.
func (s *stageScorer) grow(n int) {
	nc, nj := len(s.criteria), len(s.judges)
	s.marks = make([]Mark, n*nc*nj)
	s.deviations = make([]JudgeDeviation, n*nc*nj)
	s.criteriaS = make([]CriterionScore, n*nc)
	s.judgeTots = make([]JudgeTotal, n*nj)
	s.totalMarks = make([]Mark, n*nj)
}

// take cuts the next n elements off a block, growing it when exhausted.
func take[T any](block *[]T, n int) []T {
	if len(*block) < n {
		*block = make([]T, max(n, 64*n))
	}
	out := (*block)[:n:n]
	*block = (*block)[n:]
	return out
}

// score computes one dossier's total.
func (s *stageScorer) score(scores [][]NullDecimal) (DossierTotal, error) {
	nc, nj := len(s.criteria), len(s.judges)
	if len(scores) != nc {
		return DossierTotal{}, fmt.Errorf("有 %d 个指标的评分，应为 %d 个 (%d criteria for %d)", len(scores), nc, len(scores), nc)
	}
	t := DossierTotal{
		Criteria:    take(&s.criteriaS, nc),
		JudgeTotals: take(&s.judgeTots, nj),
		Complete:    true,
	}
	for j, name := range s.judges {
		t.JudgeTotals[j] = JudgeTotal{Judge: name, Complete: true}
	}
	for c, crit := range s.criteria {
		row := scores[c]
		if len(row) != nj {
			return DossierTotal{}, fmt.Errorf("指标 %s：有 %d 个分数，但评委有 %d 人 (%d values for %d judges)", crit.ID, len(row), nj, len(row), nj)
		}
		cs, err := s.scoreCriterion(c, row, t.JudgeTotals)
		if err != nil {
			return DossierTotal{}, fmt.Errorf("指标 %s：%w", crit.ID, err)
		}
		t.Criteria[c] = cs
		if !cs.Scored() {
			t.Complete = false
			t.Unscored = append(t.Unscored, crit.ID)
			continue
		}
		t.Total = t.Total.Add(cs.Points)
	}
	totals := take(&s.totalMarks, nj)
	for j, jt := range t.JudgeTotals {
		totals[j] = Mark{Judge: jt.Judge}
		if jt.Complete {
			totals[j].Score = Scored(jt.Total)
		}
	}
	agg, err := aggregateOwned(totals, s.judgeTotalsOpts)
	if err != nil {
		return DossierTotal{}, err
	}
	t.JudgeTotalsMean = agg
	if n := agg.N; n > 0 {
		if n%2 == 1 {
			t.JudgeTotalsMedian = RatioOf(agg.Sorted[n/2].Score.Decimal)
		} else {
			t.JudgeTotalsMedian = newRatio(sumMarks(agg.Sorted[n/2-1:n/2+1]), 2).reduced()
		}
	}
	return t, nil
}

// scoreCriterion aggregates, flags, weights and caps one criterion, and adds
// each judge's weighted score to the judge's own total.
func (s *stageScorer) scoreCriterion(c int, row []NullDecimal, judgeTotals []JudgeTotal) (CriterionScore, error) {
	crit := s.criteria[c]
	nj := len(s.judges)
	marks := take(&s.marks, nj)
	for j, v := range row {
		marks[j] = Mark{Judge: s.judges[j], Score: v}
		if !v.Valid {
			judgeTotals[j].Complete = false
			continue
		}
		if err := checkJudgeScore(s.judges[j], v.Decimal); err != nil {
			return CriterionScore{}, err
		}
		if !crit.Max.IsZero() && v.Decimal.Cmp(crit.Max) > 0 {
			return CriterionScore{}, fmt.Errorf("评委 %s 的评分 %s 超过满分 %s (score above maximum)", s.judges[j], v.Decimal, crit.Max)
		}
		w, err := v.Decimal.Mul(crit.Weight, Scale)
		if err != nil {
			return CriterionScore{}, err
		}
		judgeTotals[j].Total = judgeTotals[j].Total.Add(w)
	}
	out := CriterionScore{Criterion: crit.ID, Weight: crit.Weight, Decimals: s.weightedDecimals, Stated: s.opts.Decimals != nil}
	agg, err := aggregateOwned(marks, crit.Aggregate)
	if err != nil {
		return CriterionScore{}, err
	}
	out.Aggregation = agg
	// agg.Sorted holds the present scores in ascending order already.
	sorted := s.scratch[:agg.N]
	for i, m := range agg.Sorted {
		sorted[i] = m.Score.Decimal.micros
	}
	out.Outliers = OutlierReport{Options: s.outlierOpts[c], Judges: take(&s.deviations, agg.N)[:0]}
	flagOutliersInto(&out.Outliers, s.judges, row, sorted)
	if agg.Empty() {
		return out, nil
	}
	out.Weighted, err = agg.Value.Mul(crit.Weight, s.weightedDecimals)
	if err != nil {
		return CriterionScore{}, err
	}
	out.Points = out.Weighted
	if cp := s.caps[c]; cp.Valid {
		out.Cap, out.HasCap = cp.Decimal, true
		if out.Weighted.Cmp(cp.Decimal) > 0 {
			out.Points, out.Capped = cp.Decimal, true
		}
	}
	return out, nil
}
