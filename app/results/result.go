package results

import (
	"chainjudge/rubrics"
	"chainjudge/scoring"
)

// StageResult is one stage's results. It marshals to JSON and back
// unchanged: a frozen result is stored in that form and shown from it.
type StageResult struct {
	// StageID and StageName identify the rubric stage; RubricHash the
	// frozen rubric the result was computed under.
	StageID    string `json:"stage_id"`
	StageName  string `json:"stage_name"`
	RubricHash string `json:"rubric_hash"`
	// Weighted says whether the stage score enters the final score.
	Weighted bool `json:"weighted"`
	// Decimals is where criterion aggregates and the stage score are rounded.
	Decimals int `json:"decimals"`
	// Method and Drop are the stage's aggregation (Drop nil: panel-size rule).
	Method scoring.Method `json:"method"`
	Drop   *int           `json:"drop,omitempty"`
	// OutlierShare is the MAD = 0 share of the 畸高/畸低 test.
	OutlierShare scoring.Decimal `json:"outlier_share"`
	// Judges lists the judge codes that scored, sorted.
	Judges []string `json:"judges"`
	// Groups and Criteria describe the stage's 一级指标 and 二级指标 in
	// rubric order (veto criteria included, they carry no points).
	Groups   []GroupInfo     `json:"groups"`
	Criteria []CriterionInfo `json:"criteria"`
	// TieBreaks describes the stage's tie-break chain in Chinese.
	TieBreaks []string `json:"tie_breaks,omitempty"`
	// Dossiers are the results, by rank (unranked last, then by key).
	Dossiers []DossierResult `json:"dossiers"`
	// Panels hold the agreement statistics of each panel.
	Panels []PanelAgreement `json:"panels"`
	// Severity is the severity correction when it was requested.
	Severity *SeverityInfo `json:"severity,omitempty"`
	// Advancement describes the rule applied; nil on the last stage.
	Advancement *AdvancementInfo `json:"advancement,omitempty"`
}

// GroupInfo is one 一级指标.
type GroupInfo struct {
	ID   string          `json:"id"`
	Name string          `json:"name"`
	Max  scoring.Decimal `json:"max"`
}

// CriterionInfo is one 二级指标.
type CriterionInfo struct {
	ID    string          `json:"id"`
	Name  string          `json:"name"`
	Group string          `json:"group"`
	Kind  rubrics.Kind    `json:"kind"`
	Max   scoring.Decimal `json:"max"`
	// Indicator is the indicator an objective criterion is computed from.
	Indicator string `json:"indicator,omitempty"`
}

// ScoredByExperts reports whether experts give points for the criterion
// (veto criteria are answered by experts but carry no points).
func (c CriterionInfo) ScoredByExperts() bool {
	return c.Kind == rubrics.KindPoints || c.Kind == rubrics.KindGrades
}

// Standing is where an entrant stands: score, place, veto and whether it
// goes on. Stage results and the final ranking share it.
type Standing struct {
	// Score is absent when some criterion (or stage) has no score.
	Score scoring.NullDecimal `json:"score"`
	// Unscored lists the criteria (or stages) without a score.
	Unscored []string `json:"unscored,omitempty"`
	// Rank is the standard competition rank (0: unranked: incomplete or
	// vetoed); TieNote explains a shared score and DecidedBy names the
	// tie-break rule that decided it.
	Rank      int    `json:"rank"`
	TieNote   string `json:"tie_note,omitempty"`
	DecidedBy string `json:"decided_by,omitempty"`
	// Vetoed marks a confirmed veto, with its reason; the entrant is not
	// ranked and does not go on.
	Vetoed        bool   `json:"vetoed,omitempty"`
	VetoCriterion string `json:"veto_criterion,omitempty"`
	VetoReason    string `json:"veto_reason,omitempty"`
	// Advances says whether the entrant goes on to the next stage (or, in
	// the final ranking, is proposed for selection), with the reason.
	Advances      bool   `json:"advances"`
	AdvanceReason string `json:"advance_reason,omitempty"`
	// BoundaryTie marks a decision taken at the last place by a tie-break
	// or by the boundary-tie rule.
	BoundaryTie bool `json:"boundary_tie,omitempty"`
}

// DossierResult is one dossier's result in a stage. Standing.Score is the
// stage score: the expert criteria's rounded aggregates plus the objective
// points.
type DossierResult struct {
	Dossier
	Standing
	// ExpertPart and ObjectivePart split Score.
	ExpertPart    scoring.Decimal `json:"expert_part"`
	ObjectivePart scoring.Decimal `json:"objective_part"`
	// Criteria holds one result per criterion, in rubric order.
	Criteria []CriterionResult `json:"criteria"`
	// Groups holds the 一级指标 subtotals, in rubric order.
	Groups []GroupSubtotal `json:"groups"`
	// JudgeMedian is the median of the experts' own totals (plus the
	// objective points), the `median` tie-break.
	JudgeMedian *scoring.Decimal `json:"judge_median,omitempty"`
	// VetoProposals are the experts' yes answers to veto criteria, confirmed
	// or not.
	VetoProposals []VetoProposal `json:"veto_proposals,omitempty"`
	// Adjusted is the severity-corrected expert part beside the raw mean of
	// the judges' totals (only when the correction was requested and applied).
	Adjusted *AdjustedScore `json:"adjusted,omitempty"`
}

// Criterion returns the dossier's result for the criterion id, or nil.
func (d *DossierResult) Criterion(id string) *CriterionResult {
	for i := range d.Criteria {
		if d.Criteria[i].ID == id {
			return &d.Criteria[i]
		}
	}
	return nil
}

// CriterionResult is one criterion's result for one dossier.
type CriterionResult struct {
	ID   string       `json:"id"`
	Kind rubrics.Kind `json:"kind"`
	// Scored says the criterion has a result; Points is it.
	Scored bool            `json:"scored"`
	Points scoring.Decimal `json:"points"`
	// Marks are the judges' scores in judge order (expert criteria).
	Marks []JudgeMark `json:"marks,omitempty"`
	// Rule, Formula and Rounding explain the aggregate (expert criteria) or
	// the computation from the verified value (objective criteria).
	Rule     string `json:"rule,omitempty"`
	Formula  string `json:"formula,omitempty"`
	Rounding string `json:"rounding,omitempty"`
	// OutlierRule states the 畸高/畸低 test applied.
	OutlierRule string `json:"outlier_rule,omitempty"`
	// Value is the verified indicator value (objective criteria).
	Value *scoring.Decimal `json:"value,omitempty"`
}

// JudgeMark is one judge's score for one criterion of one dossier.
type JudgeMark struct {
	Judge string          `json:"judge"`
	Score scoring.Decimal `json:"score"`
	// Dropped marks a score removed (trimmed mean) or replaced (winsorized
	// mean) at the low or high end.
	Dropped bool   `json:"dropped,omitempty"`
	End     string `json:"end,omitempty"` // "low" or "high"
	// Flagged marks a 畸高/畸低 score; Direction is 畸高 or 畸低, Explain
	// the test's reason line and Reason the expert's written reason.
	Flagged   bool   `json:"flagged,omitempty"`
	Direction string `json:"direction,omitempty"`
	Explain   string `json:"explain,omitempty"`
	Reason    string `json:"reason,omitempty"`
}

// GroupSubtotal is a 一级指标 subtotal.
type GroupSubtotal struct {
	ID     string          `json:"id"`
	Points scoring.Decimal `json:"points"`
}

// VetoProposal is an expert's yes answer to a veto criterion.
type VetoProposal struct {
	Judge     string `json:"judge"`
	Criterion string `json:"criterion"`
	Reason    string `json:"reason"`
}

// AdjustedScore is a dossier's severity-corrected expert part.
type AdjustedScore struct {
	// RawMean is the plain mean of the judges' own totals; Adjusted the
	// corrected value μ + a_d, rounded at the stage's decimals.
	RawMean  scoring.Decimal `json:"raw_mean"`
	Adjusted scoring.Decimal `json:"adjusted"`
}

// PanelAgreement is one panel's agreement statistics on the judges' own
// totals (dossiers × judges).
type PanelAgreement struct {
	Label    string `json:"label"`
	Dossiers int    `json:"dossiers"`
	Judges   int    `json:"judges"`
	// The statistics, nil when they cannot be computed.
	ICC2  *float64 `json:"icc2,omitempty"`
	ICC2k *float64 `json:"icc2k,omitempty"`
	// ICC1 and ICC1k are the one-way forms, computed instead of ICC2 when
	// each dossier was scored by judges of its own (a random draw gives
	// every dossier a different subset of the panel, which the two-way
	// forms cannot take) and every dossier by the same number of them.
	ICC1     *float64 `json:"icc1,omitempty"`
	ICC1k    *float64 `json:"icc1k,omitempty"`
	KendallW *float64 `json:"kendall_w,omitempty"`
	KendallP *float64 `json:"kendall_p,omitempty"`
	Alpha    *float64 `json:"alpha,omitempty"`
	// Readings are plain-language Chinese sentences, one per statistic.
	Readings []string `json:"readings"`
}

// SeverityInfo is the outcome of the severity correction.
type SeverityInfo struct {
	Applied bool   `json:"applied"`
	Refusal string `json:"refusal,omitempty"`
	// Judges lists each judge's estimated leniency (positive: scores higher
	// than the panel).
	Judges []JudgeEffect `json:"judges,omitempty"`
}

// JudgeEffect is one judge's estimated leniency.
type JudgeEffect struct {
	Judge  string  `json:"judge"`
	Effect float64 `json:"effect"`
	Count  int     `json:"count"`
}

// AdvancementInfo describes an advancement (or selection) rule and its outcome.
type AdvancementInfo struct {
	// Rule states the rule in Chinese.
	Rule string `json:"rule"`
	// Next names the next stage ("" for the final selection).
	Next     string `json:"next,omitempty"`
	NextName string `json:"next_name,omitempty"`
	// Advancing counts the dossiers that go on.
	Advancing int `json:"advancing"`
	// Limit is the most that may go on by TopN (0: no limit).
	Limit int `json:"limit,omitempty"`
}

// Dossier returns the result of the dossier with the key, or nil.
func (r *StageResult) Dossier(key string) *DossierResult {
	for i := range r.Dossiers {
		if r.Dossiers[i].Key == key {
			return &r.Dossiers[i]
		}
	}
	return nil
}

// CriterionInfo returns the description of the criterion id, or nil.
func (r *StageResult) CriterionInfo(id string) *CriterionInfo {
	for i := range r.Criteria {
		if r.Criteria[i].ID == id {
			return &r.Criteria[i]
		}
	}
	return nil
}

// Advancing lists the keys of the dossiers that go on, in rank order.
func (r *StageResult) Advancing() []string {
	var out []string
	for _, d := range r.Dossiers {
		if d.Advances {
			out = append(out, d.Key)
		}
	}
	return out
}
