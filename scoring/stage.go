package scoring

import (
	"fmt"
)

// StageInput is everything needed to score one stage for one panel.
type StageInput struct {
	// Judges is the panel, in the order of every score row.
	Judges []string
	// Criteria is the stage's rubric, in the order of DossierScores.Scores.
	Criteria []Criterion
	// Dossiers are the entrants with their raw scores.
	Dossiers []DossierScores
	// Totals configures the weighted total.
	Totals TotalOptions
	// TieBreaks is the chain applied to equal totals.
	TieBreaks []TieBreak
	// Severity, when set, also fits the judge severity model on the judges'
	// own totals. Off (nil) by default; the result is reported beside the
	// raw totals, never instead of them.
	Severity *SeverityOptions
}

// DossierScores is one dossier's raw scores.
type DossierScores struct {
	ID string
	// Scores[c][j] is judge j's score for criterion c; absent = not scored.
	Scores [][]NullDecimal
	// Keys supplies tie-break values the engine cannot compute (e.g. another
	// stage's score under KeyStage). They override the engine's own keys of
	// the same name.
	Keys map[string]Decimal
}

// StageResult is a scored stage.
type StageResult struct {
	// Dossiers holds one result per input dossier, in input order.
	Dossiers []DossierResult
	// Agreement is computed on the judges' own totals (dossiers × judges);
	// a judge's total is missing where the judge skipped a criterion.
	Agreement Agreement
	// Severity is the optional severity correction (nil unless requested).
	Severity *Severity
}

// DossierResult is one dossier's total and place.
type DossierResult struct {
	ID string
	DossierTotal
	Placement Placement
}

// ScoreStage runs the whole pipeline for one stage: per criterion aggregate,
// round, weight, round and cap; outlier flags; the judges' own totals and
// their comparison figure; agreement statistics; ranking with the tie-break
// chain. Dossiers with an unscored criterion get no total and no place.
func ScoreStage(in StageInput) (StageResult, error) {
	if err := checkChain(in.TieBreaks); err != nil {
		return StageResult{}, err
	}
	s, err := newStageScorer(in.Judges, in.Criteria, in.Totals, len(in.Dossiers))
	if err != nil {
		return StageResult{}, err
	}
	out := StageResult{Dossiers: make([]DossierResult, len(in.Dossiers))}
	ids := make(map[string]bool, len(in.Dossiers))
	nj := len(in.Judges)
	cells := make([]NullDecimal, len(in.Dossiers)*nj)
	judgeTotals := make([][]NullDecimal, len(in.Dossiers))
	for i, ds := range in.Dossiers {
		if ds.ID == "" || ids[ds.ID] {
			return StageResult{}, fmt.Errorf("材料编号 %q 为空或重复 (empty or duplicate dossier id)", ds.ID)
		}
		ids[ds.ID] = true
		t, err := s.score(ds.Scores)
		if err != nil {
			return StageResult{}, fmt.Errorf("材料 %s：%w", ds.ID, err)
		}
		out.Dossiers[i] = DossierResult{ID: ds.ID, DossierTotal: t}
		judgeTotals[i] = cells[i*nj : (i+1)*nj : (i+1)*nj]
		for j, jt := range t.JudgeTotals {
			if jt.Complete {
				judgeTotals[i][j] = Scored(jt.Total)
			}
		}
	}
	out.Agreement, err = Agree(judgeTotals)
	if err != nil {
		return StageResult{}, err
	}
	if in.Severity != nil {
		sev, err := CorrectSeverity(judgeTotalObservations(out.Dossiers), *in.Severity)
		if err != nil {
			return StageResult{}, fmt.Errorf("评委宽严校正：%w", err)
		}
		out.Severity = &sev
	}
	placements, err := Rank(stageEntrants(in, out.Dossiers), in.TieBreaks)
	if err != nil {
		return StageResult{}, err
	}
	for i := range out.Dossiers {
		out.Dossiers[i].Placement = placements[i]
	}
	return out, nil
}

// stageEntrants turns results into entrants. Tie-break keys are only built
// for dossiers whose total is shared, since nobody else needs them.
func stageEntrants(in StageInput, results []DossierResult) []Entrant {
	entrants := make([]Entrant, len(results))
	count := make(map[Decimal]int, len(results))
	for i, r := range results {
		entrants[i] = Entrant{ID: r.ID, Score: r.Result()}
		if entrants[i].Score.Valid {
			count[r.Total]++
		}
	}
	if len(in.TieBreaks) == 0 {
		return entrants
	}
	for i, r := range results {
		if !entrants[i].Score.Valid || count[r.Total] < 2 {
			continue
		}
		keys := make(map[string]Decimal, len(r.Criteria)+2+len(in.Dossiers[i].Keys))
		for _, c := range r.Criteria {
			keys[KeyCriterion(c.Criterion)] = c.Points
		}
		if r.JudgeTotalsMean.N > 0 {
			keys[KeyMedian] = r.JudgeTotalsMedian.Round(Scale)
			keys[KeyJudgeTotalsMean] = r.JudgeTotalsMean.Value
		}
		for k, v := range in.Dossiers[i].Keys {
			keys[k] = v
		}
		entrants[i].Keys = keys
	}
	return entrants
}

// judgeTotalObservations lists every complete judge total as an observation
// for the severity model.
func judgeTotalObservations(results []DossierResult) []Observation {
	var obs []Observation
	for _, r := range results {
		for _, jt := range r.JudgeTotals {
			if jt.Complete {
				obs = append(obs, Observation{Dossier: r.ID, Judge: jt.Judge, Value: jt.Total})
			}
		}
	}
	return obs
}
