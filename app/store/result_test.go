package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"chainjudge/app/store"
	"chainjudge/app/store/storetest"
	"chainjudge/rubrics"

	_ "github.com/jackc/pgx/v5/stdlib" // raw access to the PostgreSQL test database
)

// resultFixture is a competition on the results test rubric whose first
// stage ("apply") has three dossiers scored by five experts, then closed.
type resultFixture struct {
	comp     *store.Competition
	stages   []store.Stage
	dossiers []*store.Dossier
	experts  []*store.User
	office   store.Actor
}

// fixtureScores are the P1 and P2 points of each expert (rows) per dossier.
var fixtureScores = [][2][]string{
	{{"20", "22", "24", "26", "28"}, {"20", "20", "20", "20", "20"}},
	{{"25", "25", "25", "25", "25"}, {"19", "19", "19", "19", "19"}},
	{{"10", "12", "14", "15", "16"}, {"15", "15", "15", "15", "15"}},
}

func newResultFixture(t *testing.T, st *store.Store, clock *storetest.Clock) *resultFixture {
	t.Helper()
	ctx := context.Background()
	sys := store.SystemActor("")
	data, err := os.ReadFile("../results/testdata/two-stage.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := rubrics.Parse("two-stage.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	ic, _ := st.FindChainByName(ctx, "集成电路")
	comp, err := st.CreateCompetition(ctx, sys, store.NewCompetition{Name: "结果测试竞赛", Year: 2026, RubricYAML: string(data),
		RubricHash: r.Hash(), RubricSource: "upload", ChainIDs: []int64{ic.ID}, Stages: []store.Stage{
			{Key: "apply", Seq: 1, Name: "申报评审", OpensAt: clock.T, ClosesAt: clock.T.Add(24 * time.Hour)},
			{Key: "select", Seq: 2, Name: "遴选答辩", OpensAt: clock.T.Add(48 * time.Hour), ClosesAt: clock.T.Add(72 * time.Hour)},
		}})
	if err != nil {
		t.Fatal(err)
	}
	f := &resultFixture{comp: comp}
	f.stages, _ = st.FindStages(ctx, comp.ID)
	if err := st.OpenStage(ctx, sys, f.stages[0].ID, f.stages[0].Version); err != nil {
		t.Fatal(err)
	}
	office := &store.User{Username: "office", DisplayName: "办公室", PasswordHash: "x", Role: store.RoleOffice}
	if err := st.CreateUser(ctx, sys, office); err != nil {
		t.Fatal(err)
	}
	f.office = store.UserActor(office)
	for i, region := range []string{"江阴市", "无锡市", "苏州市"} {
		reg, err := st.FindRegionByName(ctx, region)
		if err != nil {
			t.Fatal(err)
		}
		u := &store.User{Username: fmt.Sprintf("a%d", i), DisplayName: region, PasswordHash: "x", Role: store.RoleApplicant, RegionID: &reg.ID}
		if err := st.CreateUser(ctx, sys, u); err != nil {
			t.Fatal(err)
		}
		d, err := st.CreateDossier(ctx, sys, store.NewDossier{CompetitionID: comp.ID, ChainID: ic.ID, RegionID: reg.ID,
			CreatedBy: u.ID, Title: region + "集成电路产业链"})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.AddStageEntry(ctx, f.stages[0].ID, d.ID, store.EntryFormalCheck); err != nil {
			t.Fatal(err)
		}
		f.dossiers = append(f.dossiers, d)
	}
	nd := store.NewDraw{StageID: f.stages[0].ID, ScopeLabel: "集成电路组", Seed: "s", Algorithm: "test", InputJSON: "{}",
		ResultJSON: "{}", InputHash: "sha256:x", PerDossier: 5, CreatedBy: office.ID}
	for i := range 5 {
		u := &store.User{Username: fmt.Sprintf("x%d", i), DisplayName: fmt.Sprintf("专家%d", i), PasswordHash: "x", Role: store.RoleExpert}
		if err := st.CreateUser(ctx, sys, u); err != nil {
			t.Fatal(err)
		}
		f.experts = append(f.experts, u)
		nd.MemberIDs = append(nd.MemberIDs, u.ID)
		for _, d := range f.dossiers {
			nd.Assignments = append(nd.Assignments, store.NewAssignment{DossierID: d.ID, ExpertID: u.ID})
		}
	}
	draw, err := st.CreateDraw(ctx, sys, nd)
	if err != nil {
		t.Fatal(err)
	}
	as, _ := st.FindAssignments(ctx, store.AssignmentFilter{DrawID: draw.ID})
	for _, a := range as {
		di, ei := f.dossierIndex(a.DossierID), f.expertIndex(a.ExpertID)
		veto := "no"
		vals := []store.SheetValue{{CriterionID: "P1", Points: fixtureScores[di][0][ei]},
			{CriterionID: "P2", Points: fixtureScores[di][1][ei]}, {CriterionID: "V1", Veto: veto}}
		actor := store.UserActor(f.experts[ei])
		sh, _, err := st.SaveSheet(ctx, actor, store.SheetSave{AssignmentID: a.ID, RubricHash: r.Hash(), Values: vals})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.SubmitSheet(ctx, actor, sh.ID, sh.Version); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func (f *resultFixture) dossierIndex(id int64) int {
	for i, d := range f.dossiers {
		if d.ID == id {
			return i
		}
	}
	return -1
}

func (f *resultFixture) expertIndex(id int64) int {
	for i, u := range f.experts {
		if u.ID == id {
			return i
		}
	}
	return -1
}

func (f *resultFixture) verifyAll(t *testing.T, st *store.Store, revenue ...string) {
	t.Helper()
	for i, d := range f.dossiers {
		if _, err := st.VerifyIndicator(context.Background(), f.office, store.IndicatorCheck{StageID: f.stages[0].ID,
			DossierID: d.ID, IndicatorID: "revenue", Reported: revenue[i], Value: revenue[i], Status: store.VerifyAccepted}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestFreezeStageResult(t *testing.T) {
	clock := &storetest.Clock{T: t0}
	storetest.Each(t, clock.Now, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := newResultFixture(t, st, clock)
		apply := &f.stages[0]
		freeze := func(hash string) error {
			_, err := st.FreezeStageResult(ctx, f.office, store.FreezeRequest{StageID: apply.ID, SeenHash: hash})
			return err
		}
		if err := freeze(""); !errors.Is(err, store.ErrConflict) || !strings.Contains(err.Error(), "尚未关闭") {
			t.Fatalf("freeze an open stage: %v; want a refusal", err)
		}
		cur, _ := st.FindStageByID(ctx, apply.ID)
		if err := st.CloseStage(ctx, f.office, apply.ID, cur.Version, ""); err != nil {
			t.Fatal(err)
		}
		cur, _ = st.FindStageByID(ctx, apply.ID)
		_, hash, err := st.ComputeStageResult(ctx, cur, false)
		if err != nil {
			t.Fatal(err)
		}
		if err := freeze(hash); !errors.Is(err, store.ErrConflict) || !strings.Contains(err.Error(), "缺少 O1") {
			t.Fatalf("freeze without verified indicators: %v; want a refusal naming O1", err)
		}
		f.verifyAll(t, st, "600", "700", "300")
		if err := freeze(hash); !errors.Is(err, store.ErrConflict) || !strings.Contains(err.Error(), "发生了变化") {
			t.Fatalf("freeze with a stale preview: %v; want a refusal", err)
		}
		res, hash, err := st.ComputeStageResult(ctx, cur, false)
		if err != nil {
			t.Fatal(err)
		}
		if err := freeze(hash); err != nil {
			t.Fatalf("freeze: %v", err)
		}
		rec, err := st.FindStageResult(ctx, apply.ID)
		if err != nil || rec.ResultHash != hash || rec.RubricHash != cur.RubricHash || cur.RubricHash == "" {
			t.Fatalf("frozen record = %+v, %v", rec, err)
		}
		// A (600 → 40) 24 + 20 + 40 = 84 and B 25 + 19 + 40 = 84 tie; P1
		// decides for B. Both reach 50; the per-cluster quota of 1 lets only
		// B through (same cluster).
		adv := res.Advancing()
		if len(adv) != 1 || adv[0] != store.DossierKey(f.dossiers[1]) {
			t.Errorf("advancing = %v; want only %s", adv, store.DossierKey(f.dossiers[1]))
		}
		entered, _ := st.StageEntries(ctx, f.stages[1].ID)
		if len(entered) != 1 || entered[0] != f.dossiers[1].ID {
			t.Errorf("next stage entries = %v; want [%d]", entered, f.dossiers[1].ID)
		}
		if err := freeze(hash); !errors.Is(err, store.ErrConflict) {
			t.Errorf("second freeze: %v; want ErrConflict", err)
		}
		_, err = st.VerifyIndicator(ctx, f.office, store.IndicatorCheck{StageID: apply.ID, DossierID: f.dossiers[0].ID,
			IndicatorID: "revenue", Reported: "600", Value: "100", Status: store.VerifyCorrected, Note: "复核", Version: 1})
		if !errors.Is(err, store.ErrConflict) {
			t.Errorf("verification after freezing: %v; want ErrConflict", err)
		}
		entries, _, _ := st.FindAuditEntries(ctx, store.AuditFilter{Action: "result.freeze"})
		advances, _, _ := st.FindAuditEntries(ctx, store.AuditFilter{Action: "dossier.advance"})
		if len(entries) != 1 || len(advances) != 1 || !strings.Contains(advances[0].Reason, "晋级") {
			t.Errorf("audit: %d freeze entries, %d advance entries", len(entries), len(advances))
		}
		again, _ := st.FindStageResult(ctx, apply.ID)
		if again.ResultJSON != rec.ResultJSON {
			t.Error("the frozen result changed")
		}
	})
}

func TestStageResults_DatabaseRefusesChanges(t *testing.T) {
	clock := &storetest.Clock{T: t0}
	t.Run("sqlite", func(t *testing.T) {
		st, path := storetest.SQLitePath(t, clock.Now)
		raw, err := sql.Open("sqlite3", path)
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		checkFrozenResultsRefuseChanges(t, st, raw, clock)
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := storetest.PostgresDSN(t)
		st, err := store.Open(context.Background(), store.Options{DSN: dsn, Now: clock.Now})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		raw, err := sql.Open("pgx", dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		checkFrozenResultsRefuseChanges(t, st, raw, clock)
	})
}

// checkFrozenResultsRefuseChanges freezes a stage and tries to change and
// delete the frozen row behind the store's back.
func checkFrozenResultsRefuseChanges(t *testing.T, st *store.Store, raw *sql.DB, clock *storetest.Clock) {
	t.Helper()
	ctx := context.Background()
	f := newResultFixture(t, st, clock)
	f.verifyAll(t, st, "600", "700", "300")
	cur, _ := st.FindStageByID(ctx, f.stages[0].ID)
	if err := st.CloseStage(ctx, f.office, cur.ID, cur.Version, ""); err != nil {
		t.Fatal(err)
	}
	cur, _ = st.FindStageByID(ctx, cur.ID)
	_, hash, _ := st.ComputeStageResult(ctx, cur, true)
	if _, err := st.FreezeStageResult(ctx, f.office, store.FreezeRequest{StageID: cur.ID, Severity: true, SeenHash: hash}); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE stage_results SET result_json = '{}'`); err == nil {
		t.Error("the database let a frozen result be changed")
	}
	if _, err := raw.Exec(`DELETE FROM stage_results`); err == nil {
		t.Error("the database let a frozen result be deleted")
	}
	if frozen, _ := st.StageResultFrozen(ctx, cur.ID); !frozen {
		t.Error("the frozen result is gone")
	}
}

func TestJudgeCodes_StableAndDistinct(t *testing.T) {
	clock := &storetest.Clock{T: t0}
	storetest.Each(t, clock.Now, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := newResultFixture(t, st, clock)
		ids := []int64{f.experts[0].ID, f.experts[1].ID}
		first, err := st.JudgeCodes(ctx, f.comp.ID, ids)
		if err != nil {
			t.Fatal(err)
		}
		all := []int64{f.experts[2].ID, f.experts[1].ID, f.experts[0].ID}
		second, err := st.JudgeCodes(ctx, f.comp.ID, all)
		if err != nil {
			t.Fatal(err)
		}
		if second[f.experts[0].ID] != first[f.experts[0].ID] || second[f.experts[1].ID] != first[f.experts[1].ID] {
			t.Errorf("codes changed: %v then %v", first, second)
		}
		if second[f.experts[2].ID] != "E03" || first[f.experts[0].ID] == first[f.experts[1].ID] {
			t.Errorf("codes = %v; want distinct codes, the newcomer E03", second)
		}
	})
}
