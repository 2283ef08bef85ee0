package app_test

import (
	"bytes"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"chainjudge/app/apptest"
	"chainjudge/app/store"

	"github.com/xuri/excelize/v2"
	"golang.org/x/crypto/bcrypt"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// shownPassword extracts the one-time password a page shows in <code>.
func shownPassword(t *testing.T, body string) string {
	t.Helper()
	m := regexp.MustCompile(`密码：<code>([^<]+)</code>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no password shown in page:\n%s", body)
	}
	return m[1]
}

func TestOfficeUsers_CreateEditDisableReset(t *testing.T) {
	env := apptest.New(t)
	env.CreateUser(store.RoleOffice, "office1", "")
	office := env.Login("office1")

	// The region choice names each region with its kind, without nesting
	// parentheses.
	apptest.Scenario{Name: "RegionChoice", As: office, Method: http.MethodPost, Path: "/office/users",
		Form:       url.Values{"role": {"applicant"}, "username": {"wuxi"}, "display_name": {"无锡市工信局"}},
		WantStatus: http.StatusUnprocessableEntity, WantContains: []string{"江阴市（县级）", "苏州工业园区（开发区）"},
		WantNotContain: []string{"县（市、区））"}}.Run(t, env)
	apptest.Scenario{Name: "ApplicantNeedsRegion", As: office, Method: http.MethodPost, Path: "/office/users",
		Form:       url.Values{"role": {"applicant"}, "username": {"wuxi"}, "display_name": {"无锡市工信局"}},
		WantStatus: http.StatusUnprocessableEntity, WantContains: []string{"申报单位账号须绑定一个地区", `value="无锡市工信局"`}}.Run(t, env)
	apptest.Scenario{Name: "BadUsername", As: office, Method: http.MethodPost, Path: "/office/users",
		Form:       url.Values{"role": {"expert"}, "username": {"张三"}, "display_name": {"张三"}},
		WantStatus: http.StatusUnprocessableEntity, WantContains: []string{"用户名须为"}}.Run(t, env)

	wuxi, _ := env.Store.FindRegionByName(t.Context(), "无锡市")
	res := office.PostForm("/office/users", url.Values{"role": {"applicant"}, "username": {"wuxi"},
		"display_name": {"无锡市工信局"}, "region_id": {itoa(wuxi.ID)}})
	apptest.Check(t, res, http.StatusCreated, "", []string{"已创建", "首次登录须修改"}, nil)
	pw := shownPassword(t, res.Body)
	apptest.Check(t, office.Get("/office/users?role=applicant"), http.StatusOK, "", []string{"无锡市工信局", "无锡市", "待改初始密码"}, nil)

	t.Run("DuplicateUsername", func(t *testing.T) {
		res := office.PostForm("/office/users", url.Values{"role": {"applicant"}, "username": {"WUXI"},
			"display_name": {"x"}, "region_id": {itoa(wuxi.ID)}})
		apptest.Check(t, res, http.StatusUnprocessableEntity, "", []string{"已被使用"}, nil)
	})

	t.Run("NewUserMustChangeInitialPassword", func(t *testing.T) {
		c := env.Client()
		apptest.Check(t, c.Login("wuxi", pw), http.StatusSeeOther, "/account/password", nil, nil)
		apptest.Check(t, c.Get("/applicant"), http.StatusSeeOther, "/account/password", nil, nil)
		apptest.Check(t, c.PostForm("/account/password", url.Values{"current": {pw}, "new": {"Wuxi2026ok"}, "confirm": {"Wuxi2026ok"}}),
			http.StatusSeeOther, "/applicant", nil, nil)
		apptest.Check(t, c.Get("/applicant"), http.StatusOK, "", []string{"无锡市"}, nil)
	})

	u, _ := env.Store.FindUserByUsername(t.Context(), "wuxi")
	t.Run("HashedAtCostTen", func(t *testing.T) {
		// The office's form and the password change hash at the product's
		// cost, whatever cheap hash the test's own accounts carry.
		if cost, err := bcrypt.Cost([]byte(u.PasswordHash)); err != nil || cost < 10 {
			t.Errorf("stored hash cost %d (%v); want at least 10", cost, err)
		}
	})
	t.Run("Disable", func(t *testing.T) {
		c := env.Client()
		c.Login("wuxi", "Wuxi2026ok")
		res := office.PostForm("/office/users/"+itoa(u.ID), url.Values{"display_name": {"无锡市工业和信息化局"},
			"region_id": {itoa(wuxi.ID)}, "disabled": {"on"}, "reason": {"机构调整"}})
		apptest.Check(t, res, http.StatusSeeOther, "/office/users", nil, nil)
		apptest.Check(t, c.Get("/applicant"), http.StatusSeeOther, "/login", nil, nil)
		apptest.Check(t, env.Client().Login("wuxi", "Wuxi2026ok"), http.StatusUnauthorized, "", nil, nil)
		entries, _, _ := env.Store.FindAuditEntries(t.Context(), store.AuditFilter{Entity: "user", EntityID: itoa(u.ID), Action: "user.update"})
		if len(entries) != 1 || entries[0].Reason != "机构调整" || !strings.Contains(entries[0].After, `"disabled":true`) {
			t.Errorf("audit = %+v; want one user.update with the reason", entries)
		}
	})

	t.Run("CannotDisableSelf", func(t *testing.T) {
		me, _ := env.Store.FindUserByUsername(t.Context(), "office1")
		res := office.PostForm("/office/users/"+itoa(me.ID), url.Values{"display_name": {"office1"}, "disabled": {"on"}})
		apptest.Check(t, res, http.StatusUnprocessableEntity, "", []string{"不能停用自己的账号"}, nil)
	})

	t.Run("Reset", func(t *testing.T) {
		enabled := false
		env.Store.UpdateUser(t.Context(), store.SystemActor(""), u.ID, store.UserUpdate{Disabled: &enabled}, "")
		res := office.PostForm("/office/users/"+itoa(u.ID)+"/reset", nil)
		apptest.Check(t, res, http.StatusOK, "", []string{"临时密码"}, nil)
		newPw := shownPassword(t, strings.Replace(res.Body, "临时密码：", "密码：", 1))
		apptest.Check(t, env.Client().Login("wuxi", newPw), http.StatusSeeOther, "/account/password", nil, nil)
	})

	t.Run("UnknownUserIs404", func(t *testing.T) {
		apptest.Check(t, office.Get("/office/users/99999"), http.StatusNotFound, "", nil, nil)
		apptest.Check(t, office.Get("/office/users/abc"), http.StatusNotFound, "", nil, nil)
	})
}

func TestOfficeUsers_Import(t *testing.T) {
	env := apptest.New(t)
	env.CreateUser(store.RoleOffice, "office1", "")
	office := env.Login("office1")

	csvText := "用户名,姓名,角色,所属地区,工作单位,常住地区,专业领域,初始密码\n" +
		"jiangyin,江阴市工信局,申报单位,江阴市,,,,\n" +
		"expert.chen,陈立新,评审专家,,东南大学,南京市,集成电路、生物医药,Chen2026pw\n" +
		"gulou,鼓楼区工信局,申报单位,鼓楼区,,,,\n" +
		"xzgulou,徐州鼓楼区工信局,申报单位,徐州市鼓楼区,,,,\n" +
		"bad,某专家,评审专家,,某大学,南京市,火星产业,\n" +
		"jiangyin,重复,申报单位,江阴市,,,,\n"

	t.Run("CSVInGBK", func(t *testing.T) {
		gbk, err := simplifiedchinese.GBK.NewEncoder().String(csvText)
		if err != nil {
			t.Fatal(err)
		}
		res := office.PostMultipart("/office/users/import", nil, apptest.File{Field: "file", Name: "名单.csv", Data: []byte(gbk)})
		apptest.Check(t, res, http.StatusSeeOther, "/jobs/", nil, nil)
		page := office.WaitJob(res.Location)
		apptest.Check(t, page, http.StatusOK, "", []string{
			"成功 3 行，失败 3 行",
			"在多个设区市都有",
			"专业领域“火星产业”不是已登记的集群或产业链",
			"用户名 jiangyin 已被使用",
			"下载结果文件：初始密码.csv",
		}, nil)
		if page.Header.Get("Refresh") != "" {
			t.Error("a finished job's page still asks to refresh")
		}
		result := office.Get(res.Location + "/result")
		apptest.Check(t, result, http.StatusOK, "", []string{"用户名,姓名,角色,初始密码", "jiangyin,江阴市工信局"}, []string{"expert.chen"})
		if cd := result.Header.Get("Content-Disposition"); !strings.Contains(cd, "attachment") {
			t.Errorf("Content-Disposition = %q; want attachment", cd)
		}
		apptest.Check(t, office.Get(res.Location+"/result"), http.StatusGone, "", []string{"只能下载一次"}, nil)
		p, err := env.Store.FindUserByUsername(t.Context(), "expert.chen")
		if err != nil {
			t.Fatal(err)
		}
		prof, _ := env.Store.FindExpertProfile(t.Context(), p.ID)
		if prof.Expert.Organisation != "东南大学" || len(prof.Fields) != 2 {
			t.Errorf("expert profile = %+v; want 东南大学 with 2 fields", prof)
		}
		apptest.Check(t, env.Client().Login("expert.chen", "Chen2026pw"), http.StatusSeeOther, "/expert", nil, nil)
		xz, _ := env.Store.FindUserByUsername(t.Context(), "xzgulou")
		r, _ := env.Store.FindRegionByID(t.Context(), *xz.RegionID)
		city, _ := env.Store.FindRegionByID(t.Context(), r.CityID())
		if r.Name != "鼓楼区" || city.Name != "徐州市" {
			t.Errorf("xzgulou region = %s/%s; want 徐州市/鼓楼区", city.Name, r.Name)
		}
		t.Run("OtherUsersCannotSeeTheJob", func(t *testing.T) {
			env.CreateUser(store.RoleExpert, "nosy", "")
			apptest.Check(t, env.Login("nosy").Get(res.Location), http.StatusNotFound, "", nil, nil)
		})
	})

	t.Run("XLSX", func(t *testing.T) {
		f := excelize.NewFile()
		rows := [][]any{{"用户名", "姓名", "角色", "所属地区"}, {"kunshan", "昆山市工信局", "申报单位", "昆山市"}}
		for i, r := range rows {
			cellName, _ := excelize.CoordinatesToCellName(1, i+1)
			f.SetSheetRow("Sheet1", cellName, &r)
		}
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			t.Fatal(err)
		}
		res := office.PostMultipart("/office/users/import", nil, apptest.File{Field: "file", Name: "名单.xlsx", Data: buf.Bytes()})
		apptest.Check(t, res, http.StatusSeeOther, "/jobs/", nil, nil)
		apptest.Check(t, office.WaitJob(res.Location), http.StatusOK, "", []string{"成功 1 行，失败 0 行", "初始密码.csv"}, nil)
	})

	t.Run("MissingColumns", func(t *testing.T) {
		res := office.PostMultipart("/office/users/import", nil, apptest.File{Field: "file", Name: "x.csv", Data: []byte("姓名\n张三\n")})
		apptest.Check(t, res, http.StatusUnprocessableEntity, "", []string{"缺少必需的列：用户名、角色"}, nil)
	})
	t.Run("NoFile", func(t *testing.T) {
		res := office.PostMultipart("/office/users/import", nil)
		apptest.Check(t, res, http.StatusUnprocessableEntity, "", []string{"请选择要导入的"}, nil)
	})
}

func TestOfficeExperts_EditProfile(t *testing.T) {
	env := apptest.New(t)
	env.CreateUser(store.RoleOffice, "office1", "")
	e := env.CreateUser(store.RoleExpert, "expert1", "南京市")
	office := env.Login("office1")
	ic, _ := env.Store.FindChainByName(t.Context(), "集成电路")
	suzhou, _ := env.Store.FindRegionByName(t.Context(), "苏州市")

	apptest.Check(t, office.Get("/office/experts"), http.StatusOK, "", []string{"expert1", "expert1所在单位"}, nil)
	apptest.Scenario{Name: "OrganisationRequired", As: office, Method: http.MethodPost, Path: "/office/experts/" + itoa(e.ID),
		Form: url.Values{"organisation": {""}}, WantStatus: http.StatusUnprocessableEntity,
		WantContains: []string{"请填写工作单位"}}.Run(t, env)
	res := office.PostForm("/office/experts/"+itoa(e.ID), url.Values{"organisation": {"苏州大学"}, "title": {"教授"},
		"home_region_id": {itoa(suzhou.ID)}, "field": {"chain:" + itoa(ic.ID)}, "enabled": {"on"}})
	apptest.Check(t, res, http.StatusSeeOther, "/office/experts", nil, nil)
	apptest.Check(t, office.Get("/office/experts"), http.StatusOK, "", []string{"苏州大学", "集成电路", "可抽取"}, nil)
	apptest.Check(t, office.Get("/office/experts/"+itoa(e.ID)), http.StatusOK, "",
		[]string{`value="chain:` + itoa(ic.ID) + `" checked`}, nil)
}

func TestOfficeReferenceData(t *testing.T) {
	env := apptest.New(t)
	env.CreateUser(store.RoleOffice, "office1", "")
	office := env.Login("office1")
	wuxi, _ := env.Store.FindRegionByName(t.Context(), "无锡市")

	apptest.Check(t, office.Get("/office/regions"), http.StatusOK, "", []string{"南京市", "江阴市", "苏州工业园区"}, nil)
	apptest.Scenario{Name: "ZoneNeedsCity", As: office, Method: http.MethodPost, Path: "/office/regions",
		Form: url.Values{"name": {"无锡新区"}, "kind": {"zone"}}, WantStatus: http.StatusUnprocessableEntity,
		WantContains: []string{"须选择所属设区市"}}.Run(t, env)
	apptest.Scenario{Name: "AddZone", As: office, Method: http.MethodPost, Path: "/office/regions",
		Form: url.Values{"name": {"无锡示范园"}, "kind": {"zone"}, "parent_id": {itoa(wuxi.ID)}}, WantStatus: http.StatusSeeOther}.Run(t, env)
	if r, err := env.Store.FindRegionByName(t.Context(), "无锡示范园"); err != nil || r.CityID() != wuxi.ID {
		t.Errorf("new zone = %+v, %v; want under 无锡市", r, err)
	}

	apptest.Check(t, office.Get("/office/chains"), http.StatusOK, "", []string{"集成电路", "卓越提升产业链", "新型显示"}, nil)
	res := office.PostMultipart("/office/chains/import", nil, apptest.File{Field: "file", Name: "chains.csv",
		Data: []byte("集群,产业链,层级,备注\n汽车及零部件,动力电池,优势,省领导挂钩\n新型显示,新型显示面板,重点,\n新兴集群,氢能,重点,\n集成电路,集成电路,卓越,\n汽车及零部件,整车,未知层级,\n")})
	apptest.Check(t, res, http.StatusOK, "", []string{"新增 3 条，更新 1 条", "第 6 行：层级“未知层级”无法识别"}, nil)
	ch, err := env.Store.FindChainByName(t.Context(), "动力电池")
	if err != nil || ch.Tier != "advantage" {
		t.Errorf("动力电池 = %+v, %v; want an advantage chain", ch, err)
	}
	if _, err := env.Store.FindClusterByName(t.Context(), "新兴集群"); err != nil {
		t.Errorf("new cluster not created: %v", err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
