package results

import (
	"chainjudge/rubrics"
	"chainjudge/scoring"
)

// RawScore is one judge's score for one expert criterion of one dossier in
// a stage, under the judge's anonymised code: a line of the raw scores an
// auditor recomputes from.
type RawScore struct {
	Stage     string          `json:"stage"`
	Dossier   string          `json:"dossier"`
	Criterion string          `json:"criterion"`
	Judge     string          `json:"judge"`
	Score     scoring.Decimal `json:"score"`
}

// RawScores lists the scores a stage result was computed from, by dossier
// key, criterion (in rubric order) and judge code.
func RawScores(r *StageResult) []RawScore {
	var out []RawScore
	for _, d := range sortedDossiers(r.Dossiers) {
		for _, info := range r.Criteria {
			if !info.ScoredByExperts() {
				continue
			}
			c := d.Criterion(info.ID)
			if c == nil {
				continue
			}
			for _, m := range c.Marks {
				out = append(out, RawScore{Stage: r.StageID, Dossier: d.Key, Criterion: info.ID, Judge: m.Judge, Score: m.Score})
			}
		}
	}
	return out
}

// ObjectivePoint is an objective criterion's points for one dossier, from
// the verified indicator value (not judged, so not in the raw scores).
type ObjectivePoint struct {
	Stage     string          `json:"stage"`
	Dossier   string          `json:"dossier"`
	Criterion string          `json:"criterion"`
	Indicator string          `json:"indicator"`
	Value     scoring.Decimal `json:"value"`
	Points    scoring.Decimal `json:"points"`
}

// ObjectivePoints lists a stage result's objective points by dossier key and
// criterion.
func ObjectivePoints(r *StageResult) []ObjectivePoint {
	var out []ObjectivePoint
	for _, d := range sortedDossiers(r.Dossiers) {
		for _, info := range r.Criteria {
			c := d.Criterion(info.ID)
			if info.Kind != rubrics.KindObjective || c == nil || !c.Scored || c.Value == nil {
				continue
			}
			out = append(out, ObjectivePoint{Stage: r.StageID, Dossier: d.Key, Criterion: info.ID,
				Indicator: info.Indicator, Value: *c.Value, Points: c.Points})
		}
	}
	return out
}
