package scoring

import (
	"encoding/json"
)

// StatDecimals is the number of decimals agreement statistics are reported
// with by `chainjudge score`.
const StatDecimals = 4

// ScoreResponse is the output of `chainjudge score`.
type ScoreResponse struct {
	// Items are in input order.
	Items     []ScoreItemResult `json:"items"`
	Agreement AgreementSummary  `json:"agreement"`
	// Explanation is only filled on request (--explain).
	Explanation *ScoreExplanation `json:"explanation,omitempty"`
}

// ScoreItemResult is one item's line of the output.
type ScoreItemResult struct {
	ID string `json:"id"`
	// Score is null when nobody scored the item; with decimals it is written
	// with exactly that many decimals.
	Score *json.Number `json:"score"`
	// Rank is the standard competition rank on Score; null with Score.
	Rank *int `json:"rank"`
	// N is the number of judges who scored.
	N int `json:"n"`
	// Dropped lists the judges whose scores were removed (trimmed_mean) or
	// replaced (winsorized_mean), in panel order.
	Dropped []string `json:"dropped"`
	// Outliers lists the judges whose scores are flagged 畸高/畸低, in panel
	// order.
	Outliers []string `json:"outliers"`
	// Explanation is only filled on request.
	Explanation *ItemExplanation `json:"explanation,omitempty"`
}

// AgreementSummary holds the panel statistics; each is null when it cannot
// be computed, never NaN.
type AgreementSummary struct {
	ICC                       *ICCSummary  `json:"icc"`
	KendallW                  *json.Number `json:"kendall_w"`
	KrippendorffAlphaInterval *json.Number `json:"krippendorff_alpha_interval"`
}

// ICCSummary holds the six Shrout & Fleiss forms.
type ICCSummary struct {
	ICC1  *json.Number `json:"ICC1"`
	ICC2  *json.Number `json:"ICC2"`
	ICC3  *json.Number `json:"ICC3"`
	ICC1k *json.Number `json:"ICC1k"`
	ICC2k *json.Number `json:"ICC2k"`
	ICC3k *json.Number `json:"ICC3k"`
}

// ItemExplanation is what the engine did for one item.
type ItemExplanation struct {
	Method      Method        `json:"method"`
	Trim        int           `json:"trim"`
	TrimSource  TrimSource    `json:"trim_source"`
	SmallPanel  bool          `json:"small_panel"`
	Rule        string        `json:"rule"`
	Missing     []string      `json:"missing"`
	Counted     []JudgeScore  `json:"counted"`
	DroppedLow  []JudgeScore  `json:"dropped_low"`
	DroppedHigh []JudgeScore  `json:"dropped_high"`
	Exact       string        `json:"exact,omitempty"`
	Formula     string        `json:"formula,omitempty"`
	Rounding    string        `json:"rounding,omitempty"`
	OutlierTest string        `json:"outlier_test"`
	Judges      []OutlierLine `json:"judges"`
	RankNote    string        `json:"rank_note,omitempty"`
}

// JudgeScore is one judge's score in an explanation.
type JudgeScore struct {
	Judge string  `json:"judge"`
	Score Decimal `json:"score"`
}

// OutlierLine is one judge's outlier check in an explanation.
type OutlierLine struct {
	Judge     string       `json:"judge"`
	Score     Decimal      `json:"score"`
	M         *json.Number `json:"m"`
	Direction Direction    `json:"direction,omitempty"`
	Flagged   bool         `json:"flagged"`
	Reason    string       `json:"reason"`
}

// ScoreExplanation explains the whole run.
type ScoreExplanation struct {
	OrderOfOperations string       `json:"order_of_operations"`
	KendallChiSquare  *json.Number `json:"kendall_chi_square"`
	KendallDF         *int         `json:"kendall_df"`
	KendallP          *json.Number `json:"kendall_p"`
	Readings          []string     `json:"readings"`
}

// OrderOfOperations states the rounding points of `chainjudge score`.
const OrderOfOperations = "逐项汇总评委分数（精确分数运算）→ 按 decimals 位小数四舍五入（未给出时按内部精度 6 位）→ 按得分从高到低排名，同分并列（1224 式）"

// Evaluate scores the request: aggregate each item, flag outliers, rank,
// and compute the agreement statistics on the raw scores. It runs the same
// pipeline as ScoreStage with one criterion of weight 1.
func (req ScoreRequest) Evaluate(explain bool) (ScoreResponse, error) {
	crit := Criterion{
		ID:        "score",
		Weight:    Decimal{unit},
		Aggregate: AggregateOptions{Method: req.Aggregate, Trim: req.Trim, Decimals: req.Decimals},
	}
	if req.MaxScore != nil {
		crit.Max = *req.MaxScore
	}
	crit.Outliers.Max = crit.Max
	if crit.Outliers.Max.IsZero() {
		crit.Outliers.Max = largestAbs(req.Items)
	}
	if req.OutlierShare != nil {
		crit.Outliers.Share = *req.OutlierShare
	}
	in := StageInput{
		Judges:   req.Judges,
		Criteria: []Criterion{crit},
		Dossiers: make([]DossierScores, len(req.Items)),
		Totals:   TotalOptions{Decimals: req.Decimals},
	}
	for i, it := range req.Items {
		in.Dossiers[i] = DossierScores{ID: it.ID, Scores: [][]NullDecimal{it.Scores}}
	}
	res, err := ScoreStage(in)
	if err != nil {
		return ScoreResponse{}, err
	}
	out := ScoreResponse{Items: make([]ScoreItemResult, len(res.Dossiers)), Agreement: summarize(res.Agreement)}
	for i, r := range res.Dossiers {
		out.Items[i] = itemResult(req, r, explain)
	}
	if explain {
		out.Explanation = explainRun(res.Agreement)
	}
	return out, nil
}

// itemResult maps one dossier result to its output line.
func itemResult(req ScoreRequest, r DossierResult, explain bool) ScoreItemResult {
	c := r.Criteria[0]
	a := c.Aggregation
	line := ScoreItemResult{ID: r.ID, N: a.N, Dropped: []string{}, Outliers: []string{}}
	if a.N > 0 {
		text := r.Total.String()
		if req.Decimals != nil {
			text = r.Total.StringFixed(*req.Decimals)
		}
		line.Score = number(text)
		rank := r.Placement.Rank
		line.Rank = &rank
	}
	dropped := map[string]bool{}
	for _, m := range a.Dropped() {
		dropped[m.Judge] = true
	}
	flagged := map[string]bool{}
	for _, f := range c.Outliers.Flags() {
		flagged[f.Judge] = true
	}
	for _, j := range req.Judges {
		if dropped[j] {
			line.Dropped = append(line.Dropped, j)
		}
		if flagged[j] {
			line.Outliers = append(line.Outliers, j)
		}
	}
	if explain {
		line.Explanation = explainItem(c, r.Placement)
	}
	return line
}

// explainItem fills the per-item explanation.
func explainItem(c CriterionScore, p Placement) *ItemExplanation {
	a := c.Aggregation
	e := &ItemExplanation{
		Method: a.Method, Trim: a.Trim, TrimSource: a.TrimSource, SmallPanel: a.SmallPanel,
		Rule: a.Rule(), Missing: nonNil(a.Missing),
		Counted: judgeScores(a.Counted), DroppedLow: judgeScores(a.Low), DroppedHigh: judgeScores(a.High),
		OutlierTest: c.Outliers.RuleText(), Judges: []OutlierLine{}, RankNote: p.Note(),
	}
	if !a.Empty() {
		e.Exact, e.Formula, e.Rounding = a.Exact.String(), a.Formula(), a.RoundingStep()
	}
	for _, d := range c.Outliers.Judges {
		line := OutlierLine{Judge: d.Judge, Score: d.Score, Direction: d.Direction, Flagged: d.Flagged, Reason: c.Outliers.Explain(d)}
		if d.M.Valid {
			line.M = statNumber(d.M.Float64, 2)
		}
		e.Judges = append(e.Judges, line)
	}
	return e
}

// explainRun fills the run-level explanation.
func explainRun(a Agreement) *ScoreExplanation {
	e := &ScoreExplanation{OrderOfOperations: OrderOfOperations, Readings: a.Readings()}
	if a.Kendall.Valid {
		df := a.Kendall.DF
		e.KendallChiSquare, e.KendallDF, e.KendallP = statNumber(a.Kendall.ChiSquare, StatDecimals), &df, statNumber(a.Kendall.P, StatDecimals)
	}
	return e
}

// summarize rounds the statistics for the output.
func summarize(a Agreement) AgreementSummary {
	var s AgreementSummary
	if a.ICC.Valid {
		s.ICC = &ICCSummary{
			ICC1: nullStat(a.ICC.ICC1), ICC2: nullStat(a.ICC.ICC2), ICC3: nullStat(a.ICC.ICC3),
			ICC1k: nullStat(a.ICC.ICC1k), ICC2k: nullStat(a.ICC.ICC2k), ICC3k: nullStat(a.ICC.ICC3k),
		}
	}
	if a.Kendall.Valid {
		s.KendallW = statNumber(a.Kendall.W, StatDecimals)
	}
	if a.Alpha.Valid {
		s.KrippendorffAlphaInterval = statNumber(a.Alpha.Alpha, StatDecimals)
	}
	return s
}

func nullStat(f NullFloat) *json.Number {
	if !f.Valid {
		return nil
	}
	return statNumber(f.Float64, StatDecimals)
}

// statNumber rounds a statistic half-up for display; nil when not finite.
func statNumber(f float64, decimals int) *json.Number {
	d, err := RoundFloat(f, decimals)
	if err != nil {
		return nil
	}
	return number(d.String())
}

func number(s string) *json.Number {
	n := json.Number(s)
	return &n
}

func judgeScores(marks []Mark) []JudgeScore {
	out := make([]JudgeScore, len(marks))
	for i, m := range marks {
		out[i] = JudgeScore{Judge: m.Judge, Score: m.Score.Decimal}
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// largestAbs is the largest absolute score in the items, used as the maximum
// of the MAD = 0 outlier fallback when max_score is not given.
func largestAbs(items []ScoreItem) Decimal {
	var m Decimal
	for _, it := range items {
		for _, s := range it.Scores {
			if s.Valid && s.Decimal.Abs().Cmp(m) > 0 {
				m = s.Decimal.Abs()
			}
		}
	}
	return m
}
