package results

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"chainjudge/rubrics"
	"chainjudge/scoring"
)

func loadRubric(t *testing.T) *rubrics.Rubric {
	t.Helper()
	data, err := os.ReadFile("testdata/two-stage.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := rubrics.Parse("two-stage.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// panelScores gives each judge J1…Jn the listed points for one criterion.
func panelScores(dossier, criterion string, points ...string) []Score {
	out := make([]Score, len(points))
	for i, p := range points {
		out[i] = Score{Dossier: dossier, Judge: "J" + string(rune('1'+i)), Criterion: criterion, Points: p}
	}
	return out
}

func same(dossier, criterion, points string, n int) []Score {
	ps := make([]string, n)
	for i := range ps {
		ps[i] = points
	}
	return panelScores(dossier, criterion, ps...)
}

// applyInput is the worked example of stage "apply": six dossiers, five
// judges, one objective, two points criteria and a veto.
func applyInput(t *testing.T) StageInput {
	r := loadRubric(t)
	var scores []Score
	add := func(s ...Score) { scores = append(scores, s...) }
	add(panelScores("A", "P1", "20", "22", "24", "26", "28")...)
	add(same("A", "P2", "20", 5)...)
	add(same("B", "P1", "25", 5)...)
	add(same("B", "P2", "19", 5)...)
	add(panelScores("C", "P1", "10", "12", "14", "16", "30")...)
	add(same("C", "P2", "15", 5)...)
	add(same("D", "P1", "20", 5)...)
	add(same("D", "P2", "23", 5)...)
	add(same("E", "P1", "18", 5)...)
	add(same("E", "P2", "21", 5)...)
	add(same("F", "P1", "15", 5)...)
	add(same("F", "P2", "15", 5)...)
	add(Score{Dossier: "D", Judge: "J2", Criterion: "V1", Veto: true, VetoReason: "龙头企业被列入严重失信名单"})
	add(Score{Dossier: "A", Judge: "J1", Criterion: "V1"})
	dec := func(s string) rubrics.Decimal { return rubrics.MustDecimal(s) }
	return StageInput{
		Rubric: r, StageID: "apply", RubricHash: r.Hash(),
		Dossiers: []Dossier{
			{Key: "A", Title: "甲", Cluster: "c1", City: "无锡市"},
			{Key: "B", Title: "乙", Cluster: "c1", City: "苏州市"},
			{Key: "C", Title: "丙", Cluster: "c2", City: "南京市"},
			{Key: "D", Title: "丁", Cluster: "c2", City: "常州市"},
			{Key: "E", Title: "戊", Cluster: "c2", City: "南通市"},
			{Key: "F", Title: "己", Cluster: "c1", City: "无锡市"},
		},
		Scores:      scores,
		FlagReasons: []FlagReason{{Dossier: "C", Judge: "J5", Criterion: "P1", Reason: "该链主企业订单带动突出"}},
		Indicators: map[string]map[string]rubrics.Decimal{
			"A": {"revenue": dec("600")}, "B": {"revenue": dec("700")}, "C": {"revenue": dec("50")},
			"D": {"revenue": dec("300")}, "F": {"revenue": dec("100")},
		},
		Vetoes: map[string]Veto{"D": {Criterion: "V1", Reason: "龙头企业被列入严重失信名单（已核实）"}},
	}
}

func TestComputeStage_WorkedExample(t *testing.T) {
	res, err := ComputeStage(applyInput(t))
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, d := range res.Dossiers {
		order = append(order, d.Key)
	}
	if want := []string{"B", "A", "F", "C", "D", "E"}; !reflect.DeepEqual(order, want) {
		t.Fatalf("order = %v; want %v", order, want)
	}
	type row struct {
		key, score string
		rank       int
		advances   bool
	}
	for _, w := range []row{{"A", "84", 2, false}, {"B", "84", 1, true}, {"C", "29", 4, false},
		{"D", "63", 0, false}, {"E", "", 0, false}, {"F", "50", 3, false}} {
		d := res.Dossier(w.key)
		got := ""
		if d.Score.Valid {
			got = d.Score.Decimal.String()
		}
		if got != w.score || d.Rank != w.rank || d.Advances != w.advances {
			t.Errorf("%s: score %q rank %d advances %v; want %q, %d, %v (%s)", w.key, got, d.Rank, d.Advances,
				w.score, w.rank, w.advances, d.AdvanceReason)
		}
	}

	a := res.Dossier("A")
	p1 := a.Criterion("P1")
	if p1.Points.String() != "24" || !strings.Contains(p1.Formula, "(22 + 24 + 26) ÷ 3") {
		t.Errorf("A/P1 = %s, formula %q; want 24 from (22 + 24 + 26) ÷ 3", p1.Points, p1.Formula)
	}
	var dropped []string
	for _, m := range p1.Marks {
		if m.Dropped {
			dropped = append(dropped, m.Judge+":"+m.End)
		}
	}
	if want := []string{"J1:low", "J5:high"}; !reflect.DeepEqual(dropped, want) {
		t.Errorf("A/P1 dropped = %v; want %v", dropped, want)
	}
	if a.ObjectivePart.String() != "40" || a.ExpertPart.String() != "44" {
		t.Errorf("A parts = %s + %s; want 44 + 40", a.ExpertPart, a.ObjectivePart)
	}
	if o1 := a.Criterion("O1"); o1.Formula != "核实值 600亿元 → 40 分" || !strings.Contains(o1.Rule, "≥ 500 得 40 分") {
		t.Errorf("A/O1 formula %q rule %q", o1.Formula, o1.Rule)
	}
	// A and B tie on 84 and on G2 (44 each); P1 decides: B 25 > A 24.
	if !strings.Contains(a.TieNote, "与 B 总分同为 84") || !strings.Contains(a.DecidedBy, "P1") {
		t.Errorf("A tie note %q decided by %q; want the tie with B decided by P1", a.TieNote, a.DecidedBy)
	}
	if !a.BoundaryTie || !strings.Contains(a.AdvanceReason, "名额线上同分") {
		t.Errorf("A: boundary %v reason %q; want the boundary tie explained", a.BoundaryTie, a.AdvanceReason)
	}

	c := res.Dossier("C").Criterion("P1")
	var flagged *JudgeMark
	for i := range c.Marks {
		if c.Marks[i].Flagged {
			flagged = &c.Marks[i]
		}
	}
	if flagged == nil || flagged.Judge != "J5" || flagged.Direction != "畸高" || flagged.Reason != "该链主企业订单带动突出" || !flagged.Dropped {
		t.Errorf("C/P1 flag = %+v; want J5 畸高 with its reason, also dropped", flagged)
	}

	d := res.Dossier("D")
	if !d.Vetoed || !strings.Contains(d.AdvanceReason, "否决项") || len(d.VetoProposals) != 1 || d.VetoProposals[0].Judge != "J2" {
		t.Errorf("D: vetoed %v reason %q proposals %v", d.Vetoed, d.AdvanceReason, d.VetoProposals)
	}
	e := res.Dossier("E")
	if e.Score.Valid || !reflect.DeepEqual(e.Unscored, []string{"O1"}) || !strings.Contains(e.AdvanceReason, "评分不完整") {
		t.Errorf("E: score %v unscored %v reason %q; want incomplete for lack of O1", e.Score, e.Unscored, e.AdvanceReason)
	}
	f := res.Dossier("F")
	if !strings.Contains(f.AdvanceReason, "分数线") || !strings.Contains(f.AdvanceReason, "不晋级") {
		t.Errorf("F reason %q; want it to pass the threshold and fail the cluster quota", f.AdvanceReason)
	}
	if res.Advancement == nil || res.Advancement.Advancing != 1 || res.Advancement.Next != "select" {
		t.Errorf("advancement = %+v", res.Advancement)
	}
	if len(res.Panels) != 1 || len(res.Panels[0].Readings) < 3 || res.Panels[0].Judges != 5 {
		t.Errorf("panels = %+v", res.Panels)
	}
}

func TestComputeStage_RoundTripsJSONAndRecomputes(t *testing.T) {
	in := applyInput(t)
	in.Severity = true
	res, err := ComputeStage(in)
	if err != nil {
		t.Fatal(err)
	}
	if res.Severity == nil {
		t.Fatal("severity requested but not reported")
	}
	data, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var back StageResult
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	again, _ := json.Marshal(&back)
	if string(again) != string(data) {
		t.Errorf("JSON round trip changed the result:\n%s\n%s", data, again)
	}
	got, err := Recompute(&back)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range back.Dossiers {
		if got[d.Key] != d.Score {
			t.Errorf("%s: recomputed %v; published %v", d.Key, got[d.Key], d.Score)
		}
	}
	reqs := ScoreRequests(&back)
	if len(reqs) != 2 || reqs[0].Criterion != "P1" || len(reqs[0].Request.Items) != 6 {
		t.Fatalf("requests = %d", len(reqs))
	}
	if *reqs[0].Request.Decimals != 2 || reqs[0].Request.MaxScore.String() != "30" {
		t.Errorf("request settings = %+v", reqs[0].Request)
	}
}

func TestComputeStage_RefusesBadInput(t *testing.T) {
	for name, mutate := range map[string]func(*StageInput){
		"UnknownDossier":  func(in *StageInput) { in.Scores[0].Dossier = "Z" },
		"UnknownCriteria": func(in *StageInput) { in.Scores[0].Criterion = "X9" },
		"Twice":           func(in *StageInput) { in.Scores[1].Judge = in.Scores[0].Judge },
		"BadPoints":       func(in *StageInput) { in.Scores[0].Points = "七" },
		"DuplicateKey":    func(in *StageInput) { in.Dossiers[1].Key = "A" },
		"UnknownStage":    func(in *StageInput) { in.StageID = "nope" },
		"ObjectiveScored": func(in *StageInput) { in.Scores[0].Criterion = "O1" },
	} {
		t.Run(name, func(t *testing.T) {
			in := applyInput(t)
			mutate(&in)
			if _, err := ComputeStage(in); err == nil {
				t.Error("accepted")
			}
		})
	}
}

func TestComputeFinal(t *testing.T) {
	apply, err := ComputeStage(applyInput(t))
	if err != nil {
		t.Fatal(err)
	}
	r := loadRubric(t)
	var scores []Score
	scores = append(scores, panelScores("B", "Q1", "80", "82", "84")...)
	scores = append(scores, same("A", "Q1", "90", 3)...)
	scores = append(scores, same("F", "Q1", "70", 3)...)
	sel, err := ComputeStage(StageInput{Rubric: r, StageID: "select", Dossiers: []Dossier{
		{Key: "A", Cluster: "c1"}, {Key: "B", Cluster: "c1"}, {Key: "F", Cluster: "c1"}}, Scores: scores,
		PriorScores: map[string]map[string]scoring.Decimal{"apply": {"A": apply.Dossier("A").Score.Decimal}}})
	if err != nil {
		t.Fatal(err)
	}
	if sel.Advancement != nil {
		t.Error("the last stage has no advancement")
	}
	final, err := ComputeFinal(r, map[string]*StageResult{"apply": apply, "select": sel})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		key, score string
		rank       int
		selected   bool
	}{{"A", "87.6", 1, true}, {"B", "82.8", 2, true}, {"F", "62", 3, false}}
	for i, w := range want {
		e := final.Entries[i]
		if e.Key != w.key || e.Score.Decimal.String() != w.score || e.Rank != w.rank || e.Advances != w.selected {
			t.Errorf("entry %d = %s %s rank %d selected %v (%s); want %+v", i, e.Key, e.Score.Decimal, e.Rank, e.Advances, e.AdvanceReason, w)
		}
	}
	if final.Selection.Advancing != 2 || final.Stages[0].Share.String() != "0.4" {
		t.Errorf("selection %+v stages %+v", final.Selection, final.Stages)
	}
	if len(final.Entries[0].Steps) == 0 || !strings.Contains(final.Entries[0].Steps[0], "申报评审") {
		t.Errorf("steps = %v", final.Entries[0].Steps)
	}
	if _, err := ComputeFinal(r, map[string]*StageResult{"apply": apply}); err == nil {
		t.Error("a missing stage result was accepted")
	}
}

// The calculation sheet's steps are the engine's own, recomputed from the
// frozen marks (after a JSON round trip, as stored) and checked against
// them: a judge of the dossier who left a criterion out is named there,
// judges who never scored the dossier are not, and an explanation that
// would contradict the result is refused.
func TestExplainCriteria(t *testing.T) {
	in := applyInput(t)
	// A sixth judge scores A's P2 only.
	in.Scores = append(in.Scores, Score{Dossier: "A", Judge: "J6", Criterion: "P2", Points: "20"})
	computed, err := ComputeStage(in)
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(computed)
	if err != nil {
		t.Fatal(err)
	}
	var res StageResult
	if err := json.Unmarshal(data, &res); err != nil {
		t.Fatal(err)
	}
	rules := loadRubric(t).Stage("apply")
	a := res.Dossier("A")
	got, err := ExplainCriteria(rules, &res, a)
	if err != nil {
		t.Fatal(err)
	}
	p1 := got["P1"]
	if p1.Weight.String() != "1" || p1.Points.Cmp(a.Criterion("P1").Points) != 0 {
		t.Errorf("P1: weight %s, points %s; want 1 and the frozen %s", p1.Weight, p1.Points, a.Criterion("P1").Points)
	}
	steps := strings.Join(p1.Steps(), "\n")
	for _, want := range []string{
		"评委 5 人，去掉 1 个最高分和 1 个最低分",
		"未评分的评委：J6（不按零分计）",
		"去掉的最低分：J1 20；去掉的最高分：J5 28",
		"(22 + 24 + 26) ÷ 3 = 72/3",
		"第一次舍入（汇总后）：72/3 = 24，无需舍入",
		"第二次舍入（加权后）：24 × 权重 1 = 24，按 2 位小数四舍五入为 24.00",
		"本项得分：24",
	} {
		if !strings.Contains(steps, want) {
			t.Errorf("P1 steps lack %q:\n%s", want, steps)
		}
	}
	if len(got) != 2 || got["P2"].Points.Cmp(a.Criterion("P2").Points) != 0 {
		t.Errorf("explained %d criteria, P2 %s; want P1 and P2 as frozen", len(got), got["P2"].Points)
	}
	if s := strings.Join(got["P2"].Steps(), "\n"); !strings.Contains(s, "评委 6 人") || strings.Contains(s, "未评分") {
		t.Errorf("P2 steps:\n%s\nwant six judges, none missing", s)
	}
	// J6 never scored C: not one of its judges.
	c, err := ExplainCriteria(rules, &res, res.Dossier("C"))
	if err != nil {
		t.Fatal(err)
	}
	if s := strings.Join(c["P1"].Steps(), "\n"); strings.Contains(s, "J6") || !strings.Contains(s, "提示（不影响计算）") {
		t.Errorf("C's P1 steps:\n%s\nwant no J6 and the 畸高 flag", s)
	}

	// A frozen result the engine does not reproduce is not explained.
	a.Criterion("P1").Points = scoring.MustDecimal("25")
	if _, err := ExplainCriteria(rules, &res, a); err == nil {
		t.Error("explained points the engine does not give")
	}
	if _, err := ExplainCriteria(loadRubric(t).Stage("select"), &res, res.Dossier("B")); err == nil {
		t.Error("explained a result under another stage's rules")
	}
}
