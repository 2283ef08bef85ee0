package app_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"chainjudge/app/apptest"
	"chainjudge/app/store"
)

func TestRecuse_AnotherExpertTakesOverAndTheDossierCloses(t *testing.T) {
	re := newReviewEnv(t, 3, false)
	ctx := context.Background()
	re.draw(t, drawForm("recuse"))
	d := re.dossiers["徐州市"]
	panel := re.assigned(t, d)
	x := panel[0]
	cx := re.env.Login(x.Username)
	path := re.sheetPath(d)
	apptest.Check(t, cx.PostForm(path+"/draft", url.Values{"version": {"0"}, "points:A1.4": {"6"}}), http.StatusSeeOther, path, nil, nil)

	res := cx.PostForm(path+"/recuse", url.Values{"recuse_reason": {"亲属"}})
	apptest.Check(t, res, http.StatusUnprocessableEntity, "", []string{"请写明回避理由"}, nil)
	res = cx.PostForm(path+"/recuse", url.Values{"recuse_reason": {"本人近三年在徐州市工业和信息化局挂职"}})
	apptest.Check(t, res, http.StatusSeeOther, "/expert", nil, nil)
	apptest.Check(t, cx.Get(res.Location), http.StatusOK, "", []string{"已声明回避"}, []string{"徐州市集成电路产业链"})
	apptest.Check(t, cx.Get(path), http.StatusNotFound, "", nil, nil)
	apptest.Check(t, cx.PostForm(path+"/draft", url.Values{"points:A1.4": {"7"}}), http.StatusNotFound, "", nil, nil)

	now := re.assigned(t, d)
	if len(now) != 3 {
		t.Fatalf("experts on the dossier after recusal = %d; want 3 (someone took over)", len(now))
	}
	for _, u := range now {
		if u.ID == x.ID {
			t.Fatal("the recused expert is still assigned")
		}
	}
	for _, action := range []string{"assignment.recuse", "assignment.replace"} {
		if es, _, _ := re.env.Store.FindAuditEntries(ctx, store.AuditFilter{Action: action}); len(es) != 1 {
			t.Errorf("audit %s: %d entries; want 1", action, len(es))
		}
	}
	progress := re.office.Get("/office/panels/stages/" + itoa(re.stage.ID) + "/progress")
	apptest.Check(t, progress, http.StatusOK, "", []string{"声明回避", "本人近三年在徐州市工业和信息化局挂职", x.DisplayName}, nil)
	draws, _ := re.env.Store.FindDraws(ctx, store.DrawFilter{StageID: re.stage.ID})
	apptest.Check(t, re.office.Get("/office/panels/"+itoa(draws[0].ID)), http.StatusOK, "", []string{"已回避", "接替"}, nil)
}

func TestProgress_OverdueFlagsAndReopen(t *testing.T) {
	re := newReviewEnv(t, 3, false)
	ctx := context.Background()
	re.draw(t, drawForm("progress"))
	d := re.dossiers["南京市"]
	panel := re.assigned(t, d)
	a := panel[0]
	re.sign(t, d, a, "7", "5", "第一次的意见")
	progressPath := "/office/panels/stages/" + itoa(re.stage.ID) + "/progress"
	apptest.Check(t, re.office.Get(progressPath), http.StatusOK, "", []string{"评审进度", "已提交", "未开始", "重新开启评分表"}, []string{"逾期未提交"})

	sh := re.sheetOf(t, d, a)
	res := re.office.PostForm("/office/panels/sheets/"+itoa(sh.ID)+"/reopen", url.Values{"version": {itoa(sh.Version)}})
	apptest.Check(t, re.office.Get(res.Location), http.StatusOK, "", []string{"必须写明理由"}, nil)
	res = re.office.PostForm("/office/panels/sheets/"+itoa(sh.ID)+"/reopen", url.Values{"version": {itoa(sh.Version)}, "reason": {"专家来函更正 A1.4 笔误"}})
	apptest.Check(t, re.office.Get(res.Location), http.StatusOK, "", []string{"评分表已重新开启", "曾重新开启 1 次"}, nil)
	re.sign(t, d, a, "7.5", "5", "更正后的意见")
	hist, _ := re.env.Store.SheetHistory(ctx, sh.ID)
	var kept []string
	for _, h := range hist {
		if h.CriterionID == "A1.4" {
			kept = append(kept, h.Points)
		}
	}
	if len(kept) != 2 || kept[0] != "7" || kept[1] != "7.5" {
		t.Errorf("A1.4 history = %v; want 7 then 7.5", kept)
	}
	if es, _, _ := re.env.Store.FindAuditEntries(ctx, store.AuditFilter{Action: "score.reopen"}); len(es) != 1 || es[0].Reason != "专家来函更正 A1.4 笔误" {
		t.Errorf("reopen audit = %+v", es)
	}
	// After the review window the experts who have not signed are overdue.
	re.env.Clock.T = apptest.Start.Add(11 * 24 * time.Hour)
	office := re.env.Login("office1")
	apptest.Check(t, office.Get(progressPath), http.StatusOK, "", []string{"逾期未提交", "已截止"}, nil)
	apptest.Check(t, re.env.Login(panel[1].Username).PostForm(re.sheetPath(d)+"/draft", url.Values{"points:A1.4": {"6"}}),
		http.StatusConflict, "", []string{"不在评审时间内"}, nil)
}

// TestReview_OnPostgres runs the draw, signing, flags and a recusal on
// PostgreSQL (skipped without TEST_POSTGRES_DSN).
func TestReview_OnPostgres(t *testing.T) {
	re := newReviewEnvOn(t, apptest.NewPostgres(t), 3, false)
	ctx := context.Background()
	d := re.draw(t, drawForm("postgres"))
	res := re.office.PostForm("/office/panels/"+itoa(d.ID)+"/verify", nil)
	apptest.Check(t, re.office.Get(res.Location), http.StatusOK, "", []string{"复核一致"}, nil)
	dossier := re.dossiers["徐州市"]
	panel := re.assigned(t, dossier)
	re.sign(t, dossier, panel[0], "7", "5", "")
	re.sign(t, dossier, panel[1], "7.5", "5", "")
	re.sign(t, dossier, panel[2], "1", "5", "")
	if flags, _ := re.env.Store.FindFlags(ctx, store.FlagFilter{StageID: re.stage.ID, Statuses: []store.FlagStatus{store.FlagOpen}}); len(flags) != 1 {
		t.Errorf("open flags = %+v; want one", flags)
	}
	other := re.dossiers["南京市"]
	x := re.assigned(t, other)[0]
	res = re.env.Login(x.Username).PostForm(re.sheetPath(other)+"/recuse", url.Values{"recuse_reason": {"与申报单位存在利害关系"}})
	apptest.Check(t, res, http.StatusSeeOther, "/expert", nil, nil)
	if n := len(re.assigned(t, other)); n != 3 {
		t.Errorf("after recusal %d experts; want 3", n)
	}
	apptest.Check(t, re.office.Get("/office/panels/stages/"+itoa(re.stage.ID)+"/progress"), http.StatusOK, "",
		[]string{"与申报单位存在利害关系", "待说明理由的评分"}, nil)
}

func TestRecuse_UnfilledThenSupplementaryDraw(t *testing.T) {
	re := newReviewEnv(t, 3, false)
	ctx := context.Background()
	// Three members, no alternates: every member is on every dossier, so
	// nobody can take over a declared conflict.
	form := drawForm("tight")
	form.Set("members", "3")
	form.Set("alternates", "0")
	re.draw(t, form)
	d := re.dossiers["徐州市"]
	x := re.assigned(t, d)[0]
	res := re.env.Login(x.Username).PostForm(re.sheetPath(d)+"/recuse", url.Values{"recuse_reason": {"近亲属在申报地区任职"}})
	apptest.Check(t, res, http.StatusSeeOther, "/expert", nil, nil)
	if n := len(re.assigned(t, d)); n != 2 {
		t.Fatalf("experts after an unfilled recusal = %d; want 2", n)
	}
	apptest.Check(t, re.office.Get("/office/panels/stages/"+itoa(re.stage.ID)+"/progress"), http.StatusOK, "",
		[]string{"无人接替，请在专家抽取页补充抽取", "专家不足 2/3"}, nil)
	apptest.Check(t, re.office.Get(re.panelsPath()), http.StatusOK, "", []string{"回避后专家不足", `<option value="short"`}, nil)

	supplement := url.Values{"cluster": {"short"}, "members": {"1"}, "alternates": {"0"}, "max_per_org": {"1"}, "match_expertise": {"1"}, "seed": {"补抽-1"}}
	sd := re.draw(t, supplement)
	if sd.ScopeLabel != "补充抽取：专家不足的申报" {
		t.Errorf("scope = %q", sd.ScopeLabel)
	}
	now := re.assigned(t, d)
	if len(now) != 3 {
		t.Fatalf("experts after the supplementary draw = %d; want 3", len(now))
	}
	seen := map[int64]bool{}
	for _, u := range now {
		if u.ID == x.ID || seen[u.ID] {
			t.Errorf("supplement assigned %s twice or the recused expert", u.Username)
		}
		seen[u.ID] = true
	}
	res = re.office.PostForm("/office/panels/"+itoa(sd.ID)+"/verify", nil)
	apptest.Check(t, re.office.Get(res.Location), http.StatusOK, "", []string{"复核一致"}, nil)
	apptest.Check(t, re.office.Get(re.panelsPath()), http.StatusOK, "", []string{"参评申报都已分配了专家"}, []string{`<option value="short"`})
	if es, _, _ := re.env.Store.FindAuditEntries(ctx, store.AuditFilter{Action: "assignment.unfilled"}); len(es) != 1 {
		t.Errorf("unfilled recusal audit = %d entries; want 1", len(es))
	}
}
