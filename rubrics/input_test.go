package rubrics

import (
	"errors"
	"testing"
)

func pointsCriterion() *Criterion {
	return &Criterion{ID: "A1.4", Name: "地标特征", Kind: KindPoints, Max: MustDecimal("8"), Step: MustDecimal("0.5")}
}

func gradesCriterion() *Criterion {
	return &Criterion{ID: "A2.4", Name: "带动作用", Kind: KindGrades, Max: MustDecimal("7"), Step: MustDecimal("0.5"),
		Grades: []Grade{
			{Label: "优", Min: MustDecimal("6"), Max: MustDecimal("7")},
			{Label: "良", Min: MustDecimal("4.5"), Max: MustDecimal("5.5")},
			{Label: "差", Min: MustDecimal("0"), Max: MustDecimal("0")},
		}}
}

func TestCheckInput(t *testing.T) {
	veto := &Criterion{ID: "A6.1", Kind: KindVeto}
	objective := &Criterion{ID: "A1.1", Kind: KindObjective, Max: MustDecimal("8")}
	tests := []struct {
		name      string
		criterion *Criterion
		in        Input
		want      Mark
		wantMsg   string
	}{
		{"points on step", pointsCriterion(), Input{Points: " 7.5 "}, Mark{Points: MustDecimal("7.5")}, ""},
		{"points zero", pointsCriterion(), Input{Points: "0"}, Mark{}, ""},
		{"points max", pointsCriterion(), Input{Points: "8.0"}, Mark{Points: MustDecimal("8")}, ""},
		{"points off step", pointsCriterion(), Input{Points: "7.3"}, Mark{}, "分值 7.3 不在步长 0.5 上"},
		{"points above max", pointsCriterion(), Input{Points: "8.5"}, Mark{}, "分值 8.5 不在 0–8 之内"},
		{"points negative", pointsCriterion(), Input{Points: "-0.5"}, Mark{}, "分值 -0.5 不在 0–8 之内"},
		{"points empty", pointsCriterion(), Input{}, Mark{}, "请填写分值（0–8）"},
		{"points not a number", pointsCriterion(), Input{Points: "七"}, Mark{}, "“七”不是数字"},
		{"grade with points", gradesCriterion(), Input{Grade: "良", Points: "5"}, Mark{Points: MustDecimal("5"), Grade: "良"}, ""},
		{"grade single-value band", gradesCriterion(), Input{Grade: "差"}, Mark{Grade: "差"}, ""},
		{"grade band needs points", gradesCriterion(), Input{Grade: "优"}, Mark{}, "等级“优”：请填写分值（6–7）"},
		{"grade points outside band", gradesCriterion(), Input{Grade: "良", Points: "6"}, Mark{}, "等级“良”：分值 6 不在 4.5–5.5 之内"},
		{"grade points off step", gradesCriterion(), Input{Grade: "优", Points: "6.25"}, Mark{}, "等级“优”：分值 6.25 不在步长 0.5 上"},
		{"grade unknown", gradesCriterion(), Input{Grade: "中"}, Mark{}, "没有等级“中”，可选 优、良、差"},
		{"grade missing", gradesCriterion(), Input{}, Mark{}, "请选择等级（优、良、差）"},
		{"veto no", veto, Input{Veto: "no"}, Mark{}, ""},
		{"veto 否 ignores reason", veto, Input{Veto: "否", Reason: "无"}, Mark{}, ""},
		{"veto yes with reason", veto, Input{Veto: "YES", Reason: " 2024 年重大安全事故 "}, Mark{Vetoed: true, Reason: "2024 年重大安全事故"}, ""},
		{"veto 是 without reason", veto, Input{Veto: "是", Reason: "  "}, Mark{}, "触发否决项必须写明理由"},
		{"veto unanswered", veto, Input{}, Mark{}, "请选择是否存在否决情形"},
		{"veto invalid", veto, Input{Veto: "maybe"}, Mark{}, "“maybe”无效，请选择“是”或“否”"},
		{"objective refused", objective, Input{Points: "3"}, Mark{}, "客观指标由办公室根据核实数据计算，专家不评分"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.criterion.CheckInput(tt.in)
			if tt.wantMsg == "" {
				if err != nil {
					t.Fatalf("CheckInput(%+v) error %v", tt.in, err)
				}
				if got != tt.want {
					t.Errorf("CheckInput(%+v) = %+v; want %+v", tt.in, got, tt.want)
				}
				return
			}
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("CheckInput(%+v) error = %v; want *InputError", tt.in, err)
			}
			if ie.Message != tt.wantMsg || ie.Field != tt.criterion.ID || ie.English == "" {
				t.Errorf("CheckInput(%+v) error = %q (field %q, en %q); want %q for %s", tt.in, ie.Message, ie.Field, ie.English, tt.wantMsg, tt.criterion.ID)
			}
		})
	}
}

func TestCheckPoints(t *testing.T) {
	c := pointsCriterion()
	if err := c.CheckPoints(MustDecimal("4.5")); err != nil {
		t.Errorf("CheckPoints(4.5) = %v", err)
	}
	err := c.CheckPoints(MustDecimal("7.3"))
	if err == nil || err.Error() != "A1.4: 分值 7.3 不在步长 0.5 上 (7.3 is not on the step 0.5)" {
		t.Errorf("CheckPoints(7.3) = %v", err)
	}
}
