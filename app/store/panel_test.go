package store_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"chainjudge/app/store"
	"chainjudge/app/store/storetest"
)

// panelFixture is an open stage with one dossier, three experts on it and
// one alternate.
type panelFixture struct {
	stage   *store.Stage
	dossier *store.Dossier
	experts []*store.User // 0–2 members, 3 alternate
	draw    *store.PanelDraw
	assign  []store.Assignment
}

func newPanelFixture(t *testing.T, st *store.Store) *panelFixture {
	t.Helper()
	ctx := context.Background()
	actor := store.SystemActor("")
	comp := newCompetition(t, st)
	stages, _ := st.FindStages(ctx, comp.ID)
	if err := st.OpenStage(ctx, actor, stages[0].ID, stages[0].Version); err != nil {
		t.Fatal(err)
	}
	stage, _ := st.FindStageByID(ctx, stages[0].ID)
	app := &store.User{Username: "jy", DisplayName: "江阴", PasswordHash: "x", Role: store.RoleApplicant}
	if err := st.CreateUser(ctx, actor, app); err != nil {
		t.Fatal(err)
	}
	jy, _ := st.FindRegionByName(ctx, "江阴市")
	ic, _ := st.FindChainByName(ctx, "集成电路")
	d, err := st.CreateDossier(ctx, actor, store.NewDossier{CompetitionID: comp.ID, ChainID: ic.ID, RegionID: jy.ID,
		CreatedBy: app.ID, Title: "江阴集成电路"})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.AddStageEntry(ctx, stage.ID, d.ID, store.EntryFormalCheck); err != nil {
		t.Fatal(err)
	}
	f := &panelFixture{stage: stage, dossier: d}
	for i := range 4 {
		u := &store.User{Username: fmt.Sprintf("e%d", i), DisplayName: fmt.Sprintf("专家%d", i), PasswordHash: "x", Role: store.RoleExpert}
		if err := st.CreateUser(ctx, actor, u); err != nil {
			t.Fatal(err)
		}
		f.experts = append(f.experts, u)
	}
	nd := store.NewDraw{StageID: stage.ID, ScopeLabel: "全部申报", Seed: "s", Algorithm: "test", InputJSON: "{}",
		ResultJSON: "{}", InputHash: "sha256:x", PerDossier: 3, Sealed: true, CreatedBy: f.experts[0].ID,
		MemberIDs: []int64{f.experts[0].ID, f.experts[1].ID, f.experts[2].ID}, AlternateIDs: []int64{f.experts[3].ID}}
	for _, e := range f.experts[:3] {
		nd.Assignments = append(nd.Assignments, store.NewAssignment{DossierID: d.ID, ExpertID: e.ID})
	}
	f.draw, err = st.CreateDraw(ctx, actor, nd)
	if err != nil {
		t.Fatal(err)
	}
	f.assign, _ = st.FindAssignments(ctx, store.AssignmentFilter{DrawID: f.draw.ID})
	return f
}

func TestCreateDraw_RecordsPanelAndRefusesSecondDrawOfADossier(t *testing.T) {
	clock := &storetest.Clock{T: t0}
	storetest.Each(t, clock.Now, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := newPanelFixture(t, st)
		members, _ := st.FindPanelMembers(ctx, f.draw.ID)
		if len(members) != 4 || members[3].Role != store.RoleAlternate || members[0].Rank != 1 {
			t.Errorf("members = %+v; want 3 members then the alternate", members)
		}
		if len(f.assign) != 3 {
			t.Fatalf("assignments = %d; want 3", len(f.assign))
		}
		loads, _ := st.StageLoads(ctx, f.stage.ID)
		if loads[f.experts[0].ID] != 1 || loads[f.experts[3].ID] != 0 {
			t.Errorf("loads = %v", loads)
		}
		if f.draw.VisibleToExperts(f.stage, t0) {
			t.Error("a sealed draw is visible before the review window")
		}
		_, err := st.CreateDraw(ctx, store.SystemActor(""), store.NewDraw{StageID: f.stage.ID, ScopeLabel: "x", Seed: "t",
			Algorithm: "test", InputJSON: "{}", ResultJSON: "{}", InputHash: "h", PerDossier: 1, CreatedBy: f.experts[0].ID,
			MemberIDs: []int64{f.experts[3].ID}, Assignments: []store.NewAssignment{{DossierID: f.dossier.ID, ExpertID: f.experts[3].ID}}})
		if !errors.Is(err, store.ErrConflict) {
			t.Errorf("second draw of the dossier: %v; want ErrConflict", err)
		}
		if err := st.UnsealDraw(ctx, store.SystemActor(""), f.draw.ID, f.draw.Version, "提前告知"); err != nil {
			t.Fatal(err)
		}
		d, _ := st.FindDrawByID(ctx, f.draw.ID)
		if !d.VisibleToExperts(f.stage, t0) {
			t.Error("an unsealed draw is hidden")
		}
	})
}

func TestRecuseAssignment_PromotesTheChosenAlternate(t *testing.T) {
	clock := &storetest.Clock{T: t0}
	storetest.Each(t, clock.Now, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := newPanelFixture(t, st)
		gone := f.assign[1]
		res, err := st.RecuseAssignment(ctx, store.SystemActor(""), gone.ID, "曾在申报地区任职",
			func(tx *store.Store, a *store.Assignment) (store.Takeover, error) {
				return store.Takeover{ExpertID: f.experts[3].ID, Promoted: true, Note: "备选递补"}, nil
			})
		if err != nil {
			t.Fatal(err)
		}
		if res.Replacement == nil || res.Replacement.ExpertID != f.experts[3].ID || *res.Replacement.ReplacesID != gone.ID {
			t.Fatalf("replacement = %+v", res.Replacement)
		}
		if _, err := st.FindActiveAssignment(ctx, f.stage.ID, f.dossier.ID, gone.ExpertID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("recused expert still assigned: %v", err)
		}
		members, _ := st.FindPanelMembers(ctx, f.draw.ID)
		if members[3].Role != store.RoleMember || members[3].PromotedAt == nil {
			t.Errorf("alternate not promoted: %+v", members[3])
		}
		if _, err := st.RecuseAssignment(ctx, store.SystemActor(""), gone.ID, "again",
			func(*store.Store, *store.Assignment) (store.Takeover, error) { return store.Takeover{}, nil }); !errors.Is(err, store.ErrConflict) {
			t.Errorf("recusing twice: %v; want ErrConflict", err)
		}
		entries, _, _ := st.FindAuditEntries(ctx, store.AuditFilter{Action: "assignment."})
		if len(entries) != 2 {
			t.Errorf("audit = %d assignment entries; want recuse + replace", len(entries))
		}
		if err := st.VoidDraw(ctx, store.SystemActor(""), f.draw.ID, f.draw.Version, "重抽"); err != nil {
			t.Fatalf("void a draw without scores: %v", err)
		}
		active, _ := st.FindAssignments(ctx, store.AssignmentFilter{DrawID: f.draw.ID, Statuses: []store.AssignmentStatus{store.AssignmentActive}})
		if len(active) != 0 {
			t.Errorf("voided draw keeps %d active assignments", len(active))
		}
	})
}

// TestFindDrawHeader_IsTheDrawWithoutItsRecords: the header (and FindDraws)
// carry every column of a draw but the recorded input and result, so a
// column added later cannot silently go missing from the experts' checks.
func TestFindDrawHeader_IsTheDrawWithoutItsRecords(t *testing.T) {
	clock := &storetest.Clock{T: t0}
	storetest.Each(t, clock.Now, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := newPanelFixture(t, st)
		full, err := st.FindDrawByID(ctx, f.draw.ID)
		if err != nil {
			t.Fatal(err)
		}
		head, err := st.FindDrawHeader(ctx, f.draw.ID)
		if err != nil {
			t.Fatal(err)
		}
		listed, err := st.FindDraws(ctx, store.DrawFilter{IDs: []int64{f.draw.ID}})
		if err != nil || len(listed) != 1 {
			t.Fatalf("FindDraws: %v, %v", listed, err)
		}
		if head.InputJSON != "" || head.ResultJSON != "" {
			t.Errorf("the header carries the records")
		}
		want := *full
		want.InputJSON, want.ResultJSON = "", ""
		if !reflect.DeepEqual(*head, want) || !reflect.DeepEqual(listed[0], want) {
			t.Errorf("header %+v\nlisted %+v\nwant   %+v", *head, listed[0], want)
		}
		if _, err := st.FindDrawHeader(ctx, f.draw.ID+100); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown draw: %v; want ErrNotFound", err)
		}
	})
}
