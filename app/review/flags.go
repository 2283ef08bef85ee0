package review

import (
	"context"
	"fmt"
	"strconv"

	"chainjudge/app/store"
	"chainjudge/rubrics"
	"chainjudge/scoring"
)

// ComputeFlags runs the scoring engine's outlier test (scoring.FlagOutliers,
// with the stage's modified-z threshold and MAD = 0 share) over each scored
// criterion of one dossier's signed values.
func ComputeFlags(rules *rubrics.Stage, rows []store.ScoreRow) ([]store.FlagDraft, error) {
	byCriterion := map[string][]store.ScoreRow{}
	for _, r := range rows {
		byCriterion[r.CriterionID] = append(byCriterion[r.CriterionID], r)
	}
	threshold, err := scoring.ParseDecimal(rules.Outliers.ModifiedZ.String())
	if err != nil {
		return nil, fmt.Errorf("outlier threshold: %w", err)
	}
	share, err := scoring.ParseDecimal(rules.Outliers.MADZeroShare.String())
	if err != nil {
		return nil, fmt.Errorf("outlier share: %w", err)
	}
	var out []store.FlagDraft
	for _, cr := range rules.ExpertCriteria() {
		if cr.Kind == rubrics.KindVeto {
			continue
		}
		max, err := scoring.ParseDecimal(cr.Max.String())
		if err != nil {
			return nil, fmt.Errorf("criterion %s max: %w", cr.ID, err)
		}
		var marks []scoring.Mark
		value := map[string]store.ScoreRow{}
		for _, r := range byCriterion[cr.ID] {
			v, err := scoring.ParseDecimal(r.Value)
			if err != nil {
				continue
			}
			judge := strconv.FormatInt(r.ExpertID, 10)
			marks = append(marks, scoring.Mark{Judge: judge, Score: scoring.Scored(v)})
			value[judge] = r
		}
		rep, err := scoring.FlagOutliers(marks, scoring.OutlierOptions{Threshold: threshold, Share: share, Max: max})
		if err != nil {
			return nil, fmt.Errorf("flag outliers on %s: %w", cr.ID, err)
		}
		for _, j := range rep.Flags() {
			r := value[j.Judge]
			out = append(out, store.FlagDraft{ExpertID: r.ExpertID, CriterionID: cr.ID, Direction: j.Direction.String(),
				Score: r.Value, Explanation: rep.Explain(j), RuleText: rep.RuleText()})
		}
	}
	return out, nil
}

// RefreshFlags recomputes a dossier's 畸高/畸低 flags once every expert on
// it has signed (before that there is nothing to compare).
func RefreshFlags(ctx context.Context, tx *store.Store, actor store.Actor, stage *store.Stage, rules *rubrics.Stage, dossierID int64) error {
	done, err := tx.DossierSheetsComplete(ctx, stage.ID, dossierID)
	if err != nil || !done {
		return err
	}
	rows, err := tx.FindSubmittedScores(ctx, store.ScoreFilter{StageID: stage.ID, DossierID: dossierID})
	if err != nil {
		return err
	}
	drafts, err := ComputeFlags(rules, rows)
	if err != nil {
		return err
	}
	return tx.SyncFlags(ctx, actor, stage.ID, dossierID, stage.RubricHash, drafts)
}
