package app_test

import (
	"context"
	"net/http"
	"regexp"
	"strconv"
	"testing"

	"chainjudge/app/apptest"
	"chainjudge/app/demo"
	"chainjudge/app/review"
	"chainjudge/app/store"
	"chainjudge/rubrics"
)

// The office's result page of a stage states Krippendorff's α and draws each
// judge's mean deviation from the panel.
var (
	alphaShown     = regexp.MustCompile(`Krippendorff α（等距）= ([0-9.]+)`)
	deviationShown = regexp.MustCompile(`：平均偏差 ([+-]?[0-9.]+)分`)
)

// TestDemo_JudgesDisagreeLikePeople checks the demo's scores read like a
// real panel's: on every scored stage nearly every criterion of a dossier
// has judges giving different points, each on the criterion's step and
// within its range; the office's result pages of the finished round show
// an agreement below 1 yet still telling the dossiers apart, and one judge
// visibly more lenient and one visibly more severe than their panels.
func TestDemo_JudgesDisagreeLikePeople(t *testing.T) {
	env := apptest.New(t)
	ctx := context.Background()
	if _, err := demo.Load(ctx, env.Store); err != nil {
		t.Fatal(err)
	}
	office := env.Client()
	apptest.Check(t, office.Login("office", demo.Password), http.StatusSeeOther, "", nil, nil)
	comps, _ := env.Store.FindCompetitions(ctx)
	scored := 0
	for _, comp := range comps {
		stages, _ := env.Store.FindStages(ctx, comp.ID)
		for i := range stages {
			st := &stages[i]
			rows, err := env.Store.SubmittedScores(ctx, st.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) == 0 {
				continue
			}
			scored++
			rules, err := review.StageRules(ctx, env.Store, st)
			if err != nil {
				t.Fatal(err)
			}
			name := comp.Name + " " + st.Name
			checkJudgesDiffer(t, name, rules, rows)
			if _, err := env.Store.FindStageResult(ctx, st.ID); err != nil {
				continue // not frozen: no result page yet
			}
			page := office.Get("/office/stages/" + itoa(st.ID) + "/results")
			apptest.Check(t, page, http.StatusOK, "", []string{"评委宽严", "评委一致性"}, nil)
			m := alphaShown.FindStringSubmatch(page.Body)
			if m == nil {
				t.Errorf("%s: the result page states no Krippendorff α", name)
			} else if alpha, _ := strconv.ParseFloat(m[1], 64); alpha >= 0.95 || alpha < 0.5 {
				t.Errorf("%s: α = %s; want judges who differ (below 0.95) but still tell the dossiers apart (0.5 or more)", name, m[1])
			}
			lowest, highest := 0.0, 0.0
			for _, d := range deviationShown.FindAllStringSubmatch(page.Body, -1) {
				v, _ := strconv.ParseFloat(d[1], 64)
				lowest, highest = min(lowest, v), max(highest, v)
			}
			if highest < 1 || lowest > -1 {
				t.Errorf("%s: judges' mean deviations from %+.2f to %+.2f; want one at least a point lenient and one a point severe", name, lowest, highest)
			}
		}
	}
	if scored < 4 {
		t.Errorf("%d stages have signed scores; want the three of 2025 and the first of 2026", scored)
	}
}

// checkJudgesDiffer checks that most dossier × criterion cells of a stage
// hold more than one value, and that every value is a multiple of its
// criterion's step within [0, max].
func checkJudgesDiffer(t *testing.T, name string, rules *rubrics.Stage, rows []store.ScoreRow) {
	t.Helper()
	values := map[string]map[string]bool{}
	for _, r := range rows {
		cr := rules.Criterion(r.CriterionID)
		if cr == nil || r.Value == "" {
			continue
		}
		p, err := rubrics.ParseDecimal(r.Value)
		if err != nil || p.Sign() < 0 || p.Cmp(cr.Max) > 0 || p.Micros()%cr.Step.Micros() != 0 {
			t.Errorf("%s: %s = %s; want a multiple of %s within 0–%s", name, r.CriterionID, r.Value, cr.Step, cr.Max)
		}
		cell := itoa(r.DossierID) + "/" + r.CriterionID
		if values[cell] == nil {
			values[cell] = map[string]bool{}
		}
		values[cell][r.Value] = true
	}
	split := 0
	for _, vs := range values {
		if len(vs) > 1 {
			split++
		}
	}
	if len(values) == 0 || split*4 < len(values)*3 {
		t.Errorf("%s: judges differ on %d of %d criterion cells; want at least three in four", name, split, len(values))
	}
}
