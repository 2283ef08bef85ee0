package demo

import (
	"context"
	"testing"
	"time"

	"chainjudge/app/results"
	"chainjudge/app/store"
	"chainjudge/app/store/storetest"
)

// TestLoadResults_FinishedRoundIsPublished loads the demo and checks the
// 2025 round went through to publication with every number reproducible,
// while the 2026 round stays in progress.
func TestLoadResults_FinishedRoundIsPublished(t *testing.T) {
	ctx := context.Background()
	clock := &storetest.Clock{T: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	st := storetest.SQLite(t, clock.Now)
	if _, err := Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	comps, _ := st.FindCompetitions(ctx)
	var done, running *store.Competition
	for i := range comps {
		switch comps[i].Name {
		case FinishedCompetitionName:
			done = &comps[i]
		case DemoCompetitionName:
			running = &comps[i]
		}
	}
	if done == nil || running == nil {
		t.Fatalf("competitions = %+v", comps)
	}
	if done.Status != store.CompetitionPublished || running.Status == store.CompetitionPublished {
		t.Errorf("statuses: 2025 %s, 2026 %s", done.Status, running.Status)
	}
	fr, err := st.LoadFrozenResults(ctx, done.ID)
	if err != nil || !fr.Complete() {
		t.Fatalf("frozen stages: %v, %v", fr, err)
	}
	for key, r := range fr.ByKey {
		again, err := results.Recompute(r)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range r.Dossiers {
			if again[d.Key] != d.Score {
				t.Errorf("%s %s: recomputed %v; frozen %v", key, d.Key, again[d.Key], d.Score)
			}
		}
	}
	apply := fr.ByKey["apply"]
	vetoed, corrected := 0, false
	for _, d := range apply.Dossiers {
		if d.Vetoed {
			vetoed++
		}
	}
	vers, _ := st.FindVerifications(ctx, fr.Stages[0].ID, 0)
	for _, v := range vers {
		corrected = corrected || v.Status == store.VerifyCorrected
	}
	if vetoed != 1 || !corrected || apply.Advancement.Advancing == len(apply.Dossiers) {
		t.Errorf("stage 1: %d vetoed, a correction %v, %d of %d advance", vetoed, corrected, apply.Advancement.Advancing, len(apply.Dossiers))
	}
	// The judges differ, but only the planted 畸低 score stands out, and
	// its expert explained it.
	var flags []store.ScoreFlag
	for _, stage := range fr.Stages {
		f, _ := st.FindFlags(ctx, store.FlagFilter{StageID: stage.ID})
		flags = append(flags, f...)
	}
	if len(flags) != 1 || flags[0].CriterionID != "A1.4" || flags[0].Status != store.FlagJustified {
		t.Errorf("flags of the 2025 round = %+v; want the planted A1.4, explained", flags)
	}
	winners, _ := st.FindWinners(ctx, done.ID)
	objs, _ := st.FindObjections(ctx, store.ObjectionFilter{CompetitionID: done.ID})
	notices, _ := st.FindNotices(ctx, store.NoticeFilter{CompetitionID: done.ID, Kind: store.NoticeResult})
	if len(winners) < 3 || len(objs) != 1 || objs[0].Status != store.ObjectionDismissed || len(notices) != 1 {
		t.Errorf("%d winners, objections %+v, %d result notices", len(winners), objs, len(notices))
	}
	if y := notices[0].CreatedAt.Year(); y != 2025 {
		t.Errorf("the result was published in %d; want 2025", y)
	}
	if _, brk, err := st.VerifyAudit(ctx); err != nil || brk != nil {
		t.Errorf("audit chain: %v, %v", brk, err)
	}
}
