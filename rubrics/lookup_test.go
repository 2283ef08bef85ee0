package rubrics

import "testing"

func TestLookups(t *testing.T) {
	r, _ := Default()
	if r.Stage("inspect") == nil || r.Stage("nope") != nil || r.StageIndex("select") != 2 || r.StageIndex("x") != -1 {
		t.Errorf("Stage/StageIndex lookups wrong")
	}
	if next := r.NextStage("apply"); next == nil || next.ID != "inspect" {
		t.Errorf("NextStage(apply) = %v", next)
	}
	if r.NextStage("select") != nil || r.NextStage("x") != nil {
		t.Errorf("NextStage past the end should be nil")
	}
	apply := r.Stage("apply")
	c := apply.Criterion("A2.4")
	if c == nil || c.Kind != KindGrades || c.Grade("良") == nil || c.Grade("好") != nil {
		t.Fatalf("Criterion(A2.4) = %+v", c)
	}
	if g := apply.GroupOf("A2.4"); g == nil || g.ID != "A2" || apply.Group("A2") != g {
		t.Errorf("GroupOf(A2.4) = %v", g)
	}
	if apply.Criterion("B1.1") != nil || apply.GroupOf("B1.1") != nil || apply.Group("B1") != nil {
		t.Errorf("lookups found another stage's criterion")
	}
	if n := len(apply.Criteria()); n != len(apply.ExpertCriteria())+len(apply.ObjectiveCriteria()) {
		t.Errorf("criteria %d ≠ expert + objective", n)
	}
	if apply.Indicator("rd_intensity") == nil || apply.Section("plan") == nil || apply.Attachment("photos") == nil {
		t.Errorf("requirement lookups failed")
	}
	if apply.Indicator("plan") != nil || apply.Section("photos") != nil || apply.Attachment("rd_intensity") != nil {
		t.Errorf("requirement lookups crossed kinds")
	}
	// Criteria returns pointers into the rubric, so the web form can edit.
	apply.Criteria()[0].Name = "改名"
	if apply.Groups[0].Criteria[0].Name != "改名" {
		t.Errorf("Criteria() returned copies")
	}
}

func TestTieBreakText(t *testing.T) {
	for _, s := range []string{"criterion:A4.1", "group:A4", "stage:apply", "median"} {
		tb, err := ParseTieBreak(s)
		if err != nil || tb.String() != s {
			t.Errorf("ParseTieBreak(%q) = %v, %v", s, tb, err)
		}
	}
	for _, s := range []string{"median:x", "stage:", "points:A", ""} {
		if _, err := ParseTieBreak(s); err == nil {
			t.Errorf("ParseTieBreak(%q) succeeded", s)
		}
	}
	r, _ := Default()
	labels := map[string]string{
		"group:A4":       "一级指标 A4 先进性与创新、智造能力 小计",
		"criterion:A2.4": "二级指标 A2.4 龙头企业带动作用 得分",
		"stage:apply":    "申报评审得分",
		"median":         "专家总分中位数",
	}
	for s, want := range labels {
		tb, _ := ParseTieBreak(s)
		if got := r.TieBreakLabel(tb); got != want {
			t.Errorf("TieBreakLabel(%s) = %q; want %q", s, got, want)
		}
	}
}
