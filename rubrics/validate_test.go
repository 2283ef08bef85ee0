package rubrics

import (
	"strings"
	"testing"
)

// TestValidate_BuiltInCode checks the problems of rubrics edited in code, as
// the web form does: paths name the field, no file position is given.
func TestValidate_BuiltInCode(t *testing.T) {
	tests := []struct {
		name string
		edit func(r *Rubric)
		want []Problem
	}{
		{"criterion max breaks both sums", func(r *Rubric) {
			r.Stage("apply").Criterion("A1.4").Max = MustDecimal("3")
		}, []Problem{
			{Path: "stages[0].groups[0].max", Message: "二级指标最高分之和为 20，与一级指标最高分 25 不一致"},
			{Path: "stages[0].groups", Message: "二级指标最高分之和为 95，应为 100"},
		}},
		{"weights", func(r *Rubric) {
			r.Stage("select").Weight = MustDecimal("30")
		}, []Problem{
			{Path: "stages", Message: "计入总分的阶段权重之和为 90，应为 100（或 1）"},
		}},
		{"weights as fractions", func(r *Rubric) {
			r.Stages[0].Weight, r.Stages[1].Weight, r.Stages[2].Weight = MustDecimal("0.3"), MustDecimal("0.3"), MustDecimal("0.4")
		}, nil},
		{"stage becomes a gate", func(r *Rubric) {
			r.Stages[0].Mode = ModeGate
			r.Stages[0].Weight = Decimal{}
			r.Stages[2].Weight = MustDecimal("70")
		}, nil},
		{"grade band off step", func(r *Rubric) {
			r.Stage("apply").Criterion("A2.4").Grades[1].Min = MustDecimal("4.25")
		}, []Problem{
			{Path: "stages[0].groups[1].criteria[3].grades[1].min", Message: "等级“良”的分数 4.25 不在步长 0.5 上"},
		}},
		{"drop too large for the panel", func(r *Rubric) {
			drop := 3
			r.Stage("inspect").Aggregation.Drop = &drop
		}, []Problem{
			{Path: "stages[1].aggregation.drop", Message: "每端去掉 3 个分数至少需要 7 名专家，本阶段每份材料只有 5 名"},
		}},
		{"tie-break to a later stage", func(r *Rubric) {
			r.Stage("apply").TieBreak = append(r.Stage("apply").TieBreak, TieBreak{Kind: TieStage, Ref: "select"})
		}, []Problem{
			{Path: "stages[0].tie_break[3]", Message: "只能引用之前的阶段，select 不在本阶段之前"},
		}},
		{"removed indicator", func(r *Rubric) {
			req := &r.Stage("apply").Requirements
			req.Indicators = req.Indicators[1:]
		}, []Problem{
			{Path: "stages[0].groups[0].criteria[0].indicator", Message: "本阶段没有编号为 main_revenue 的申报指标"},
		}},
		{"empty stages", func(r *Rubric) { r.Stages = nil; r.Final.TieBreak = nil }, []Problem{
			{Path: "stages", Message: "至少需要一个阶段"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, _ := Default()
			tt.edit(r)
			got := Validate(r)
			if len(got) != len(tt.want) {
				t.Fatalf("Validate = %v; want %d problems %v", got, len(tt.want), tt.want)
			}
			for i, w := range tt.want {
				g := got[i]
				if g.Path != w.Path || g.Message != w.Message || g.Line != 0 || g.File != "" {
					t.Errorf("problem %d = %+v; want path %q message %q and no position", i, g, w.Path, w.Message)
				}
			}
		})
	}
}

func TestValidate_Nil(t *testing.T) {
	if got := Validate(nil); len(got) != 1 {
		t.Errorf("Validate(nil) = %v; want one problem", got)
	}
}

func TestProblems_Format(t *testing.T) {
	ps := Problems{
		{File: "r.yaml", Line: 3, Column: 7, Path: "stages[0].name", Message: "不能为空", English: "must not be empty"},
		{File: "r.yaml", Line: 1, Column: 1, Message: "文件为空", English: "the file is empty"},
		{Path: "stages[1].weight", Message: "权重", English: "weight"},
	}
	want := "r.yaml:3:7: stages[0].name: 不能为空 (must not be empty)\n" +
		"r.yaml:1:1: 文件为空 (the file is empty)\n" +
		"stages[1].weight: 权重 (weight)"
	if got := ps.Error(); got != want {
		t.Errorf("Error() =\n%s\nwant\n%s", got, want)
	}
	at := Problems{{Path: "stages[1]"}, {Path: "stages[1].groups[0].max"}, {Path: "stages[10].name"}, {Path: "stages"}}.At("stages[1]")
	if len(at) != 2 || at[0].Path != "stages[1]" || at[1].Path != "stages[1].groups[0].max" {
		t.Errorf("At(stages[1]) = %v", at)
	}
}

func TestParse_SyntaxLines(t *testing.T) {
	tests := []struct {
		src  string
		line int
	}{
		{"schema: 1\nid: x\nname: [open\nversion: 1\n", 3}, // parser error, reported 0-based by yaml.v3
		{"schema: 1\nid: x\nname: a: b\n", 3},              // scanner error
		{"a: b: c\n", 1},                                   // no line given for line 1
		{"schema: 1\nid: \"\\q\"\n", 2},
	}
	for _, tt := range tests {
		_, err := Parse("s.yaml", []byte(tt.src))
		ps, ok := err.(Problems)
		if !ok || len(ps) != 1 || ps[0].Line != tt.line || !strings.HasPrefix(ps[0].Message, "YAML 语法错误") {
			t.Errorf("Parse(%q) = %v; want one syntax problem on line %d", tt.src, err, tt.line)
		}
	}
}
