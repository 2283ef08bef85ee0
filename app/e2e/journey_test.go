package e2e_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"chainjudge/app"
	"chainjudge/app/account"
	"chainjudge/app/files/filestest"
	"chainjudge/app/store"
	"chainjudge/app/store/storetest"

	"github.com/chromedp/chromedp"
)

// password is every journey account's password.
const password = "Journey-2026"

// cst is China Standard Time, the time every page shows.
var cst = time.FixedZone("CST", 8*3600)

// at is a moment of the journey in China Standard Time.
func at(month time.Month, day, hour int) time.Time {
	return time.Date(2026, month, day, hour, 0, 0, 0, cst)
}

// clock is the server's clock, moved by the test; safe to read from the
// server's goroutines.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t.UTC() }

// journey is the running server with its accounts.
type journey struct {
	t     *testing.T
	clock *clock
	store *store.Store
	base  string
}

// startServer runs chainjudge on a fresh SQLite file behind a real HTTP
// listener.
func startServer(t *testing.T) *journey {
	t.Helper()
	c := &clock{}
	c.Set(at(3, 2, 9))
	st, _ := storetest.SQLitePath(t, c.Now)
	logger := slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv, err := app.New(app.Config{DataDir: t.TempDir(), Now: c.Now, Logger: logger}, st)
	if err != nil {
		t.Fatalf("app.New: %v", err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &journey{t: t, clock: c, store: st, base: ts.URL}
}

type testLog struct{ t *testing.T }

func (w testLog) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// account creates a user with the journey's password.
func (j *journey) account(role store.Role, username, name, region, org string) {
	j.t.Helper()
	ctx := context.Background()
	n := account.New{Username: username, DisplayName: name, Role: role, Password: password, Organisation: org}
	if region != "" {
		r, err := j.store.FindRegionByName(ctx, region)
		if err != nil {
			j.t.Fatalf("region %s: %v", region, err)
		}
		n.RegionID = &r.ID
	}
	if _, _, err := account.Create(ctx, j.store, store.SystemActor("e2e"), n, account.MinBcryptCost); err != nil {
		j.t.Fatalf("create %s: %v", username, err)
	}
}

// login signs the tab's user in, unless their session is still alive.
func (tb *tab) login(username string) {
	tb.b.t.Helper()
	tb.open("/login")
	if !strings.Contains(tb.url, "/login") {
		return // the session is still alive: the login page sent the user home
	}
	tb.fill("#username", username)
	// Sign in with the keyboard: Enter in the password field submits.
	tb.set("#password", "")
	tb.enter("#password", password)
	tb.mustNot("用户名或密码")
}

// sheet is one expert's points on a dossier, criterion by criterion in the
// order the score sheet shows them.
type sheet []string

// The criteria of the journey's two stages (testdata/journey-rubric.yaml).
var (
	applyCriteria = []string{"P1", "P2", "P3"}
	visitCriteria = []string{"K1", "K2"}
)

// The journey: one competition from creation to publication through the
// real pages, by the office, three applicants, three experts and the public.
// 申报评审 only decides who goes on: the best two of three advance; 考察,
// scored by the two experts drawn for it, makes the final score.
func TestJourney(t *testing.T) {
	if testing.Short() {
		t.Skip("browser journey skipped in -short mode (it drives Chromium for about a minute)")
	}
	exe, err := findChromium()
	if err != nil {
		t.Fatalf("the browser named for the journey is missing: %v", err)
	}
	if exe == "" {
		t.Skip("browser journey skipped: no browser found (looked for " + strings.Join(browserCandidates, ", ") +
			"); install Debian's chromium package (apt-get install chromium) or set CHAINJUDGE_CHROMIUM to the browser")
	}
	lap := stopwatch(t)
	j := startServer(t)
	j.account(store.RoleOffice, "office", "省制造强省办 王主任", "", "")
	j.account(store.RoleApplicant, "jiangyin", "江阴市工业和信息化局", "江阴市", "")
	j.account(store.RoleApplicant, "xuzhou", "徐州市工业和信息化局", "徐州市", "")
	j.account(store.RoleApplicant, "nantong", "南通市工业和信息化局", "南通市", "")
	j.account(store.RoleExpert, "expert1", "陈立新", "", "南京大学")
	j.account(store.RoleExpert, "expert2", "周慧敏", "", "东南大学")
	j.account(store.RoleExpert, "expert3", "孙志刚", "", "江苏省产业技术研究院")
	b := startBrowser(t, exe, j.base)
	work := t.TempDir()
	rubric, err := filepath.Abs("testdata/journey-rubric.yaml")
	if err != nil {
		t.Fatal(err)
	}
	letter := filepath.Join(work, "申报函.pdf")
	evidence := filepath.Join(work, "证明材料.pdf")
	for path, text := range map[string]string{letter: "Application letter", evidence: "Evidence"} {
		if err := os.WriteFile(path, filestest.PDF(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lap("server and browser started")

	// ── The office creates the competition on an uploaded rubric file and
	// opens the application stage.
	office := b.newTab("office", false)
	b.selfCheck(office)
	office.login("office")
	office.must("工作台", "还没有竞赛")
	office.guideShot("office-home", 780)
	// The office's ten sections fit the top bar's one row on a desktop; on
	// a tablet they take a row of their own under the brand.
	if n := office.rows(); n != 1 {
		t.Errorf("the office's top bar takes %d rows at %dpx; want one", n, desktop.w)
	}
	office.viewport(tablet)
	if n := office.rows(); n != 2 {
		t.Errorf("the office's top bar takes %d rows at %dpx; want two (brand and account, then the sections)", n, tablet.w)
	}
	office.viewport(desktop)
	office.open("/office/competitions/new")
	office.fill("#name", "2026年度江苏省区域卓越产业链竞赛（演练）")
	office.upload("#rubric", rubric)
	office.click("form[action^='/office/competitions'] button.primary")
	office.must("竞赛已创建", "申报评审", "考察", "仅作晋级门槛", "未设定")
	compPath := pathOf(office.url)
	compID := lastNumber(compPath)
	stages := office.attrs("form[action$='/times']", "action")
	if len(stages) != 2 {
		t.Fatalf("the competition shows %d stages' times; want 申报评审 and 考察", len(stages))
	}
	applyID, visitID := lastNumber(stages[0]), lastNumber(stages[1])
	office.setStageTimes(applyID, at(3, 2, 8), at(3, 9, 17), at(3, 10, 9), at(3, 16, 17))
	office.must("时间已保存", "2026年3月9日 17:00")
	office.click(fmt.Sprintf("form[action='/office/stages/%d/open'] button", applyID))
	office.must("已开启", "申报中")
	if !b.confirmed("开启后评分细则将被冻结") {
		t.Error("opening the stage did not ask for confirmation")
	}
	office.guideShot("office-competition", 760)
	office.shot("office-competition")
	lap("competition created, 申报评审 open")

	// ── Three applicants file dossiers with an attachment. 江阴 and 南通
	// have JavaScript; 徐州's browser has it turned off.
	jiangyin := b.newTab("jiangyin", false)
	jiangyin.login("jiangyin")
	jiangyin.must("我的申报", "正在受理申报的竞赛")
	dossierPath := fileDossier(t, jiangyin, "集成电路", "1250", letter)
	jiangyin.guideShot("applicant-receipt", 1000)
	jiangyin.open("/applicant")
	jiangyin.guideShot("applicant-home", 900)
	jiangyin.shot("applicant-home")

	xuzhou := b.newTab("xuzhou", true)
	xuzhou.login("xuzhou")
	fileDossier(t, xuzhou, "起重机", "980", letter)

	nantong := b.newTab("nantong", false)
	nantong.login("nantong")
	fileDossier(t, nantong, "高技术船舶", "1100", letter)
	lap("three dossiers filed")

	// ── The office passes the formal check and draws the panel.
	office.open(fmt.Sprintf("/office/dossiers?competition=%d", compID))
	office.must("江阴市集成电路产业链", "徐州市起重机产业链", "南通市高技术船舶产业链")
	for i := 0; i < 3; i++ {
		office.clickText("a.button", "审查")
		if i == 0 {
			office.guideShot("office-formal-check", 900)
		}
		office.check("input[name=decision][value=pass]")
		office.click("form[action$='/decision'] button.primary")
		office.must("通过")
		office.open(fmt.Sprintf("/office/dossiers?competition=%d", compID))
	}
	office.drawPanel(applyID, 3)
	office.must("已抽取 3 位专家")
	if !b.confirmed("抽取结果将记录在案") {
		t.Error("the draw did not ask for confirmation")
	}
	office.guideShot("office-draw", 900)
	lap("formal check passed, 申报评审 panel drawn")

	// ── The review window opens; three experts score. 孙志刚 gives 江阴's
	// 龙头企业带动 8 of 30 where the others give 26 and 27, and must give a
	// reason; 周慧敏's browser has no JavaScript and saves a draft first.
	// Trimmed means: 江阴 26 + 25 + 34 = 85, 南通 24 + 23 + 31 = 78,
	// 徐州 21 + 21 + 29 = 71.
	j.clock.Set(at(3, 10, 10))
	panel := map[string]map[string]sheet{
		"expert1": {"江阴市": {"26", "25", "34"}, "徐州市": {"20", "21", "28"}, "南通市": {"24", "23", "31"}},
		"expert2": {"江阴市": {"27", "26", "35"}, "徐州市": {"21", "22", "29"}, "南通市": {"25", "24", "30"}},
		"expert3": {"江阴市": {"8", "25", "33"}, "徐州市": {"22", "20", "30"}, "南通市": {"23", "22", "32"}},
	}
	experts := map[string]*tab{}
	for _, name := range []string{"expert1", "expert2", "expert3"} {
		ex := b.newTab(name, name == "expert2")
		ex.login(name)
		ex.must("我的评审", "已提交 0 / 3 份")
		if name == "expert1" {
			ex.guideShot("expert-home", 700)
			ex.shot("expert-home")
		}
		for _, region := range []string{"江阴市", "徐州市", "南通市"} {
			scoreDossier(t, ex, applyID, region, applyCriteria, panel[name][region], name == "expert1" && region == "江阴市")
		}
		ex.open("/expert")
		ex.must("已提交 3 / 3 份")
		experts[name] = ex
	}
	x3 := experts["expert3"]
	x3.open("/expert")
	x3.must("1 项待说明")
	x3.clickText("a.task", "江阴市")
	x3.must("请复核以下评分", "畸低", "明显低于专家组整体评分")
	x3.guideShotOf("expert-flag", "#flags")
	x3.fill("textarea[id^='why-']", "核心区龙头企业近两年本地配套率下降，带动作用弱于材料所述，故维持低分。")
	x3.click("form[action*='/justify'] button.primary")
	x3.mustNot("请复核以下评分")
	for _, c := range []string{"expert1: 签名提交后评分表即锁定", "expert3: 理由将记入评审记录"} {
		if !b.confirmed(c) {
			t.Errorf("no confirmation %q", c)
		}
	}
	lap("申报评审 scored")

	office.login("office") // eight days later: the session has long expired
	office.open(fmt.Sprintf("/office/panels/stages/%d/progress", applyID))
	office.must("各专家进度", "已处理的畸高/畸低评分", "核心区龙头企业近两年本地配套率下降")
	office.guideShot("office-progress", 1000)
	office.shot("office-progress")

	// The signed sheets as one ZIP, made in the background: the job's page
	// reloads itself (no script needed) until the file is ready.
	office.click("form[action$='/documents'] button")
	office.must("批量生成 PDF")
	office.waitText("main", "下载结果文件")
	office.must("已完成", "已生成 9 份 PDF")
	if zip := office.download("a[href$='/result']"); !bytes.HasPrefix(zip, []byte("PK\x03\x04")) {
		t.Errorf("the bulk PDFs are not a ZIP: %.20q", zip)
	}
	lap("bulk PDFs downloaded")

	// ── After the review window the office closes the stage and freezes
	// its results: the best two go on to 考察, each with the reason, and
	// the third is told why it does not.
	j.clock.Set(at(3, 17, 9))
	office.login("office")
	office.closeStage(compPath, applyID)
	if !b.confirmed("关闭后申报单位和专家都不能再修改") {
		t.Error("closing the stage did not ask for confirmation")
	}
	office.open(fmt.Sprintf("/office/stages/%d/results", applyID))
	office.must("预览（未冻结）", "评分分布与评委宽严", "85.00", "78.00", "71.00",
		"晋级规则", "总数前 2 名", "晋级 2 个，进入“考察”", "冻结结果并晋级")
	if n := office.count("svg.chart"); n < 5 {
		t.Errorf("stage results show %d charts; want the distribution, the leniency and one per dossier", n)
	}
	office.click("form[action$='/results/freeze'] button.primary")
	office.must("结果已冻结", "已冻结", "2 个申报已进入下一阶段")
	if !b.confirmed("冻结后结果不能再修改") {
		t.Error("freezing did not ask for confirmation")
	}
	office.guideShot("office-results", 1000)
	office.guideShotOf("office-charts", "section.card:has(svg.chart-leniency)")
	office.shot("office-results")
	office.check("button[data-details-toggle]") // 全部展开: every dossier's breakdown
	for _, want := range []struct {
		region   string
		advances bool
		reason   string
	}{
		{"江阴市", true, "晋级理由：总名额：排名第 1，在前 2 名之内，晋级"},
		{"南通市", true, "晋级理由：总名额：排名第 2，在前 2 名之内，晋级"},
		{"徐州市", false, "说明：总名额：排名第 3，未进入前 2 名，不晋级"},
	} {
		row := office.resultRow(want.region)
		if strings.Contains(row, "不晋级") == want.advances || !strings.Contains(row, want.reason) {
			t.Errorf("the frozen 申报评审 results show %s as %q; want advances=%v and %q", want.region, row, want.advances, want.reason)
		}
	}
	lap("申报评审 closed and frozen")

	// ── 考察: the office opens the second stage, whose entrants are the two
	// that advanced, and draws two of the three experts for it.
	office.open(compPath)
	office.setStageTimes(visitID, at(3, 17, 10), at(3, 18, 17), at(3, 19, 9), at(3, 23, 17))
	office.click(fmt.Sprintf("form[action='/office/stages/%d/open'] button", visitID))
	office.must("阶段“考察”已开启")
	office.drawPanel(visitID, 2, "江阴市·集成电路", "南通市·高技术船舶")
	office.must("已抽取 2 位专家")
	lap("考察 open, panel drawn")

	// The two experts drawn score it on the site visit (2 criteria, plain
	// mean): 南通 54.5 + 35.5 = 90, 江阴 51 + 33.5 = 84.5, so the visit
	// reverses the first stage's order.
	j.clock.Set(at(3, 19, 10))
	visit := []map[string]sheet{
		{"江阴市": {"50", "34"}, "南通市": {"54", "35"}},
		{"江阴市": {"52", "33"}, "南通市": {"55", "36"}},
	}
	var drawn []string
	for _, name := range []string{"expert1", "expert2", "expert3"} {
		ex := experts[name]
		ex.login(name)
		ex.open("/expert")
		if ex.count(fmt.Sprintf("a.task[href^='/expert/stages/%d/']", visitID)) == 0 {
			continue // not drawn for 考察
		}
		if len(drawn) == len(visit) {
			t.Fatalf("more than %d experts were given 考察 sheets", len(visit))
		}
		ex.must("考察", "已提交 0 / 2 份")
		for _, region := range []string{"江阴市", "南通市"} {
			scoreDossier(t, ex, visitID, region, visitCriteria, visit[len(drawn)][region], false)
		}
		ex.open("/expert")
		ex.must("已提交 2 / 2 份")
		drawn = append(drawn, name)
	}
	if len(drawn) != len(visit) {
		t.Fatalf("experts with 考察 sheets: %v; want two", drawn)
	}
	lap("考察 scored")

	// ── After its review window the office closes and freezes 考察, then
	// selects by the rule on the final score.
	j.clock.Set(at(3, 24, 9))
	office.login("office")
	office.closeStage(compPath, visitID)
	office.open(fmt.Sprintf("/office/stages/%d/results", visitID))
	office.must("预览（未冻结）", "90.00", "84.50")
	office.mustNot("徐州市起重机产业链")
	office.click("form[action$='/results/freeze'] button.primary")
	office.must("结果已冻结", "已冻结")
	office.open(fmt.Sprintf("/office/competitions/%d/final", compID))
	office.must("南通市高技术船舶产业链", "江阴市集成电路产业链", "按规则确定建议入选的 1 个")
	office.click("form[action$='/winners'] button.primary")
	office.must("已确定入选")
	if !b.confirmed("按入选规则确定全部建议入选的申报") {
		t.Error("selecting the winners did not ask for confirmation")
	}
	lap("考察 frozen, winner selected")

	// ── 公示: five working days from today.
	office.open(fmt.Sprintf("/office/competitions/%d/notices", compID))
	office.fill("#contact_name", "王主任")
	office.fill("#contact_phone", "025-83331234")
	office.click("form[action$='/publicity'] button.primary")
	if !b.confirmed("确定发布公示") {
		t.Error("starting the 公示 did not ask for confirmation")
	}
	office.must("公示已发布", "公示中", "没有收到异议")
	office.guideShot("office-notices", 900)

	// ── Someone objects on the public page, with evidence, without logging in.
	j.clock.Set(at(3, 25, 10))
	public := b.newTab("public", false)
	public.open("/public")
	public.must("公示中")
	public.clickText("a", "拟入选名单的公示")
	public.must("拟入选名单", "南通市高技术船舶产业链", "提出异议")
	public.mustNot("江阴市集成电路产业链")
	public.selectOption("#dossier", "南通市高技术船舶产业链")
	public.fill("#name", "李明")
	public.fill("#unit", "无锡市某船舶配套企业")
	public.fill("#phone", "13800000000")
	public.fill("#reason", "申报材料所列重点项目中有一项尚未开工，与申报书所述进度不符，请核实。")
	public.upload("#evidence", evidence)
	public.click("form[action*='/objections'] button.primary")
	public.must("您的异议已收到")
	if !b.confirmed("异议提交后不能撤回") {
		t.Error("submitting an objection did not ask for confirmation")
	}
	public.guideShot("public-notice", 1200)

	// ── The office handles the objection.
	office.login("office")
	office.open(fmt.Sprintf("/office/competitions/%d/notices", compID))
	office.must("待处理异议 1 件")
	office.clickText("a", "拟入选名单的公示")
	office.must("李明", "证明材料.pdf")
	office.check("input[name=status][value=dismissed]")
	office.fill("textarea[id^='hr-']", "经核实，该项目已于2026年2月取得施工许可并开工，异议不成立。")
	office.click("form[action^='/office/objections/'] button.primary")
	office.must("异议不成立")

	// ── After the 公示 period the office publishes.
	j.clock.Set(at(3, 31, 9))
	office.login("office")
	office.open(fmt.Sprintf("/office/competitions/%d/notices", compID))
	office.must("公布结果")
	office.click("form[action$='/publish'] button.primary")
	if !b.confirmed("公布后不能撤回") {
		t.Error("publishing did not ask for confirmation")
	}
	office.must("已公布")

	// ── The public sees the winner and downloads the notice.
	public.open(fmt.Sprintf("/public/competitions/%d", compID))
	public.must("入选名单（1 个）", "南通市高技术船舶产业链")
	public.mustNot("江阴市集成电路产业链", "徐州市起重机产业链")
	public.shot("public-result")
	pdf := public.download("a[href$='/notice.pdf']")
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("the notice download is not a PDF: %.20q", pdf)
	}
	lap("公示, objection, publication")

	if b.confirmed("xuzhou: ") || b.confirmed("expert2: ") {
		t.Error("a page asked for confirmation in a browser with JavaScript off: scripts ran there")
	}

	// ── Every other page each role uses, on a tablet.
	office.login("office")
	office.tour("/office", "/office/competitions", "/office/competitions/new", compPath, compPath+"/rubric",
		fmt.Sprintf("/office/dossiers?competition=%d", compID), fmt.Sprintf("/office/dossiers/conflicts?competition=%d", compID),
		"/office/users", "/office/users/new", "/office/users/import", "/office/regions", "/office/chains",
		"/office/panels", fmt.Sprintf("/office/panels/stages/%d", applyID), fmt.Sprintf("/office/panels/stages/%d/progress", applyID),
		fmt.Sprintf("/office/panels/stages/%d/progress", visitID),
		"/office/audit", "/office/results", fmt.Sprintf("/office/competitions/%d/results", compID),
		fmt.Sprintf("/office/stages/%d/results", applyID), fmt.Sprintf("/office/stages/%d/verify", applyID),
		fmt.Sprintf("/office/stages/%d/results", visitID),
		fmt.Sprintf("/office/competitions/%d/final", compID), fmt.Sprintf("/office/competitions/%d/notices", compID),
		fmt.Sprintf("/office/competitions/%d/exports", compID), "/office/api-tokens", "/account/password", "/help", "/office/experts")
	office.clickText("table a", "编辑") // an expert's profile
	office.must("陈立新")
	jiangyin.login("jiangyin")
	jiangyin.tour("/applicant", dossierPath, dossierPath+"/receipt", "/account/password", "/help")
	x1 := experts["expert1"]
	x1.login("expert1")
	x1.tour("/expert")
	x1.clickText("a.task", "南通市")
	public.tour("/public", fmt.Sprintf("/public/competitions/%d", compID), "/login", "/help")
	b.checkClean()
	lap("tablet tour")
}

// stopwatch logs how long the journey has run at each milestone (go test
// -v shows it), to see where its time goes.
func stopwatch(t *testing.T) func(milestone string) {
	start := time.Now()
	return func(milestone string) {
		t.Logf("%5.1fs  %s", time.Since(start).Seconds(), milestone)
	}
}

// setStageTimes fills in a stage's filing and review windows on the
// competition's page and saves them.
func (tb *tab) setStageTimes(stageID int64, opens, closes, reviewOpens, reviewCloses time.Time) {
	tb.b.t.Helper()
	for prefix, v := range map[string]time.Time{"o": opens, "c": closes, "ro": reviewOpens, "rc": reviewCloses} {
		tb.set(fmt.Sprintf("#%s%d", prefix, stageID), v.In(cst).Format("2006-01-02T15:04"))
	}
	tb.click(fmt.Sprintf("form[action='/office/stages/%d/times'] button[type=submit]", stageID))
	tb.must("时间已保存")
}

// closeStage closes a stage on the competition's page.
func (tb *tab) closeStage(compPath string, stageID int64) {
	tb.b.t.Helper()
	tb.open(compPath)
	tb.click(fmt.Sprintf("form[action='/office/stages/%d/close'] button", stageID))
	tb.must("已关闭")
}

// drawPanel draws members experts for every dossier of the stage, after
// checking the stage's entrants are the dossiers named.
func (tb *tab) drawPanel(stageID int64, members int, entrants ...string) {
	tb.b.t.Helper()
	tb.open(fmt.Sprintf("/office/panels/stages/%d", stageID))
	tb.must("参评申报", "抽取并分配")
	if len(entrants) > 0 {
		tb.must(fmt.Sprintf("本阶段全部尚未分配的申报（%d 份）", len(entrants)))
	}
	tb.fill("#members", fmt.Sprint(members))
	tb.fill("#alternates", "0")
	tb.check("input[name=match_expertise]") // the journey's experts have no fields of expertise recorded
	tb.click(fmt.Sprintf("form[action='/office/panels/stages/%d'] button.primary", stageID))
	if len(entrants) > 0 {
		// The panel's page lists the dossiers it scores.
		tb.must(entrants...)
	}
}

// resultRow is the text of a stage result's row for the region's dossier,
// with its breakdown (as shown: open it first).
func (tb *tab) resultRow(region string) string {
	tb.b.t.Helper()
	js := fmt.Sprintf(`(() => { const row = Array.from(document.querySelectorAll("table.results tbody tr:not(.detail)")).find(r => r.innerText.includes(%q));
		if (!row) { return ""; } const d = row.nextElementSibling; return row.innerText + "\n" + (d ? d.innerText : ""); })()`, region)
	text := run(tb, "read the result of "+region, chromedp.EvaluateAsDevTools[string](js))
	if text == "" {
		tb.b.t.Fatalf("%s: no result row for %s on %s", tb.name, region, tb.url)
	}
	return text
}

// fileDossier creates, fills and submits a dossier for the chain, uploading
// the letter; it ends on the receipt and returns the dossier's path.
func fileDossier(t *testing.T, tb *tab, chain, revenue, letter string) string {
	t.Helper()
	tb.clickText("a.button", "新建申报书")
	tb.selectOption("#f-chain", chain)
	tb.click("form[action='/applicant/dossiers'] button.primary")
	tb.must("主要指标", "申报材料正文", "附件")
	tb.set("[name='sections.summary']", "本产业链以核心区龙头企业为牵引，上下游配套企业集聚发展，形成了从设计、制造到封装测试的完整链条，协同区承接配套环节，区域协作机制运行良好。")
	tb.fill("[name='indicators.revenue']", revenue)
	if !tb.noJS {
		// With JavaScript the draft saves itself a few seconds after typing.
		tb.waitText("#autosave-status", "已自动保存", "草稿已于")
	}
	// Save the draft with the button (works with and without JavaScript).
	tb.click("button[name=action][value=save]")
	tb.must("草稿已于")
	if tb.noJS {
		// Without JavaScript the saved values come back from the server.
		if got := tb.attr("[name='indicators.revenue']", "value"); got != revenue {
			t.Errorf("%s: the draft saved without JavaScript shows revenue %q; want %q", tb.name, got, revenue)
		}
	}
	if tb.name == "jiangyin" {
		tb.guideShot("applicant-edit", 1300)
	}
	tb.upload("#file-letter", letter)
	tb.click("form.upload button[type=submit]")
	tb.must("申报函.pdf")
	tb.click("button[name=action][value=review]")
	tb.must("内容已齐全")
	tb.click("form[action$='/submit'] button.primary")
	tb.must("回执")
	if !tb.noJS && !tb.b.confirmed("提交后不能再修改") {
		t.Errorf("%s: submitting did not ask for confirmation", tb.name)
	}
	return strings.TrimSuffix(pathOf(tb.url), "/receipt")
}

// scoreDossier scores the region's dossier in the stage, criterion by
// criterion (ids in the sheet's order), saves a draft and signs.
func scoreDossier(t *testing.T, tb *tab, stageID int64, region string, ids []string, s sheet, shoot bool) {
	t.Helper()
	tb.open("/expert")
	tb.clickText(fmt.Sprintf("a.task[href^='/expert/stages/%d/']", stageID), region)
	tb.must("评分表", region)
	last := len(ids) - 1
	for i, id := range ids[:last] {
		tb.fill(fmt.Sprintf("[name='points:%s']", id), s[i])
	}
	// Enter in a score field saves the draft (the form's first button),
	// never signs.
	lastField := fmt.Sprintf("[name='points:%s']", ids[last])
	tb.set(lastField, "")
	tb.enter(lastField, s[last])
	tb.must("草稿已保存")
	for i, id := range ids {
		if got := tb.attr(fmt.Sprintf("[name='points:%s']", id), "value"); got != s[i] {
			t.Errorf("%s: %s after saving the draft = %q; want %q", tb.name, id, got, s[i])
		}
	}
	if shoot {
		tb.guideShot("expert-sheet", 1300)
		tb.shot("expert-sheet")
	}
	tb.click("form.score-sheet button[formaction]")
	tb.must("签名提交评分表")
	tb.fill("#password", password)
	tb.click("form[action$='/sign'] button.primary")
	tb.must("已签名提交")
}

var number = regexp.MustCompile(`(\d+)(?:\D*)$`)

// lastNumber is the last number in a path, e.g. a stage id.
func lastNumber(s string) int64 {
	m := number.FindStringSubmatch(s)
	if m == nil {
		return 0
	}
	var n int64
	fmt.Sscan(m[1], &n)
	return n
}

// pathOf strips the scheme and host of a URL.
func pathOf(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		if j := strings.Index(u[i+3:], "/"); j >= 0 {
			return u[i+3+j:]
		}
	}
	return u
}
