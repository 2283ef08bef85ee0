package scoring

import (
	"strings"
	"testing"
)

func TestCombineStages(t *testing.T) {
	weights := []StageWeight{
		{Stage: "apply", Label: "申报", Weight: d("0.3")},
		{Stage: "visit", Label: "考察", Weight: d("0.3")},
		{Stage: "select", Label: "遴选", Weight: d("0.4")},
	}
	// 80 × 0.3 = 24; 83.35 × 0.3 = 25.005 → 25.01; 90.25 × 0.4 = 36.1 → 85.11.
	c, err := CombineStages(map[string]Decimal{"apply": d("80"), "visit": d("83.35"), "select": d("90.25")}, weights, ip(2))
	if err != nil {
		t.Fatal(err)
	}
	if !c.Final.Valid || c.Final.Decimal.String() != "85.11" {
		t.Errorf("final = %v; want 85.11", c.Final)
	}
	if got := strings.Join(c.Steps, "\n"); !strings.Contains(got, "“考察”阶段 83.35 × 权重 0.3 = 25.01") {
		t.Errorf("steps:\n%s", got)
	}
	c, err = CombineStages(map[string]Decimal{"apply": d("80")}, weights, ip(2))
	if err != nil {
		t.Fatal(err)
	}
	if c.Final.Valid || strings.Join(c.Missing, ",") != "visit,select" {
		t.Errorf("missing stages: final %v missing %v; want absent, visit,select", c.Final, c.Missing)
	}
	if _, err := CombineStages(nil, []StageWeight{{Stage: "a"}, {Stage: "a"}}, nil); err == nil {
		t.Error("duplicate stage error = nil")
	}
}

func candidates(specs ...string) []Candidate {
	var out []Candidate
	for _, s := range specs {
		f := strings.Fields(s) // id group score [key value]...
		c := Candidate{Entrant: entrant(f[0], strings.Trim(f[2], "-"), f[3:]...), Group: f[1]}
		out = append(out, c)
	}
	return out
}

func advancing(ds []Decision) string {
	var ids []string
	for _, d := range ds {
		if d.Advances {
			ids = append(ids, d.ID)
		}
	}
	return strings.Join(ids, " ")
}

func TestAdvance_TopN(t *testing.T) {
	cs := candidates("A g 90", "B g 85", "C g 85", "D g 80", "E g -")
	ds, err := Advance(cs, Gate{Kind: GateTopN, N: 3}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := advancing(ds); got != "A B C" {
		t.Errorf("advancing = %q; want A B C", got)
	}
	if !strings.Contains(ds[3].Reason, "排名第 4，未进入前 3 名") || ds[4].Reason != "无有效得分，不晋级" {
		t.Errorf("reasons: %q / %q", ds[3].Reason, ds[4].Reason)
	}
}

func TestAdvance_BoundaryTies(t *testing.T) {
	cs := candidates("A g 90", "B g 85", "C g 80", "D g 80")
	ds, _ := Advance(cs, Gate{Kind: GateTopN, N: 3}, nil)
	if got := advancing(ds); got != "A B C D" || !ds[2].BoundaryTie || !strings.Contains(ds[2].Reason, "并列者均晋级") {
		t.Errorf("include: advancing %q, C = %+v", got, ds[2])
	}
	ds, _ = Advance(cs, Gate{Kind: GateTopN, N: 3, ExcludeBoundaryTies: true}, nil)
	if got := advancing(ds); got != "A B" || !strings.Contains(ds[3].Reason, "并列者均不晋级") {
		t.Errorf("exclude: advancing %q, D = %q", got, ds[3].Reason)
	}
	// A tie-break decides the last place; both sides say so.
	k := TieBreakCriterion("C2", "智造发展力")
	cs = candidates("A g 90", "B g 85", "C g 80 "+k.Key+" 5", "D g 80 "+k.Key+" 3")
	ds, _ = Advance(cs, Gate{Kind: GateTopN, N: 3}, []TieBreak{k})
	if got := advancing(ds); got != "A B C" {
		t.Errorf("tie-broken boundary: advancing %q; want A B C", got)
	}
	for _, i := range []int{2, 3} {
		if !ds[i].BoundaryTie || !strings.Contains(ds[i].Reason, "名额线上同分") || !strings.Contains(ds[i].Reason, "智造发展力") {
			t.Errorf("%s reason = %q; want the boundary tie-break named", ds[i].ID, ds[i].Reason)
		}
	}
}

func TestAdvance_ThresholdAndGroups(t *testing.T) {
	cs := candidates("A x 90", "B x 80", "C y 85", "D y 70", "E y 69.99")
	ds, _ := Advance(cs, Gate{Kind: GateThreshold, Threshold: d("70")}, nil)
	if got := advancing(ds); got != "A B C D" || ds[4].Reason != "得分 69.99 < 门槛 70，不晋级" {
		t.Errorf("threshold: advancing %q, E %q", got, ds[4].Reason)
	}
	ds, _ = Advance(cs, Gate{Kind: GateTopNPerGroup, N: 1}, nil)
	if got := advancing(ds); got != "A C" {
		t.Errorf("per group: advancing %q; want A C", got)
	}
	if ds[3].Placement.Rank != 2 || !strings.HasPrefix(ds[3].Reason, "在“y”组内排名第 2") {
		t.Errorf("D = rank %d, %q; want rank 2 within y", ds[3].Placement.Rank, ds[3].Reason)
	}
	for _, g := range []Gate{{Kind: GateTopN}, {Kind: "lottery"}} {
		if _, err := Advance(cs, g, nil); err == nil {
			t.Errorf("Advance(%+v) error = nil", g)
		}
	}
}
