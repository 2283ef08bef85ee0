package app_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"chainjudge/app/apptest"
	"chainjudge/app/dossier"
	"chainjudge/app/draw"
	"chainjudge/app/store"
	"chainjudge/rubrics"

	_ "github.com/mattn/go-sqlite3" // tampering with the test database
)

// reviewEnv is a competition whose first stage is open for review, with
// three dossiers entered in it and a pool of experts.
type reviewEnv struct {
	env      *apptest.Env
	office   *apptest.Client
	stage    *store.Stage
	rules    *rubrics.Stage
	dossiers map[string]*store.Dossier // by core region
	experts  map[string]*store.User    // by username
}

// reviewExperts are the pool: username → home region. All cover the
// 集成电路 cluster.
var reviewExperts = []struct{ name, home string }{
	{"e_nanjing", "南京市"}, {"e_wuxi", "无锡市"}, {"e_yixing", "宜兴市"}, {"e_suzhou", "苏州市"},
	{"e_yangzhou", "扬州市"}, {"e_huaian", "淮安市"}, {"e_changzhou", "常州市"}, {"e_taizhou", "泰州市"},
}

// newReviewEnv sets the scene at apptest.Start: filing and review windows
// open, the default rubric with perDossier experts per dossier.
func newReviewEnv(t *testing.T, perDossier int, blind bool) *reviewEnv {
	t.Helper()
	return newReviewEnvOn(t, apptest.New(t), perDossier, blind)
}

// newReviewEnvOn sets the scene on a given server (e.g. on PostgreSQL).
func newReviewEnvOn(t *testing.T, env *apptest.Env, perDossier int, blind bool) *reviewEnv {
	t.Helper()
	ctx := context.Background()
	env.CreateUser(store.RoleOffice, "office1", "")
	r, _ := rubrics.Default()
	r.Stages[0].ExpertsPerDossier, r.Stages[0].BlindReview = perDossier, blind
	text, err := rubrics.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	ic, _ := env.Store.FindChainByName(ctx, "集成电路")
	now := apptest.Start
	day := 24 * time.Hour
	rOpen, rClose := now.Add(-day), now.Add(10*day)
	comp, err := env.Store.CreateCompetition(ctx, store.SystemActor("test"), store.NewCompetition{Name: "2026年度区域卓越产业链竞赛",
		Year: 2026, RubricYAML: string(text), RubricHash: r.Hash(), RubricSource: "form", ChainIDs: []int64{ic.ID},
		Stages: []store.Stage{{Key: r.Stages[0].ID, Name: r.Stages[0].Name, Seq: 1, OpensAt: now.Add(-10 * day),
			ClosesAt: now.Add(10 * day), ReviewOpensAt: &rOpen, ReviewClosesAt: &rClose}}})
	if err != nil {
		t.Fatal(err)
	}
	stages, _ := env.Store.FindStages(ctx, comp.ID)
	if err := env.Store.OpenStage(ctx, store.SystemActor("test"), stages[0].ID, stages[0].Version); err != nil {
		t.Fatal(err)
	}
	re := &reviewEnv{env: env, dossiers: map[string]*store.Dossier{}, experts: map[string]*store.User{}}
	re.stage, _ = env.Store.FindStageByID(ctx, stages[0].ID)
	re.rules = r.Stage(re.stage.Key)
	for _, a := range []struct{ user, region, collab string }{{"jiangyin", "江阴市", "宜兴市"}, {"nanjing", "南京市", ""}, {"xuzhou", "徐州市", ""}} {
		u := env.CreateUser(store.RoleApplicant, a.user, a.region)
		var collab []int64
		if a.collab != "" {
			cr, _ := env.Store.FindRegionByName(ctx, a.collab)
			collab = append(collab, cr.ID)
		}
		content := dossier.Content{Indicators: map[string]string{"main_revenue": "1200", "location_quotient": "2"},
			Sections: map[string]string{"overview": a.region + "集成电路产业规模位居全省前列，龙头企业带动作用明显。"}}
		d, err := env.Store.CreateDossier(ctx, store.SystemActor("test"), store.NewDossier{CompetitionID: comp.ID, ChainID: ic.ID,
			RegionID: *u.RegionID, CreatedBy: u.ID, Title: a.region + "集成电路产业链", Content: content.JSON(), CollabRegionIDs: collab})
		if err != nil {
			t.Fatal(err)
		}
		if err := env.Store.AddStageEntry(ctx, re.stage.ID, d.ID, store.EntryFormalCheck); err != nil {
			t.Fatal(err)
		}
		re.dossiers[a.region] = d
	}
	for _, e := range reviewExperts {
		u := env.CreateUser(store.RoleExpert, e.name, e.home)
		home, _ := env.Store.FindRegionByName(ctx, e.home)
		if err := env.Store.SaveExpert(ctx, store.SystemActor("test"), store.Expert{UserID: u.ID, Organisation: e.name + "研究院",
			HomeRegionID: &home.ID, Enabled: true}, []store.ExpertField{{ClusterID: ic.ClusterID}}); err != nil {
			t.Fatal(err)
		}
		re.experts[e.name] = u
	}
	re.office = env.Login("office1")
	return re
}

func (re *reviewEnv) panelsPath() string { return "/office/panels/stages/" + itoa(re.stage.ID) }

// draw runs a draw through the office's form and returns the draw.
func (re *reviewEnv) draw(t *testing.T, form url.Values) *store.PanelDraw {
	t.Helper()
	res := re.office.PostForm(re.panelsPath(), form)
	apptest.Check(t, res, http.StatusSeeOther, "/office/panels/", nil, nil)
	id, err := strconv.ParseInt(strings.TrimPrefix(res.Location, "/office/panels/"), 10, 64)
	if err != nil {
		t.Fatalf("redirect %q", res.Location)
	}
	d, err := re.env.Store.FindDrawByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// assigned returns the experts standing on a dossier.
func (re *reviewEnv) assigned(t *testing.T, d *store.Dossier) []*store.User {
	t.Helper()
	as, err := re.env.Store.FindAssignments(context.Background(), store.AssignmentFilter{StageID: re.stage.ID, DossierID: d.ID,
		Statuses: []store.AssignmentStatus{store.AssignmentActive}})
	if err != nil {
		t.Fatal(err)
	}
	var out []*store.User
	for _, a := range as {
		for _, u := range re.experts {
			if u.ID == a.ExpertID {
				out = append(out, u)
			}
		}
	}
	return out
}

func (re *reviewEnv) sheetPath(d *store.Dossier) string {
	return "/expert/stages/" + itoa(re.stage.ID) + "/dossiers/" + itoa(d.ID)
}

func drawForm(seed string) url.Values {
	return url.Values{"members": {"5"}, "alternates": {"2"}, "max_per_org": {"1"}, "max_load": {""},
		"match_expertise": {"1"}, "seed": {seed}}
}

func TestPanels_DrawRecusesRegionsAndVerifies(t *testing.T) {
	re := newReviewEnv(t, 3, true)
	ctx := context.Background()
	apptest.Check(t, re.office.Get("/office/panels"), http.StatusOK, "", []string{"申报评审", "专家抽取", "评审进度"}, nil)
	apptest.Check(t, re.office.Get(re.panelsPath()), http.StatusOK, "", []string{"抽取并分配", "每份申报 <strong>3</strong> 位专家", "尚未分配专家"}, nil)

	for _, sc := range []apptest.Scenario{
		{Name: "FewerMembersThanPerDossier", Form: url.Values{"members": {"2"}}, WantContains: []string{"抽取人数 2 少于每份申报所需的 3 位"}},
		{Name: "NotANumber", Form: url.Values{"members": {"五"}}, WantContains: []string{"抽取人数应为 1–500 的整数"}},
		{Name: "LoadCapTooLow", Form: url.Values{"members": {"5"}, "max_load": {"1"}}, WantContains: []string{"最多只能完成 5 人次"}},
		{Name: "PoolTooSmall", Form: url.Values{"members": {"9"}}, WantContains: []string{"可参加抽取的专家只有 8 位"}},
		{Name: "TooFewAlternates", Form: url.Values{"members": {"8"}, "alternates": {"3"}}, WantContains: []string{"只够 0 位备选"}},
	} {
		sc.As, sc.Method, sc.Path, sc.WantStatus = re.office, http.MethodPost, re.panelsPath(), http.StatusUnprocessableEntity
		sc.Run(t, re.env)
	}
	if draws, _ := re.env.Store.FindDraws(ctx, store.DrawFilter{StageID: re.stage.ID}); len(draws) != 0 {
		t.Fatalf("refused draws were recorded: %d", len(draws))
	}

	d := re.draw(t, drawForm("公开摇号-2026-001"))
	page := re.office.Get("/office/panels/" + itoa(d.ID))
	apptest.Check(t, page, http.StatusOK, "", []string{"公开摇号-2026-001", "抽签顺序", "专家组成员", "备选专家", d.InputHash}, nil)

	// Recusal by region: nobody scores a dossier of their own region, the
	// city of a county bid, or a collaborative area.
	forbidden := map[string][]string{"江阴市": {"e_wuxi", "e_yixing"}, "南京市": {"e_nanjing"}}
	for region, names := range forbidden {
		for _, u := range re.assigned(t, re.dossiers[region]) {
			for _, n := range names {
				if u.Username == n {
					t.Errorf("%s assigned to the %s dossier", n, region)
				}
			}
		}
	}
	for region, d := range re.dossiers {
		if n := len(re.assigned(t, d)); n != 3 {
			t.Errorf("%s dossier has %d experts; want 3", region, n)
		}
	}

	t.Run("VerifyReproduces", func(t *testing.T) {
		res := re.office.PostForm("/office/panels/"+itoa(d.ID)+"/verify", nil)
		apptest.Check(t, res, http.StatusSeeOther, "/office/panels/", nil, nil)
		apptest.Check(t, re.office.Get(res.Location), http.StatusOK, "", []string{"复核一致", "公开摇号-2026-001"}, nil)
	})
	t.Run("RecordReRunsAnywhere", func(t *testing.T) {
		res := re.office.Get("/office/panels/" + itoa(d.ID) + "/record.json")
		apptest.Check(t, res, http.StatusOK, "", []string{`"seed": "公开摇号-2026-001"`}, nil)
		var rec struct {
			InputHash string      `json:"input_hash"`
			Input     draw.Input  `json:"input"`
			Result    draw.Result `json:"result"`
		}
		if err := json.Unmarshal([]byte(res.Body), &rec); err != nil {
			t.Fatal(err)
		}
		again, err := draw.Run(rec.Input)
		if err != nil || !reflect.DeepEqual(again.Members, rec.Result.Members) || rec.Input.Hash() != rec.InputHash {
			t.Errorf("re-running the downloaded record: %v, members %v vs %v", err, again.Members, rec.Result.Members)
		}
	})
	t.Run("SameSeedSamePanelAfterVoid", func(t *testing.T) {
		before, _ := re.env.Store.FindAssignments(ctx, store.AssignmentFilter{DrawID: d.ID})
		fresh, _ := re.env.Store.FindDrawByID(ctx, d.ID)
		res := re.office.PostForm("/office/panels/"+itoa(d.ID)+"/void", url.Values{"version": {itoa(fresh.Version)}, "reason": {"监督人员要求当场重抽"}})
		apptest.Check(t, res, http.StatusSeeOther, re.panelsPath(), nil, nil)
		again := re.draw(t, drawForm("公开摇号-2026-001"))
		after, _ := re.env.Store.FindAssignments(ctx, store.AssignmentFilter{DrawID: again.ID})
		pairs := func(as []store.Assignment) (out [][2]int64) {
			for _, a := range as {
				out = append(out, [2]int64{a.DossierID, a.ExpertID})
			}
			return out
		}
		if !reflect.DeepEqual(pairs(before), pairs(after)) || again.InputHash != d.InputHash {
			t.Errorf("same seed and pool gave another panel:\n%v\n%v", pairs(before), pairs(after))
		}
		d = again
	})
	t.Run("SecondDrawHasNothingLeft", func(t *testing.T) {
		apptest.Check(t, re.office.Get(re.panelsPath()), http.StatusOK, "", []string{"参评申报都已分配了专家"}, []string{"抽取并分配</button>"})
		res := re.office.PostForm(re.panelsPath(), drawForm("x"))
		apptest.Check(t, res, http.StatusUnprocessableEntity, "", []string{"范围内没有需要分配专家的申报"}, nil)
	})
	t.Run("TamperedAssignmentFailsVerification", func(t *testing.T) {
		db, err := sql.Open("sqlite3", re.env.DBPath)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var id, expert int64
		if err := db.QueryRow("SELECT id, expert_id FROM assignments WHERE draw_id = ? ORDER BY id LIMIT 1", d.ID).Scan(&id, &expert); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec("UPDATE assignments SET expert_id = (SELECT expert_id FROM panel_members WHERE draw_id = ? AND role = 'alternate' LIMIT 1) WHERE id = ?", d.ID, id); err != nil {
			t.Fatal(err)
		}
		res := re.office.PostForm("/office/panels/"+itoa(d.ID)+"/verify", nil)
		apptest.Check(t, re.office.Get(res.Location), http.StatusOK, "", []string{"复核不一致", "申报分配名单与抽取结果不一致"}, nil)
		if _, err := db.Exec("UPDATE assignments SET expert_id = ? WHERE id = ?", expert, id); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("TamperedRecordFailsVerification", func(t *testing.T) {
		db, err := sql.Open("sqlite3", re.env.DBPath)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec("UPDATE panel_draws SET input_json = replace(input_json, '\"max_per_org\":1', '\"max_per_org\":2') WHERE id = ?", d.ID); err != nil {
			t.Fatal(err)
		}
		res := re.office.PostForm("/office/panels/"+itoa(d.ID)+"/verify", nil)
		apptest.Check(t, re.office.Get(res.Location), http.StatusOK, "", []string{"复核不一致", "记录可能被改动"}, nil)
		entries, _, _ := re.env.Store.FindAuditEntries(ctx, store.AuditFilter{Action: "panel.verify"})
		if len(entries) != 3 || !strings.Contains(entries[0].After, `"matched":false`) {
			t.Errorf("verification log = %+v", entries)
		}
	})
}

func TestPanels_SealedUntilReviewOpens(t *testing.T) {
	re := newReviewEnv(t, 3, false)
	ctx := context.Background()
	// Move the review window into the future: the draw is sealed until then.
	opens, closes := apptest.Start.Add(24*time.Hour), apptest.Start.Add(10*24*time.Hour)
	err := re.env.Store.SetStageTimes(ctx, store.SystemActor("test"), re.stage.ID, re.stage.Version, store.StageWindow{
		OpensAt: re.stage.OpensAt, ClosesAt: re.stage.ClosesAt, ReviewOpensAt: &opens, ReviewClosesAt: &closes}, "")
	if err != nil {
		t.Fatal(err)
	}
	form := drawForm("sealed")
	form.Set("sealed", "1")
	d := re.draw(t, form)
	member := re.assigned(t, re.dossiers["徐州市"])[0]
	expert := re.env.Login(member.Username)
	apptest.Check(t, expert.Get("/expert"), http.StatusOK, "", []string{"目前没有分配给您的评审任务"}, []string{"徐州市集成电路产业链"})
	apptest.Check(t, expert.Get(re.sheetPath(re.dossiers["徐州市"])), http.StatusNotFound, "", nil, nil)
	apptest.Check(t, re.office.Get("/office/panels/"+itoa(d.ID)), http.StatusOK, "", []string{"封存中", "解除封存"}, nil)

	res := re.office.PostForm("/office/panels/"+itoa(d.ID)+"/unseal", url.Values{"version": {itoa(d.Version)}, "reason": {"提前请专家确认回避情况"}})
	apptest.Check(t, re.office.Get(res.Location), http.StatusOK, "", []string{"已解除封存", "专家可见"}, nil)
	apptest.Check(t, expert.Get("/expert"), http.StatusOK, "", []string{"徐州市集成电路产业链", "不在评审时间内"}, nil)
	apptest.Check(t, expert.Get(re.sheetPath(re.dossiers["徐州市"])), http.StatusOK, "", []string{"当前不在评审时间内"}, []string{"data-autosave"})
	res = expert.PostForm(re.sheetPath(re.dossiers["徐州市"])+"/draft", url.Values{"version": {"0"}, "points:A1.4": {"6"}})
	apptest.Check(t, res, http.StatusConflict, "", []string{"不在评审时间内"}, nil)
}

func TestPanels_OnlyTheOffice(t *testing.T) {
	re := newReviewEnv(t, 3, false)
	expert := re.env.Login("e_suzhou")
	for _, p := range []string{"/office/panels", re.panelsPath(), "/office/panels/stages/" + itoa(re.stage.ID) + "/progress"} {
		apptest.Check(t, expert.Get(p), http.StatusForbidden, "", nil, nil)
	}
	res := expert.PostForm(re.panelsPath(), drawForm("x"))
	apptest.Check(t, res, http.StatusForbidden, "", nil, nil)
	applicant := re.env.Login("jiangyin")
	apptest.Check(t, applicant.Get(re.sheetPath(re.dossiers["江阴市"])), http.StatusForbidden, "", nil, nil)
}
