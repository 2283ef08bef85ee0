package app_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"chainjudge/app/apptest"
	"chainjudge/app/dossier"
	"chainjudge/app/store"
	"chainjudge/rubrics"
)

// The severity fixture: ten 集成电路 dossiers of ten cities in stage "apply"
// of the results test rubric, five judges, each judge leaving out two
// dossiers (judge j skips dossiers 2j and 2j+1), so every dossier has four
// judges and every judge scores eight — the fewest the correction accepts.
//
// The judges' P1 scores follow an exact additive model: dossier quality q
// plus the judge's effect, +4 (judge0, lenient), −4 (judge1, severe), +1,
// 0, −1. P2 is 15 from everyone, the verified revenue (600) gives O1 40.
// A judge's total is P1 + 15, so the corrected expert part is q + 15
// exactly, while the raw result (trimmed mean per criterion, one dropped at
// each end of four) keeps part of the bias of who happened to score it.
var (
	severityEffects = []float64{4, -4, 1, 0, -1}
	severityQuality = []float64{20, 14, 19.5, 12.5, 22, 17, 24, 10, 15, 26}
	severityCities  = []string{"南京市", "无锡市", "徐州市", "常州市", "苏州市", "南通市", "连云港市", "淮安市", "盐城市", "扬州市"}
)

// crossedDesign is the fixture's assignment: judge ei skips dossiers 2ei
// and 2ei+1.
func crossedDesign(di, ei int) bool { return di/2 != ei }

// newSeverityEnv builds the fixture with the given assignment, verifies the
// indicators and closes the stage (nothing stands in the way of freezing).
func newSeverityEnv(t *testing.T, assigned func(di, ei int) bool) *resultsEnv {
	t.Helper()
	ctx := context.Background()
	env := apptest.New(t)
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
	chain, err := env.Store.FindChainByName(ctx, "集成电路")
	if err != nil {
		t.Fatal(err)
	}
	now := env.Clock.T
	r.comp, err = env.Store.CreateCompetition(ctx, sys, store.NewCompetition{Name: "2026年度江苏省区域卓越产业链竞赛", Year: 2026,
		RubricYAML: string(data), RubricHash: rub.Hash(), RubricSource: "upload", ChainIDs: []int64{chain.ID}, Stages: []store.Stage{
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
	content := dossier.Content{Indicators: map[string]string{"revenue": "600"}}
	for i, city := range severityCities {
		u := env.CreateUser(store.RoleApplicant, fmt.Sprintf("app%d", i), city)
		d, err := env.Store.CreateDossier(ctx, store.UserActor(u), store.NewDossier{CompetitionID: r.comp.ID, ChainID: chain.ID,
			RegionID: *u.RegionID, CreatedBy: u.ID, Title: city + "集成电路产业链", Content: content.JSON()})
		if err != nil {
			t.Fatal(err)
		}
		if err := env.Store.AddStageEntry(ctx, r.stages[0].ID, d.ID, store.EntryFormalCheck); err != nil {
			t.Fatal(err)
		}
		r.dossiers = append(r.dossiers, d)
	}
	for i := range severityEffects {
		r.experts = append(r.experts, env.CreateUser(store.RoleExpert, fmt.Sprintf("judge%d", i), ""))
	}
	r.drawAndScoreWhere(t, &r.stages[0], r.dossiers, r.experts, 4, assigned, func(di, ei int) []store.SheetValue {
		p1 := severityQuality[di] + severityEffects[ei]
		return []store.SheetValue{{CriterionID: "P1", Points: fmt.Sprint(p1)}, {CriterionID: "P2", Points: "15"},
			{CriterionID: "V1", Veto: "no"}}
	})
	if flags, _ := env.Store.FindFlags(ctx, store.FlagFilter{StageID: r.stages[0].ID}); len(flags) != 0 {
		t.Fatalf("fixture: the scores raised %d 畸高/畸低 flags; they should raise none", len(flags))
	}
	r.verifyAll(t)
	r.closeStage(t, 0)
	return r
}

// judgeCode is the code under which the expert appears in the results.
func (r *resultsEnv) judgeCode(t *testing.T, expert *store.User) string {
	t.Helper()
	codes, err := r.env.Store.FindJudgeCodes(context.Background(), r.comp.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range codes {
		if c.ExpertID == expert.ID {
			return c.Code
		}
	}
	t.Fatalf("no judge code for %s", expert.Username)
	return ""
}

// resultRow is one dossier's row of the results table as the page shows it.
type resultRow struct {
	Rank, Expert, Objective, Score string
	// Severity is the comparison cell ("raw → corrected", "—"), "" when the
	// page has no such column.
	Severity string
}

var resultRowRE = regexp.MustCompile(`<td class="num">([^<]*)</td>\s*<td><strong>([^<]+)</strong>[\s\S]*?` +
	`<td class="num">([^<]*)</td><td class="num">([^<]*)</td><td class="num"><strong>([^<]*)</strong></td>\s*` +
	`(?:<td class="num">([^<]*)</td>)?`)

// resultRows reads the results table by dossier key.
func resultRows(t *testing.T, body string) map[string]resultRow {
	t.Helper()
	out := map[string]resultRow{}
	for _, m := range resultRowRE.FindAllStringSubmatch(body, -1) {
		out[m[2]] = resultRow{Rank: m[1], Expert: m[3], Objective: m[4], Score: m[5], Severity: m[6]}
	}
	return out
}

// With the severity correction shown, every dossier's row carries the raw
// mean of its judges' totals beside the corrected value; the ranking (and
// every score) is the raw one, the same as without the correction, even
// where the correction would swap two dossiers; the judges' estimated
// effects come out with the lenient judge positive and the severe one
// negative. Freezing with the comparison keeps it on the frozen page and
// still ranks by the raw scores.
func TestStageResults_SeverityCorrectionBesideTheRawResult(t *testing.T) {
	r := newSeverityEnv(t, crossedDesign)
	st := r.stages[0]
	page := r.office.Get(r.path("/office/stages/%d/results?severity=1", st.ID))
	apptest.Check(t, page, http.StatusOK, "", []string{"宽严校正（对照）", "评委宽严校正（仅供对照）",
		"校正值只与原始结果并列显示，不替代原始结果"}, []string{"未进行校正"})

	// Raw (as shown): the trimmed expert part + 40; the severity cell is
	// the plain mean of the judges' totals → q + 15.
	want := []resultRow{
		{Rank: "5", Expert: "34.50", Score: "74.50", Severity: "34.00 → 35.00"},  // D0, no lenient judge
		{Rank: "8", Expert: "28.50", Score: "68.50", Severity: "28.00 → 29.00"},  // D1, no lenient judge
		{Rank: "4", Expert: "35.00", Score: "75.00", Severity: "35.50 → 34.50"},  // D2, no severe judge
		{Rank: "9", Expert: "28.00", Score: "68.00", Severity: "28.50 → 27.50"},  // D3, no severe judge
		{Rank: "3", Expert: "36.50", Score: "76.50", Severity: "36.75 → 37.00"},  // D4, effects −4 +4 0 −1
		{Rank: "6", Expert: "31.50", Score: "71.50", Severity: "31.75 → 32.00"},  // D5
		{Rank: "2", Expert: "39.00", Score: "79.00", Severity: "39.00 → 39.00"},  // D6, effects +4 −4 +1 −1
		{Rank: "10", Expert: "25.00", Score: "65.00", Severity: "25.00 → 25.00"}, // D7
		{Rank: "7", Expert: "30.50", Score: "70.50", Severity: "30.25 → 30.00"},  // D8, effects +4 −4 +1 0
		{Rank: "1", Expert: "41.50", Score: "81.50", Severity: "41.25 → 41.00"},  // D9
	}
	rows := resultRows(t, page.Body)
	plain := resultRows(t, r.office.Get(r.path("/office/stages/%d/results", st.ID)).Body)
	for i, d := range r.dossiers {
		got, ok := rows[key(d)]
		if !ok {
			t.Errorf("%s: no row on the page", key(d))
			continue
		}
		w := want[i]
		w.Objective = "40.00"
		if got != w {
			t.Errorf("D%d %s row = %+v; want %+v", i, key(d), got, w)
		}
		// The same ranking and scores without the comparison.
		p := plain[key(d)]
		if p.Rank != got.Rank || p.Score != got.Score || p.Severity != "" {
			t.Errorf("D%d without the correction: %+v; want rank %s, score %s and no comparison column", i, p, got.Rank, got.Score)
		}
	}
	// The correction would put D0 (35) above D2 (34.5); the ranking does not.
	if rows[key(r.dossiers[2])].Rank != "4" || rows[key(r.dossiers[0])].Rank != "5" {
		t.Errorf("ranking follows the correction: D2 %s, D0 %s", rows[key(r.dossiers[2])].Rank, rows[key(r.dossiers[0])].Rank)
	}

	t.Run("JudgeEffects", func(t *testing.T) {
		// html/template writes the plus sign as &#43;.
		for i, want := range []string{"&#43;4.00", "-4.00", "&#43;1.00", "", "-1.00"} {
			code := r.judgeCode(t, r.experts[i])
			m := regexp.MustCompile(`<tr><td>` + regexp.QuoteMeta(code) + `</td><td class="num">([^<]+)</td><td class="num">(\d+)</td></tr>`).
				FindStringSubmatch(page.Body)
			switch {
			case m == nil:
				t.Errorf("judge%d (%s): no effect shown", i, code)
			case m[2] != "8":
				t.Errorf("judge%d (%s): %s dossiers; want 8", i, code, m[2])
			case want == "" && m[1] != "&#43;0.00" && m[1] != "-0.00":
				t.Errorf("judge%d (%s): effect %s; want 0", i, code, m[1])
			case want != "" && m[1] != want:
				t.Errorf("judge%d (%s): effect %s; want %s", i, code, m[1], want)
			}
		}
	})

	t.Run("FrozenWithTheComparison", func(t *testing.T) {
		m := hashField.FindStringSubmatch(page.Body)
		if m == nil || !strings.Contains(page.Body, `<input type="hidden" name="severity" value="1">`) {
			t.Fatalf("the preview with the correction offers no freeze form carrying it")
		}
		res := r.office.PostForm(r.path("/office/stages/%d/results/freeze", st.ID), url.Values{"hash": {m[1]}, "severity": {"1"}})
		apptest.Check(t, res, http.StatusSeeOther, "", nil, nil)
		frozen := r.office.Get(r.path("/office/stages/%d/results", st.ID))
		apptest.Check(t, frozen, http.StatusOK, "", []string{"已冻结", "宽严校正（对照）"}, nil)
		if got := resultRows(t, frozen.Body); got[key(r.dossiers[0])] != rows[key(r.dossiers[0])] ||
			got[key(r.dossiers[2])] != rows[key(r.dossiers[2])] {
			t.Errorf("frozen rows differ from the preview: D0 %+v, D2 %+v", got[key(r.dossiers[0])], got[key(r.dossiers[2])])
		}
		rec, err := r.env.Store.FindStageResult(context.Background(), st.ID)
		if err != nil {
			t.Fatal(err)
		}
		res2, err := rec.Result()
		if err != nil {
			t.Fatal(err)
		}
		if d0, d2 := res2.Dossier(key(r.dossiers[0])), res2.Dossier(key(r.dossiers[2])); !rec.Severity || d0.Rank != 5 || d2.Rank != 4 {
			t.Errorf("frozen record: severity %v, D0 rank %d, D2 rank %d; want severity kept, raw ranks 5 and 4", rec.Severity, d0.Rank, d2.Rank)
		}
	})
}

// When a judge has scored fewer than eight dossiers the correction is not
// computed: the page names the judge and the count, every dossier's
// comparison cell is empty, and the raw result is unchanged.
func TestStageResults_SeverityRefusedWhenTheDesignIsTooThin(t *testing.T) {
	// judge4 also leaves out dossier 7: seven dossiers.
	r := newSeverityEnv(t, func(di, ei int) bool { return crossedDesign(di, ei) && !(ei == 4 && di == 7) })
	st := r.stages[0]
	page := r.office.Get(r.path("/office/stages/%d/results?severity=1", st.ID))
	code := r.judgeCode(t, r.experts[4]) // codes are given out with the first results
	apptest.Check(t, page, http.StatusOK, "", []string{"评委宽严校正（仅供对照）",
		"未进行校正：评委 " + code + "（7 份）评分少于 8 份，无法可靠估计其宽严，不做宽严校正"},
		[]string{"校正值只与原始结果并列显示"})
	rows := resultRows(t, page.Body)
	plain := resultRows(t, r.office.Get(r.path("/office/stages/%d/results", st.ID)).Body)
	if len(rows) != len(r.dossiers) {
		t.Fatalf("%d rows on the page; want %d", len(rows), len(r.dossiers))
	}
	for k, row := range rows {
		if row.Severity != "—" {
			t.Errorf("%s: comparison cell %q; want —", k, row.Severity)
		}
		if p := plain[k]; p.Rank != row.Rank || p.Score != row.Score {
			t.Errorf("%s: %+v with the correction asked for, %+v without", k, row, p)
		}
	}
}
