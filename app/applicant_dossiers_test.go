package app_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"chainjudge/app"
	"chainjudge/app/apptest"
	"chainjudge/app/dossier"
	"chainjudge/app/files/filestest"
	"chainjudge/app/store"
	"chainjudge/rubrics"
)

// filingEnv is a competition on the default rubric whose filing stage is
// open from a day before apptest.Start to ten days after, with applicants
// for 江阴市 and 无锡市, an expert and an office account.
type filingEnv struct {
	env    *apptest.Env
	comp   *store.Competition
	stage  *store.Stage
	rules  *rubrics.Stage
	chain  *store.Chain
	jy, wx *apptest.Client
	office *apptest.Client
}

const filingDays = 10

func newFilingEnv(t *testing.T, opts ...apptest.Option) *filingEnv {
	t.Helper()
	return newFilingEnvOn(t, apptest.New(t, opts...))
}

// newFilingEnvOn sets the scene on a given server (e.g. on PostgreSQL).
func newFilingEnvOn(t *testing.T, env *apptest.Env) *filingEnv {
	t.Helper()
	ctx := context.Background()
	r, text := rubrics.Default()
	chains, _ := env.Store.FindChains(ctx, store.ChainFilter{ActiveOnly: true})
	var ids []int64
	for _, ch := range chains {
		ids = append(ids, ch.ID)
	}
	day := 24 * time.Hour
	var stages []store.Stage
	for i, s := range r.Stages {
		st := store.Stage{Key: s.ID, Name: s.Name, Seq: i + 1}
		if i == 0 {
			st.OpensAt, st.ClosesAt = apptest.Start.Add(-day), apptest.Start.Add(filingDays*day)
		}
		stages = append(stages, st)
	}
	comp, err := env.Store.CreateCompetition(ctx, store.SystemActor("test"), store.NewCompetition{Name: "2026年度区域卓越产业链竞赛",
		Year: 2026, RubricYAML: string(text), RubricHash: r.Hash(), RubricSource: "default", ChainIDs: ids, Stages: stages})
	if err != nil {
		t.Fatal(err)
	}
	all, _ := env.Store.FindStages(ctx, comp.ID)
	if err := env.Store.OpenStage(ctx, store.SystemActor("test"), all[0].ID, all[0].Version); err != nil {
		t.Fatal(err)
	}
	fe := &filingEnv{env: env, comp: comp, rules: &r.Stages[0]}
	fe.stage, _ = env.Store.FindStageByID(ctx, all[0].ID)
	fe.chain, _ = env.Store.FindChainByName(ctx, "集成电路")
	env.CreateUser(store.RoleApplicant, "jiangyin", "江阴市")
	env.CreateUser(store.RoleApplicant, "wuxi", "无锡市")
	env.CreateUser(store.RoleOffice, "office1", "")
	env.CreateUser(store.RoleExpert, "expert1", "南京市")
	fe.jy, fe.wx, fe.office = env.Login("jiangyin"), env.Login("wuxi"), env.Login("office1")
	return fe
}

func (fe *filingEnv) region(t *testing.T, name string) *store.Region {
	t.Helper()
	r, err := fe.env.Store.FindRegionByName(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// create starts a dossier through the form and returns its id.
func (fe *filingEnv) create(t *testing.T, c *apptest.Client, chain *store.Chain, collab ...string) int64 {
	t.Helper()
	form := url.Values{"competition": {itoa(fe.comp.ID)}, "chain": {itoa(chain.ID)}}
	for _, name := range collab {
		form.Add("collab", itoa(fe.region(t, name).ID))
	}
	res := c.PostForm("/applicant/dossiers", form)
	apptest.Check(t, res, http.StatusSeeOther, "/applicant/dossiers/", nil, nil)
	id, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(res.Location, "/applicant/dossiers/"), "/edit"), 10, 64)
	if err != nil {
		t.Fatalf("redirect %q", res.Location)
	}
	return id
}

func (fe *filingEnv) dossier(t *testing.T, id int64) *store.Dossier {
	t.Helper()
	d, err := fe.env.Store.FindDossierByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// validCode completes a 17-character prefix into a valid 统一社会信用代码.
func validCode(t *testing.T, prefix string) string {
	t.Helper()
	c, err := dossier.CreditCodeCheckChar(prefix)
	if err != nil {
		t.Fatal(err)
	}
	return prefix + string(c)
}

// completeForm is a draft form that satisfies every requirement of the
// filing stage (attachments aside), at the dossier's current version.
func (fe *filingEnv) completeForm(t *testing.T, id int64) url.Values {
	t.Helper()
	d := fe.dossier(t, id)
	form := url.Values{"version": {itoa(d.Version)}, "title": {d.Title}}
	areas, _ := fe.env.Store.DossierAreas(context.Background(), []int64{id})
	for _, a := range areas[id] {
		if a.Role == store.AreaCollab {
			form.Add("collab", itoa(a.RegionID))
		}
	}
	for _, ind := range fe.rules.Requirements.Indicators {
		form.Set(dossier.IndicatorField(ind.ID), "12")
	}
	for _, sec := range fe.rules.Requirements.Sections {
		form.Set(dossier.SectionField(sec.ID), strings.Repeat("集成电路产业链协同发展，龙头企业带动明显。", sec.MinChars/20+1))
	}
	for i := 0; i < fe.rules.Requirements.LeadEnterprises.Min; i++ {
		form.Set(dossier.EnterpriseField(i, "name"), "江苏测试企业"+strconv.Itoa(i)+"有限公司")
		form.Set(dossier.EnterpriseField(i, "code"), validCode(t, "91320281MA1X0000"+strconv.Itoa(i)))
		form.Set(dossier.EnterpriseField(i, "role"), "封装测试")
	}
	for i := 0; i < fe.rules.Requirements.KeyProjects.Min; i++ {
		form.Set(dossier.ProjectField(i, "name"), "重点项目"+strconv.Itoa(i))
		form.Set(dossier.ProjectField(i, "owner"), "江苏测试企业0有限公司")
		form.Set(dossier.ProjectField(i, "investment"), "12.5")
		form.Set(dossier.ProjectField(i, "period"), "2025—2027")
	}
	form.Set(dossier.MaskTermsKey, "测试企业")
	return form
}

// requiredFiles are real files for every required attachment.
func requiredFiles() map[string]apptest.File {
	return map[string]apptest.File{
		"application_form":        {Field: "file", Name: "申报书.pdf", Data: filestest.PDF("application form")},
		"statistics_proof":        {Field: "file", Name: "统计证明.pdf", Data: filestest.PDF("statistics proof")},
		"enterprise_project_list": {Field: "file", Name: "重点企业和项目清单.xlsx", Data: filestest.XLSX("清单")},
		"integrity_pledge":        {Field: "file", Name: "承诺书.pdf", Data: filestest.PDF("pledge")},
	}
}

func upload(c *apptest.Client, id int64, requirement string, f apptest.File) *apptest.Response {
	return c.PostMultipart("/applicant/dossiers/"+itoa(id)+"/attachments", url.Values{"requirement": {requirement}}, f)
}

// fill saves a complete draft and uploads the required files.
func (fe *filingEnv) fill(t *testing.T, c *apptest.Client, id int64) {
	t.Helper()
	res := c.PostForm("/applicant/dossiers/"+itoa(id)+"/draft", fe.completeForm(t, id))
	apptest.Check(t, res, http.StatusSeeOther, "/applicant/dossiers/"+itoa(id)+"/edit", nil, nil)
	for req, f := range requiredFiles() {
		apptest.Check(t, upload(c, id, req, f), http.StatusSeeOther, "/applicant/dossiers/"+itoa(id)+"/edit", nil, nil)
	}
}

func (fe *filingEnv) submit(c *apptest.Client, id int64, version int64) *apptest.Response {
	return c.PostForm("/applicant/dossiers/"+itoa(id)+"/submit", url.Values{"version": {itoa(version)}})
}

// postJSON posts a form the way the autosave script does.
func postJSON(c *apptest.Client, path string, form url.Values) (*apptest.Response, map[string]any) {
	form.Set("csrf", c.CSRF())
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Requested-With", "fetch")
	req.Header.Set("Accept", "application/json")
	res := c.Do(req)
	var body map[string]any
	_ = json.Unmarshal([]byte(res.Body), &body)
	return res, body
}

func TestDossier_FileSubmitAndReceipt(t *testing.T) {
	fe := newFilingEnv(t)
	apptest.Check(t, fe.jy.Get("/applicant"), http.StatusOK, "",
		[]string{fe.comp.Name, "新建申报书", "/applicant/dossiers/new?competition=" + itoa(fe.comp.ID)}, nil)
	apptest.Check(t, fe.jy.Get("/applicant/dossiers/new?competition="+itoa(fe.comp.ID)), http.StatusOK, "",
		[]string{"集成电路", "宜兴市", `name="collab"`, "核心区：<strong>江阴市</strong>"}, nil)

	id := fe.create(t, fe.jy, fe.chain, "宜兴市", "无锡市")
	edit := fe.jy.Get("/applicant/dossiers/" + itoa(id) + "/edit")
	apptest.Check(t, edit, http.StatusOK, "", []string{"江阴市集成电路产业链", "主导产业营业收入", "亿元", "产业链发展概况",
		`data-maxchars="5000"`, `data-autosave="/applicant/dossiers/` + itoa(id) + `/draft"`, "统一社会信用代码",
		"申报书（盖章扫描件）", `enctype="multipart/form-data"`, "?csrf="}, nil)

	fe.fill(t, fe.jy, id)
	d := fe.dossier(t, id)
	review := fe.jy.Get("/applicant/dossiers/" + itoa(id) + "/review")
	apptest.Check(t, review, http.StatusOK, "", []string{"内容已齐全", "确认提交", "申报书.pdf", "江苏测试企业0有限公司"}, []string{"需要补充"})

	res := fe.submit(fe.jy, id, d.Version)
	apptest.Check(t, res, http.StatusSeeOther, "/applicant/dossiers/"+itoa(id)+"/receipt", nil, nil)
	d = fe.dossier(t, id)
	if d.Status != store.DossierSubmitted || d.NumberString() != "2026-0001" || !strings.HasPrefix(d.ContentHash, "sha256:") {
		t.Fatalf("after submit: %+v", d)
	}
	if !strings.Contains(review.Body, d.ContentHash) {
		t.Errorf("the review page did not announce the hash the receipt records (%s)", d.ContentHash)
	}
	receipt := fe.jy.Get(res.Location)
	apptest.Check(t, receipt, http.StatusOK, "", []string{"申报回执", "2026-0001", d.ContentHash, "2026年3月2日 17:00",
		"承诺书.pdf", "宜兴市、无锡市", "receipt.pdf"}, nil)
	pdf := fe.jy.Get(res.Location + ".pdf")
	if pdf.Code != http.StatusOK || pdf.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(pdf.Body, "%PDF-") ||
		!strings.Contains(pdf.Header.Get("Content-Disposition"), "2026-0001") {
		t.Errorf("PDF receipt: %d %v", pdf.Code, pdf.Header)
	}
	apptest.Check(t, fe.wx.Get(res.Location+".pdf"), http.StatusNotFound, "", nil, nil)

	// Read-only after submission.
	apptest.Check(t, fe.jy.Get("/applicant/dossiers/"+itoa(id)+"/edit"), http.StatusSeeOther, "/applicant/dossiers/"+itoa(id), nil, nil)
	apptest.Check(t, fe.jy.PostForm("/applicant/dossiers/"+itoa(id)+"/draft", fe.completeForm(t, id)), http.StatusConflict, "",
		[]string{"不能修改", "您刚才填写的内容仍在下方"}, nil)
	apptest.Check(t, upload(fe.jy, id, "photos", apptest.File{Field: "file", Name: "a.png", Data: filestest.PNG()}),
		http.StatusConflict, "", []string{"不能修改"}, nil)
	if after := fe.dossier(t, id); after.Version != d.Version || after.Content != d.Content {
		t.Error("a post after submission changed the dossier")
	}

	// The office sees it in the queue and can check the hash.
	queue := fe.office.Get("/office/dossiers")
	apptest.Check(t, queue, http.StatusOK, "", []string{"2026-0001", "江阴市集成电路产业链", "江阴市", "无锡市", "审查"}, nil)
	page := fe.office.Get("/office/dossiers/" + itoa(id))
	apptest.Check(t, page, http.StatusOK, "", []string{"与现存内容一致", "记录决定", "91320281MA1X0000", "宜兴市"}, nil)
	entries, _, _ := fe.env.Store.FindAuditEntries(context.Background(), store.AuditFilter{Entity: "dossier", EntityID: itoa(id)})
	actions := map[string]bool{}
	for _, e := range entries {
		actions[e.Action] = true
	}
	for _, a := range []string{"dossier.create", "dossier.attach", "dossier.submit"} {
		if !actions[a] {
			t.Errorf("audit log has no %s for the dossier (has %v)", a, actions)
		}
	}
}

func TestDossier_DraftKeepsTypedTextOnErrors(t *testing.T) {
	fe := newFilingEnv(t)
	id := fe.create(t, fe.jy, fe.chain)
	path := "/applicant/dossiers/" + itoa(id) + "/draft"
	form := url.Values{"version": {itoa(fe.dossier(t, id).Version)}, "title": {"江阴市集成电路产业链"},
		"indicators.main_revenue":   {"很多"},
		"indicators.revenue_growth": {"8.5%"},
		"sections.overview":         {"江阴市集成电路产业起步于上世纪七十年代，\r\n封装测试规模全国领先。"},
		"enterprises[0].name":       {"江苏长电科技股份有限公司"},
		"enterprises[0].code":       {"914403001922038217"},
		"projects[0].investment":    {"十亿"},
	}
	res := fe.jy.PostForm(path, form)
	apptest.Check(t, res, http.StatusUnprocessableEntity, "", []string{
		"草稿已于", "有 3 处需要修改",
		`value="很多"`, "“很多”不是数字",
		"校验位不正确", `value="914403001922038217"`,
		"封装测试规模全国领先", `value="江苏长电科技股份有限公司"`,
		"总投资“十亿”不是数字",
		`aria-invalid="true"`,
	}, nil)
	d := fe.dossier(t, id)
	c, _ := dossier.Parse(d.Content)
	if c.Indicators["main_revenue"] != "很多" || !strings.Contains(c.Sections["overview"], "\n封装测试") ||
		c.Enterprises[0].CreditCode != "914403001922038217" {
		t.Errorf("stored draft = %s; want exactly what was typed", d.Content)
	}

	t.Run("AutosaveAnswersJSONWithFieldPaths", func(t *testing.T) {
		form.Set("version", itoa(fe.dossier(t, id).Version))
		res, body := postJSON(fe.jy, path, form)
		if res.Code != http.StatusUnprocessableEntity || body["saved"] != true {
			t.Fatalf("status %d body %s; want 422 saved", res.Code, res.Body)
		}
		fields, _ := body["fields"].(map[string]any)
		if fields["enterprises[0].code"] == nil || fields["indicators.main_revenue"] == nil || fields["projects[0].investment"] == nil {
			t.Errorf("fields = %v; want the three field paths", fields)
		}
		if v, _ := body["version"].(float64); int64(v) != fe.dossier(t, id).Version {
			t.Errorf("version = %v; want the saved version %d", body["version"], fe.dossier(t, id).Version)
		}
		good := fe.completeForm(t, id)
		res, body = postJSON(fe.jy, path, good)
		if res.Code != http.StatusOK || !strings.Contains(body["message"].(string), "自动保存") {
			t.Errorf("clean autosave: %d %s", res.Code, res.Body)
		}
		stale := fe.completeForm(t, id)
		stale.Set("version", "1")
		res, body = postJSON(fe.jy, path, stale)
		if res.Code != http.StatusConflict || body["error"] == nil {
			t.Errorf("stale autosave: %d %s; want 409 with an error", res.Code, res.Body)
		}
	})

	t.Run("AutosaveNamesTheRowAsTyped", func(t *testing.T) {
		// Row 0 left empty, the bad code in row 1: the content keeps one
		// row, but the script must mark the input the applicant typed in.
		f := fe.completeForm(t, id)
		for k := range f {
			if strings.HasPrefix(k, "enterprises[") {
				f.Del(k)
			}
		}
		f.Set("enterprises[0].name", "")
		f.Set("enterprises[1].name", "江苏长电科技股份有限公司")
		f.Set("enterprises[1].code", "914403001922038217")
		res, body := postJSON(fe.jy, path, f)
		if res.Code != http.StatusUnprocessableEntity {
			t.Fatalf("status %d body %s; want 422", res.Code, res.Body)
		}
		fields, _ := body["fields"].(map[string]any)
		if fields["enterprises[1].code"] == nil || fields["enterprises[0].code"] != nil {
			t.Errorf("fields = %v; want the error on enterprises[1].code, the row as typed", fields)
		}
	})

	t.Run("StaleFormShowsTypedTextAgain", func(t *testing.T) {
		stale := url.Values{"version": {"1"}, "title": {"江阴市集成电路产业链"}, "sections.plan": {"三年目标：营业收入突破三千亿元。"}}
		res := fe.jy.PostForm(path, stale)
		apptest.Check(t, res, http.StatusConflict, "", []string{"您刚才填写的内容仍在下方", "三年目标：营业收入突破三千亿元。",
			`name="version" value="` + itoa(fe.dossier(t, id).Version) + `"`}, nil)
	})
}

func TestDossier_ExpiredSessionKeepsTheDraft(t *testing.T) {
	fe := newFilingEnv(t)
	id := fe.create(t, fe.jy, fe.chain)
	fe.env.Clock.Advance(5 * time.Hour) // past the idle timeout, still before the deadline
	form := url.Values{"version": {itoa(fe.dossier(t, id).Version)}, "title": {"江阴市集成电路产业链"},
		"sections.overview": {"登录过期前写下的一段话。"}}
	res := fe.jy.PostForm("/applicant/dossiers/"+itoa(id)+"/draft", form)
	apptest.Check(t, res, http.StatusSeeOther, "/login", nil, nil)
	if strings.Contains(fe.dossier(t, id).Content, "登录过期前") {
		t.Fatal("the form was saved without a session")
	}
	res = fe.jy.Login("jiangyin", apptest.DefaultPassword)
	apptest.Check(t, res, http.StatusSeeOther, "/resume", nil, nil)
	apptest.Check(t, fe.jy.Get("/resume"), http.StatusOK, "", []string{"登录过期前写下的一段话。",
		`action="/applicant/dossiers/` + itoa(id) + `/draft"`}, nil)
	res = fe.jy.PostForm("/applicant/dossiers/"+itoa(id)+"/draft", form) // what 继续提交 posts
	apptest.Check(t, res, http.StatusSeeOther, "/applicant/dossiers/"+itoa(id)+"/edit", nil, nil)
	apptest.Check(t, fe.jy.Get(res.Location), http.StatusOK, "", []string{"登录过期前写下的一段话。", "草稿已于"}, nil)
}

func TestDossier_SubmissionRefusals(t *testing.T) {
	fe := newFilingEnv(t)
	id := fe.create(t, fe.jy, fe.chain)
	form := fe.completeForm(t, id)
	form.Del("indicators.main_revenue")
	apptest.Check(t, fe.jy.PostForm("/applicant/dossiers/"+itoa(id)+"/draft", form), http.StatusSeeOther, "", nil, nil)
	before := fe.dossier(t, id)

	t.Run("Incomplete", func(t *testing.T) {
		res := fe.submit(fe.jy, id, before.Version)
		apptest.Check(t, res, http.StatusUnprocessableEntity, "", []string{"提交未成功", "请填写主导产业营业收入",
			"请上传“申报书（盖章扫描件）”", `id="err-indicators.main_revenue"`}, nil)
		res, body := postJSON(fe.jy, "/applicant/dossiers/"+itoa(id)+"/submit", url.Values{"version": {itoa(before.Version)}})
		fields, _ := body["fields"].(map[string]any)
		if res.Code != http.StatusUnprocessableEntity || fields["indicators.main_revenue"] == nil || fields["attachments.application_form"] == nil {
			t.Errorf("API submit: %d %s; want 422 with field paths", res.Code, res.Body)
		}
		apptest.Check(t, fe.jy.Get("/applicant/dossiers/"+itoa(id)+"/review"), http.StatusOK, "",
			[]string{"处需要补充或修改", "/edit#f-indicators.main_revenue"}, []string{"确认提交"})
	})
	if after := fe.dossier(t, id); after.Status != store.DossierDraft || after.Version != before.Version || after.Number != nil {
		t.Fatalf("a refused submission changed the draft: %+v", after)
	}

	fe.fill(t, fe.jy, id)
	ready := fe.dossier(t, id)
	t.Run("StaleVersion", func(t *testing.T) {
		apptest.Check(t, fe.submit(fe.jy, id, ready.Version-1), http.StatusConflict, "", []string{"其他窗口"}, nil)
	})
	t.Run("Late", func(t *testing.T) {
		fe.env.Clock.T = fe.stage.ClosesAt
		defer func() { fe.env.Clock.T = apptest.Start }()
		late := fe.env.Login("jiangyin")
		apptest.Check(t, fe.submit(late, id, ready.Version), http.StatusConflict, "", []string{"申报已于", "截止"}, nil)
		apptest.Check(t, late.Get("/applicant/dossiers/"+itoa(id)+"/review"), http.StatusOK, "", []string{"截止"}, []string{"确认提交"})
		apptest.Check(t, late.Get("/applicant"), http.StatusOK, "", []string{"目前没有正在受理申报的竞赛"}, nil)
	})
	if after := fe.dossier(t, id); after.Status != store.DossierDraft || after.Version != ready.Version {
		t.Fatalf("a refused submission changed the draft: %+v", after)
	}
	apptest.Check(t, fe.submit(fe.jy, id, ready.Version), http.StatusSeeOther, "", nil, nil)
}

func TestDossier_OnePerRegionAndChain(t *testing.T) {
	fe := newFilingEnv(t)
	id := fe.create(t, fe.jy, fe.chain)
	res := fe.jy.PostForm("/applicant/dossiers", url.Values{"competition": {itoa(fe.comp.ID)}, "chain": {itoa(fe.chain.ID)}})
	apptest.Check(t, res, http.StatusConflict, "", []string{"已申报“集成电路”产业链", "每条产业链只能申报一份"}, nil)
	apptest.Check(t, fe.jy.Get("/applicant/dossiers/new?competition="+itoa(fe.comp.ID)), http.StatusOK, "", []string{"（已申报）"}, nil)
	res = fe.jy.PostForm("/applicant/dossiers", url.Values{"competition": {itoa(fe.comp.ID)}, "chain": {"999999"},
		"collab": {itoa(fe.region(t, "江阴市").ID)}})
	apptest.Check(t, res, http.StatusUnprocessableEntity, "", []string{"请选择本次竞赛范围内的一条产业链", "协同区选择有误"}, nil)
	if ds, _ := fe.env.Store.FindDossiers(context.Background(), store.DossierFilter{}); len(ds) != 1 || ds[0].ID != id {
		t.Errorf("dossiers = %d; want only the first", len(ds))
	}
}

func TestDossier_AccessIsByRegionAndRole(t *testing.T) {
	fe := newFilingEnv(t)
	id := fe.create(t, fe.jy, fe.chain)
	fe.fill(t, fe.jy, id)
	atts, _ := fe.env.Store.FindAttachments(context.Background(), id)
	p := "/applicant/dossiers/" + itoa(id)
	expert := fe.env.Login("expert1")
	for _, sc := range []apptest.Scenario{
		{Name: "OtherRegionShow", As: fe.wx, Path: p, WantStatus: http.StatusNotFound, WantNotContain: []string{"江阴市集成电路"}},
		{Name: "OtherRegionEdit", As: fe.wx, Path: p + "/edit", WantStatus: http.StatusNotFound},
		{Name: "OtherRegionReceipt", As: fe.wx, Path: p + "/receipt", WantStatus: http.StatusNotFound},
		{Name: "OtherRegionFile", As: fe.wx, Path: p + "/attachments/" + itoa(atts[0].ID), WantStatus: http.StatusNotFound},
		{Name: "OtherRegionDraft", As: fe.wx, Method: http.MethodPost, Path: p + "/draft", Form: url.Values{"title": {"x"}}, WantStatus: http.StatusNotFound},
		{Name: "OtherRegionSubmit", As: fe.wx, Method: http.MethodPost, Path: p + "/submit", WantStatus: http.StatusNotFound},
		{Name: "OtherRegionWithdraw", As: fe.wx, Method: http.MethodPost, Path: p + "/withdraw", Form: url.Values{"reason": {"x"}}, WantStatus: http.StatusNotFound},
		{Name: "MissingDossier", As: fe.jy, Path: "/applicant/dossiers/99999", WantStatus: http.StatusNotFound},
		{Name: "FileOfAnotherDossier", As: fe.jy, Path: p + "/attachments/99999", WantStatus: http.StatusNotFound},
		{Name: "OwnRegion", As: fe.jy, Path: p, WantStatus: http.StatusOK, WantContains: []string{"江阴市集成电路"}},
		{Name: "OfficeOnApplicantPages", As: fe.office, Path: p, WantStatus: http.StatusForbidden},
		{Name: "ExpertOnApplicantPages", As: expert, Path: p, WantStatus: http.StatusForbidden},
		{Name: "ApplicantOnOfficeQueue", As: fe.jy, Path: "/office/dossiers", WantStatus: http.StatusForbidden},
		{Name: "ApplicantOnOfficeDossier", As: fe.jy, Path: "/office/dossiers/" + itoa(id), WantStatus: http.StatusForbidden},
		{Name: "ApplicantDecides", As: fe.jy, Method: http.MethodPost, Path: "/office/dossiers/" + itoa(id) + "/decision",
			Form: url.Values{"decision": {"pass"}}, WantStatus: http.StatusForbidden},
		{Name: "ExpertOnOfficeQueue", As: expert, Path: "/office/dossiers", WantStatus: http.StatusForbidden},
		{Name: "Anonymous", Path: p, WantStatus: http.StatusSeeOther, WantLocation: "/login"},
	} {
		sc.Run(t, fe.env)
	}
	if d := fe.dossier(t, id); d.Status != store.DossierDraft || d.Title != "江阴市集成电路产业链" {
		t.Errorf("another region's posts changed the dossier: %+v", d)
	}
}

func TestDossier_WithdrawAndReopen(t *testing.T) {
	fe := newFilingEnv(t)
	id := fe.create(t, fe.jy, fe.chain)
	fe.fill(t, fe.jy, id)
	apptest.Check(t, fe.submit(fe.jy, id, fe.dossier(t, id).Version), http.StatusSeeOther, "", nil, nil)
	p := "/applicant/dossiers/" + itoa(id)
	apptest.Check(t, fe.jy.Get(p), http.StatusOK, "", []string{"撤回申报书", "申报回执"}, nil)
	d := fe.dossier(t, id)
	res := fe.jy.PostForm(p+"/withdraw", url.Values{"version": {itoa(d.Version)}})
	apptest.Check(t, res, http.StatusUnprocessableEntity, "", []string{"请说明撤回原因"}, nil)
	res = fe.jy.PostForm(p+"/withdraw", url.Values{"version": {itoa(d.Version)}, "reason": {"与无锡市合并申报"}})
	apptest.Check(t, res, http.StatusSeeOther, p, nil, nil)
	d = fe.dossier(t, id)
	if d.Status != store.DossierWithdrawn {
		t.Fatalf("status = %s; want withdrawn", d.Status)
	}
	entries, _, _ := fe.env.Store.FindAuditEntries(context.Background(), store.AuditFilter{Action: "dossier.withdraw", EntityID: itoa(id)})
	if len(entries) != 1 || entries[0].Reason != "与无锡市合并申报" || !strings.Contains(entries[0].ActorName, "jiangyin") {
		t.Errorf("withdrawal audit = %+v", entries)
	}
	apptest.Check(t, fe.jy.Get(p+"/receipt"), http.StatusOK, "", []string{"已被退回或撤回"}, nil)
	apptest.Check(t, fe.jy.PostForm(p+"/reopen", url.Values{"version": {itoa(d.Version)}}), http.StatusSeeOther, p+"/edit", nil, nil)
	d = fe.dossier(t, id)
	if d.Status != store.DossierDraft || d.NumberString() != "2026-0001" {
		t.Errorf("reopened = %+v; want a draft keeping its number", d)
	}
	fe.env.Clock.T = fe.stage.ClosesAt.Add(time.Minute)
	res = fe.env.Login("jiangyin").PostForm(p+"/withdraw", url.Values{"version": {itoa(d.Version)}, "reason": {"晚了"}})
	apptest.Check(t, res, http.StatusConflict, "", []string{"截止"}, nil)
}

// limits sets small upload caps.
func limits(perFile, perDossier int64) apptest.Option {
	return func(c *app.Config) { c.MaxUploadBytes, c.MaxDossierBytes = perFile, perDossier }
}
