package app_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"chainjudge/app/apptest"
	"chainjudge/app/demo"
	"chainjudge/app/draw"
	"chainjudge/app/review"
	"chainjudge/app/store"
)

// TestDemo_TakenThroughToPublication takes the demo's running 2026 round
// from the middle of its first review to a published result, the way the
// office would: the experts finish and explain their flagged scores, the
// office closes each stage, verifies the indicators, freezes the results
// (advancing the dossiers), opens the next stage and draws its panel, marks
// the winners, runs the 公示 and publishes. Office steps go through the
// pages; expert steps through the functions the expert pages use.
func TestDemo_TakenThroughToPublication(t *testing.T) {
	env := apptest.New(t)
	ctx := context.Background()
	if _, err := demo.Load(ctx, env.Store); err != nil {
		t.Fatal(err)
	}
	office := env.Client()
	apptest.Check(t, office.Login("office", demo.Password), http.StatusSeeOther, "", nil, nil)
	var comp *store.Competition
	comps, _ := env.Store.FindCompetitions(ctx)
	for i := range comps {
		if comps[i].Name == demo.DemoCompetitionName {
			comp = &comps[i]
		}
	}
	stages, _ := env.Store.FindStages(ctx, comp.ID)
	for i := range stages {
		if i > 0 {
			st, _ := env.Store.FindStageByID(ctx, stages[i].ID)
			apptest.Check(t, office.PostForm(strPath("/office/stages/%d/open", st.ID), url.Values{"version": {itoa(st.Version)}}),
				http.StatusSeeOther, "", nil, nil)
			drawDemoPanel(t, env, st.ID)
		}
		finishDemoReview(t, env, stages[i].ID)
		st, _ := env.Store.FindStageByID(ctx, stages[i].ID)
		apptest.Check(t, office.PostForm(strPath("/office/stages/%d/close", st.ID), url.Values{"version": {itoa(st.Version)}}),
			http.StatusSeeOther, "", nil, nil)
		entered, _ := env.Store.StageEntries(ctx, st.ID)
		for _, id := range entered {
			res := office.PostForm(strPath("/office/stages/%d/verify", st.ID), url.Values{"dossier": {itoa(id)}, "action": {"accept_all"}})
			apptest.Check(t, res, http.StatusSeeOther, "", nil, nil)
		}
		page := office.Get(strPath("/office/stages/%d/results", st.ID))
		m := hashField.FindStringSubmatch(page.Body)
		if m == nil {
			t.Fatalf("stage %s cannot be frozen:\n%s", st.Key, page.Body)
		}
		apptest.Check(t, office.PostForm(strPath("/office/stages/%d/results/freeze", st.ID), url.Values{"hash": {m[1]}}),
			http.StatusSeeOther, "", nil, nil)
	}

	compPath := strPath("/office/competitions/%d", comp.ID)
	apptest.Check(t, office.PostForm(compPath+"/winners", url.Values{"all": {"1"}}), http.StatusSeeOther, "", nil, nil)
	winners, _ := env.Store.FindWinners(ctx, comp.ID)
	if len(winners) == 0 {
		t.Fatal("nobody was selected")
	}
	apptest.Check(t, office.PostForm(compPath+"/publicity", publicityForm(env)), http.StatusSeeOther, "/office/notices/", nil, nil)
	env.Clock.Advance(8 * 24 * time.Hour)
	office = env.Client()
	apptest.Check(t, office.Login("office", demo.Password), http.StatusSeeOther, "", nil, nil)
	res := office.PostForm(compPath+"/publish", url.Values{"title": {"关于公布2026年度江苏省区域卓越产业链竞赛结果的通知"},
		"doc_number": {"苏制强办〔2026〕8号"}, "addressees": {"各设区市制造强省建设领导小组办公室"}, "body": {"现予公布（名单见附件）。"}})
	apptest.Check(t, res, http.StatusSeeOther, "/office/notices/", nil, nil)
	page := env.Client().Get(strPath("/public/competitions/%d", comp.ID))
	apptest.Check(t, page, http.StatusOK, "", []string{"苏制强办〔2026〕8号", "入选名单"}, nil)
	if got := strings.Count(page.Body, "产业链</td>") + strings.Count(page.Body, "产业链<br>"); got != len(winners) {
		t.Errorf("public page lists %d winners; want %d", got, len(winners))
	}
	if _, brk, err := env.Store.VerifyAudit(ctx); err != nil || brk != nil {
		t.Errorf("audit chain after the whole round: %v %v", brk, err)
	}
}

func strPath(format string, id int64) string { return strings.Replace(format, "%d", itoa(id), 1) }

// drawDemoPanel draws a stage's panel, relaxing the expertise match when
// the demo pool cannot meet it.
func drawDemoPanel(t *testing.T, env *apptest.Env, stageID int64) {
	t.Helper()
	ctx := context.Background()
	st, _ := env.Store.FindStageByID(ctx, stageID)
	rules, err := review.StageRules(ctx, env.Store, st)
	if err != nil {
		t.Fatal(err)
	}
	office, _ := env.Store.FindUserByUsername(ctx, "office")
	per := rules.ExpertsPerDossier
	for _, cons := range []draw.Constraints{
		{PerDossier: per, Members: per + 2, Alternates: 2, MaxPerOrg: 2, MatchExpertise: true},
		{PerDossier: per, Members: per + 4, Alternates: 1},
		{PerDossier: per, Members: per},
	} {
		_, err := review.RunDraw(ctx, env.Store, store.UserActor(office), office.ID, st, review.DrawRequest{Constraints: cons, Seed: "test-" + st.Key})
		var refused *draw.Error
		if errors.As(err, &refused) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatalf("no panel could be drawn for %s", st.Key)
}

// finishDemoReview has every expert of the stage sign a complete sheet
// (keeping what they already signed) and explain every flagged score.
func finishDemoReview(t *testing.T, env *apptest.Env, stageID int64) {
	t.Helper()
	ctx := context.Background()
	st, _ := env.Store.FindStageByID(ctx, stageID)
	rules, err := review.StageRules(ctx, env.Store, st)
	if err != nil {
		t.Fatal(err)
	}
	as, _ := env.Store.FindAssignments(ctx, store.AssignmentFilter{StageID: st.ID, Statuses: []store.AssignmentStatus{store.AssignmentActive}})
	for _, a := range as {
		expert, _ := env.Store.FindUserByID(ctx, a.ExpertID)
		by := store.UserActor(expert)
		err := env.Store.Tx(ctx, func(tx *store.Store) error {
			sh, err := tx.FindSheetByAssignment(ctx, a.ID)
			version := int64(0)
			switch {
			case err == nil && sh.Status == store.SheetSubmitted:
				return nil
			case err == nil:
				version = sh.Version
			case !errors.Is(err, store.ErrNotFound):
				return err
			}
			var values []store.SheetValue
			for _, cr := range rules.ExpertCriteria() {
				v := store.SheetValue{CriterionID: cr.ID, Veto: "no"}
				if cr.Kind != "veto" {
					v.Veto, v.Points = "", cr.Max.String()
					for _, g := range cr.Grades {
						if cr.Max.Cmp(g.Min) >= 0 && cr.Max.Cmp(g.Max) <= 0 {
							v.Grade = g.Label
						}
					}
				}
				values = append(values, v)
			}
			sh, _, err = tx.SaveSheet(ctx, by, store.SheetSave{AssignmentID: a.ID, Version: version, RubricHash: st.RubricHash, Values: values})
			if err != nil {
				return err
			}
			if _, err := tx.SubmitSheet(ctx, by, sh.ID, sh.Version); err != nil {
				return err
			}
			return review.RefreshFlags(ctx, tx, by, st, rules, a.DossierID)
		})
		if err != nil {
			t.Fatalf("sheet of assignment %d: %v", a.ID, err)
		}
	}
	flags, _ := env.Store.FindFlags(ctx, store.FlagFilter{StageID: st.ID, Statuses: []store.FlagStatus{store.FlagOpen}})
	for _, f := range flags {
		e, _ := env.Store.FindUserByID(ctx, f.ExpertID)
		if err := env.Store.JustifyFlag(ctx, store.UserActor(e), f.ID, f.ExpertID, f.Version, "已复核材料，坚持原评分。"); err != nil {
			t.Fatal(err)
		}
	}
}
