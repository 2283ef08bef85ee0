package app_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"chainjudge/app/apptest"
	"chainjudge/app/store"
	"chainjudge/templates"
)

// submitted files and submits a complete dossier and returns it.
func (fe *filingEnv) submitted(t *testing.T, c *apptest.Client, chain *store.Chain, collab ...string) *store.Dossier {
	t.Helper()
	id := fe.create(t, c, chain, collab...)
	fe.fill(t, c, id)
	apptest.Check(t, fe.submit(c, id, fe.dossier(t, id).Version), http.StatusSeeOther, "", nil, nil)
	return fe.dossier(t, id)
}

func decide(c *apptest.Client, d *store.Dossier, decision, reason, due string) *apptest.Response {
	return c.PostForm("/office/dossiers/"+itoa(d.ID)+"/decision", url.Values{"version": {itoa(d.Version)},
		"decision": {decision}, "reason": {reason}, "correction_due": {due}})
}

func TestFormalCheck_ReturnCorrectResubmitPass(t *testing.T) {
	fe := newFilingEnv(t)
	d := fe.submitted(t, fe.jy, fe.chain, "宜兴市")
	due := templates.FormatInputTime(apptest.Start.Add(3 * 24 * time.Hour))

	t.Run("ReturnNeedsReasonAndDeadline", func(t *testing.T) {
		res := decide(fe.office, d, "return", "", "")
		apptest.Check(t, res, http.StatusUnprocessableEntity, "", []string{"请写明退回补正的理由", "请设定补正期限"}, nil)
		res = decide(fe.office, d, "return", "缺盖章", templates.FormatInputTime(apptest.Start.Add(-time.Hour)))
		apptest.Check(t, res, http.StatusUnprocessableEntity, "", []string{"补正期限须晚于当前时间", "缺盖章"}, nil)
		res = decide(fe.office, d, "reject", "", "")
		apptest.Check(t, res, http.StatusUnprocessableEntity, "", []string{"请写明不予受理的理由"}, nil)
		res, body := postJSON(fe.office, "/office/dossiers/"+itoa(d.ID)+"/decision", url.Values{"decision": {"maybe"}})
		if fields, _ := body["fields"].(map[string]any); res.Code != http.StatusUnprocessableEntity || fields["decision"] == nil {
			t.Errorf("API decision: %d %s", res.Code, res.Body)
		}
		if got := fe.dossier(t, d.ID); got.Status != store.DossierSubmitted {
			t.Fatalf("a refused decision changed the status to %s", got.Status)
		}
	})

	res := decide(fe.office, d, "return", "统计部门证明缺少公章，请补充盖章件。", due)
	apptest.Check(t, res, http.StatusSeeOther, "/office/dossiers?competition=", nil, nil)
	d = fe.dossier(t, d.ID)
	if d.Status != store.DossierReturned || d.CorrectionDue == nil {
		t.Fatalf("after return: %+v", d)
	}
	apptest.Check(t, fe.jy.Get("/applicant"), http.StatusOK, "", []string{"退回修改", "统计部门证明缺少公章"}, nil)
	edit := fe.jy.Get("/applicant/dossiers/" + itoa(d.ID) + "/edit")
	apptest.Check(t, edit, http.StatusOK, "", []string{"办公室已退回补正", "统计部门证明缺少公章", "补正期限"}, nil)

	// Before the correction deadline the applicant corrects and resubmits
	// (the filing window is still open here too; after the correction
	// deadline see TestFormalCheck_ResubmitAfterCorrectionDeadlineRefused).
	fe.env.Clock.T = apptest.Start.Add(2 * 24 * time.Hour)
	jy := fe.env.Login("jiangyin")
	office := fe.env.Login("office1")
	form := fe.completeForm(t, d.ID)
	form.Set("sections.overview", form.Get("sections.overview")+"（已按要求补正）")
	apptest.Check(t, jy.PostForm("/applicant/dossiers/"+itoa(d.ID)+"/draft", form), http.StatusSeeOther, "", nil, nil)
	apptest.Check(t, upload(jy, d.ID, "statistics_proof", apptest.File{Field: "file", Name: "统计证明（盖章）.pdf",
		Data: padPDF("stamped", 10)}), http.StatusSeeOther, "", nil, nil)
	before := d.ContentHash
	apptest.Check(t, fe.submit(jy, d.ID, fe.dossier(t, d.ID).Version), http.StatusSeeOther, "", nil, nil)
	d = fe.dossier(t, d.ID)
	if d.Status != store.DossierSubmitted || d.NumberString() != "2026-0001" || d.ContentHash == before || d.CorrectionDue != nil {
		t.Fatalf("resubmitted = %+v; want submitted, same number, new hash", d)
	}

	apptest.Check(t, decide(office, d, "pass", "", ""), http.StatusSeeOther, "", nil, nil)
	entries, _ := fe.env.Store.StageEntries(context.Background(), fe.stage.ID)
	if len(entries) != 1 || entries[0] != d.ID {
		t.Errorf("stage entries = %v; want the passed dossier", entries)
	}
	d = fe.dossier(t, d.ID)
	apptest.Check(t, decide(office, d, "reject", "", ""), http.StatusUnprocessableEntity, "", []string{"请写明不予受理的理由"}, nil)
	apptest.Check(t, decide(office, d, "reject", "核查发现不属于集成电路产业链", ""), http.StatusSeeOther, "", nil, nil)
	if entries, _ := fe.env.Store.StageEntries(context.Background(), fe.stage.ID); len(entries) != 0 {
		t.Errorf("a rejected dossier is still in the stage: %v", entries)
	}
	page := office.Get("/office/dossiers/" + itoa(d.ID))
	apptest.Check(t, page, http.StatusOK, "", []string{"审查记录", "office1", "统计部门证明缺少公章", "核查发现不属于集成电路产业链",
		"已提交待审查", "形式审查通过"}, nil)
	audit, _, _ := fe.env.Store.FindAuditEntries(context.Background(), store.AuditFilter{Action: "dossier.formal_check", EntityID: itoa(d.ID)})
	if len(audit) != 3 || audit[0].Reason != "核查发现不属于集成电路产业链" || !strings.Contains(audit[0].ActorName, "office1") {
		t.Errorf("formal-check audit = %+v", audit)
	}
	apptest.Check(t, jy.Get("/applicant/dossiers/"+itoa(d.ID)), http.StatusOK, "", []string{"不予受理", "核查发现不属于集成电路产业链"},
		[]string{"撤回申报书"})
}

func TestFormalCheck_QueueFilters(t *testing.T) {
	fe := newFilingEnv(t)
	bio, _ := fe.env.Store.FindChainByName(context.Background(), "生物医药")
	jy := fe.submitted(t, fe.jy, fe.chain)
	wx := fe.submitted(t, fe.wx, bio)
	fe.create(t, fe.wx, fe.chain) // a draft
	wxRegion := fe.region(t, "无锡市")
	for _, sc := range []apptest.Scenario{
		{Name: "DefaultSubmitted", Path: "/office/dossiers", WantStatus: http.StatusOK,
			WantContains: []string{jy.Title, wx.Title}, WantNotContain: []string{"无锡市集成电路产业链"}},
		{Name: "ByChain", Path: "/office/dossiers?chain=" + itoa(bio.ID), WantStatus: http.StatusOK,
			WantContains: []string{wx.Title}, WantNotContain: []string{jy.Title}},
		{Name: "ByCluster", Path: "/office/dossiers?cluster=" + itoa(fe.chain.ClusterID), WantStatus: http.StatusOK,
			WantContains: []string{jy.Title}, WantNotContain: []string{wx.Title}},
		{Name: "ByCityIncludesCounties", Path: "/office/dossiers?city=" + itoa(wxRegion.ID), WantStatus: http.StatusOK,
			WantContains: []string{jy.Title, wx.Title}},
		{Name: "Drafts", Path: "/office/dossiers?status=draft", WantStatus: http.StatusOK,
			WantContains: []string{"无锡市集成电路产业链"}, WantNotContain: []string{jy.Title}},
		{Name: "All", Path: "/office/dossiers?status=all", WantStatus: http.StatusOK,
			WantContains: []string{jy.Title, wx.Title, "无锡市集成电路产业链"}},
	} {
		sc.As = fe.office
		sc.Run(t, fe.env)
	}
}

func TestFormalCheck_ConflictsView(t *testing.T) {
	fe := newFilingEnv(t)
	// 无锡市 leads 集成电路 with 江阴市 collaborating; 江阴市 also leads its own
	// 集成电路 bid and collaborates in 无锡's 生物医药 bid.
	bio, _ := fe.env.Store.FindChainByName(context.Background(), "生物医药")
	wxIC := fe.submitted(t, fe.wx, fe.chain, "江阴市")
	fe.submitted(t, fe.jy, fe.chain)
	fe.create(t, fe.wx, bio, "江阴市", "宜兴市")
	page := fe.office.Get("/office/dossiers/conflicts")
	apptest.Check(t, page, http.StatusOK, "", []string{"江阴市", "同一产业链重复参与", "牵头申报的同时作为其他产业链协同区",
		"无锡市集成电路产业链", "江阴市集成电路产业链", "本地区为协同区"}, []string{"<strong>宜兴市</strong>"})
	apptest.Check(t, fe.office.Get("/office/dossiers/"+itoa(wxIC.ID)), http.StatusOK, "", []string{"地区重复参与", "同一产业链重复参与"}, nil)
	apptest.Check(t, fe.jy.Get("/applicant"), http.StatusOK, "", []string{"本地区作为协同区参与的申报", "无锡市集成电路产业链"}, nil)
}

// A returned dossier may be resubmitted only before its correction
// deadline: at the deadline (and after) the submission is refused with a
// Chinese message naming the deadline, and the dossier stays exactly as it
// was — returned, same version, same hash, same deadline, no audit entry —
// even though the filing window itself is still open.
func TestFormalCheck_ResubmitAfterCorrectionDeadlineRefused(t *testing.T) {
	fe := newFilingEnv(t)
	ctx := context.Background()
	d := fe.submitted(t, fe.jy, fe.chain)
	dueAt := apptest.Start.Add(3 * 24 * time.Hour) // 2026-03-05 17:00 China Standard Time
	apptest.Check(t, decide(fe.office, d, "return", "统计部门证明缺少公章，请补充盖章件。", templates.FormatInputTime(dueAt)),
		http.StatusSeeOther, "", nil, nil)

	// Before the deadline the applicant corrects the draft but does not
	// resubmit in time.
	fe.env.Clock.T = dueAt.Add(-time.Hour)
	form := fe.completeForm(t, d.ID)
	form.Set("sections.overview", form.Get("sections.overview")+"（已按要求补正）")
	apptest.Check(t, fe.env.Login("jiangyin").PostForm("/applicant/dossiers/"+itoa(d.ID)+"/draft", form), http.StatusSeeOther,
		"/applicant/dossiers/"+itoa(d.ID)+"/edit", nil, nil)
	before := fe.dossier(t, d.ID)
	if before.Status != store.DossierReturned || before.CorrectionDue == nil || !before.CorrectionDue.Equal(dueAt) ||
		!strings.Contains(before.Content, "已按要求补正") {
		t.Fatalf("corrected draft = %+v; want returned with the deadline", before)
	}
	if !fe.stage.AcceptsAt(dueAt.Add(time.Hour)) {
		t.Fatal("fixture: the filing window should still be open after the correction deadline")
	}

	const refusal = "补正期限已于 2026年3月5日 17:00 届满"
	for _, at := range []struct {
		name string
		now  time.Time
	}{{"AtTheDeadline", dueAt}, {"ADayLater", dueAt.Add(24 * time.Hour)}} {
		t.Run(at.name, func(t *testing.T) {
			fe.env.Clock.T = at.now
			jy := fe.env.Login("jiangyin") // sessions idle out after four hours
			apptest.Check(t, fe.submit(jy, d.ID, before.Version), http.StatusConflict, "", []string{refusal}, nil)
			_, body := postJSON(jy, "/applicant/dossiers/"+itoa(d.ID)+"/submit", url.Values{"version": {itoa(before.Version)}})
			if body["error"] != refusal {
				t.Errorf("JSON refusal = %v; want %q", body, refusal)
			}
			// The check page says why and offers no submit button.
			apptest.Check(t, jy.Get("/applicant/dossiers/"+itoa(d.ID)+"/review"), http.StatusOK, "",
				[]string{refusal}, []string{"确认提交"})

			after := fe.dossier(t, d.ID)
			if after.Status != store.DossierReturned || after.Version != before.Version ||
				after.ContentHash != before.ContentHash || after.Content != before.Content ||
				!after.CorrectionDue.Equal(*before.CorrectionDue) || !after.SubmittedAt.Equal(*before.SubmittedAt) {
				t.Errorf("a refused resubmission changed the dossier:\nbefore %+v\nafter  %+v", before, after)
			}
			if got, _, _ := fe.env.Store.FindAuditEntries(ctx, store.AuditFilter{Action: "dossier.resubmit", EntityID: itoa(d.ID)}); len(got) != 0 {
				t.Errorf("a refused resubmission was audited: %+v", got)
			}
		})
	}
}
