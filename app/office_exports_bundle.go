package app

import (
	"context"
	"fmt"
	"time"

	"chainjudge/app/results"
	"chainjudge/app/store"
)

// TransparencyBundle builds a competition's transparency bundle from the
// store: the frozen rubric, the frozen stage results with their raw scores
// under judge codes, the final ranking once every stage is frozen, the
// published result once published, and a `chainjudge score` input per stage
// and criterion. `chainjudge export` and the office's download use it.
func TransparencyBundle(ctx context.Context, st *store.Store, compID int64, now time.Time) ([]results.BundleFile, *store.Competition, error) {
	comp, err := st.FindCompetitionByID(ctx, compID)
	if err != nil {
		return nil, nil, fmt.Errorf("competition %d: %w", compID, err)
	}
	fr, err := st.LoadFrozenResults(ctx, comp.ID)
	if err != nil {
		return nil, nil, err
	}
	if len(fr.ByKey) == 0 || fr.Rubric == nil {
		return nil, comp, fmt.Errorf("竞赛“%s”还没有冻结的阶段结果，无可导出: %w", comp.Name, store.ErrConflict)
	}
	snap, err := st.FindRubricSnapshot(ctx, fr.Rubric.Hash())
	if err != nil {
		return nil, comp, fmt.Errorf("rubric snapshot: %w", err)
	}
	in := results.BundleInput{CompetitionID: comp.ID, Competition: comp.Name, RubricYAML: snap.YAML,
		RubricHash: snap.Hash, Generated: now}
	for _, s := range fr.Stages {
		if r, ok := fr.ByKey[s.Key]; ok {
			in.Stages = append(in.Stages, r)
		}
	}
	if fr.Complete() {
		if in.Final, _, err = st.ComputeFinalResult(ctx, comp.ID); err != nil {
			return nil, comp, err
		}
	}
	if comp.Status == store.CompetitionPublished {
		ns, err := st.FindNotices(ctx, store.NoticeFilter{CompetitionID: comp.ID, Kind: store.NoticeResult, Status: store.NoticeActive})
		if err != nil {
			return nil, comp, err
		}
		if len(ns) > 0 {
			n := ns[0]
			entries, err := n.Entries()
			if err != nil {
				return nil, comp, err
			}
			pub := &results.Published{DocNumber: n.DocNumber, Title: n.Title, Issuer: n.Issuer, PublishedAt: n.CreatedAt}
			for _, e := range entries {
				pub.Winners = append(pub.Winners, e.Key)
			}
			in.Published = pub
		}
	}
	files, err := results.BuildBundle(in)
	if err != nil {
		return nil, comp, err
	}
	return files, comp, nil
}
