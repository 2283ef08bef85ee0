package rubrics

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// wantProblem is one expected problem: where, which field, which sentence.
type wantProblem struct {
	line, column int
	path         string
	message      string
}

// invalidFiles lists, for every file in testdata/invalid, every problem
// Parse must report, in order.
var invalidFiles = map[string][]wantProblem{
	"advancement.yaml": {
		{6, 14, "final.selection.group", "设置了 top_n_per_group，还需 group（可选 \"cluster\", \"city\"）"},
		{6, 22, "final.selection.top_n", "名额 10 多于上一轮（甲）晋级的 8 个"},
		{11, 13, "stages[0].weight", "mode 为 gate 的阶段只作晋级门槛，不设 weight"},
		{14, 46, "stages[0].advancement.top_n_per_group", "每组名额 9 多于总名额 8，不起作用"},
		{14, 76, "stages[0].advancement.threshold", "分数线 120 应在 0–100 之间"},
		{17, 5, "stages[1].advancement", "缺少 advancement：需说明哪些申报进入下一阶段"},
		{30, 18, "stages[2].advancement", "最后一个阶段不设 advancement，入选规则写在 final.selection"},
	},
	"aggregation.yaml": {
		{1, 9, "schema", "schema 为 2，本程序只支持 1"},
		{2, 5, "id", "编号“1agg”无效：以字母开头，只含字母、数字和 . _ -，不超过 40 个字符"},
		{3, 7, "name", "不能为空"},
		{6, 13, "final.decimals", "小数位数 7 应在 0–6 之间"},
		{7, 22, "final.selection.top_n", "名额 3 多于上一轮（乙）晋级的 2 个"},
		{14, 27, "stages[0].aggregation.method", "汇总方法“average”无效，可选 \"mean\", \"median\", \"trimmed_mean\", \"winsorized_mean\""},
		{15, 28, "stages[0].outliers.modified_z", "modified_z 应大于 0（常用 3.5）"},
		{15, 47, "stages[0].outliers.mad_zero_share", "mad_zero_share 应在 0 与 1 之间（如 0.2 表示该指标满分的 20%）"},
		{27, 39, "stages[1].aggregation.drop", "mean 不去分，不应设置 drop"},
		{27, 52, "stages[1].aggregation.decimals", "小数位数 -1 应在 0–6 之间"},
		{34, 5, "stages[2].weight", "计入总分的阶段需要大于 0 的 weight"},
		{37, 26, "stages[2].experts_per_dossier", "本阶段有专家评分的指标，每份材料至少需要 1 名专家"},
	},
	"empty.yaml": {
		{1, 1, "", "文件为空"},
	},
	"kinds.yaml": {
		{10, 11, "stages[0].mode", "mode “scored”无效，应为 weighted 或 gate"},
		{21, 52, "stages[0].groups[0].criteria[0].max", "否决项不计分，不设 max"},
		{21, 61, "stages[0].groups[0].criteria[0].step", "veto 类指标不使用 step"},
		{22, 75, "stages[0].groups[0].criteria[1].bands", "points 类指标不使用 bands"},
		{23, 13, "stages[0].groups[0].criteria[2]", "客观指标需要 bands（分档）或 linear（线性）计分规则"},
		{24, 13, "stages[0].groups[0].criteria[3]", "bands 与 linear 只能选一种"},
		{25, 13, "stages[0].groups[0].criteria[4].kind", "缺少 kind（可选 \"points\", \"grades\", \"veto\", \"objective\"）"},
		{26, 40, "stages[0].groups[0].criteria[5].kind", "指标类型“ranking”无效，可选 \"points\", \"grades\", \"veto\", \"objective\""},
	},
	"multi-document.yaml": {
		{2, 1, "", "文件只能包含一个 YAML 文档（发现多余的 ---）"},
	},
	"references.yaml": {
		{7, 15, "final.tie_break[0]", "没有编号为 nowhere 的阶段"},
		{7, 47, "final.tie_break[3]", "同分规则 median 重复"},
		{15, 17, "stages[0].tie_break[0]", "B.1 属于之后的阶段，不能用于本阶段排名"},
		{15, 32, "stages[0].tie_break[1]", "只能引用之前的阶段，first 不在本阶段之前"},
		{15, 45, "stages[0].tie_break[2]", "没有编号为 Z 的二级指标"},
		{15, 58, "stages[0].tie_break[3]", "无法识别的同分规则“points:A”，应为 criterion:编号、group:编号、stage:编号 或 median"},
		{24, 69, "stages[0].groups[0].criteria[0].indicator", "本阶段没有编号为 revenu 的申报指标（是否应为 revenue？）"},
		{25, 18, "stages[0].groups[0].criteria[1].id", "编号 A 已在 stages[0].groups[0].id 使用；一级、二级指标编号在整个细则中唯一"},
		{26, 9, "stages[1].id", "阶段编号 first 重复"},
	},
	"requirements.yaml": {
		{16, 39, "stages[0].requirements.indicators[0].unit", "百分比指标的单位应为 %，而不是“个”"},
		{17, 54, "stages[0].requirements.indicators[1].min", "整数指标的 min 应为整数，而不是 0.5"},
		{18, 60, "stages[0].requirements.indicators[2].max", "上限 1 低于下限 10"},
		{19, 37, "stages[0].requirements.indicators[3].kind", "指标值类型“text”无效，可选 \"number\", \"integer\", \"percent\""},
		{21, 16, "stages[0].requirements.sections[0].id", "申报要求编号 share 在本阶段重复"},
		{21, 47, "stages[0].requirements.sections[0].min_chars", "字数下限 500 高于上限 100"},
		{22, 30, "stages[0].requirements.sections[1].title", "不能为空"},
		{22, 45, "stages[0].requirements.sections[1].max_chars", "字数上限 0 应在 1–100000 之间"},
		{23, 31, "stages[0].requirements.lead_enterprises.min", "下限 5 高于上限 3"},
		{24, 27, "stages[0].requirements.key_projects.min", "下限不能为负"},
		{26, 62, "stages[0].requirements.attachments[0].kinds[1]", "文件类型“doc”无效，可选 \"pdf\", \"jpeg\", \"png\", \"xlsx\", \"docx\""},
		{26, 67, "stages[0].requirements.attachments[0].kinds[2]", "文件类型 pdf 重复"},
		{27, 11, "stages[0].requirements.attachments[1].kinds", "至少允许一种文件类型（可选 \"pdf\", \"jpeg\", \"png\", \"xlsx\", \"docx\"）"},
	},
	"steps-and-grades.yaml": {
		{19, 65, "stages[0].groups[0].criteria[0].step", "最高分 10 不是步长 0.3 的整数倍"},
		{20, 13, "stages[0].groups[0].criteria[1].step", "缺少 step（如 0.5）"},
		{27, 17, "stages[0].groups[0].criteria[2].grades[0]", "等级“优”（35–40）与“良”（28–35）的分数段重叠"},
		{29, 25, "stages[0].groups[0].criteria[2].grades[2].label", "等级“良”重复"},
		{30, 41, "stages[0].groups[0].criteria[2].grades[3].max", "等级“差”的分数 19.75 不在步长 0.5 上"},
		{37, 42, "stages[0].groups[0].criteria[3].grades[0].max", "等级“优”的分数 45 不在 0–40 之内"},
		{38, 17, "stages[0].groups[0].criteria[3].grades[1]", "等级“差”的下限 10 高于上限 5"},
	},
	"sums.yaml": {
		{8, 3, "stages", "计入总分的阶段权重之和为 90，应为 100（或 1）"},
		{16, 7, "stages[0].groups", "二级指标最高分之和为 95，应为 100"},
		{18, 14, "stages[0].groups[0].max", "二级指标最高分之和为 55，与一级指标最高分 60 不一致"},
		{34, 9, "stages[1].groups[0].max", "缺少 max（二级指标最高分之和为 100）"},
	},
	"syntax.yaml": {
		{3, 1, "", "YAML 语法错误：did not find expected ',' or ']'"},
	},
	"types.yaml": {
		{1, 9, "schema", "“one”应为整数"},
		{6, 14, "final.selection", "应为“键: 值”映射，而不是列表"},
		{11, 13, "stages[0].weight", "100.1234567 的小数位超过 6 位"},
		{13, 19, "stages[0].blind_review", "“yes”应为 true 或 false"},
		{14, 45, "stages[0].aggregation.decimals", "“2.5”应为整数"},
		{17, 15, "stages[0].groups[0].name", "不支持锚点引用（*n），请直接写出内容"},
		{20, 51, "stages[0].groups[0].criteria[0].max", "“1e2”不是数字"},
		{21, 13, "stages[0].groups[0].criteria[1]", "应为“键: 值”映射，而不是“just a string”"},
	},
	"unknown-keys.yaml": {
		{5, 1, "colour", "未知字段 colour"},
		{23, 13, "stages[0].groups[0].criteria[0].maxx", "未知字段 maxx（是否应为 max？）"},
		{27, 13, "stages[0].groups[0].criteria[1].name", "重复的字段 name"},
	},
}

func TestParse_InvalidFiles(t *testing.T) {
	files, err := filepath.Glob("testdata/invalid/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(invalidFiles) {
		t.Errorf("testdata/invalid holds %d files; the table lists %d", len(files), len(invalidFiles))
	}
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			want, ok := invalidFiles[name]
			if !ok {
				t.Fatalf("no expectations for %s", name)
			}
			r, err := Load(os.DirFS("testdata/invalid"), name)
			if r != nil {
				t.Errorf("Load returned a rubric for an invalid file")
			}
			var got Problems
			if !errors.As(err, &got) {
				t.Fatalf("Load error = %v (%T); want Problems", err, err)
			}
			for i := 0; i < max(len(got), len(want)); i++ {
				switch {
				case i >= len(got):
					t.Errorf("missing problem %d: %d:%d %s: %s", i, want[i].line, want[i].column, want[i].path, want[i].message)
				case i >= len(want):
					t.Errorf("unexpected problem %d: %s", i, got[i])
				default:
					g, w := got[i], want[i]
					if g.Line != w.line || g.Column != w.column || g.Path != w.path || g.Message != w.message {
						t.Errorf("problem %d = %d:%d %s: %s; want %d:%d %s: %s", i, g.Line, g.Column, g.Path, g.Message, w.line, w.column, w.path, w.message)
					}
					if g.File != name {
						t.Errorf("problem %d File = %q; want %q", i, g.File, name)
					}
					if g.English == "" {
						t.Errorf("problem %d has no English sentence", i)
					}
				}
			}
		})
	}
}

func TestParse_ValidFiles(t *testing.T) {
	files, err := filepath.Glob("testdata/valid/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 3 {
		t.Fatalf("found %d valid test files; want at least 3", len(files))
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			r, err := Load(os.DirFS("testdata/valid"), filepath.Base(file))
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if problems := Validate(r); problems != nil {
				t.Errorf("Validate of a parsed rubric = %v; want none", problems)
			}
		})
	}
}

func TestParse_AppliesDefaults(t *testing.T) {
	r := mustLoad(t, "testdata/valid/minimal.yaml")
	st := r.Stage("only")
	if st.Aggregation.Decimals != DefaultDecimals || r.Final.Decimals != DefaultDecimals {
		t.Errorf("decimals = %d, %d; want %d for both", st.Aggregation.Decimals, r.Final.Decimals, DefaultDecimals)
	}
	if st.Outliers.ModifiedZ.String() != "3.5" || st.Outliers.MADZeroShare.String() != "0.2" {
		t.Errorf("outliers = %s, %s; want 3.5, 0.2", st.Outliers.ModifiedZ, st.Outliers.MADZeroShare)
	}
	g := mustLoad(t, "testdata/valid/gate-and-objective.yaml")
	screen := g.Stage("screen")
	if unit := screen.Indicator("rd").Unit; unit != "%" {
		t.Errorf("percent indicator unit = %q; want %%", unit)
	}
	if d := screen.Criterion("S1.2").Linear.Decimals; d != DefaultDecimals {
		t.Errorf("linear decimals = %d; want the default %d", d, DefaultDecimals)
	}
	if d := screen.Criterion("S1.3").Linear.Decimals; d != 1 {
		t.Errorf("linear decimals = %d; want the 1 written in the file", d)
	}
	if screen.Outliers.ModifiedZ.String() != "3" {
		t.Errorf("modified_z = %s; want the 3 written in the file", screen.Outliers.ModifiedZ)
	}
}

func TestParse_EmptyValueTakesDefault(t *testing.T) {
	data := readFile(t, "testdata/valid/minimal.yaml")
	data = []byte(strings.Replace(string(data), "method: median", "method: median\n      decimals:", 1))
	r, err := Parse("empty-decimals.yaml", data)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if d := r.Stages[0].Aggregation.Decimals; d != DefaultDecimals {
		t.Errorf("decimals = %d; want the default %d for an empty value", d, DefaultDecimals)
	}
}

func TestParse_TooLarge(t *testing.T) {
	data := make([]byte, MaxFileSize+1)
	for i := range data {
		data[i] = '#'
	}
	_, err := Parse("big.yaml", data)
	var ps Problems
	if !errors.As(err, &ps) || len(ps) != 1 || !strings.Contains(ps[0].Message, "文件过大") {
		t.Fatalf("Parse of an oversized file = %v; want one 文件过大 problem", err)
	}
}

func TestLoad_MissingFile(t *testing.T) {
	_, err := Load(os.DirFS("testdata"), "nope.yaml")
	var ps Problems
	if err == nil || errors.As(err, &ps) {
		t.Fatalf("Load of a missing file = %v; want a read error, not Problems", err)
	}
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Load error %v does not wrap os.ErrNotExist", err)
	}
}

func mustLoad(t testing.TB, path string) *Rubric {
	t.Helper()
	r, err := Parse(path, readFile(t, path))
	if err != nil {
		t.Fatalf("Parse %s: %v", path, err)
	}
	return r
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParse_TooManyProblems(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 300; i++ {
		fmt.Fprintf(&b, "unknown_%d: 1\n", i)
	}
	_, err := Parse("many.yaml", []byte(b.String()))
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("Parse = %v; want Problems", err)
	}
	if len(ps) != MaxProblems+1 {
		t.Fatalf("got %d problems; want %d and a closing note", len(ps), MaxProblems+1)
	}
	if ps[0].Path != "unknown_0" {
		t.Errorf("first problem = %s; want the first unknown key", ps[0])
	}
	for i := 1; i < MaxProblems; i++ {
		if ps[i].Line < ps[i-1].Line {
			t.Fatalf("problems are not in file order: %s after %s", ps[i], ps[i-1])
		}
	}
	if last := ps[MaxProblems-1]; last.Line > MaxProblems {
		t.Errorf("the kept problems reach line %d; want the first %d lines' problems", last.Line, MaxProblems)
	}
	if last := ps[MaxProblems]; last.Message != "问题过多，只列出前 200 个" || last.File != "many.yaml" {
		t.Errorf("closing note = %+v", last)
	}
}

func TestParse_ListTooLong(t *testing.T) {
	data := "schema: 1\nstages: [" + strings.Repeat("{}, ", 1001) + "]\n"
	_, err := Parse("long.yaml", []byte(data))
	var ps Problems
	if !errors.As(err, &ps) || len(ps.At("stages")) != 1 || ps.At("stages")[0].Message != "列表有 1001 项，超过上限 1000" {
		t.Errorf("Parse of a 1001-stage list = %v", err)
	}
}

// TestDocsExample keeps the annotated example in docs/RUBRICS.md valid.
func TestDocsExample(t *testing.T) {
	doc := string(readFile(t, "../docs/RUBRICS.md"))
	_, rest, ok := strings.Cut(doc, "```yaml\n")
	example, _, closed := strings.Cut(rest, "```")
	if !ok || !closed {
		t.Fatal("docs/RUBRICS.md has no yaml example")
	}
	r, err := Parse("docs/RUBRICS.md example", []byte(example))
	if err != nil {
		t.Fatalf("the documented example is invalid:\n%v", err)
	}
	if len(r.Stages) != 2 || r.Stages[0].Mode != ModeGate || r.Stages[1].Weight.String() != "100" {
		t.Errorf("the example lost its shape: %d stages", len(r.Stages))
	}
}
