package app_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"chainjudge/app/apptest"
	"chainjudge/app/store"
	"chainjudge/rubrics"
)

// newCompetition creates a competition through the office's form and returns
// its id.
func newCompetition(t *testing.T, env *apptest.Env, office *apptest.Client) int64 {
	t.Helper()
	ic, _ := env.Store.FindChainByName(t.Context(), "集成电路")
	res := office.PostMultipart("/office/competitions", url.Values{"name": {"2026年度江苏省区域卓越产业链竞赛"},
		"year": {"2026"}, "chain": {itoa(ic.ID)}})
	apptest.Check(t, res, http.StatusSeeOther, "/office/competitions/", nil, nil)
	comps, err := env.Store.FindCompetitions(t.Context())
	if err != nil || len(comps) == 0 {
		t.Fatalf("competitions = %v, %v", comps, err)
	}
	return comps[0].ID
}

func TestCompetition_CreateWithDefaultRubric(t *testing.T) {
	env := apptest.New(t)
	env.CreateUser(store.RoleOffice, "office1", "")
	office := env.Login("office1")

	apptest.Check(t, office.Get("/office/competitions/new"), http.StatusOK, "",
		[]string{"创建竞赛", "集成电路", `name="chain"`}, nil)
	apptest.Scenario{Name: "NeedsChains", As: office, Method: http.MethodPost, Path: "/office/competitions",
		Form: url.Values{"name": {"x"}, "year": {"26"}}, WantStatus: http.StatusUnprocessableEntity,
		WantContains: []string{"请填写四位年份", "请至少选择一条参赛产业链"}}.Run(t, env)

	id := newCompetition(t, env, office)
	comp, _ := env.Store.FindCompetitionByID(t.Context(), id)
	def, _ := rubrics.Default()
	if comp.RubricHash != def.Hash() || comp.RubricSource != "default" {
		t.Errorf("rubric = %s/%s; want the default's hash", comp.RubricSource, comp.RubricHash)
	}
	stages, _ := env.Store.FindStages(t.Context(), id)
	if len(stages) != len(def.Stages) {
		t.Fatalf("stages = %d; want one per rubric stage (%d)", len(stages), len(def.Stages))
	}
	page := office.Get("/office/competitions/" + itoa(id))
	apptest.Check(t, page, http.StatusOK, "", []string{def.Stages[0].Name, "未设定", "保存时间"}, nil)
	apptest.Check(t, office.Get("/office/competitions/"+itoa(id)+"/rubric"), http.StatusOK, "",
		[]string{def.Name, def.Stages[0].Groups[0].Name, "在线修改", "上传评分细则文件"}, nil)
	yaml := office.Get("/office/competitions/" + itoa(id) + "/rubric.yaml")
	apptest.Check(t, yaml, http.StatusOK, "", []string{"stages:"}, nil)
}

func TestCompetition_UploadedRubricProblemsShowLines(t *testing.T) {
	env := apptest.New(t)
	env.CreateUser(store.RoleOffice, "office1", "")
	office := env.Login("office1")
	id := newCompetition(t, env, office)
	before, _ := env.Store.FindCompetitionByID(t.Context(), id)

	_, def := rubrics.Default()
	broken := strings.Replace(string(def), "stages:", "stagez:", 1)
	res := office.PostMultipart("/office/competitions/"+itoa(id)+"/rubric/upload", nil,
		apptest.File{Field: "rubric", Name: "mine.yaml", Data: []byte(broken)})
	apptest.Check(t, res, http.StatusUnprocessableEntity, "", []string{"评分细则文件有", "第 ", "行第 "}, nil)
	after, _ := env.Store.FindCompetitionByID(t.Context(), id)
	if after.RubricHash != before.RubricHash {
		t.Error("a rejected upload changed the stored rubric")
	}

	good := strings.Replace(string(def), "\n", "\n# 注释不影响哈希\n", 1)
	res = office.PostMultipart("/office/competitions/"+itoa(id)+"/rubric/upload", nil,
		apptest.File{Field: "rubric", Name: "mine.yaml", Data: []byte(good)})
	apptest.Check(t, res, http.StatusSeeOther, "/office/competitions/"+itoa(id)+"/rubric", nil, nil)
	after, _ = env.Store.FindCompetitionByID(t.Context(), id)
	if after.RubricSource != "upload" || after.RubricHash != before.RubricHash || after.RubricYAML != good {
		t.Errorf("after upload source=%s hash changed=%v; want upload, same hash (comments only), file kept verbatim",
			after.RubricSource, after.RubricHash != before.RubricHash)
	}
}

func TestCompetition_RubricFormRoundTrips(t *testing.T) {
	env := apptest.New(t)
	env.CreateUser(store.RoleOffice, "office1", "")
	office := env.Login("office1")
	id := newCompetition(t, env, office)
	def, _ := rubrics.Default()
	path := "/office/competitions/" + itoa(id) + "/rubric/form"
	crit := def.Stages[0].Groups[0].Criteria[0]
	critPath := "stages[0].groups[0].criteria[0]"

	t.Run("BadNumberKeepsTypedText", func(t *testing.T) {
		res := office.PostForm(path, url.Values{critPath + ".max": {"十分"}, critPath + ".name": {"改过的名称"}})
		apptest.Check(t, res, http.StatusUnprocessableEntity, "", []string{"请填写数字", `value="十分"`, `value="改过的名称"`}, nil)
	})
	t.Run("SumRuleNamesTheField", func(t *testing.T) {
		bigger := crit.Max.Add(rubrics.MustDecimal("1"))
		res := office.PostForm(path, url.Values{critPath + ".max": {bigger.String()}})
		apptest.Check(t, res, http.StatusUnprocessableEntity, "", []string{"处需要修改", `aria-invalid="true"`}, nil)
		comp, _ := env.Store.FindCompetitionByID(t.Context(), id)
		if comp.RubricSource != "default" {
			t.Error("an invalid form edit was saved")
		}
	})
	t.Run("ValidEditSavesAndRehashes", func(t *testing.T) {
		res := office.PostForm(path, url.Values{critPath + ".guidance": {"新的评分要点：看龙头企业的带动作用。"}, "reason": {"专家意见"}})
		apptest.Check(t, res, http.StatusSeeOther, "/office/competitions/"+itoa(id)+"/rubric", nil, nil)
		comp, _ := env.Store.FindCompetitionByID(t.Context(), id)
		r, err := rubrics.Parse("stored.yaml", []byte(comp.RubricYAML))
		if err != nil {
			t.Fatalf("saved rubric does not parse: %v", err)
		}
		if comp.RubricSource != "form" || comp.RubricHash != r.Hash() || comp.RubricHash == def.Hash() {
			t.Errorf("after form edit: source=%s, stored hash matches content=%v", comp.RubricSource, comp.RubricHash == r.Hash())
		}
		if got := r.Stages[0].Groups[0].Criteria[0].Guidance; got != "新的评分要点：看龙头企业的带动作用。" {
			t.Errorf("guidance = %q", got)
		}
		if r.Stages[0].Groups[0].Criteria[0].Max != crit.Max {
			t.Error("a field the form did not touch changed")
		}
	})
}

func TestStage_TimesOpenFreezeClose(t *testing.T) {
	env := apptest.New(t)
	env.CreateUser(store.RoleOffice, "office1", "")
	office := env.Login("office1")
	id := newCompetition(t, env, office)
	stages, _ := env.Store.FindStages(t.Context(), id)
	st := stages[0]
	stagePath := "/office/stages/" + itoa(st.ID)

	res := office.PostForm(stagePath+"/open", url.Values{"version": {itoa(st.Version)}})
	apptest.Check(t, res, http.StatusSeeOther, "/office/competitions/", nil, nil)
	apptest.Check(t, office.Get(res.Location), http.StatusOK, "", []string{"开启阶段前请先设定时间"}, nil)

	res = office.PostForm(stagePath+"/times", url.Values{"version": {itoa(st.Version)},
		"opens_at": {"2026-03-10T09:00"}, "closes_at": {"2026-03-01T09:00"}})
	apptest.Check(t, office.Get(res.Location), http.StatusOK, "", []string{"申报截止时间须晚于开始时间"}, nil)

	res = office.PostForm(stagePath+"/times", url.Values{"version": {itoa(st.Version)},
		"opens_at": {"2026-03-01T09:00"}, "closes_at": {"2026-03-31T17:00"},
		"review_opens_at": {"2026-04-01T09:00"}, "review_closes_at": {"2026-04-15T17:00"}})
	apptest.Check(t, office.Get(res.Location), http.StatusOK, "", []string{"时间已保存", "2026年3月31日 17:00"}, nil)
	st2, _ := env.Store.FindStageByID(t.Context(), st.ID)
	if want := time.Date(2026, 3, 31, 9, 0, 0, 0, time.UTC); !st2.ClosesAt.Equal(want) {
		t.Errorf("closes at %v; want %v (17:00 China time)", st2.ClosesAt, want)
	}

	t.Run("StaleVersionConflicts", func(t *testing.T) {
		res := office.PostForm(stagePath+"/times", url.Values{"version": {itoa(st.Version)},
			"opens_at": {"2026-03-01T09:00"}, "closes_at": {"2026-03-30T17:00"}})
		apptest.Check(t, res, http.StatusConflict, "", []string{"数据已被他人修改"}, nil)
	})

	res = office.PostForm(stagePath+"/open", url.Values{"version": {itoa(st2.Version)}})
	apptest.Check(t, office.Get(res.Location), http.StatusOK, "", []string{"已开启，评分细则已冻结", "申报中"}, nil)
	st3, _ := env.Store.FindStageByID(t.Context(), st.ID)
	comp, _ := env.Store.FindCompetitionByID(t.Context(), id)
	if st3.RubricHash != comp.RubricHash {
		t.Errorf("stage froze hash %q; want the competition's %q", st3.RubricHash, comp.RubricHash)
	}

	t.Run("FrozenRubricRefusesEdits", func(t *testing.T) {
		_, def := rubrics.Default()
		res := office.PostMultipart("/office/competitions/"+itoa(id)+"/rubric/upload", nil,
			apptest.File{Field: "rubric", Name: "x.yaml", Data: def})
		apptest.Check(t, res, http.StatusConflict, "", []string{"评分细则已冻结"}, nil)
		apptest.Check(t, office.Get("/office/competitions/"+itoa(id)+"/rubric"), http.StatusOK, "",
			[]string{"已冻结"}, []string{"在线修改"})
	})

	t.Run("ApplicantSeesOpenStageWithinWindow", func(t *testing.T) {
		env.CreateUser(store.RoleApplicant, "jiangyin", "江阴市")
		app := env.Login("jiangyin")
		apptest.Check(t, app.Get("/applicant"), http.StatusOK, "", []string{"2026年度江苏省区域卓越产业链竞赛", "进行中"}, nil)
		env.Clock.T = time.Date(2026, 4, 2, 0, 0, 0, 0, time.UTC) // after the filing deadline
		app = env.Login("jiangyin")
		apptest.Check(t, app.Get("/applicant"), http.StatusOK, "", []string{"不在时间窗口内"}, nil)
	})
	office = env.Login("office1")

	res = office.PostForm(stagePath+"/close", url.Values{"version": {itoa(st3.Version)}})
	apptest.Check(t, office.Get(res.Location), http.StatusOK, "", []string{"已关闭"}, nil)
	entries, _, _ := env.Store.FindAuditEntries(t.Context(), store.AuditFilter{Entity: "stage", EntityID: itoa(st.ID)})
	if len(entries) != 3 { // the rejected times were not saved
		var actions []string
		for _, e := range entries {
			actions = append(actions, e.Action)
		}
		t.Errorf("stage audit = %v; want close, open, times", actions)
	}
}
