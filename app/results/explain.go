package results

import (
	"fmt"
	"slices"

	"chainjudge/rubrics"
	"chainjudge/scoring"
)

// ExplainCriteria re-runs the scoring engine on one dossier's frozen scores
// under the stage's frozen rules (st, the rubric stage the result was
// computed under) and returns the engine's own account of each expert
// criterion by id: scoring.CriterionScore, whose Steps name the dropped
// judges, both rounding points, the weight and any cap, for the calculation
// sheet.
//
// The judges are those who scored the dossier on any criterion, so that
// one who left a criterion out is named as missing there, and judges the
// dossier was never assigned to are not. The result would not change with
// more absent judges (missing scores are left out, never zero), and the
// engine's points and dropped judges are checked against the frozen ones:
// an explanation that disagreed with the result it explains is an error.
func ExplainCriteria(st *rubrics.Stage, res *StageResult, d *DossierResult) (map[string]scoring.CriterionScore, error) {
	if st == nil || st.ID != res.StageID {
		return nil, fmt.Errorf("results: explain %s: the rubric stage does not match the result", d.Key)
	}
	expert := expertCriteria(st)
	scored := map[string]bool{}
	for _, c := range d.Criteria {
		for _, m := range c.Marks {
			scored[m.Judge] = true
		}
	}
	out := map[string]scoring.CriterionScore{}
	if len(expert) == 0 || len(scored) == 0 {
		return out, nil
	}
	judges := sortedKeys(scored)
	scores := make([][]scoring.NullDecimal, len(expert))
	for i, cr := range expert {
		scores[i] = make([]scoring.NullDecimal, len(judges))
		frozen := d.Criterion(cr.ID)
		if frozen == nil {
			continue
		}
		for _, m := range frozen.Marks {
			j, ok := slices.BinarySearch(judges, m.Judge)
			if !ok {
				return nil, fmt.Errorf("results: explain %s/%s: judge %s is not among the dossier's judges", d.Key, cr.ID, m.Judge)
			}
			scores[i][j] = scoring.Scored(m.Score)
		}
	}
	dec := st.Aggregation.Decimals
	total, err := scoring.ScoreDossier(judges, engineCriteria(st, expert), scores, scoring.TotalOptions{Decimals: &dec})
	if err != nil {
		return nil, fmt.Errorf("results: explain %s: %w", d.Key, err)
	}
	for i, cs := range total.Criteria {
		id := expert[i].ID
		frozen := d.Criterion(id)
		if frozen == nil || frozen.Scored != cs.Scored() || frozen.Scored && frozen.Points.Cmp(cs.Points) != 0 {
			return nil, fmt.Errorf("results: explain %s/%s: the engine's points differ from the frozen result", d.Key, id)
		}
		if !slices.Equal(droppedJudges(frozen.Marks), engineDropped(cs.Aggregation)) {
			return nil, fmt.Errorf("results: explain %s/%s: the engine drops other judges than the frozen result", d.Key, id)
		}
		out[id] = cs
	}
	return out, nil
}

// droppedJudges lists the judges of dropped marks, sorted.
func droppedJudges(marks []JudgeMark) []string {
	var out []string
	for _, m := range marks {
		if m.Dropped {
			out = append(out, m.Judge)
		}
	}
	slices.Sort(out)
	return out
}

// engineDropped lists the judges an aggregation dropped, sorted.
func engineDropped(a scoring.Aggregation) []string {
	var out []string
	for _, m := range a.Dropped() {
		out = append(out, m.Judge)
	}
	slices.Sort(out)
	return out
}
