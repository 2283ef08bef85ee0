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

// WinnerEntries describes winners as a notice lists them, in final rank
// order, with their core and collaborative areas.
func (s *Store) WinnerEntries(ctx context.Context, compID int64, ws []Winner) ([]NoticeEntry, error) {
	final, _, err := s.ComputeFinalResult(ctx, compID)
	if err != nil {
		return nil, err
	}
	won := map[int64]Winner{}
	var ids []int64
	for _, w := range ws {
		won[w.DossierID] = w
		ids = append(ids, w.DossierID)
	}
	areas, err := s.DossierAreas(ctx, ids)
	if err != nil {
		return nil, err
	}
	var regionIDs []int64
	for _, as := range areas {
		for _, a := range as {
			regionIDs = append(regionIDs, a.RegionID)
		}
	}
	regions, err := s.RegionsByID(ctx, regionIDs)
	if err != nil {
		return nil, err
	}
	var out []NoticeEntry
	for _, e := range final.Entries {
		w, ok := won[e.ID]
		if !ok {
			continue
		}
		ne := NoticeEntry{DossierID: e.ID, Key: e.Key, Title: e.Title, Chain: e.Chain, Cluster: e.Cluster, City: e.City,
			Rank: w.Rank, Score: w.Score}
		for _, a := range areas[e.ID] {
			r := regions[a.RegionID]
			if r == nil {
				continue
			}
			if a.Role == AreaCore {
				ne.CoreArea = r.Name
			} else {
				ne.CollabAreas = append(ne.CollabAreas, r.Name)
			}
		}
		out = append(out, ne)
	}
	if len(out) != len(ws) {
		return nil, fmt.Errorf("入选名单与最终排名不一致，请刷新后重试: %w", ErrConflict)
	}
	return out, nil
}
