package scoring

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// stageFixture: 5 judges, two criteria (weights 1 and 2), four dossiers.
// A: C1 8 8 8 8 8 → 8;  C2 6 6 6 6 6 → 12; total 20
// B: C1 6 6 6 6 6 → 6;  C2 7 7 7 7 7 → 14; total 20 (ties A; C2 points 14 > 12)
// C: C1 9 9 9 9 9 → 9;  C2 9 9 9 9 9 → 18; total 27
// D: C1 nobody;         C2 5 5 5 5 5      → no total, unranked
func stageFixture(t *testing.T) StageInput {
	agg := AggregateOptions{Method: MethodTrimmedMean, Decimals: ip(2)}
	row := func(s string) []NullDecimal { return matrix(t, s)[0] }
	return StageInput{
		Judges: fiveJudges,
		Criteria: []Criterion{
			{ID: "C1", Name: "集聚性", Max: d("10"), Weight: d("1"), Aggregate: agg},
			{ID: "C2", Name: "协同创新力", Max: d("10"), Weight: d("2"), Aggregate: agg},
		},
		Dossiers: []DossierScores{
			{ID: "A", Scores: [][]NullDecimal{row("8 8 8 8 8"), row("6 6 6 6 6")}},
			{ID: "B", Scores: [][]NullDecimal{row("6 6 6 6 6"), row("7 7 7 7 7")}},
			{ID: "C", Scores: [][]NullDecimal{row("9 9 9 9 9"), row("9 9 9 9 9")}},
			{ID: "D", Scores: [][]NullDecimal{row(". . . . ."), row("5 5 5 5 5")}},
		},
		Totals:    TotalOptions{Decimals: ip(2)},
		TieBreaks: []TieBreak{TieBreakCriterion("C2", "协同创新力")},
	}
}

func TestScoreStage_RanksWithTieBreak(t *testing.T) {
	res, err := ScoreStage(stageFixture(t))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range res.Dossiers {
		got[r.ID] = r.Result().String() + "#" + strings.TrimPrefix(ranksOf([]Placement{r.Placement}), r.ID+"=")
	}
	want := map[string]string{"A": "20#3", "B": "20#2", "C": "27#1", "D": "—#-"}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s = %s; want %s", id, got[id], w)
		}
	}
	b := res.Dossiers[1].Placement
	if !b.Decided || b.DecidedBy.Key != KeyCriterion("C2") {
		t.Errorf("B decided by %+v; want criterion C2", b.DecidedBy)
	}
	// Every judge agrees exactly on A, B, C, but D has no judge totals, so
	// the complete-data statistics are undefined while alpha is not.
	if res.Agreement.ICC.Valid || res.Agreement.Kendall.Valid || !res.Agreement.Alpha.Valid || res.Agreement.Alpha.Alpha != 1 {
		t.Errorf("agreement = %+v", res.Agreement)
	}
}

func TestScoreStage_CallerKeysAndErrors(t *testing.T) {
	in := stageFixture(t)
	in.TieBreaks = []TieBreak{TieBreakStage("S1", "申报")}
	in.Dossiers[0].Keys = map[string]Decimal{KeyStage("S1"): d("90")}
	in.Dossiers[1].Keys = map[string]Decimal{KeyStage("S1"): d("80")}
	res, err := ScoreStage(in)
	if err != nil {
		t.Fatal(err)
	}
	if res.Dossiers[0].Placement.Rank != 2 || res.Dossiers[1].Placement.Rank != 3 {
		t.Errorf("ranks A %d B %d; want the caller's stage key to put A first", res.Dossiers[0].Placement.Rank, res.Dossiers[1].Placement.Rank)
	}
	in.Dossiers[1].Keys = nil
	if _, err := ScoreStage(in); err == nil || !strings.Contains(err.Error(), "缺少决胜规则") {
		t.Errorf("missing caller key error = %v", err)
	}
	in = stageFixture(t)
	in.Dossiers[1].ID = "A"
	if _, err := ScoreStage(in); err == nil || !strings.Contains(err.Error(), "重复") {
		t.Errorf("duplicate dossier error = %v", err)
	}
}

func TestScoreStage_OrderIndependent(t *testing.T) {
	in := randomStage(rand.New(rand.NewPCG(13, 14)), 40, 7, 4)
	a, err := ScoreStage(in)
	if err != nil {
		t.Fatal(err)
	}
	shuffled := in
	shuffled.Dossiers = slices.Clone(in.Dossiers)
	rand.New(rand.NewPCG(15, 16)).Shuffle(len(shuffled.Dossiers), func(i, j int) {
		shuffled.Dossiers[i], shuffled.Dossiers[j] = shuffled.Dossiers[j], shuffled.Dossiers[i]
	})
	b, err := ScoreStage(shuffled)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]DossierResult{}
	for _, r := range b.Dossiers {
		byID[r.ID] = r
	}
	for _, r := range a.Dossiers {
		o := byID[r.ID]
		if r.Total != o.Total || r.Placement.Rank != o.Placement.Rank || r.Placement.DecidedBy != o.Placement.DecidedBy {
			t.Fatalf("%s: %s #%d vs shuffled %s #%d", r.ID, r.Total, r.Placement.Rank, o.Total, o.Placement.Rank)
		}
	}
	if !near(a.Agreement.ICC.ICC2.Float64, b.Agreement.ICC.ICC2.Float64, 12) || !near(a.Agreement.Alpha.Alpha, b.Agreement.Alpha.Alpha, 12) {
		t.Errorf("agreement changed with dossier order")
	}
}

func TestScoreStage_SeverityOnlyOnRequest(t *testing.T) {
	in := randomStage(rand.New(rand.NewPCG(17, 18)), 12, 4, 2)
	res, err := ScoreStage(in)
	if err != nil {
		t.Fatal(err)
	}
	if res.Severity != nil {
		t.Fatal("severity computed without being requested")
	}
	in.Severity = &SeverityOptions{Decimals: ip(2)}
	res, err = ScoreStage(in)
	if err != nil {
		t.Fatal(err)
	}
	if res.Severity == nil || !res.Severity.Applied || len(res.Severity.Dossiers) != 12 || len(res.Severity.Judges) != 4 {
		t.Fatalf("severity = %+v; want it applied to 12 dossiers and 4 judges", res.Severity)
	}
	// The raw totals are untouched and the effects sum to zero.
	var sum float64
	for _, j := range res.Severity.Judges {
		sum += j.Effect
	}
	if sum > 1e-9 || sum < -1e-9 {
		t.Errorf("judge effects sum to %v; want 0", sum)
	}
	plain, _ := ScoreStage(randomStage(rand.New(rand.NewPCG(17, 18)), 12, 4, 2))
	for i := range res.Dossiers {
		if res.Dossiers[i].Total != plain.Dossiers[i].Total {
			t.Errorf("%s total changed by the severity option", res.Dossiers[i].ID)
		}
	}
}
