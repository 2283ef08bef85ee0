package results

import (
	"fmt"
	"slices"
	"strings"

	"chainjudge/rubrics"
	"chainjudge/scoring"
)

// CriterionRequest is the `chainjudge score` input that recomputes one
// expert criterion of one stage.
type CriterionRequest struct {
	Stage     string
	Criterion string
	Request   scoring.ScoreRequest
}

// ScoreRequests writes one `chainjudge score` input per expert criterion of
// a stage result: the items are the dossiers (by key), the judges the
// anonymised codes, the scores the ones the result was computed from (null
// where a judge did not score), with the stage's method, drop count and
// decimals and the criterion's maximum. The rounded item scores the command
// prints are the criterion points of the result; a dossier's stage score is
// their sum plus its objective points (ObjectivePart).
func ScoreRequests(r *StageResult) []CriterionRequest {
	var out []CriterionRequest
	judgeIndex := map[string]int{}
	for j, code := range r.Judges {
		judgeIndex[code] = j
	}
	for _, info := range r.Criteria {
		if !info.ScoredByExperts() {
			continue
		}
		dec, maxScore, share := r.Decimals, info.Max, r.OutlierShare
		req := scoring.ScoreRequest{Aggregate: r.Method, Trim: r.Drop, Decimals: &dec, MaxScore: &maxScore,
			Judges: append([]string(nil), r.Judges...)}
		if share.Sign() > 0 {
			req.OutlierShare = &share
		}
		for _, d := range sortedDossiers(r.Dossiers) {
			item := scoring.ScoreItem{ID: d.Key, Scores: make([]scoring.NullDecimal, len(r.Judges))}
			if c := d.Criterion(info.ID); c != nil {
				for _, m := range c.Marks {
					item.Scores[judgeIndex[m.Judge]] = scoring.Scored(m.Score)
				}
			}
			req.Items = append(req.Items, item)
		}
		out = append(out, CriterionRequest{Stage: r.StageID, Criterion: info.ID, Request: req})
	}
	return out
}

// Recompute evaluates the stage's score requests exactly as `chainjudge
// score` does and sums each dossier's criterion scores and objective points.
// It returns the recomputed stage score per dossier key (absent when a
// criterion has no score), for checking a result against its raw scores.
func Recompute(r *StageResult) (map[string]scoring.NullDecimal, error) {
	sums := map[string]scoring.Decimal{}
	missing := map[string]bool{}
	for _, d := range r.Dossiers {
		sums[d.Key] = d.ObjectivePart
		for _, c := range d.Criteria {
			if c.Kind == rubrics.KindObjective && !c.Scored {
				missing[d.Key] = true
			}
		}
	}
	for _, cr := range ScoreRequests(r) {
		resp, err := cr.Request.Evaluate(false)
		if err != nil {
			return nil, fmt.Errorf("results: recompute %s/%s: %w", cr.Stage, cr.Criterion, err)
		}
		for _, item := range resp.Items {
			if item.Score == nil {
				missing[item.ID] = true
				continue
			}
			v, err := scoring.ParseDecimal(item.Score.String())
			if err != nil {
				return nil, fmt.Errorf("results: recompute %s/%s: %w", cr.Stage, cr.Criterion, err)
			}
			sums[item.ID] = sums[item.ID].Add(v)
		}
	}
	out := map[string]scoring.NullDecimal{}
	for key, sum := range sums {
		if missing[key] {
			out[key] = scoring.NullDecimal{}
		} else {
			out[key] = scoring.Scored(sum)
		}
	}
	return out, nil
}

// sortedDossiers returns the dossiers ordered by key, so inputs do not
// depend on the ranking.
func sortedDossiers(ds []DossierResult) []*DossierResult {
	out := make([]*DossierResult, len(ds))
	for i := range ds {
		out[i] = &ds[i]
	}
	slices.SortFunc(out, func(a, b *DossierResult) int { return strings.Compare(a.Key, b.Key) })
	return out
}
