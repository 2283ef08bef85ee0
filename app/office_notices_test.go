package app_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"chainjudge/app/apptest"
	"chainjudge/app/store"
)

// evidencePDF is a small, complete PDF file.
var evidencePDF = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

var noticeLink = regexp.MustCompile(`/public/notices/(\d+)`)

// publicityForm is a valid form to start a 公示 today.
func publicityForm(env *apptest.Env) url.Values {
	return url.Values{"title": {"关于2026年度江苏省区域卓越产业链拟入选名单的公示"}, "body": {"现予公示。"},
		"start_date": {env.Clock.T.In(time.FixedZone("CST", 8*3600)).Format("2006-01-02")}, "days": {"5"},
		"contact_name": {"王主任"}, "contact_phone": {"025-83630000"}, "contact_address": {"南京市北京西路 70 号"}}
}

// objection is a valid objection to the first finalist.
func objection(d *store.Dossier) url.Values {
	return url.Values{"dossier": {itoa(d.ID)}, "name": {"张三"}, "unit": {"无锡市某产业园区管理办公室"},
		"phone": {"0510-88886666"}, "reason": {"申报书所列本地配套率数据与统计年鉴不一致，请核实。"}}
}

func TestPublicityObjectionsPublication(t *testing.T) {
	r := newResultsEnv(t)
	r.throughSelect(t)
	ctx := context.Background()
	compPath := r.path("/office/competitions/%d", r.comp.ID)
	d1, d2 := r.dossiers[0], r.dossiers[1]

	apptest.Check(t, r.office.Get(compPath+"/final"), http.StatusOK, "", []string{key(d1), key(d2), "87.60", "82.80",
		"建议入选", "按规则确定建议入选的 2 个"}, nil)
	apptest.Check(t, r.office.PostForm(compPath+"/publicity", publicityForm(r.env)), http.StatusConflict, "",
		[]string{"尚未确定入选名单"}, nil)

	apptest.Check(t, r.office.PostForm(compPath+"/winners", url.Values{"all": {"1"}}), http.StatusSeeOther, compPath+"/final", nil, nil)
	if ws, _ := r.env.Store.FindWinners(ctx, r.comp.ID); len(ws) != 2 {
		t.Fatalf("winners = %d; want 2", len(ws))
	}
	apptest.Check(t, r.office.PostForm(compPath+"/winners", url.Values{"dossier": {itoa(d1.ID)}}), http.StatusConflict, "",
		[]string{"入选名额为 2 个"}, nil)

	t.Run("PublicityNeedsContact", func(t *testing.T) {
		f := publicityForm(r.env)
		f.Del("contact_phone")
		apptest.Check(t, r.office.PostForm(compPath+"/publicity", f), http.StatusUnprocessableEntity, "",
			[]string{"请填写联系人和联系电话"}, nil)
	})
	t.Run("PublicityNotInThePast", func(t *testing.T) {
		f := publicityForm(r.env)
		f.Set("start_date", "2026-01-05")
		apptest.Check(t, r.office.PostForm(compPath+"/publicity", f), http.StatusUnprocessableEntity, "",
			[]string{"不能早于今天"}, nil)
	})
	res := r.office.PostForm(compPath+"/publicity", publicityForm(r.env))
	// Monday 2 March 2026 + 5 working days: to Friday 6 March, 24:00.
	apptest.Check(t, res, http.StatusSeeOther, "/office/notices/", nil, nil)
	notices, _ := r.env.Store.FindNotices(ctx, store.NoticeFilter{CompetitionID: r.comp.ID})
	if len(notices) != 1 || notices[0].WorkingDays != 5 || notices[0].PDFSHA256 == nil {
		t.Fatalf("notices = %+v", notices)
	}
	n := notices[0]
	noticePath := r.path("/office/notices/%d", n.ID)
	apptest.Check(t, r.office.Get(noticePath), http.StatusOK, "", []string{"公示中", "2026年3月6日 24 时", "没有收到异议"}, nil)
	pdf := r.office.Get(noticePath + "/notice.pdf")
	if pdf.Code != http.StatusOK || !strings.HasPrefix(pdf.Body, "%PDF-") || pdf.Header.Get("Content-Type") != "application/pdf" {
		t.Errorf("公示 PDF: %d %s", pdf.Code, pdf.Header.Get("Content-Type"))
	}
	apptest.Check(t, r.office.PostForm(compPath+"/winners/"+itoa(d2.ID)+"/remove", nil), http.StatusConflict, "",
		[]string{"须写明理由"}, nil)

	public := r.env.Client()
	apptest.Check(t, public.Get("/public"), http.StatusOK, "", []string{n.Title, "公示中"}, nil)
	apptest.Check(t, public.Get(r.path("/public/notices/%d", n.ID)), http.StatusOK, "",
		[]string{"提出异议", "匿名异议和超出公示期的异议不予受理", key(d1), "025-83630000"}, nil)
	objPath := r.path("/public/notices/%d/objections", n.ID)

	t.Run("AnonymousRefused", func(t *testing.T) {
		f := objection(d1)
		f.Del("name")
		f.Del("phone")
		res := public.PostMultipart(objPath, f)
		apptest.Check(t, res, http.StatusUnprocessableEntity, "", []string{"不受理匿名异议", "请填写真实姓名", "请填写联系电话"}, nil)
	})
	t.Run("BadPhoneRefused", func(t *testing.T) {
		f := objection(d1)
		f.Set("phone", "打电话")
		apptest.Check(t, public.PostMultipart(objPath, f), http.StatusUnprocessableEntity, "", []string{"联系电话格式有误"}, nil)
	})
	t.Run("DisguisedEvidenceRefused", func(t *testing.T) {
		res := public.PostMultipart(objPath, objection(d1), apptest.File{Field: "evidence", Name: "证明.pdf", Data: []byte("MZ\x90\x00 not a pdf")})
		apptest.Check(t, res, http.StatusUnprocessableEntity, "", []string{"证明材料", "可执行程序"}, nil)
	})
	t.Run("DossierNotOnTheListRefused", func(t *testing.T) {
		f := objection(d1)
		f.Set("dossier", itoa(r.dossiers[2].ID))
		apptest.Check(t, public.PostMultipart(objPath, f), http.StatusUnprocessableEntity, "", []string{"请选择异议针对的公示对象"}, nil)
	})
	if objs, _ := r.env.Store.FindObjections(ctx, store.ObjectionFilter{NoticeID: n.ID}); len(objs) != 0 {
		t.Fatalf("refused objections were stored: %d", len(objs))
	}
	res = public.PostMultipart(objPath, objection(d1), apptest.File{Field: "evidence", Name: "统计年鉴摘录.pdf", Data: evidencePDF})
	apptest.Check(t, res, http.StatusSeeOther, r.path("/public/notices/%d", n.ID), nil, nil)
	apptest.Check(t, public.Get(res.Location), http.StatusOK, "", []string{"您的异议已收到，受理编号第"}, nil)
	objs, _ := r.env.Store.FindObjections(ctx, store.ObjectionFilter{NoticeID: n.ID})
	if len(objs) != 1 || objs[0].EvidenceKind != "pdf" || objs[0].Status != store.ObjectionPending {
		t.Fatalf("objections = %+v", objs)
	}
	o := objs[0]
	ev := r.office.Get(r.path("/office/objections/%d/evidence", o.ID))
	if ev.Code != http.StatusOK || ev.Body != string(evidencePDF) {
		t.Errorf("evidence download: %d, %d bytes", ev.Code, len(ev.Body))
	}
	apptest.Check(t, public.Get(r.path("/office/objections/%d/evidence", o.ID)), http.StatusSeeOther, "/login", nil, nil)

	// publish is a fresh form each time (PostForm fills in the browser's CSRF token).
	publish := func() url.Values {
		return url.Values{"title": {"关于公布2026年度江苏省区域卓越产业链竞赛结果的通知"}, "doc_number": {"苏制强办〔2026〕3号"},
			"addressees": {"各设区市制造强省建设领导小组办公室"}, "body": {"现予公布。"}}
	}
	apptest.Check(t, r.office.PostForm(compPath+"/publish", publish()), http.StatusConflict, "", []string{"公示期尚未结束"}, nil)

	r.env.Clock.Advance(5 * 24 * time.Hour) // Saturday 7 March: the period is over
	r.office = r.env.Login("office1")       // the session of five days ago has expired
	late := public.PostMultipart(objPath, objection(d2))
	apptest.Check(t, late, http.StatusConflict, "", []string{"公示期已于 2026年3月6日 24 时结束，逾期提出的异议不予受理"}, nil)
	apptest.Check(t, r.office.PostForm(compPath+"/publish", publish()), http.StatusConflict, "", []string{"1 件异议尚未处理"}, nil)

	handle := r.path("/office/objections/%d", o.ID)
	apptest.Check(t, r.office.PostForm(handle, url.Values{"status": {"dismissed"}, "version": {"1"}}),
		http.StatusUnprocessableEntity, "", []string{"请写明处理理由"}, nil)
	apptest.Check(t, r.office.PostForm(handle, url.Values{"status": {"dismissed"}, "version": {"1"},
		"reason":   {"经核实，申报数据以统计部门出具的证明为准，与年鉴口径不同，数据无误。"},
		"rereview": {"组织原评审专家复核，维持原评分。"}}), http.StatusSeeOther, "", nil, nil)
	apptest.Check(t, r.office.Get(noticePath), http.StatusOK, "", []string{"异议不成立", "维持原评分", "0510-88886666"}, nil)

	bad := publish()
	bad.Set("doc_number", "苏制强办[2026]3号")
	apptest.Check(t, r.office.PostForm(compPath+"/publish", bad), http.StatusUnprocessableEntity, "", []string{"六角括号"}, nil)
	res = r.office.PostForm(compPath+"/publish", publish())
	apptest.Check(t, res, http.StatusSeeOther, "/office/notices/", nil, nil)
	comp, _ := r.env.Store.FindCompetitionByID(ctx, r.comp.ID)
	if comp.Status != store.CompetitionPublished {
		t.Fatalf("competition status = %s; want published", comp.Status)
	}
	apptest.Check(t, public.Get(r.path("/public/competitions/%d", r.comp.ID)), http.StatusOK, "",
		[]string{"苏制强办〔2026〕3号", "入选名单（2 个）", "江阴市集成电路产业链", "苏州工业园区生物医药产业链", "87.60"}, nil)
	apptest.Check(t, public.Get("/public"), http.StatusOK, "", []string{"结果公告", "苏制强办〔2026〕3号"}, nil)
	results, _ := r.env.Store.FindNotices(ctx, store.NoticeFilter{CompetitionID: r.comp.ID, Kind: store.NoticeResult})
	rpdf := public.Get(r.path("/public/notices/%d/notice.pdf", results[0].ID))
	if rpdf.Code != http.StatusOK || !strings.HasPrefix(rpdf.Body, "%PDF-") {
		t.Errorf("result notice PDF: %d", rpdf.Code)
	}

	apptest.Check(t, apiGet(public, r.path("/api/v1/competitions/%d/results", r.comp.ID), ""), http.StatusOK, "",
		[]string{`"doc_number":"苏制强办〔2026〕3号"`, `"winners"`, key(d1), `"final"`}, nil)
	apptest.Check(t, apiGet(public, "/api/v1/notices", ""), http.StatusOK, "", []string{`"kind":"result"`, `"kind":"publicity"`}, nil)

	t.Run("NothingChangesAfterPublication", func(t *testing.T) {
		apptest.Check(t, r.office.PostForm(handle, url.Values{"status": {"accepted"}, "version": {"2"}, "reason": {"改"}}),
			http.StatusConflict, "", []string{"已公布"}, nil)
		apptest.Check(t, r.office.PostForm(compPath+"/winners/"+itoa(d2.ID)+"/remove", url.Values{"reason": {"x"}}),
			http.StatusConflict, "", []string{"已公布"}, nil)
		apptest.Check(t, r.office.PostForm(compPath+"/publish", publish()), http.StatusConflict, "", []string{"已公布"}, nil)
	})
	for _, action := range []string{"winner.mark", "notice.publicity", "objection.submit", "objection.handle", "result.publish"} {
		if es, _, _ := r.env.Store.FindAuditEntries(ctx, store.AuditFilter{Action: action}); len(es) == 0 {
			t.Errorf("no audit entry %s", action)
		}
	}
}

func TestPublicity_WithdrawAndUnmark(t *testing.T) {
	r := newResultsEnv(t)
	r.throughSelect(t)
	ctx := context.Background()
	compPath := r.path("/office/competitions/%d", r.comp.ID)
	apptest.Check(t, r.office.PostForm(compPath+"/winners", url.Values{"all": {"1"}}), http.StatusSeeOther, "", nil, nil)
	apptest.Check(t, r.office.PostForm(compPath+"/publicity", publicityForm(r.env)), http.StatusSeeOther, "", nil, nil)
	apptest.Check(t, r.office.PostForm(compPath+"/publicity", publicityForm(r.env)), http.StatusConflict, "", []string{"已有一个公示"}, nil)
	ns, _ := r.env.Store.FindNotices(ctx, store.NoticeFilter{CompetitionID: r.comp.ID})
	n := ns[0]

	// An objection is upheld: the office takes the dossier off with a reason.
	apptest.Check(t, r.office.PostForm(compPath+"/winners/"+itoa(r.dossiers[1].ID)+"/remove",
		url.Values{"reason": {"异议成立：经复核，核心区数据存在夸大"}}), http.StatusSeeOther, "", nil, nil)
	apptest.Check(t, r.office.PostForm(compPath+"/winners", url.Values{"dossier": {itoa(r.dossiers[1].ID)}}),
		http.StatusConflict, "", []string{"须先撤回公示"}, nil)

	apptest.Check(t, r.office.PostForm(r.path("/office/notices/%d/withdraw", n.ID), url.Values{"version": {"1"}}),
		http.StatusConflict, "", []string{"撤回公示的理由"}, nil)
	apptest.Check(t, r.office.PostForm(r.path("/office/notices/%d/withdraw", n.ID), url.Values{"version": {"1"},
		"reason": {"名单调整，重新公示"}}), http.StatusSeeOther, "", nil, nil)
	public := r.env.Client()
	apptest.Check(t, public.Get(r.path("/public/notices/%d", n.ID)), http.StatusNotFound, "", nil, nil)
	apptest.Check(t, public.PostMultipart(r.path("/public/notices/%d/objections", n.ID), objection(r.dossiers[0])),
		http.StatusNotFound, "", nil, nil)
	if noticeLink.MatchString(r.office.Get(r.path("/office/notices/%d", n.ID)).Body) {
		t.Error("a withdrawn notice still links to its public page")
	}
}

func TestNoticeSettings(t *testing.T) {
	r := newResultsEnv(t)
	back := r.path("/office/competitions/%d/notices", r.comp.ID)
	res := r.office.PostForm("/office/notice-settings", url.Values{"back": {back}, "issuer": {"江苏省制造强省建设领导小组办公室"},
		"doc_prefix": {"苏制造强省办"}, "holidays": {"2026-10-01\n2026-10-02"}, "workdays": {"2026-10-10"}})
	apptest.Check(t, res, http.StatusSeeOther, back, nil, nil)
	apptest.Check(t, r.office.Get(back), http.StatusOK, "", []string{"苏制造强省办", "2026-10-01", "2026-10-10"}, nil)
	res = r.office.PostForm("/office/notice-settings", url.Values{"back": {back}, "issuer": {"x"}, "doc_prefix": {"y"},
		"holidays": {"10月1日"}})
	apptest.Check(t, res, http.StatusSeeOther, back, nil, nil)
	apptest.Check(t, r.office.Get(back), http.StatusOK, "", []string{"设置未保存", "格式有误", "苏制造强省办"}, nil)
}

// TestResultsFlow_Postgres runs the whole way from frozen stages to the
// published result on PostgreSQL (skipped without TEST_POSTGRES_DSN).
func TestResultsFlow_Postgres(t *testing.T) {
	env := apptest.NewPostgres(t)
	r := newResultsEnvOn(t, env)
	r.throughSelect(t)
	compPath := r.path("/office/competitions/%d", r.comp.ID)
	apptest.Check(t, r.office.PostForm(compPath+"/winners", url.Values{"all": {"1"}}), http.StatusSeeOther, "", nil, nil)
	apptest.Check(t, r.office.PostForm(compPath+"/publicity", publicityForm(r.env)), http.StatusSeeOther, "", nil, nil)
	ns, _ := r.env.Store.FindNotices(t.Context(), store.NoticeFilter{CompetitionID: r.comp.ID})
	public := r.env.Client()
	apptest.Check(t, public.PostMultipart(r.path("/public/notices/%d/objections", ns[0].ID), objection(r.dossiers[0]),
		apptest.File{Field: "evidence", Name: "e.pdf", Data: evidencePDF}), http.StatusSeeOther, "", nil, nil)
	objs, _ := r.env.Store.FindObjections(t.Context(), store.ObjectionFilter{NoticeID: ns[0].ID})
	r.env.Clock.Advance(6 * 24 * time.Hour)
	r.office = r.env.Login("office1")
	apptest.Check(t, r.office.PostForm(r.path("/office/objections/%d", objs[0].ID), url.Values{"status": {"dismissed"},
		"version": {"1"}, "reason": {"不成立"}}), http.StatusSeeOther, "", nil, nil)
	apptest.Check(t, r.office.PostForm(compPath+"/publish", url.Values{"title": {"通知"}, "doc_number": {"苏制强办〔2026〕4号"},
		"addressees": {"各设区市"}}), http.StatusSeeOther, "", nil, nil)
	apptest.Check(t, public.Get(r.path("/public/competitions/%d", r.comp.ID)), http.StatusOK, "", []string{"入选名单（2 个）"}, nil)
}
