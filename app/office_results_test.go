package app_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"chainjudge/app/apptest"
	"chainjudge/app/store"
)

func TestStageResults_PreviewShowsEveryScoreAndWhatBlocksFreezing(t *testing.T) {
	r := newResultsEnv(t)
	st := r.stages[0]
	page := r.office.Get(r.path("/office/stages/%d/results", st.ID))
	apptest.Check(t, page, http.StatusOK, "", []string{
		"预览（未冻结）",
		key(r.dossiers[0]), "江阴市集成电路产业链",
		`<s class="struck" title="去掉的最低分">`, `<s class="struck" title="去掉的最高分">`, // trimmed scores struck through
		`<mark class="flagged"`, "畸高", fixtureFlagReason, // the flagged score and its written reason
		"(22 &#43; 24 &#43; 26) ÷ 3 = 72/3",     // the aggregate explained (html/template escapes +)
		"ICC(2,1)", "Kendall W", "Krippendorff", // agreement with readings
		"评分或核实不完整", "缺少 O1", // objective indicators not verified yet
		"评委编号对照",
	}, []string{`name="hash"`})

	t.Run("FilterByCity", func(t *testing.T) {
		res := r.office.Get(r.path("/office/stages/%d/results?city=%s", st.ID, url.QueryEscape("徐州市")))
		apptest.Check(t, res, http.StatusOK, "", []string{"徐州市起重机产业链", "筛选后 1 个"}, []string{"江阴市集成电路产业链"})
	})
	t.Run("FilterByChainAndSortByKey", func(t *testing.T) {
		res := r.office.Get(r.path("/office/stages/%d/results?chain=%s&sort=key", st.ID, url.QueryEscape("生物医药")))
		apptest.Check(t, res, http.StatusOK, "", []string{"苏州工业园区生物医药产业链", "筛选后 1 个"}, []string{"徐州市起重机产业链"})
	})
	t.Run("Severity", func(t *testing.T) {
		res := r.office.Get(r.path("/office/stages/%d/results?severity=1", st.ID))
		apptest.Check(t, res, http.StatusOK, "", []string{"评委宽严校正（仅供对照）"}, nil)
	})
	t.Run("NotForExperts", func(t *testing.T) {
		expert := r.env.Login("judge0")
		apptest.Check(t, expert.Get(r.path("/office/stages/%d/results", st.ID)), http.StatusForbidden, "", nil, nil)
	})
}

func TestVerifyIndicators(t *testing.T) {
	r := newResultsEnv(t)
	st := r.stages[0]
	d := r.dossiers[0]
	verify := func(form url.Values) *apptest.Response {
		form.Set("dossier", itoa(d.ID))
		form.Set("indicator", "revenue")
		return r.office.PostForm(r.path("/office/stages/%d/verify", st.ID), form)
	}
	apptest.Check(t, r.office.Get(r.path("/office/stages/%d/verify", st.ID)), http.StatusOK, "",
		[]string{"客观指标核实", "主导产业营业收入", "600", "待核实", "否决项", "核心区龙头企业被列入严重失信主体名单"}, nil)

	apptest.Scenario{Name: "CorrectionNeedsANote", As: r.office, Method: http.MethodPost, Path: r.path("/office/stages/%d/verify", st.ID),
		Form:       url.Values{"dossier": {itoa(d.ID)}, "indicator": {"revenue"}, "action": {"correct"}, "value": {"450"}, "version": {"0"}},
		WantStatus: http.StatusUnprocessableEntity, WantContains: []string{"更正数据须写明依据", `value="450"`}}.Run(t, r.env)
	apptest.Scenario{Name: "CorrectionMustBeAValidValue", As: r.office, Method: http.MethodPost, Path: r.path("/office/stages/%d/verify", st.ID),
		Form:       url.Values{"dossier": {itoa(d.ID)}, "indicator": {"revenue"}, "action": {"correct"}, "value": {"-3"}, "note": {"统计局证明"}, "version": {"0"}},
		WantStatus: http.StatusUnprocessableEntity, WantContains: []string{"低于下限"}}.Run(t, r.env)

	apptest.Check(t, verify(url.Values{"action": {"accept"}, "version": {"0"}}), http.StatusSeeOther, "", nil, nil)
	apptest.Check(t, verify(url.Values{"action": {"correct"}, "value": {"450"}, "note": {"以市统计局出具的数据证明为准"}, "version": {"1"}}),
		http.StatusSeeOther, "", nil, nil)
	apptest.Check(t, verify(url.Values{"action": {"accept"}, "version": {"1"}}), http.StatusConflict, "", []string{"已被他人修改"}, nil)
	vers, _ := r.env.Store.FindVerifications(context.Background(), st.ID, d.ID)
	if len(vers) != 1 || vers[0].Value != "450" || vers[0].Status != store.VerifyCorrected || vers[0].Reported != "600" {
		t.Fatalf("verification = %+v; want 600 corrected to 450", vers)
	}
	// 450 falls in the 100 band: 20 points, computed once from the verified value.
	apptest.Check(t, r.office.Get(r.path("/office/stages/%d/results", st.ID)), http.StatusOK, "",
		[]string{"核实值 450亿元 → 20 分"}, nil)

	t.Run("VetoNeedsAReason", func(t *testing.T) {
		res := r.office.PostForm(r.path("/office/stages/%d/vetoes", st.ID), url.Values{"dossier": {itoa(r.dossiers[3].ID)},
			"criterion": {"V1"}, "decision": {"confirmed"}, "version": {"0"}})
		apptest.Check(t, res, http.StatusUnprocessableEntity, "", []string{"请写明理由"}, nil)
	})
	t.Run("ConfirmedVetoDisqualifies", func(t *testing.T) {
		r.confirmVeto(t)
		res := r.office.Get(r.path("/office/stages/%d/results", st.ID))
		apptest.Check(t, res, http.StatusOK, "", []string{"否决（V1）：", "经向市场监管部门核实"}, nil)
	})
	entries, _, _ := r.env.Store.FindAuditEntries(context.Background(), store.AuditFilter{Action: "indicator.verify"})
	vetoes, _, _ := r.env.Store.FindAuditEntries(context.Background(), store.AuditFilter{Action: "veto.decide"})
	if len(entries) != 2 || len(vetoes) != 1 {
		t.Errorf("audit: %d verifications, %d veto decisions; want 2 and 1", len(entries), len(vetoes))
	}
}

func TestFreezeStage_AdvancesAndNeverChanges(t *testing.T) {
	r := newResultsEnv(t)
	st := r.stages[0]
	r.verifyAll(t)
	r.confirmVeto(t)

	apptest.Check(t, r.office.Get(r.path("/office/stages/%d/summary.pdf?panel=%s", st.ID, url.QueryEscape("评审组"))),
		http.StatusConflict, "", []string{"尚未冻结"}, nil)

	apptest.Scenario{Name: "StalePreviewRefused", As: r.office, Method: http.MethodPost,
		Path: r.path("/office/stages/%d/results/freeze", st.ID), Form: url.Values{"hash": {"sha256:stale"}},
		WantStatus: http.StatusConflict, WantContains: []string{"发生了变化"}}.Run(t, r.env)

	res := r.freeze(t, 0)
	apptest.Check(t, res, http.StatusSeeOther, r.path("/office/stages/%d/results", st.ID), nil, nil)
	page := r.office.Get(r.path("/office/stages/%d/results", st.ID))
	apptest.Check(t, page, http.StatusOK, "", []string{"已冻结", "名额线", "晋级理由", "分数线：得分 84 ≥ 门槛 50",
		"触发否决项（V1）", "得分 49 &lt; 门槛 50"}, []string{`name="hash"`, "预览（未冻结）"})
	for _, doc := range []string{
		r.path("/office/stages/%d/summary.pdf?panel=%s", st.ID, url.QueryEscape("评审组")),
		r.path("/office/stages/%d/dossiers/%d/calculation.pdf", st.ID, r.dossiers[2].ID),
	} {
		pdf := r.office.Get(doc)
		if pdf.Code != http.StatusOK || !strings.HasPrefix(pdf.Body, "%PDF-") {
			t.Errorf("%s: %d %.200s", doc, pdf.Code, pdf.Body)
		}
	}
	apptest.Check(t, r.office.Get(r.path("/office/stages/%d/summary.pdf?panel=nope", st.ID)), http.StatusNotFound, "", nil, nil)
	ctx := context.Background()
	entered, _ := r.env.Store.StageEntries(ctx, r.stages[1].ID)
	if len(entered) != 2 || !contains(entered, r.dossiers[0].ID) || !contains(entered, r.dossiers[1].ID) {
		t.Errorf("entered in the next stage: %v; want D1 and D2", entered)
	}
	rec, _ := r.env.Store.FindStageResult(ctx, st.ID)

	apptest.Scenario{Name: "SecondFreezeRefused", As: r.office, Method: http.MethodPost,
		Path: r.path("/office/stages/%d/results/freeze", st.ID), Form: url.Values{"hash": {rec.ResultHash}},
		WantStatus: http.StatusConflict, WantContains: []string{"已冻结"}}.Run(t, r.env)
	apptest.Scenario{Name: "VerificationAfterFreezeRefused", As: r.office, Method: http.MethodPost,
		Path: r.path("/office/stages/%d/verify", st.ID), Form: url.Values{"dossier": {itoa(r.dossiers[0].ID)}, "indicator": {"revenue"},
			"action": {"correct"}, "value": {"1"}, "note": {"改"}, "version": {"1"}},
		WantStatus: http.StatusConflict, WantContains: []string{"结果已冻结"}}.Run(t, r.env)

	// A score changed after freezing (the office reopens a sheet) changes
	// nothing in the frozen result.
	sheets, _ := r.env.Store.FindSheets(ctx, store.SheetFilter{StageID: st.ID, DossierID: r.dossiers[0].ID})
	if err := r.env.Store.ReopenSheet(ctx, store.SystemActor("test"), sheets[0].ID, sheets[0].Version, "测试"); err != nil {
		t.Fatal(err)
	}
	again, _ := r.env.Store.FindStageResult(ctx, st.ID)
	if again.ResultJSON != rec.ResultJSON || again.RubricHash != st.RubricHash {
		t.Error("the frozen result changed after the scores did")
	}
	apptest.Check(t, r.office.Get(r.path("/office/stages/%d/results", st.ID)), http.StatusOK, "", []string{"已冻结", "84.00"}, nil)
}

func TestFreezeStage_Refusals(t *testing.T) {
	r := newResultsEnv(t)
	st := r.stages[0]
	t.Run("PendingStage", func(t *testing.T) {
		res := r.office.PostForm(r.path("/office/stages/%d/results/freeze", r.stages[1].ID), url.Values{"hash": {"x"}})
		apptest.Check(t, res, http.StatusConflict, "", []string{"尚未关闭"}, nil)
		if frozen, _ := r.env.Store.StageResultFrozen(context.Background(), r.stages[1].ID); frozen {
			t.Error("a refused freeze froze")
		}
	})
	t.Run("IncompleteIndicators", func(t *testing.T) {
		page := r.office.Get(r.path("/office/stages/%d/results", st.ID))
		m := hashField.FindStringSubmatch(page.Body)
		if m != nil {
			t.Fatal("a freeze form is offered while indicators are unverified")
		}
		res := r.office.PostForm(r.path("/office/stages/%d/results/freeze", st.ID), url.Values{"hash": {"x"}})
		apptest.Check(t, res, http.StatusConflict, "", []string{"不完整", "缺少 O1"}, nil)
	})
}

func contains(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

func TestResultsHub(t *testing.T) {
	r := newResultsEnv(t)
	apptest.Check(t, r.office.Get("/office/results"), http.StatusOK, "", []string{r.comp.Name, "结果与公示"}, nil)
	res := r.office.Get(r.path("/office/competitions/%d/results", r.comp.ID))
	apptest.Check(t, res, http.StatusOK, "", []string{"申报评审", "未冻结", "核实指标与否决项", "预览与冻结"}, nil)
	if strings.Contains(res.Body, "最终排名与入选名单</a>") {
		t.Error("the final ranking is offered before every stage is frozen")
	}
}
