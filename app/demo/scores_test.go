package demo

import (
	"context"
	"fmt"
	"testing"
	"time"

	"chainjudge/app/review"
	"chainjudge/app/store"
	"chainjudge/app/store/storetest"
)

// testBids are dossiers this test enters in stage 1 when the demo has none
// of its own there yet.
var testBids = []struct{ user, chain string }{
	{"jiangyin", "集成电路"}, {"sip", "生物医药"}, {"xuzhou", "起重机"}, {"nantong", "高技术船舶"},
}

// loadDemoWithScores loads the demo and returns a summary of its review
// state: the draw and every signed value, as text.
func loadDemoWithScores(t *testing.T) (*store.Store, *store.Stage, string) {
	t.Helper()
	ctx := context.Background()
	clock := &storetest.Clock{T: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	st := storetest.SQLite(t, clock.Now)
	if _, err := Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	stage, err := demoStage(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if entered, _ := st.FindDossiers(ctx, store.DossierFilter{StageID: stage.ID}); len(entered) == 0 {
		for _, b := range testBids {
			u, _ := st.FindUserByUsername(ctx, b.user)
			ch, _ := st.FindChainByName(ctx, b.chain)
			d, err := st.CreateDossier(ctx, store.SystemActor("test"), store.NewDossier{CompetitionID: stage.CompetitionID,
				ChainID: ch.ID, RegionID: *u.RegionID, CreatedBy: u.ID, Title: b.chain + "产业链"})
			if err != nil {
				t.Fatal(err)
			}
			if err := st.AddStageEntry(ctx, stage.ID, d.ID, store.EntryFormalCheck); err != nil {
				t.Fatal(err)
			}
		}
		if err := loadScores(ctx, st, store.SystemActor("演示数据")); err != nil {
			t.Fatal(err)
		}
	}
	draws, _ := st.FindDraws(ctx, store.DrawFilter{StageID: stage.ID})
	rows, _ := st.SubmittedScores(ctx, stage.ID)
	summary := fmt.Sprint(len(draws))
	for _, d := range draws {
		summary += d.InputHash
	}
	for _, r := range rows {
		summary += fmt.Sprintf("|%d/%d/%s=%s", r.DossierID, r.ExpertID, r.CriterionID, r.Value)
	}
	return st, stage, summary
}

func TestLoadScores_StageInProgressWithFlags(t *testing.T) {
	ctx := context.Background()
	st, stage, first := loadDemoWithScores(t)
	draws, _ := st.FindDraws(ctx, store.DrawFilter{StageID: stage.ID})
	if len(draws) != 1 || draws[0].Seed != demoSeed {
		t.Fatalf("draws = %+v; want one with the demo seed", draws)
	}
	full, _ := st.FindDrawByID(ctx, draws[0].ID)
	if ok, detail, err := review.Verify(ctx, st, full); err != nil || !ok {
		t.Errorf("the demo draw does not verify: %v %s", err, detail)
	}
	open, _ := st.FindFlags(ctx, store.FlagFilter{StageID: stage.ID, Statuses: []store.FlagStatus{store.FlagOpen}})
	justified, _ := st.FindFlags(ctx, store.FlagFilter{StageID: stage.ID, Statuses: []store.FlagStatus{store.FlagJustified}})
	if len(open) != 1 || open[0].CriterionID != "A1.4" || len(justified) != 1 || justified[0].Reason != demoJustification {
		t.Errorf("flags: open %+v, justified %+v; want one of each", open, justified)
	}
	recused, _ := st.FindAssignments(ctx, store.AssignmentFilter{StageID: stage.ID, Statuses: []store.AssignmentStatus{store.AssignmentRecused}})
	if len(recused) != 1 || recused[0].RecuseReason != demoRecuseReason {
		t.Fatalf("recused = %+v; want one declared conflict", recused)
	}
	takeover, _ := st.FindAssignments(ctx, store.AssignmentFilter{DossierID: recused[0].DossierID, Statuses: []store.AssignmentStatus{store.AssignmentActive}})
	if len(takeover) != 7 {
		t.Errorf("the recused dossier has %d experts; want 7 after the takeover", len(takeover))
	}
	submitted, _ := st.FindSheets(ctx, store.SheetFilter{StageID: stage.ID, Status: store.SheetSubmitted})
	drafts, _ := st.FindSheets(ctx, store.SheetFilter{StageID: stage.ID, Status: store.SheetDraft})
	if len(submitted) < 14 || len(drafts) < 2 {
		t.Errorf("%d signed and %d draft sheets; want a stage in progress", len(submitted), len(drafts))
	}
	if _, _, second := loadDemoWithScores(t); second != first {
		t.Error("loading the demo twice gave different panels or scores")
	}
}
