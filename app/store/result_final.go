package store

import (
	"context"
	"fmt"

	"chainjudge/app/results"
	"chainjudge/rubrics"
)

// FrozenResults are a competition's frozen stage results with the rubric
// they were computed under.
type FrozenResults struct {
	Rubric *rubrics.Rubric
	Stages []Stage
	// ByKey holds the decoded results by rubric stage id; Records the rows.
	ByKey   map[string]*results.StageResult
	Records map[int64]*StageResultRecord
}

// Complete reports whether every stage is frozen.
func (f *FrozenResults) Complete() bool { return len(f.Stages) > 0 && len(f.ByKey) == len(f.Stages) }

// LoadFrozenResults decodes a competition's frozen stage results. Rubric is
// nil while no stage has opened.
func (s *Store) LoadFrozenResults(ctx context.Context, compID int64) (*FrozenResults, error) {
	stages, err := s.FindStages(ctx, compID)
	if err != nil {
		return nil, err
	}
	recs, err := s.FindStageResults(ctx, compID)
	if err != nil {
		return nil, err
	}
	out := &FrozenResults{Stages: stages, ByKey: map[string]*results.StageResult{}, Records: recs}
	for i := range stages {
		st := &stages[i]
		if out.Rubric == nil && st.RubricHash != "" {
			if out.Rubric, err = s.StageRubric(ctx, st); err != nil {
				return nil, err
			}
		}
		if rec, ok := recs[st.ID]; ok {
			res, err := rec.Result()
			if err != nil {
				return nil, err
			}
			out.ByKey[st.Key] = res
		}
	}
	return out, nil
}

// ComputeFinalResult combines a competition's frozen stage results into the
// final ranking; every stage must be frozen.
func (s *Store) ComputeFinalResult(ctx context.Context, compID int64) (*results.FinalResult, *FrozenResults, error) {
	fr, err := s.LoadFrozenResults(ctx, compID)
	if err != nil {
		return nil, nil, err
	}
	if !fr.Complete() || fr.Rubric == nil {
		return nil, fr, fmt.Errorf("各阶段结果全部冻结后才能形成最终排名: %w", ErrConflict)
	}
	final, err := results.ComputeFinal(fr.Rubric, fr.ByKey)
	if err != nil {
		return nil, fr, fmt.Errorf("final ranking of competition %d: %w", compID, err)
	}
	return final, fr, nil
}
