package app_test

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"

	"chainjudge/app/apptest"
	"chainjudge/app/demo"
	"chainjudge/app/store"
	"chainjudge/rubrics"
)

// The permission matrix: every route of the route table against every kind
// of caller. Each row gives, for the callers in matrixRoles order, one of
//
//	L  redirected to the login page          F  403 refused (wrong role)
//	N  404 (exists for others, hidden here)   U  401 (API without a token)
//	O  200                                    R  reached the handler: any answer but L, F, N, U or a 5xx
//
// A route added to app/routes.go without a row here fails the test, so
// nobody can add a page without deciding who may call it.
var matrixRoles = []string{"anonymous", "applicant A", "applicant B", "expert assigned", "expert not assigned", "expert recused", "office"}

// matrixFixture holds the demo's ids the rows point at.
type matrixFixture struct {
	comp, finished         int64 // the running 2026 round and the published 2025 round
	stage, frozenStage     int64
	panelLabel             string
	dossier, attachment    int64 // dossier A (applicant A's, in stage 1, with an open flag)
	recusedDossier         int64 // where the recused expert declared the conflict
	flag, draw, sheet      int64
	notice, objection, job int64
	token, winner          int64
	indicator, veto        string // an indicator and the veto criterion of stage 1
	user, expertUser       int64  // accounts the office pages may edit
	clients                []*apptest.Client
}

func matrixSetup(t *testing.T) (*apptest.Env, *matrixFixture) {
	t.Helper()
	env := apptest.New(t)
	ctx := context.Background()
	if _, err := demo.Load(ctx, env.Store); err != nil {
		t.Fatalf("demo: %v", err)
	}
	f := &matrixFixture{}
	comps, _ := env.Store.FindCompetitions(ctx)
	for _, c := range comps {
		switch c.Name {
		case demo.DemoCompetitionName:
			f.comp = c.ID
		case demo.FinishedCompetitionName:
			f.finished = c.ID
		}
	}
	stages, _ := env.Store.FindStages(ctx, f.comp)
	f.stage = stages[0].ID
	done, _ := env.Store.FindStages(ctx, f.finished)
	f.frozenStage = done[0].ID
	rec, err := env.Store.FindStageResult(ctx, f.frozenStage)
	if err != nil {
		t.Fatalf("frozen stage result: %v", err)
	}
	res, err := rec.Result()
	if err != nil {
		t.Fatal(err)
	}
	f.panelLabel = res.Dossiers[0].Panel

	// Dossier A is one with an open 畸高/畸低 flag, so its expert has a flag
	// to answer; another of its experts declares a conflict (回避) here.
	flags, _ := env.Store.FindFlags(ctx, store.FlagFilter{StageID: f.stage, Statuses: []store.FlagStatus{store.FlagOpen}})
	if len(flags) == 0 {
		t.Fatal("the demo has no open flag")
	}
	f.dossier, f.flag = flags[0].DossierID, flags[0].ID
	assigned, _ := env.Store.FindUserByID(ctx, flags[0].ExpertID)
	// The demo's declared conflict is on another dossier: the recused expert
	// tries to open that one.
	recused, _ := env.Store.FindAssignments(ctx, store.AssignmentFilter{StageID: f.stage, Statuses: []store.AssignmentStatus{store.AssignmentRecused}})
	if len(recused) == 0 {
		t.Fatal("the demo has no declared conflict")
	}
	f.recusedDossier = recused[0].DossierID
	recusedExpert, _ := env.Store.FindUserByID(ctx, recused[0].ExpertID)
	onDossier := map[int64]bool{}
	for _, dossierID := range []int64{f.dossier, f.recusedDossier} {
		all, _ := env.Store.FindAssignments(ctx, store.AssignmentFilter{StageID: f.stage, DossierID: dossierID})
		for _, a := range all {
			onDossier[a.ExpertID] = true
		}
	}
	experts, _ := env.Store.FindUsers(ctx, store.UserFilter{Role: store.RoleExpert})
	var unassigned *store.User
	for i := range experts {
		if !onDossier[experts[i].ID] {
			unassigned = &experts[i]
			break
		}
	}
	d, _ := env.Store.FindDossierByID(ctx, f.dossier)
	owners, _ := env.Store.FindUsers(ctx, store.UserFilter{Role: store.RoleApplicant, RegionID: d.RegionID})
	applicants, _ := env.Store.FindUsers(ctx, store.UserFilter{Role: store.RoleApplicant})
	var other *store.User
	for i := range applicants {
		if applicants[i].ID != owners[0].ID {
			other = &applicants[i]
			break
		}
	}
	if atts, _ := env.Store.FindAttachments(ctx, f.dossier); len(atts) > 0 {
		f.attachment = atts[0].ID
	} else {
		t.Fatal("dossier A has no attachment")
	}
	draws, _ := env.Store.FindDraws(ctx, store.DrawFilter{StageID: f.stage})
	f.draw = draws[0].ID
	sheets, _ := env.Store.FindSheets(ctx, store.SheetFilter{StageID: f.stage})
	f.sheet = sheets[0].ID
	notices, _ := env.Store.FindNotices(ctx, store.NoticeFilter{CompetitionID: f.finished, Kind: store.NoticePublicity})
	f.notice = notices[0].ID
	objs, _ := env.Store.FindObjections(ctx, store.ObjectionFilter{})
	f.objection = objs[0].ID
	rubric, _ := rubrics.Default()
	f.indicator = rubric.Stages[0].Requirements.Indicators[0].ID
	for _, cr := range rubric.Stages[0].Criteria() {
		if cr.Kind == rubrics.KindVeto {
			f.veto = cr.ID
		}
	}
	winners, _ := env.Store.FindWinners(ctx, f.finished)
	f.winner = winners[0].DossierID
	office, _ := env.Store.FindUserByUsername(ctx, "office")
	job, _ := env.Store.CreateJob(ctx, "matrix", "权限矩阵测试任务", office.ID, 1)
	f.job = job.ID
	tok, _, err := env.Store.CreateAPIToken(ctx, store.UserActor(office), "matrix")
	if err != nil {
		t.Fatal(err)
	}
	f.token = tok.ID
	spare := env.CreateUser(store.RoleApplicant, "spare.account", "宿迁市")
	f.user = spare.ID
	f.expertUser = unassigned.ID

	login := func(name string) *apptest.Client {
		c := env.Client()
		if res := c.Login(name, demo.Password); res.Code != http.StatusSeeOther {
			t.Fatalf("login %s: %d", name, res.Code)
		}
		return c
	}
	f.clients = []*apptest.Client{nil, login(owners[0].Username), login(other.Username), login(assigned.Username),
		login(unassigned.Username), login(recusedExpert.Username), login("office")}
	return env, f
}

// matrixRow is one route: its concrete path and the expected outcome per role.
type matrixRow struct {
	route  string // "METHOD /pattern" as registered
	path   string
	expect string // one letter per role, in matrixRoles order
	// recusedPath, when set, is where the recused expert goes instead of
	// path: the dossier they declared the conflict on.
	recusedPath string
}

func matrixRows(f *matrixFixture) []matrixRow {
	id := func(format string, args ...any) string { return fmt.Sprintf(format, args...) }
	dos := id("/applicant/dossiers/%d", f.dossier)
	sheet := id("/expert/stages/%d/dossiers/%d", f.stage, f.dossier)
	recusedSheet := id("/expert/stages/%d/dossiers/%d", f.stage, f.recusedDossier)
	return []matrixRow{
		// Public.
		{"GET /healthz", "/healthz", "OOOOOOO", ""},
		{"GET /", "/", "LRRRRRR", ""},
		{"GET /help", "/help", "OOOOOOO", ""},
		{"GET /static*", "/static/app.css", "OOOOOOO", ""},
		{"GET /login", "/login", "ORRRRRR", ""},
		{"POST /login", "/login", "RRRRRRR", ""},
		{"POST /logout", "/logout", "LLLLLLL", ""}, // runs last: it ends the sessions
		{"GET /public", "/public", "OOOOOOO", ""},
		{"GET /public/notices/:id", id("/public/notices/%d", f.notice), "OOOOOOO", ""},
		{"GET /public/notices/:id/notice.pdf", id("/public/notices/%d/notice.pdf", f.notice), "OOOOOOO", ""},
		{"POST /public/notices/:id/objections", id("/public/notices/%d/objections", f.notice), "RRRRRRR", ""},
		{"GET /public/competitions/:id", id("/public/competitions/%d", f.finished), "OOOOOOO", ""},
		// The JSON API: public data for everyone, the rest only with an office token (cookies do not count).
		{"GET /api/v1/competitions", "/api/v1/competitions", "OOOOOOO", ""},
		{"GET /api/v1/competitions/:id", id("/api/v1/competitions/%d", f.finished), "OOOOOOO", ""},
		{"GET /api/v1/competitions/:id/results", id("/api/v1/competitions/%d/results", f.finished), "OOOOOOO", ""},
		{"GET /api/v1/notices", "/api/v1/notices", "OOOOOOO", ""},
		{"GET /api/v1/competitions/:id/stages/:stage/results", id("/api/v1/competitions/%d/stages/%d/results", f.finished, f.frozenStage), "UUUUUUU", ""},
		{"GET /api/v1/competitions/:id/scores", id("/api/v1/competitions/%d/scores", f.finished), "UUUUUUU", ""},
		// Any logged-in user.
		{"GET /account/password", "/account/password", "LOOOOOO", ""},
		{"POST /account/password", "/account/password", "LRRRRRR", ""},
		{"GET /resume", "/resume", "LRRRRRR", ""},
		{"POST /resume/discard", "/resume/discard", "LRRRRRR", ""},
		{"GET /jobs/:id", id("/jobs/%d", f.job), "LNNNNNO", ""},
		{"GET /jobs/:id/result", id("/jobs/%d/result", f.job), "LNNNNNR", ""},
		// Applicants: their own dossier only; another region's is hidden.
		{"GET /applicant", "/applicant", "LOOFFFF", ""},
		{"GET /applicant/dossiers/new", id("/applicant/dossiers/new?competition=%d", f.comp), "LOOFFFF", ""},
		{"POST /applicant/dossiers", id("/applicant/dossiers?competition=%d", f.comp), "LRRFFFF", ""},
		{"GET /applicant/dossiers/:id", dos, "LONFFFF", ""},
		{"GET /applicant/dossiers/:id/edit", dos + "/edit", "LRNFFFF", ""},
		{"POST /applicant/dossiers/:id/draft", dos + "/draft", "LRNFFFF", ""},
		{"GET /applicant/dossiers/:id/review", dos + "/review", "LRNFFFF", ""},
		{"POST /applicant/dossiers/:id/submit", dos + "/submit", "LRNFFFF", ""},
		{"GET /applicant/dossiers/:id/receipt", dos + "/receipt", "LONFFFF", ""},
		{"GET /applicant/dossiers/:id/receipt.pdf", dos + "/receipt.pdf", "LONFFFF", ""},
		{"POST /applicant/dossiers/:id/withdraw", dos + "/withdraw", "LRNFFFF", ""},
		{"POST /applicant/dossiers/:id/reopen", dos + "/reopen", "LRNFFFF", ""},
		{"POST /applicant/dossiers/:id/attachments", dos + "/attachments", "LRNFFFF", ""},
		{"GET /applicant/dossiers/:id/attachments/:aid", id("%s/attachments/%d", dos, f.attachment), "LONFFFF", ""},
		{"POST /applicant/dossiers/:id/attachments/:aid/delete", id("%s/attachments/%d/delete", dos, f.attachment), "LRNFFFF", ""},
		// Experts: only their own standing assignment; recused or unassigned is hidden.
		{"GET /expert", "/expert", "LFFOOOF", ""},
		{"GET /expert/stages/:stage/dossiers/:dossier", sheet, "LFFONNF", recusedSheet},
		{"POST /expert/stages/:stage/dossiers/:dossier/draft", sheet + "/draft", "LFFRNNF", recusedSheet + "/draft"},
		{"POST /expert/stages/:stage/dossiers/:dossier/submit", sheet + "/submit", "LFFRNNF", recusedSheet + "/submit"},
		{"GET /expert/stages/:stage/dossiers/:dossier/sign", sheet + "/sign", "LFFRNNF", recusedSheet + "/sign"},
		{"POST /expert/stages/:stage/dossiers/:dossier/sign", sheet + "/sign", "LFFRNNF", recusedSheet + "/sign"},
		{"GET /expert/stages/:stage/dossiers/:dossier/sheet.pdf", sheet + "/sheet.pdf", "LFFRNNF", recusedSheet + "/sheet.pdf"},
		{"POST /expert/stages/:stage/dossiers/:dossier/recuse", sheet + "/recuse", "LFFRNNF", recusedSheet + "/recuse"},
		{"POST /expert/stages/:stage/dossiers/:dossier/flags/:flag/justify", id("%s/flags/%d/justify", sheet, f.flag), "LFFRNNF", id("%s/flags/%d/justify", recusedSheet, f.flag)},
		{"POST /expert/stages/:stage/dossiers/:dossier/flags/:flag/revise", id("%s/flags/%d/revise", sheet, f.flag), "LFFRNNF", id("%s/flags/%d/revise", recusedSheet, f.flag)},
		// The demo's first stage is blind: files are not shown to any expert.
		{"GET /expert/stages/:stage/dossiers/:dossier/attachments/:aid", id("%s/attachments/%d", sheet, f.attachment), "LFFNNNF", id("%s/attachments/%d", recusedSheet, f.attachment)},
		// The office.
		{"GET /office", "/office", "LFFFFFO", ""},
		{"GET /office/users", "/office/users", "LFFFFFO", ""},
		{"GET /office/users/new", "/office/users/new", "LFFFFFO", ""},
		{"POST /office/users", "/office/users", "LFFFFFR", ""},
		{"GET /office/users/:id", id("/office/users/%d", f.user), "LFFFFFO", ""},
		{"POST /office/users/:id", id("/office/users/%d", f.user), "LFFFFFR", ""},
		{"POST /office/users/:id/reset", id("/office/users/%d/reset", f.user), "LFFFFFR", ""},
		{"GET /office/users/import", "/office/users/import", "LFFFFFO", ""},
		{"POST /office/users/import", "/office/users/import", "LFFFFFR", ""},
		{"GET /office/experts", "/office/experts", "LFFFFFO", ""},
		{"GET /office/experts/:id", id("/office/experts/%d", f.expertUser), "LFFFFFO", ""},
		{"POST /office/experts/:id", id("/office/experts/%d", f.expertUser), "LFFFFFR", ""},
		{"GET /office/regions", "/office/regions", "LFFFFFO", ""},
		{"POST /office/regions", "/office/regions", "LFFFFFR", ""},
		{"GET /office/chains", "/office/chains", "LFFFFFO", ""},
		{"POST /office/chains", "/office/chains", "LFFFFFR", ""},
		{"POST /office/chains/import", "/office/chains/import", "LFFFFFR", ""},
		{"POST /office/clusters", "/office/clusters", "LFFFFFR", ""},
		{"GET /office/competitions", "/office/competitions", "LFFFFFO", ""},
		{"GET /office/competitions/new", "/office/competitions/new", "LFFFFFO", ""},
		{"POST /office/competitions", "/office/competitions", "LFFFFFR", ""},
		{"GET /office/competitions/:id", id("/office/competitions/%d", f.comp), "LFFFFFO", ""},
		{"POST /office/competitions/:id", id("/office/competitions/%d", f.comp), "LFFFFFR", ""},
		{"GET /office/competitions/:id/rubric", id("/office/competitions/%d/rubric", f.comp), "LFFFFFO", ""},
		{"GET /office/competitions/:id/rubric.yaml", id("/office/competitions/%d/rubric.yaml", f.comp), "LFFFFFO", ""},
		{"POST /office/competitions/:id/rubric/upload", id("/office/competitions/%d/rubric/upload", f.comp), "LFFFFFR", ""},
		{"POST /office/competitions/:id/rubric/form", id("/office/competitions/%d/rubric/form", f.comp), "LFFFFFR", ""},
		{"POST /office/competitions/:id/rubric/default", id("/office/competitions/%d/rubric/default", f.comp), "LFFFFFR", ""},
		{"POST /office/stages/:id/times", id("/office/stages/%d/times", f.stage), "LFFFFFR", ""},
		{"POST /office/stages/:id/open", id("/office/stages/%d/open", f.stage), "LFFFFFR", ""},
		{"POST /office/stages/:id/close", id("/office/stages/%d/close", f.stage), "LFFFFFR", ""},
		{"GET /office/audit", "/office/audit", "LFFFFFO", ""},
		{"GET /office/results", "/office/results", "LFFFFFO", ""},
		{"GET /office/competitions/:id/results", id("/office/competitions/%d/results", f.finished), "LFFFFFO", ""},
		{"GET /office/stages/:id/results", id("/office/stages/%d/results", f.frozenStage), "LFFFFFO", ""},
		{"POST /office/stages/:id/results/freeze", id("/office/stages/%d/results/freeze", f.stage), "LFFFFFR", ""},
		{"GET /office/stages/:id/summary.pdf", id("/office/stages/%d/summary.pdf?panel=%s", f.frozenStage, f.panelLabel), "LFFFFFO", ""},
		{"POST /office/stages/:id/documents", id("/office/stages/%d/documents", f.frozenStage), "LFFFFFR", ""},
		{"GET /office/stages/:id/dossiers/:dossier/calculation.pdf", "", "LFFFFFO", ""},
		{"GET /office/stages/:id/verify", id("/office/stages/%d/verify", f.stage), "LFFFFFO", ""},
		{"POST /office/stages/:id/verify", id("/office/stages/%d/verify?dossier=%d&indicator=%s", f.stage, f.dossier, f.indicator), "LFFFFFR", ""},
		{"POST /office/stages/:id/vetoes", id("/office/stages/%d/vetoes?dossier=%d&criterion=%s", f.stage, f.dossier, f.veto), "LFFFFFR", ""},
		{"GET /office/competitions/:id/final", id("/office/competitions/%d/final", f.finished), "LFFFFFO", ""},
		{"POST /office/competitions/:id/winners", id("/office/competitions/%d/winners", f.comp), "LFFFFFR", ""},
		{"POST /office/competitions/:id/winners/:dossier/remove", id("/office/competitions/%d/winners/%d/remove", f.finished, f.winner), "LFFFFFR", ""},
		{"GET /office/competitions/:id/notices", id("/office/competitions/%d/notices", f.finished), "LFFFFFO", ""},
		{"POST /office/competitions/:id/publicity", id("/office/competitions/%d/publicity", f.comp), "LFFFFFR", ""},
		{"POST /office/competitions/:id/publish", id("/office/competitions/%d/publish", f.comp), "LFFFFFR", ""},
		{"POST /office/notice-settings", "/office/notice-settings", "LFFFFFR", ""},
		{"GET /office/notices/:id", id("/office/notices/%d", f.notice), "LFFFFFO", ""},
		{"GET /office/notices/:id/notice.pdf", id("/office/notices/%d/notice.pdf", f.notice), "LFFFFFO", ""},
		{"POST /office/notices/:id/withdraw", id("/office/notices/%d/withdraw", f.notice), "LFFFFFR", ""},
		{"POST /office/objections/:id", id("/office/objections/%d", f.objection), "LFFFFFR", ""},
		{"GET /office/objections/:id/evidence", id("/office/objections/%d/evidence", f.objection), "LFFFFFR", ""},
		{"GET /office/competitions/:id/exports", id("/office/competitions/%d/exports", f.finished), "LFFFFFO", ""},
		{"GET /office/competitions/:id/exports/:file", id("/office/competitions/%d/exports/final.csv", f.finished), "LFFFFFR", ""},
		{"GET /office/api-tokens", "/office/api-tokens", "LFFFFFO", ""},
		{"POST /office/api-tokens", "/office/api-tokens", "LFFFFFR", ""},
		{"POST /office/api-tokens/:id/revoke", id("/office/api-tokens/%d/revoke", f.token), "LFFFFFR", ""},
		{"GET /office/dossiers", "/office/dossiers", "LFFFFFO", ""},
		{"GET /office/dossiers/conflicts", "/office/dossiers/conflicts", "LFFFFFO", ""},
		{"GET /office/dossiers/:id", id("/office/dossiers/%d", f.dossier), "LFFFFFO", ""},
		{"POST /office/dossiers/:id/decision", id("/office/dossiers/%d/decision", f.dossier), "LFFFFFR", ""},
		{"GET /office/dossiers/:id/attachments/:aid", id("/office/dossiers/%d/attachments/%d", f.dossier, f.attachment), "LFFFFFO", ""},
		{"GET /office/panels", "/office/panels", "LFFFFFO", ""},
		{"GET /office/panels/stages/:id", id("/office/panels/stages/%d", f.stage), "LFFFFFO", ""},
		{"POST /office/panels/stages/:id", id("/office/panels/stages/%d", f.stage), "LFFFFFR", ""},
		{"GET /office/panels/:id", id("/office/panels/%d", f.draw), "LFFFFFO", ""},
		{"GET /office/panels/:id/record.json", id("/office/panels/%d/record.json", f.draw), "LFFFFFO", ""},
		{"POST /office/panels/:id/verify", id("/office/panels/%d/verify", f.draw), "LFFFFFR", ""},
		{"POST /office/panels/:id/unseal", id("/office/panels/%d/unseal", f.draw), "LFFFFFR", ""},
		{"POST /office/panels/:id/void", id("/office/panels/%d/void", f.draw), "LFFFFFR", ""},
		{"GET /office/panels/stages/:id/progress", id("/office/panels/stages/%d/progress", f.stage), "LFFFFFO", ""},
		{"POST /office/panels/sheets/:id/reopen", id("/office/panels/sheets/%d/reopen", f.sheet), "LFFFFFR", ""},
		{"GET /office/panels/sheets/:id/sheet.pdf", id("/office/panels/sheets/%d/sheet.pdf", f.sheet), "LFFFFFR", ""},
	}
}

func TestPermissionMatrix(t *testing.T) {
	env, f := matrixSetup(t)
	rows := matrixRows(f)

	// Every registered route has exactly one row.
	byRoute := map[string]*matrixRow{}
	for i := range rows {
		if _, dup := byRoute[rows[i].route]; dup {
			t.Errorf("route %s has two rows", rows[i].route)
		}
		byRoute[rows[i].route] = &rows[i]
	}
	registered := map[string]bool{}
	for _, r := range env.Server.Routes() {
		if strings.HasSuffix(r, "/*") || strings.HasPrefix(r, "echo_route_not_found") {
			continue // echo's own catch-all routes
		}
		registered[r] = true
		if _, ok := byRoute[r]; !ok {
			t.Errorf("route %s has no row in the permission matrix: decide who may call it", r)
		}
	}
	var stale []string
	for r := range byRoute {
		if !registered[r] {
			stale = append(stale, r)
		}
	}
	sort.Strings(stale)
	for _, r := range stale {
		t.Errorf("matrix row %s names no registered route", r)
	}

	// Logging out ends the sessions the other rows use, so it goes last.
	sort.SliceStable(rows, func(i, j int) bool { return rows[j].route == "POST /logout" && rows[i].route != "POST /logout" })
	for _, row := range rows {
		if row.path == "" {
			row.path = calculationPath(t, env, f)
		}
		method, _, _ := strings.Cut(row.route, " ")
		for i, want := range row.expect {
			c := f.clients[i]
			if c == nil {
				c = env.Client()
			}
			path := row.path
			if i == 5 && row.recusedPath != "" {
				path = row.recusedPath
			}
			var res *apptest.Response
			if method == http.MethodGet {
				res = c.Get(path)
			} else {
				res = c.PostForm(path, nil)
			}
			if got := outcome(res); !matches(got, want) {
				t.Errorf("%s as %s: got %s (%d %s); want %c", row.route, matrixRoles[i], got, res.Code, res.Location, want)
			}
		}
	}
}

// calculationPath names a dossier of the frozen stage.
func calculationPath(t *testing.T, env *apptest.Env, f *matrixFixture) string {
	rec, err := env.Store.FindStageResult(context.Background(), f.frozenStage)
	if err != nil {
		t.Fatal(err)
	}
	res, _ := rec.Result()
	return fmt.Sprintf("/office/stages/%d/dossiers/%d/calculation.pdf", f.frozenStage, res.Dossiers[0].ID)
}

// outcome classifies a response with the matrix's letters.
func outcome(res *apptest.Response) string {
	switch {
	case res.Code == http.StatusSeeOther && strings.HasPrefix(res.Location, "/login"):
		return "L"
	case res.Code == http.StatusForbidden:
		return "F"
	case res.Code == http.StatusNotFound:
		return "N"
	case res.Code == http.StatusUnauthorized:
		return "U"
	case res.Code >= 500:
		return "5xx"
	case res.Code == http.StatusOK:
		return "O"
	}
	return "R"
}

func matches(got string, want rune) bool {
	switch want {
	case 'R':
		return got == "R" || got == "O"
	default:
		return got == string(want)
	}
}
