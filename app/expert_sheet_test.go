package app_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"chainjudge/app/apptest"
	"chainjudge/app/files"
	"chainjudge/app/files/filestest"
	"chainjudge/app/store"
)

// fullSheet is a complete answer to the default rubric's expert criteria
// of the first stage, with A1.4 and A3.3 as given.
func fullSheet(version int64, a14, a33, comment string) url.Values {
	return url.Values{"version": {itoa(version)}, "points:A1.4": {a14}, "comment:A1.4": {comment},
		"grade:A2.4": {"良"}, "points:A2.4": {"5"}, "points:A3.3": {a33}, "points:A4.4": {"4.5"},
		"grade:A5.1": {"良"}, "points:A5.1": {"9"}, "points:A5.2": {"3"}, "points:A5.3": {"3"}, "veto:A6.1": {"no"},
		"overall": {"总体较好。"}}
}

// sheetOf returns the expert's sheet on the dossier (nil before the first save).
func (re *reviewEnv) sheetOf(t *testing.T, d *store.Dossier, u *store.User) *store.ScoreSheet {
	t.Helper()
	sheets, err := re.env.Store.FindSheets(context.Background(), store.SheetFilter{StageID: re.stage.ID, DossierID: d.ID, ExpertID: u.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(sheets) == 0 {
		return nil
	}
	return &sheets[0]
}

func (re *reviewEnv) version(t *testing.T, d *store.Dossier, u *store.User) int64 {
	if sh := re.sheetOf(t, d, u); sh != nil {
		return sh.Version
	}
	return 0
}

// sign fills in and signs a complete sheet through the pages.
func (re *reviewEnv) sign(t *testing.T, d *store.Dossier, u *store.User, a14, a33, comment string) {
	t.Helper()
	c := re.env.Login(u.Username)
	path := re.sheetPath(d)
	res := c.PostForm(path+"/submit", fullSheet(re.version(t, d, u), a14, a33, comment))
	apptest.Check(t, res, http.StatusSeeOther, path+"/sign", nil, nil)
	res = c.PostForm(path+"/sign", url.Values{"version": {itoa(re.version(t, d, u))}, "password": {apptest.DefaultPassword}})
	apptest.Check(t, res, http.StatusSeeOther, path, nil, nil)
}

// autosave posts the form the way the page's script does.
func autosave(c *apptest.Client, path string, form url.Values) *apptest.Response {
	form.Set("csrf", c.CSRF())
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Requested-With", "fetch")
	req.Header.Set("Accept", "application/json")
	return c.Do(req)
}

func TestExpertSheet_ScoreSignAndLock(t *testing.T) {
	re := newReviewEnv(t, 3, true)
	ctx := context.Background()
	re.draw(t, drawForm("sheet"))
	d := re.dossiers["江阴市"]
	panel := re.assigned(t, d)
	a, b := panel[0], panel[1]
	ca := re.env.Login(a.Username)
	path := re.sheetPath(d)

	t.Run("ConflictedAndUnassignedExpertsGet404", func(t *testing.T) {
		apptest.Check(t, re.env.Login("e_wuxi").Get(path), http.StatusNotFound, "", nil, []string{"江阴"})
		apptest.Check(t, re.env.Login("e_wuxi").PostForm(path+"/draft", url.Values{"points:A1.4": {"8"}}), http.StatusNotFound, "", nil, nil)
	})
	t.Run("BlindSheetFollowsTheRubric", func(t *testing.T) {
		apptest.Check(t, ca.Get(path), http.StatusOK, "", []string{"A1.4", "地标特征", "满分 8，步长 0.5", `name="grade:A2.4"`,
			`name="veto:A6.1"`, "按申报数据计算 <strong>6</strong> 分", "由办公室按核实数据计分，专家不评分", `data-autosave="` + path + `/draft"`,
			"盲评", "××集成电路产业规模", "集成电路（集成电路集群）"}, []string{"江阴", "宜兴", "集成电路（集成电路）"})
		apptest.Check(t, ca.Get("/expert"), http.StatusOK, "", []string{"未开始", path}, []string{"江阴"})
	})
	t.Run("OffStepAndOverMaxRefused", func(t *testing.T) {
		res := ca.PostForm(path+"/draft", url.Values{"version": {"0"}, "points:A1.4": {"7.3"}, "points:A3.3": {"5"}, "comment:A3.3": {"协作机制完善"}})
		apptest.Check(t, res, http.StatusUnprocessableEntity, "", []string{"分值 7.3 不在步长 0.5 上", `value="7.3"`, "其余内容已保存"}, nil)
		sh := re.sheetOf(t, d, a)
		vals, _ := re.env.Store.SheetValues(ctx, sh.ID)
		if vals["A3.3"].Points != "5" || vals["A1.4"].Points != "" {
			t.Errorf("saved values = %+v; want A3.3 kept, A1.4 refused", vals)
		}
		for _, sc := range []struct {
			form url.Values
			want string
		}{
			{url.Values{"points:A1.4": {"9"}}, "分值 9 不在 0–8 之内"},
			{url.Values{"points:A1.4": {"八"}}, "“八”不是数字"},
			{url.Values{"points:A2.4": {"6.5"}}, "请先选择等级"},
			{url.Values{"grade:A2.4": {"优"}, "points:A2.4": {"5"}}, "等级“优”：分值 5 不在 6–7 之内"},
			{url.Values{"grade:A2.4": {"特优"}}, "没有等级“特优”"},
			{url.Values{"veto:A6.1": {"yes"}}, "触发否决项必须写明理由"},
		} {
			sc.form.Set("version", itoa(re.version(t, d, a)))
			apptest.Check(t, ca.PostForm(path+"/draft", sc.form), http.StatusUnprocessableEntity, "", []string{sc.want}, nil)
		}
	})
	t.Run("AutosaveAnswersJSONWithVersion", func(t *testing.T) {
		v := re.version(t, d, a)
		res := autosave(ca, path+"/draft", url.Values{"version": {itoa(v)}, "points:A1.4": {"6.5"}, "points:A3.3": {"5"}})
		var body struct {
			Message string `json:"message"`
			Version int64  `json:"version"`
			Total   string `json:"total"`
		}
		if res.Code != http.StatusOK || json.Unmarshal([]byte(res.Body), &body) != nil || body.Version != v+1 ||
			!strings.Contains(body.Message, "草稿已自动保存") || body.Total != "11.5" {
			t.Fatalf("autosave = %d %s; want 200 with version %d and total 11.5", res.Code, res.Body, v+1)
		}
		res = autosave(ca, path+"/draft", url.Values{"version": {itoa(v)}, "points:A1.4": {"7"}})
		apptest.Check(t, res, http.StatusConflict, "", []string{"评分表已在其他窗口或设备上保存过"}, nil)
		res = autosave(ca, path+"/draft", url.Values{"version": {itoa(v + 1)}, "points:A1.4": {"7.2"}, "points:A3.3": {"5"}})
		apptest.Check(t, res, http.StatusUnprocessableEntity, "", []string{"不在步长 0.5 上", `"version":`}, nil)
	})
	t.Run("GradeFirstPointsLater", func(t *testing.T) {
		res := ca.PostForm(path+"/draft", url.Values{"version": {itoa(re.version(t, d, a))}, "points:A1.4": {"6.5"},
			"points:A3.3": {"5"}, "grade:A5.1": {"良"}})
		apptest.Check(t, res, http.StatusSeeOther, path, nil, nil)
		vals, _ := re.env.Store.SheetValues(ctx, re.sheetOf(t, d, a).ID)
		if vals["A5.1"].Grade != "良" || vals["A5.1"].Points != "" {
			t.Errorf("A5.1 = %+v; want the grade kept without points", vals["A5.1"])
		}
	})
	t.Run("IncompleteCannotBeSigned", func(t *testing.T) {
		res := ca.PostForm(path+"/submit", url.Values{"version": {itoa(re.version(t, d, a))}, "points:A1.4": {"7"}, "points:A3.3": {"5"},
			"grade:A5.1": {"良"}})
		apptest.Check(t, res, http.StatusUnprocessableEntity, "", []string{"还有 6 项未评", "请选择等级", "请填写所选等级范围内的分值",
			"请选择是否存在否决情形"}, nil)
		apptest.Check(t, ca.Get(path+"/sign"), http.StatusSeeOther, path, nil, nil)
	})
	t.Run("SignWithPasswordLocks", func(t *testing.T) {
		res := ca.PostForm(path+"/submit", fullSheet(re.version(t, d, a), "7", "5", "甲专家的独特意见"))
		apptest.Check(t, res, http.StatusSeeOther, path+"/sign", nil, nil)
		apptest.Check(t, ca.Get(path+"/sign"), http.StatusOK, "", []string{"确认签名提交", "良，5 分（满分 7）", "甲专家的独特意见", "36.5"}, nil)
		v := re.version(t, d, a)
		res = ca.PostForm(path+"/sign", url.Values{"version": {itoa(v)}, "password": {"wrong-password"}})
		apptest.Check(t, res, http.StatusUnprocessableEntity, "", []string{"密码不正确，评分表未提交"}, nil)
		res = ca.PostForm(path+"/sign", url.Values{"version": {itoa(v)}, "password": {apptest.DefaultPassword}})
		apptest.Check(t, ca.Get(res.Location), http.StatusOK, "", []string{"评分表已签名提交并锁定", "已签名提交"}, []string{"data-autosave"})
		if sh := re.sheetOf(t, d, a); sh.Status != store.SheetSubmitted || sh.Signature == "" {
			t.Fatalf("sheet = %+v; want signed", sh)
		}
		res = ca.PostForm(path+"/draft", fullSheet(re.version(t, d, a), "8", "5", ""))
		apptest.Check(t, res, http.StatusConflict, "", []string{"评分表已签名提交并锁定"}, nil)
		res = ca.PostForm(path+"/recuse", url.Values{"recuse_reason": {"提交后才想起的关系"}})
		apptest.Check(t, res, http.StatusConflict, "", []string{"已签名提交，不能再声明回避"}, nil)
		apptest.Check(t, ca.Get("/expert"), http.StatusOK, "", []string{"已签名提交", "已提交 1 / "}, nil)
	})
	t.Run("OthersNeverSeeTheseScores", func(t *testing.T) {
		cb := re.env.Login(b.Username)
		apptest.Check(t, cb.Get(path), http.StatusOK, "", []string{"未开始"}, []string{"甲专家的独特意见", "总体较好", `value="7"`})
		entries, _, _ := re.env.Store.FindAuditEntries(ctx, store.AuditFilter{Action: "score."})
		if len(entries) == 0 {
			t.Error("score changes were not audited")
		}
	})
}

func TestExpertSheet_OutlierFlagsAskForReasons(t *testing.T) {
	re := newReviewEnv(t, 3, false)
	ctx := context.Background()
	re.draw(t, drawForm("flags"))
	d := re.dossiers["徐州市"]
	panel := re.assigned(t, d)
	a, b, c := panel[0], panel[1], panel[2]
	re.sign(t, d, a, "7", "5", "")
	re.sign(t, d, b, "7.5", "5", "")
	if flags, _ := re.env.Store.FindFlags(ctx, store.FlagFilter{StageID: re.stage.ID}); len(flags) != 0 {
		t.Fatalf("flags before the panel finished: %+v", flags)
	}
	// c is far below on A1.4 (modified z) and on A3.3 (MAD = 0, share of max).
	re.sign(t, d, c, "1", "0.5", "")
	flags, _ := re.env.Store.FindFlags(ctx, store.FlagFilter{StageID: re.stage.ID, Statuses: []store.FlagStatus{store.FlagOpen}})
	if len(flags) != 2 || flags[0].ExpertID != c.ID || flags[0].Direction != "low" || flags[1].CriterionID != "A3.3" {
		t.Fatalf("open flags = %+v; want A1.4 and A3.3 of the third expert, low", flags)
	}
	path := re.sheetPath(d)
	cc := re.env.Login(c.Username)
	apptest.Check(t, cc.Get("/expert"), http.StatusOK, "", []string{"2 项待说明"}, nil)
	apptest.Check(t, cc.Get(path), http.StatusOK, "", []string{"请复核以下评分", "畸低", "您的评分 <strong>1</strong> 分"},
		[]string{"中位数", "7.5"})
	apptest.Check(t, re.env.Login(a.Username).Get(path), http.StatusOK, "", nil, []string{"请复核以下评分", "畸低"})

	justify := path + "/flags/" + itoa(flags[0].ID) + "/justify"
	apptest.Check(t, cc.PostForm(justify, url.Values{"reason": {"太短"}, "flag_version": {"1"}}), http.StatusUnprocessableEntity, "",
		[]string{"至少 5 个字"}, nil)
	apptest.Check(t, re.env.Login(a.Username).PostForm(justify, url.Values{"reason": {"我替他说明一下理由"}, "flag_version": {"1"}}),
		http.StatusNotFound, "", nil, nil)
	res := cc.PostForm(justify, url.Values{"reason": {"核心区尚无地标性龙头企业，地标效应不明显"}, "flag_version": {"1"}})
	apptest.Check(t, cc.Get(res.Location), http.StatusOK, "", []string{"已记录您对“地标特征”评分的说明", "您已说明理由"}, nil)

	revise := path + "/flags/" + itoa(flags[1].ID) + "/revise"
	v := re.version(t, d, c)
	for _, sc := range []struct {
		form url.Values
		want string
	}{
		{url.Values{"points": {"4.5"}, "password": {"nope"}}, "密码不正确，评分未修改"},
		{url.Values{"points": {"0.5"}, "password": {apptest.DefaultPassword}}, "新分值与原分值相同"},
		{url.Values{"points": {"4.7"}, "password": {apptest.DefaultPassword}}, "分值 4.7 不在步长 0.5 上"},
	} {
		sc.form.Set("version", itoa(v))
		sc.form.Set("flag_version", "1")
		apptest.Check(t, cc.PostForm(revise, sc.form), http.StatusUnprocessableEntity, "", []string{sc.want}, nil)
	}
	res = cc.PostForm(revise, url.Values{"points": {"4.5"}, "password": {apptest.DefaultPassword}, "version": {itoa(v)}, "flag_version": {"1"}})
	apptest.Check(t, cc.Get(res.Location), http.StatusOK, "", []string{"已由 0.5 改为 4.5 并重新签名"}, []string{"请复核以下评分"})

	open, _ := re.env.Store.FindFlags(ctx, store.FlagFilter{StageID: re.stage.ID, Statuses: []store.FlagStatus{store.FlagOpen}})
	if len(open) != 0 {
		t.Errorf("open flags after justify and revise: %+v", open)
	}
	rows, _ := re.env.Store.FindSubmittedScores(ctx, store.ScoreFilter{StageID: re.stage.ID, DossierID: d.ID})
	for _, r := range rows {
		if r.ExpertID == c.ID && r.CriterionID == "A3.3" && r.Value != "4.5" {
			t.Errorf("A3.3 of the third expert = %s; want the revision 4.5", r.Value)
		}
		if r.ExpertID == c.ID && r.CriterionID == "A1.4" && (len(r.Flags) != 1 || r.Flags[0].Status != store.FlagJustified) {
			t.Errorf("A1.4 row flags = %+v; want the justified flag", r.Flags)
		}
	}
	hist, _ := re.env.Store.SheetHistory(ctx, re.sheetOf(t, d, c).ID)
	var a33 []string
	for _, h := range hist {
		if h.CriterionID == "A3.3" {
			a33 = append(a33, h.Points+"/"+h.Source)
		}
	}
	if strings.Join(a33, ",") != "0.5/draft,4.5/revision" {
		t.Errorf("A3.3 history = %v; want the original kept", a33)
	}
	apptest.Check(t, re.office.Get("/office/panels/stages/"+itoa(re.stage.ID)+"/progress"), http.StatusOK, "",
		[]string{"已处理的畸高/畸低评分", "已说明理由", "核心区尚无地标性龙头企业", "已修改评分"}, nil)
}

// attach stores a PDF on the dossier the way an upload does.
func (re *reviewEnv) attach(t *testing.T, d *store.Dossier, by *store.User) *store.Attachment {
	t.Helper()
	ctx := context.Background()
	data := filestest.PDF("统计部门出具的主要指标数据证明")
	sum := files.SHA256(data)
	if err := re.env.Store.Blobs().Put(ctx, sum, data); err != nil {
		t.Fatal(err)
	}
	a, err := re.env.Store.AddAttachment(ctx, store.SystemActor("test"), store.NewAttachment{DossierID: d.ID,
		Requirement: "statistics_proof", FileName: "指标证明.pdf", Kind: "pdf", Size: int64(len(data)), SHA256: sum,
		Storage: store.StorageDB, UploadedBy: by.ID, MaxTotal: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestExpertSheet_AttachmentsOpenInlineForTheirExperts(t *testing.T) {
	for _, blind := range []bool{false, true} {
		re := newReviewEnv(t, 3, blind)
		d := re.dossiers["徐州市"]
		applicant, _ := re.env.Store.FindUserByUsername(context.Background(), "xuzhou")
		a := re.attach(t, d, applicant)
		re.draw(t, drawForm("files"))
		expert := re.env.Login(re.assigned(t, d)[0].Username)
		url := re.sheetPath(d) + "/attachments/" + itoa(a.ID)
		res := expert.Get(url)
		if blind {
			apptest.Check(t, res, http.StatusNotFound, "", nil, nil)
			apptest.Check(t, expert.Get(re.sheetPath(d)), http.StatusOK, "", []string{"盲评阶段不提供附件"}, []string{"指标证明.pdf"})
			continue
		}
		apptest.Check(t, res, http.StatusOK, "", []string{"%PDF"}, nil)
		if cd := res.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "inline") {
			t.Errorf("Content-Disposition = %q; want inline (viewed in the browser)", cd)
		}
		apptest.Check(t, expert.Get(re.sheetPath(d)), http.StatusOK, "", []string{"指标证明.pdf", url}, nil)
		var outsider string
		for name, u := range re.experts {
			assigned := false
			for _, x := range re.assigned(t, d) {
				assigned = assigned || x.ID == u.ID
			}
			if !assigned {
				outsider = name
			}
		}
		apptest.Check(t, re.env.Login(outsider).Get(url), http.StatusNotFound, "", nil, nil)
	}
}
