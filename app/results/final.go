package results

import (
	"fmt"
	"slices"

	"chainjudge/rubrics"
	"chainjudge/scoring"
)

// FinalResult is the final ranking over the stages.
type FinalResult struct {
	// Decimals is where the final score is rounded.
	Decimals int `json:"decimals"`
	// Stages are the rubric's stages in order, with their share of the final
	// score (weighted stages only).
	Stages []FinalStage `json:"stages"`
	// TieBreaks describes the final tie-break chain in Chinese.
	TieBreaks []string `json:"tie_breaks,omitempty"`
	// Selection describes the selection rule; Advancing counts the proposed.
	Selection AdvancementInfo `json:"selection"`
	// Entries are the finalists (the last stage's dossiers), by rank.
	Entries []FinalEntry `json:"entries"`
}

// FinalStage is one stage in the final ranking.
type FinalStage struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Weighted bool   `json:"weighted"`
	// Share is the stage's weight ÷ the sum of the weights.
	Share scoring.Decimal `json:"share"`
}

// FinalEntry is one finalist. Standing.Score is the final score;
// Standing.Advances says the selection rule proposes the entry (入选).
type FinalEntry struct {
	Dossier
	Standing
	// StageScores are the entry's stage scores, aligned with
	// FinalResult.Stages (absent where the entry has none).
	StageScores []scoring.NullDecimal `json:"stage_scores"`
	// Steps explain the final score in Chinese.
	Steps []string `json:"steps"`
}

// Entry returns the entry with the key, or nil.
func (f *FinalResult) Entry(key string) *FinalEntry {
	for i := range f.Entries {
		if f.Entries[i].Key == key {
			return &f.Entries[i]
		}
	}
	return nil
}

// ComputeFinal combines the frozen stage results into the final ranking:
// the finalists are the dossiers of the rubric's last stage; the final
// score is Σ round(share × stage score) over the weighted stages, rounded
// at Final.Decimals (scoring.CombineStages); ties are broken by the final
// chain (stage:ID the stage's score, criterion:ID and group:ID from the
// stage holding them, median the last stage's judges' median); the
// selection rule proposes who is selected. stages maps stage id to its
// frozen result; every stage must be present.
func ComputeFinal(r *rubrics.Rubric, stages map[string]*StageResult) (*FinalResult, error) {
	if len(r.Stages) == 0 {
		return nil, fmt.Errorf("results: the rubric has no stages")
	}
	out := &FinalResult{Decimals: r.Final.Decimals}
	total := r.WeightTotal()
	var weights []scoring.StageWeight
	for _, st := range r.Stages {
		fs := FinalStage{ID: st.ID, Name: st.Name, Weighted: st.Weighted()}
		if st.Weighted() {
			share, err := shareOf(st.Weight, total)
			if err != nil {
				return nil, fmt.Errorf("results: weight of stage %s: %w", st.ID, err)
			}
			fs.Share = share
			weights = append(weights, scoring.StageWeight{Stage: st.ID, Label: st.Name, Weight: share})
		}
		out.Stages = append(out.Stages, fs)
		if stages[st.ID] == nil {
			return nil, fmt.Errorf("results: stage %s has no frozen result", st.ID)
		}
	}
	for _, t := range r.Final.TieBreak {
		out.TieBreaks = append(out.TieBreaks, r.TieBreakLabel(t))
	}
	last := stages[r.Stages[len(r.Stages)-1].ID]
	dec := r.Final.Decimals
	keys := make([]map[string]scoring.Decimal, len(last.Dossiers))
	for i, d := range last.Dossiers {
		e := FinalEntry{Dossier: d.Dossier}
		scores := map[string]scoring.Decimal{}
		for _, fs := range out.Stages {
			ns := scoring.NullDecimal{}
			if dr := stages[fs.ID].Dossier(d.Key); dr != nil && dr.Score.Valid {
				ns = dr.Score
				scores[fs.ID] = dr.Score.Decimal
			} else {
				e.Unscored = append(e.Unscored, fs.Name)
			}
			e.StageScores = append(e.StageScores, ns)
		}
		combined, err := scoring.CombineStages(scores, weights, &dec)
		if err != nil {
			return nil, fmt.Errorf("results: final score of %s: %w", d.Key, err)
		}
		e.Score, e.Steps = combined.Final, combined.Steps
		e.Vetoed, e.VetoCriterion, e.VetoReason = d.Vetoed, d.VetoCriterion, d.VetoReason
		keys[i] = finalKeys(r, stages, d, scores)
		out.Entries = append(out.Entries, e)
	}
	chain := tieChain(r, r.Final.TieBreak)
	entrants := make([]scoring.Entrant, len(out.Entries))
	for i, e := range out.Entries {
		entrants[i] = scoring.Entrant{ID: e.Key, Keys: keys[i]}
		if !e.Vetoed {
			entrants[i].Score = e.Score
		}
	}
	placements, err := scoring.Rank(entrants, chain)
	if err != nil {
		return nil, fmt.Errorf("results: final ranking: %w", err)
	}
	cs := make([]contender, len(out.Entries))
	for i, p := range placements {
		setPlacement(&out.Entries[i].Standing, p)
		cs[i] = contender{d: &out.Entries[i].Dossier, s: &out.Entries[i].Standing, keys: keys[i]}
	}
	sel := r.Final.Selection
	n, err := applyAdvancement(cs, &sel, chain)
	if err != nil {
		return nil, err
	}
	out.Selection = AdvancementInfo{Rule: DescribeAdvancement(&sel), Advancing: n, Limit: sel.TopN}
	sortEntries(out.Entries)
	return out, nil
}

// finalKeys are a finalist's tie-break values. Missing values compare as 0.
func finalKeys(r *rubrics.Rubric, stages map[string]*StageResult, last DossierResult, scores map[string]scoring.Decimal) map[string]scoring.Decimal {
	keys := map[string]scoring.Decimal{}
	for id, v := range scores {
		keys[scoring.KeyStage(id)] = v
	}
	for _, st := range r.Stages {
		dr := stages[st.ID].Dossier(last.Key)
		if dr == nil {
			continue
		}
		for _, c := range dr.Criteria {
			keys[scoring.KeyCriterion(c.ID)] = c.Points
		}
		for _, g := range dr.Groups {
			keys["group:"+g.ID] = g.Points
		}
	}
	if last.JudgeMedian != nil {
		keys[scoring.KeyMedian] = *last.JudgeMedian
	} else {
		keys[scoring.KeyMedian] = last.Score.Decimal
	}
	for _, t := range r.Final.TieBreak {
		if _, ok := keys[t.String()]; !ok {
			keys[t.String()] = scoring.Decimal{}
		}
	}
	return keys
}

// shareOf is w ÷ total, exactly.
func shareOf(w, total rubrics.Decimal) (scoring.Decimal, error) {
	if total.Sign() <= 0 {
		return scoring.Decimal{}, fmt.Errorf("权重之和不是正数")
	}
	const scale = 1_000_000
	num := w.Micros() * scale
	if num/scale != w.Micros() || num%total.Micros() != 0 {
		return scoring.Decimal{}, fmt.Errorf("权重 %s ÷ %s 无法用 6 位小数精确表示", w, total)
	}
	return scoring.NewDecimal(num/total.Micros(), rubrics.DecimalPlaces)
}

// sortEntries orders entries by rank, unranked last, then by key.
func sortEntries(es []FinalEntry) {
	slices.SortStableFunc(es, func(a, b FinalEntry) int { return byRank(a.Standing, b.Standing, a.Key, b.Key) })
}
