package store_test

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"chainjudge/app/store"
	"chainjudge/app/store/storetest"
)

// filingFixture is a competition with its filing stage open over
// [t0, t0+30d), an applicant of 江阴市 and a draft dossier for 集成电路.
type filingFixture struct {
	comp  *store.Competition
	stage store.Stage
	user  *store.User
	d     *store.Dossier
	jy    *store.Region
	yx    *store.Region
}

func newFilingFixture(t *testing.T, st *store.Store) filingFixture {
	t.Helper()
	ctx := context.Background()
	comp := newCompetition(t, st)
	stages, _ := st.FindStages(ctx, comp.ID)
	if err := st.OpenStage(ctx, store.SystemActor(""), stages[0].ID, stages[0].Version); err != nil {
		t.Fatal(err)
	}
	u := &store.User{Username: "jy", DisplayName: "江阴", PasswordHash: "x", Role: store.RoleApplicant}
	if err := st.CreateUser(ctx, store.SystemActor(""), u); err != nil {
		t.Fatal(err)
	}
	jy, _ := st.FindRegionByName(ctx, "江阴市")
	yx, _ := st.FindRegionByName(ctx, "宜兴市")
	ic, _ := st.FindChainByName(ctx, "集成电路")
	d, err := st.CreateDossier(ctx, store.UserActor(u), store.NewDossier{CompetitionID: comp.ID, ChainID: ic.ID,
		RegionID: jy.ID, CreatedBy: u.ID, Title: "江阴集成电路", Content: `{"sections":{"a":"草稿"}}`})
	if err != nil {
		t.Fatal(err)
	}
	st1, _ := st.FindStageByID(ctx, stages[0].ID)
	return filingFixture{comp: comp, stage: *st1, user: u, d: d, jy: jy, yx: yx}
}

func accept(hash string) store.SubmitCheck {
	return func(*store.Dossier, []int64, []store.Attachment) (string, error) { return hash, nil }
}

func TestSubmitDossier_FailureLeavesTheDraftUnchanged(t *testing.T) {
	clock := &storetest.Clock{T: t0.Add(time.Hour)}
	storetest.Each(t, clock.Now, func(t *testing.T, st *store.Store) {
		clock.T = t0.Add(time.Hour)
		ctx := context.Background()
		f := newFilingFixture(t, st)
		actor := store.UserActor(f.user)
		v, err := st.SaveDossierDraft(ctx, actor, f.d.ID, store.DraftUpdate{Version: f.d.Version, Title: "江阴市集成电路产业链",
			Content: `{"sections":{"a":"写了一半"}}`, CollabRegionIDs: []int64{f.yx.ID, f.jy.ID}})
		if err != nil || v != f.d.Version+1 {
			t.Fatalf("SaveDossierDraft = %d, %v", v, err)
		}
		before, _ := st.FindDossierByID(ctx, f.d.ID)
		unchanged := func(t *testing.T) {
			t.Helper()
			after, _ := st.FindDossierByID(ctx, f.d.ID)
			if after.Status != store.DossierDraft || after.Content != before.Content || after.Version != before.Version ||
				after.Number != nil || after.ContentHash != "" || after.SubmittedAt != nil || after.Title != before.Title {
				t.Errorf("after a failed submission: %+v; want the draft as it was: %+v", after, before)
			}
		}
		refused := errors.New("缺少必填项")
		t.Run("CheckRefuses", func(t *testing.T) {
			_, err := st.SubmitDossier(ctx, actor, f.d.ID, before.Version, func(*store.Dossier, []int64, []store.Attachment) (string, error) {
				return "", refused
			})
			if !errors.Is(err, refused) {
				t.Errorf("err = %v; want the check's error", err)
			}
			unchanged(t)
		})
		t.Run("StaleVersion", func(t *testing.T) {
			_, err := st.SubmitDossier(ctx, actor, f.d.ID, before.Version-1, accept("sha256:x"))
			if !errors.Is(err, store.ErrConflict) {
				t.Errorf("err = %v; want ErrConflict", err)
			}
			unchanged(t)
		})
		t.Run("StaleDraftSave", func(t *testing.T) {
			_, err := st.SaveDossierDraft(ctx, actor, f.d.ID, store.DraftUpdate{Version: before.Version - 1, Content: "{}"})
			if !errors.Is(err, store.ErrConflict) {
				t.Errorf("err = %v; want ErrConflict", err)
			}
			unchanged(t)
		})
		t.Run("AfterTheDeadline", func(t *testing.T) {
			saved := clock.T
			clock.T = f.stage.ClosesAt
			defer func() { clock.T = saved }()
			_, err := st.SubmitDossier(ctx, actor, f.d.ID, before.Version, accept("sha256:x"))
			if !errors.Is(err, store.ErrConflict) {
				t.Errorf("err = %v; want ErrConflict (filing closed)", err)
			}
			unchanged(t)
			if _, err := st.SaveDossierDraft(ctx, actor, f.d.ID, store.DraftUpdate{Version: before.Version, Content: "{}"}); !errors.Is(err, store.ErrConflict) {
				t.Errorf("draft save after the deadline: err = %v; want ErrConflict", err)
			}
			unchanged(t)
		})

		got, err := st.SubmitDossier(ctx, actor, f.d.ID, before.Version, accept("sha256:abc"))
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != store.DossierSubmitted || got.NumberString() != "2026-0001" || got.ContentHash != "sha256:abc" ||
			got.SubmittedAt == nil || !got.SubmittedAt.Equal(clock.T) {
			t.Errorf("submitted = %+v", got)
		}
		if _, err := st.SaveDossierDraft(ctx, actor, f.d.ID, store.DraftUpdate{Version: got.Version, Content: "{}"}); !errors.Is(err, store.ErrConflict) {
			t.Errorf("editing a submitted dossier: err = %v; want ErrConflict", err)
		}
		areas, _ := st.DossierAreas(ctx, []int64{f.d.ID})
		if len(areas[f.d.ID]) != 2 {
			t.Errorf("areas = %+v; want core + 宜兴", areas[f.d.ID])
		}
	})
}

func TestFormalCheck_ReturnResubmitPassReject(t *testing.T) {
	clock := &storetest.Clock{T: t0.Add(time.Hour)}
	storetest.Each(t, clock.Now, func(t *testing.T, st *store.Store) {
		clock.T = t0.Add(time.Hour)
		ctx := context.Background()
		f := newFilingFixture(t, st)
		applicant := store.UserActor(f.user)
		office := store.SystemActor("办公室")
		d, err := st.SubmitDossier(ctx, applicant, f.d.ID, f.d.Version, accept("sha256:one"))
		if err != nil {
			t.Fatal(err)
		}
		due := f.stage.ClosesAt.Add(72 * time.Hour)
		if err := st.DecideFormalCheck(ctx, office, d.ID, store.FormalDecision{Version: d.Version, Decision: store.DecisionReturn}); !errors.Is(err, store.ErrConflict) {
			t.Errorf("return without reason: %v; want ErrConflict", err)
		}
		if err := st.DecideFormalCheck(ctx, office, d.ID, store.FormalDecision{Version: d.Version, Decision: store.DecisionPass,
			Reason: "x"}); err != nil {
			t.Fatal(err)
		}
		entries, _ := st.StageEntries(ctx, f.stage.ID)
		if len(entries) != 1 || entries[0] != d.ID {
			t.Errorf("stage entries after pass = %v", entries)
		}
		d, _ = st.FindDossierByID(ctx, d.ID)
		err = st.DecideFormalCheck(ctx, office, d.ID, store.FormalDecision{Version: d.Version, Decision: store.DecisionReturn,
			Reason: "统计证明缺少盖章", CorrectionDue: &due})
		if err != nil {
			t.Fatal(err)
		}
		d, _ = st.FindDossierByID(ctx, d.ID)
		if entries, _ := st.StageEntries(ctx, f.stage.ID); len(entries) != 0 {
			t.Errorf("a returned dossier is still in the stage: %v", entries)
		}
		if d.Status != store.DossierReturned || d.CorrectionDue == nil || !d.CorrectionDue.Equal(due) {
			t.Fatalf("returned = %+v", d)
		}
		// The applicant corrects and resubmits after the filing window but
		// before the correction deadline.
		clock.T = f.stage.ClosesAt.Add(-time.Hour)
		v, err := st.SaveDossierDraft(ctx, applicant, d.ID, store.DraftUpdate{Version: d.Version, Title: d.Title, Content: `{"x":1}`})
		if err != nil {
			t.Fatalf("correcting a returned dossier: %v", err)
		}
		d, err = st.SubmitDossier(ctx, applicant, d.ID, v, accept("sha256:two"))
		if err != nil {
			t.Fatal(err)
		}
		if d.Status != store.DossierSubmitted || d.NumberString() != "2026-0001" || d.CorrectionDue != nil || d.ContentHash != "sha256:two" {
			t.Errorf("resubmitted = %+v; want submitted, same number, new hash", d)
		}
		if err := st.DecideFormalCheck(ctx, office, d.ID, store.FormalDecision{Version: d.Version, Decision: store.DecisionReject,
			Reason: "不属于竞赛范围"}); err != nil {
			t.Fatal(err)
		}
		reviews, _ := st.FindFormalReviews(ctx, d.ID)
		if len(reviews) != 3 || reviews[0].Decision != store.DecisionReject || reviews[0].ContentHash != "sha256:two" ||
			reviews[1].Reason != "统计证明缺少盖章" || reviews[2].FromStatus != store.DossierSubmitted || reviews[0].ActorName != "办公室" {
			t.Errorf("reviews = %+v", reviews)
		}
		d, _ = st.FindDossierByID(ctx, d.ID)
		if err := st.DecideFormalCheck(ctx, office, d.ID, store.FormalDecision{Version: d.Version, Decision: store.DecisionReject,
			Reason: "再次"}); !errors.Is(err, store.ErrConflict) {
			t.Errorf("rejecting a rejected dossier: %v; want ErrConflict", err)
		}
	})
}

func TestWithdrawAndReopen(t *testing.T) {
	clock := &storetest.Clock{T: t0.Add(time.Hour)}
	storetest.Each(t, clock.Now, func(t *testing.T, st *store.Store) {
		clock.T = t0.Add(time.Hour)
		ctx := context.Background()
		f := newFilingFixture(t, st)
		actor := store.UserActor(f.user)
		d, err := st.SubmitDossier(ctx, actor, f.d.ID, f.d.Version, accept("sha256:one"))
		if err != nil {
			t.Fatal(err)
		}
		if err := st.WithdrawDossier(ctx, actor, d.ID, d.Version, "调整申报方向"); err != nil {
			t.Fatal(err)
		}
		d, _ = st.FindDossierByID(ctx, d.ID)
		if d.Status != store.DossierWithdrawn {
			t.Fatalf("status = %s", d.Status)
		}
		entries, _, _ := st.FindAuditEntries(ctx, store.AuditFilter{Entity: "dossier", EntityID: strconv.FormatInt(d.ID, 10)})
		found := false
		for _, e := range entries {
			found = found || (e.Action == "dossier.withdraw" && e.Reason == "调整申报方向" && e.ActorName == actor.Name)
		}
		if !found {
			t.Errorf("no audited withdrawal with its reason in %+v", entries)
		}
		if err := st.ReopenDossier(ctx, actor, d.ID, d.Version); err != nil {
			t.Fatal(err)
		}
		d, _ = st.FindDossierByID(ctx, d.ID)
		clock.T = f.stage.ClosesAt
		if err := st.WithdrawDossier(ctx, actor, d.ID, d.Version, "晚了"); !errors.Is(err, store.ErrConflict) {
			t.Errorf("withdrawal after the deadline: %v; want ErrConflict", err)
		}
	})
}
