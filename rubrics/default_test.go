package rubrics

import (
	"bytes"
	"strings"
	"testing"
)

func TestDefault_IsValidAndMatchesFile(t *testing.T) {
	r, data := Default()
	if problems := Validate(r); problems != nil {
		t.Fatalf("Validate(Default()) = %v", problems)
	}
	if !bytes.Equal(data, readFile(t, DefaultFile)) {
		t.Errorf("the embedded default differs from %s", DefaultFile)
	}
}

func TestDefault_Shape(t *testing.T) {
	r, _ := Default()
	wantStages := []struct{ id, name, weight string }{
		{"apply", "申报评审", "30"}, {"inspect", "实地考察", "30"}, {"select", "遴选答辩", "40"},
	}
	if len(r.Stages) != len(wantStages) {
		t.Fatalf("default has %d stages; want %d", len(r.Stages), len(wantStages))
	}
	for i, w := range wantStages {
		st := r.Stages[i]
		if st.ID != w.id || st.Name != w.name || !st.Weighted() || st.Weight.String() != w.weight {
			t.Errorf("stage %d = %s %s %s %s; want %s %s weighted %s", i, st.ID, st.Name, st.Mode, st.Weight, w.id, w.name, w.weight)
		}
		var total Decimal
		for _, c := range st.Criteria() {
			total = total.Add(c.Max)
		}
		if total.String() != "100" {
			t.Errorf("stage %s criteria add up to %s; want 100", st.ID, total)
		}
		if i < len(r.Stages)-1 && (st.Advancement == nil || st.Advancement.TopN == 0) {
			t.Errorf("stage %s has no top-N advancement", st.ID)
		}
	}
	if r.WeightTotal().String() != "100" {
		t.Errorf("weights add up to %s", r.WeightTotal())
	}
	apply := r.Stage("apply")
	if len(apply.ObjectiveCriteria()) == 0 || len(apply.ExpertCriteria()) == 0 {
		t.Errorf("申报 should mix objective and expert criteria")
	}
	for _, c := range apply.ObjectiveCriteria() {
		ind := apply.Indicator(c.Indicator)
		switch {
		case ind == nil:
			t.Errorf("objective %s uses the unknown indicator %q", c.ID, c.Indicator)
		case ind.Unit == "" && ind.ID != "location_quotient": // 区位熵 is a ratio without a unit
			t.Errorf("objective %s uses indicator %q without a unit", c.ID, c.Indicator)
		}
	}
	vetoes := 0
	for _, c := range apply.Criteria() {
		if c.Kind == KindVeto {
			vetoes++
			if !strings.Contains(c.Guidance, "安全生产") || !strings.Contains(c.Guidance, "环境污染") || !strings.Contains(c.Guidance, "失信") {
				t.Errorf("veto %s guidance does not name the three grounds: %s", c.ID, c.Guidance)
			}
		}
	}
	if vetoes != 1 {
		t.Errorf("申报 has %d veto criteria; want 1", vetoes)
	}
}

// TestDefault_FollowsThePlan checks the default uses the action plan's own
// words, so the office recognises its criteria.
func TestDefault_FollowsThePlan(t *testing.T) {
	_, data := Default()
	text := string(data)
	for _, phrase := range []string{
		"主导产业突出", "龙头企业引领", "地标特征明显", "集聚性", "根植性", "先进性",
		"协同创新力", "智造发展力", "品牌影响力", "核心区", "协同区",
		"首席专家", "支撑机构", "智库", "园区载体", "供需对接平台", "重点企业和项目清单", "政策包", "关键技术长短板清单",
		"专精特新", "单项冠军", "区位熵", "本地配套率", "研发",
	} {
		if !strings.Contains(text, phrase) {
			t.Errorf("the default rubric does not mention %s", phrase)
		}
	}
}

func TestDefault_ReturnsFreshCopies(t *testing.T) {
	a, dataA := Default()
	a.Stages[0].Name = "改过"
	a.Stages[0].Groups[0].Criteria[0].Bands[0].Points = MustDecimal("1")
	dataA[0] = 'X'
	b, dataB := Default()
	if b.Stages[0].Name != "申报评审" || b.Stages[0].Groups[0].Criteria[0].Bands[0].Points.String() != "2" {
		t.Errorf("editing one Default() result changed another")
	}
	if dataB[0] == 'X' {
		t.Errorf("editing Default()'s bytes changed the embedded file")
	}
}

func TestDefault_ObjectiveFormulas(t *testing.T) {
	r, _ := Default()
	apply := r.Stage("apply")
	tests := []struct {
		criterion, value, want string
	}{
		{"A1.1", "680", "4"},   // 500 ≤ 680 < 1000
		{"A1.2", "7.5", "2"},   // half of 15% → half of 4
		{"A2.2", "12", "3"},    // 10 ≤ 12 < 20 小巨人
		{"A4.1", "2.75", "3"},  // half way from 1.5% to 4%
		{"A3.1", "80", "5"},    // capped
		{"A4.3", "60", "1.14"}, // 4 × 10 / 35 = 1.142857 → 1.14
		{"A1.3", "0.8", "0"},   // 区位熵 below 1
	}
	for _, tt := range tests {
		got, err := apply.Criterion(tt.criterion).ObjectivePoints(MustDecimal(tt.value))
		if err != nil || got.String() != tt.want {
			t.Errorf("%s(%s) = %s, %v; want %s", tt.criterion, tt.value, got, err, tt.want)
		}
	}
}
