package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"testing"
	"time"

	"chainjudge/app/apptest"
	"chainjudge/app/dossier"
	"chainjudge/app/review"
	"chainjudge/app/store"
	"chainjudge/rubrics"
)

// resultsEnv is a competition on the results test rubric
// (app/results/testdata/two-stage.yaml): stage "apply" with four dossiers
// scored by five experts and then closed, and a logged-in office.
//
//	D1 江阴 集成电路   P1 20 22 24 26 28 → 24, P2 20, revenue 600 → 40: 84
//	D2 苏州园区 生物医药 P1 25, P2 19, revenue 700 → 40: 84 (wins the tie on P1)
//	D3 徐州 起重机     P1 10 12 14 16 30 → 14 (30 is 畸高, explained), P2 15, revenue 300 → 20: 49
//	D4 南通 高技术船舶 P1 18, P2 21, revenue 50 → 0: 39; one expert answers the veto yes
//
// The threshold is 50, one per cluster and three in all, so D2 and D1 go on.
type resultsEnv struct {
	env      *apptest.Env
	office   *apptest.Client
	comp     *store.Competition
	stages   []store.Stage
	dossiers []*store.Dossier
	experts  []*store.User
}

var fixtureBids = []struct {
	region, chain, revenue string
	p1, p2                 []string
}{
	{"江阴市", "集成电路", "600", []string{"20", "22", "24", "26", "28"}, []string{"20", "20", "20", "20", "20"}},
	{"苏州工业园区", "生物医药", "700", []string{"25", "25", "25", "25", "25"}, []string{"19", "19", "19", "19", "19"}},
	{"徐州市", "起重机", "300", []string{"10", "12", "14", "16", "30"}, []string{"15", "15", "15", "15", "15"}},
	{"南通市", "高技术船舶", "50", []string{"18", "18", "18", "18", "18"}, []string{"21", "21", "21", "21", "21"}},
}

const fixtureFlagReason = "该链主企业千吨级产品订单带动本地配套企业成效突出，故给予高分。"

func newResultsEnv(t *testing.T) *resultsEnv {
	t.Helper()
	return newResultsEnvOn(t, apptest.New(t))
}

// newResultsEnvOn builds the fixture on a given environment (e.g. PostgreSQL).
func newResultsEnvOn(t *testing.T, env *apptest.Env) *resultsEnv {
	t.Helper()
	ctx := context.Background()
	env.CreateUser(store.RoleOffice, "office1", "")
	r := &resultsEnv{env: env, office: env.Login("office1")}
	data, err := os.ReadFile("results/testdata/two-stage.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rub, err := rubrics.Parse("two-stage.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	sys := store.SystemActor("test")
	now := env.Clock.T
	var chainIDs []int64
	for _, b := range fixtureBids {
		ch, err := env.Store.FindChainByName(ctx, b.chain)
		if err != nil {
			t.Fatal(err)
		}
		chainIDs = append(chainIDs, ch.ID)
	}
	r.comp, err = env.Store.CreateCompetition(ctx, sys, store.NewCompetition{Name: "2026年度江苏省区域卓越产业链竞赛", Year: 2026,
		RubricYAML: string(data), RubricHash: rub.Hash(), RubricSource: "upload", ChainIDs: chainIDs, Stages: []store.Stage{
			{Key: "apply", Seq: 1, Name: "申报评审", OpensAt: now.Add(-time.Hour), ClosesAt: now.Add(24 * time.Hour)},
			{Key: "select", Seq: 2, Name: "遴选答辩", OpensAt: now.Add(-time.Hour), ClosesAt: now.Add(48 * time.Hour)},
		}})
	if err != nil {
		t.Fatal(err)
	}
	r.stages, _ = env.Store.FindStages(ctx, r.comp.ID)
	if err := env.Store.OpenStage(ctx, sys, r.stages[0].ID, r.stages[0].Version); err != nil {
		t.Fatal(err)
	}
	r.reloadStages(t)
	for i, b := range fixtureBids {
		u := env.CreateUser(store.RoleApplicant, fmt.Sprintf("app%d", i), b.region)
		ch, _ := env.Store.FindChainByName(ctx, b.chain)
		content := dossier.Content{Indicators: map[string]string{"revenue": b.revenue}}
		d, err := env.Store.CreateDossier(ctx, store.UserActor(u), store.NewDossier{CompetitionID: r.comp.ID, ChainID: ch.ID,
			RegionID: *u.RegionID, CreatedBy: u.ID, Title: b.region + b.chain + "产业链", Content: content.JSON()})
		if err != nil {
			t.Fatal(err)
		}
		if err := env.Store.AddStageEntry(ctx, r.stages[0].ID, d.ID, store.EntryFormalCheck); err != nil {
			t.Fatal(err)
		}
		r.dossiers = append(r.dossiers, d)
	}
	for i := range 5 {
		r.experts = append(r.experts, env.CreateUser(store.RoleExpert, fmt.Sprintf("judge%d", i), ""))
	}
	r.drawAndScore(t, &r.stages[0], r.dossiers, r.experts, func(di, ei int) []store.SheetValue {
		b := fixtureBids[di]
		veto := store.SheetValue{CriterionID: "V1", Veto: "no"}
		if di == 3 && ei == 1 {
			veto = store.SheetValue{CriterionID: "V1", Veto: "yes", VetoReason: "核心区龙头企业被列入严重失信主体名单"}
		}
		return []store.SheetValue{{CriterionID: "P1", Points: b.p1[ei]}, {CriterionID: "P2", Points: b.p2[ei]}, veto}
	})
	r.justifyFlags(t, &r.stages[0])
	r.closeStage(t, 0)
	return r
}

func (r *resultsEnv) reloadStages(t *testing.T) {
	t.Helper()
	var err error
	if r.stages, err = r.env.Store.FindStages(context.Background(), r.comp.ID); err != nil {
		t.Fatal(err)
	}
}

// drawAndScore records a panel of the experts for the dossiers and signs
// every sheet with values(dossier index, expert index), refreshing the
// 畸高/畸低 flags as the expert pages do.
func (r *resultsEnv) drawAndScore(t *testing.T, stage *store.Stage, ds []*store.Dossier, experts []*store.User, values func(di, ei int) []store.SheetValue) {
	t.Helper()
	r.drawAndScoreWhere(t, stage, ds, experts, len(experts), func(di, ei int) bool { return true }, values)
}

// drawAndScoreWhere is drawAndScore for an incomplete design: expert ei
// scores dossier di only where assigned(di, ei); perDossier is the panel's
// number of experts per dossier.
func (r *resultsEnv) drawAndScoreWhere(t *testing.T, stage *store.Stage, ds []*store.Dossier, experts []*store.User, perDossier int,
	assigned func(di, ei int) bool, values func(di, ei int) []store.SheetValue) {
	t.Helper()
	ctx := context.Background()
	office, _ := r.env.Store.FindUserByUsername(ctx, "office1")
	nd := store.NewDraw{StageID: stage.ID, ScopeLabel: "评审组", Seed: "test", Algorithm: "test", InputJSON: "{}",
		ResultJSON: "{}", InputHash: "sha256:test", PerDossier: perDossier, CreatedBy: office.ID}
	for ei, e := range experts {
		nd.MemberIDs = append(nd.MemberIDs, e.ID)
		for di, d := range ds {
			if assigned(di, ei) {
				nd.Assignments = append(nd.Assignments, store.NewAssignment{DossierID: d.ID, ExpertID: e.ID})
			}
		}
	}
	draw, err := r.env.Store.CreateDraw(ctx, store.UserActor(office), nd)
	if err != nil {
		t.Fatal(err)
	}
	rules, err := review.StageRules(ctx, r.env.Store, stage)
	if err != nil {
		t.Fatal(err)
	}
	as, _ := r.env.Store.FindAssignments(ctx, store.AssignmentFilter{DrawID: draw.ID})
	for _, a := range as {
		di, ei := -1, -1
		for i, d := range ds {
			if d.ID == a.DossierID {
				di = i
			}
		}
		for i, e := range experts {
			if e.ID == a.ExpertID {
				ei = i
			}
		}
		by := store.UserActor(experts[ei])
		err := r.env.Store.Tx(ctx, func(tx *store.Store) error {
			sh, _, err := tx.SaveSheet(ctx, by, store.SheetSave{AssignmentID: a.ID, RubricHash: stage.RubricHash, Values: values(di, ei)})
			if err != nil {
				return err
			}
			if _, err := tx.SubmitSheet(ctx, by, sh.ID, sh.Version); err != nil {
				return err
			}
			return review.RefreshFlags(ctx, tx, by, stage, rules, a.DossierID)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// justifyFlags answers every open flag of the stage with the fixture reason.
func (r *resultsEnv) justifyFlags(t *testing.T, stage *store.Stage) {
	t.Helper()
	ctx := context.Background()
	flags, _ := r.env.Store.FindFlags(ctx, store.FlagFilter{StageID: stage.ID, Statuses: []store.FlagStatus{store.FlagOpen}})
	if len(flags) == 0 && stage.Key == "apply" {
		t.Fatal("the fixture's 畸高 score raised no flag")
	}
	for _, f := range flags {
		e, _ := r.env.Store.FindUserByID(ctx, f.ExpertID)
		if err := r.env.Store.JustifyFlag(ctx, store.UserActor(e), f.ID, f.ExpertID, f.Version, fixtureFlagReason); err != nil {
			t.Fatal(err)
		}
	}
}

func (r *resultsEnv) closeStage(t *testing.T, i int) {
	t.Helper()
	r.reloadStages(t)
	st := r.stages[i]
	if err := r.env.Store.CloseStage(context.Background(), store.SystemActor("test"), st.ID, st.Version, ""); err != nil {
		t.Fatal(err)
	}
	r.reloadStages(t)
}

func (r *resultsEnv) path(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// verifyAll accepts every reported indicator of every dossier of stage 0.
func (r *resultsEnv) verifyAll(t *testing.T) {
	t.Helper()
	for _, d := range r.dossiers {
		res := r.office.PostForm(r.path("/office/stages/%d/verify", r.stages[0].ID),
			url.Values{"dossier": {itoa(d.ID)}, "action": {"accept_all"}})
		apptest.Check(t, res, http.StatusSeeOther, "", nil, nil)
	}
}

var hashField = regexp.MustCompile(`name="hash" value="([^"]+)"`)

// freeze freezes stage i the way the office does: it reads the preview's
// hash from the results page and confirms it.
func (r *resultsEnv) freeze(t *testing.T, i int) *apptest.Response {
	t.Helper()
	page := r.office.Get(r.path("/office/stages/%d/results", r.stages[i].ID))
	m := hashField.FindStringSubmatch(page.Body)
	if m == nil {
		t.Fatalf("results page offers no freeze form:\n%s", page.Body)
	}
	return r.office.PostForm(r.path("/office/stages/%d/results/freeze", r.stages[i].ID), url.Values{"hash": {m[1]}})
}

// confirmVeto confirms the expert's veto on D4.
func (r *resultsEnv) confirmVeto(t *testing.T) {
	t.Helper()
	res := r.office.PostForm(r.path("/office/stages/%d/vetoes", r.stages[0].ID), url.Values{"dossier": {itoa(r.dossiers[3].ID)},
		"criterion": {"V1"}, "decision": {"confirmed"}, "reason": {"经向市场监管部门核实，龙头企业确被列入严重失信主体名单"}, "version": {"0"}})
	apptest.Check(t, res, http.StatusSeeOther, "", nil, nil)
}

// throughSelect freezes stage 1, scores and freezes stage 2:
// D1 90 90 90 → 90, D2 80 82 84 → 82, so D1 87.6 and D2 82.8 in the end.
func (r *resultsEnv) throughSelect(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	r.verifyAll(t)
	r.confirmVeto(t)
	apptest.Check(t, r.freeze(t, 0), http.StatusSeeOther, "", nil, nil)
	sel := r.stages[1]
	if err := r.env.Store.OpenStage(ctx, store.SystemActor("test"), sel.ID, sel.Version); err != nil {
		t.Fatal(err)
	}
	r.reloadStages(t)
	scores := map[int][]string{0: {"90", "90", "90"}, 1: {"80", "82", "84"}}
	finalists := []*store.Dossier{r.dossiers[0], r.dossiers[1]}
	r.drawAndScore(t, &r.stages[1], finalists, r.experts[:3], func(di, ei int) []store.SheetValue {
		return []store.SheetValue{{CriterionID: "Q1", Points: scores[di][ei]}}
	})
	r.justifyFlags(t, &r.stages[1])
	r.closeStage(t, 1)
	apptest.Check(t, r.freeze(t, 1), http.StatusSeeOther, "", nil, nil)
}

func key(d *store.Dossier) string { return store.DossierKey(d) }

// decodeJSON reads a JSON response body.
func decodeJSON(t *testing.T, res *apptest.Response, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(res.Body), v); err != nil {
		t.Fatalf("decode %s: %v", res.Body, err)
	}
}

// auditAction filters the audit log by action.
func auditAction(action string) store.AuditFilter { return store.AuditFilter{Action: action} }
