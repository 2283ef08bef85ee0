package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chainjudge/rubrics"
)

// runRubric runs "chainjudge rubric ARGS..." through the real dispatcher.
func runRubric(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(append([]string{"rubric"}, args...), strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestCmdRubric_CheckValid(t *testing.T) {
	file := filepath.Join("rubrics", "testdata", "valid", "minimal.yaml")
	def := filepath.Join("rubrics", rubrics.DefaultFile)
	code, out, errOut := runRubric(t, "check", file, def)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q; want 0 and nothing", code, errOut)
	}
	for _, want := range []string{
		file + ": 有效 (valid)\n最小评分细则（版本 1，编号 minimal）\n哈希 sha256:25926df32f0a",
		"阶段 1  only  评审 —— 计入总分 100%",
		def + ": 有效 (valid)",
		"总分：申报评审 30% + 实地考察 30% + 遴选答辩 40%",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestCmdRubric_CheckInvalid(t *testing.T) {
	file := filepath.Join("rubrics", "testdata", "invalid", "sums.yaml")
	code, out, errOut := runRubric(t, "check", file)
	if code != 1 || errOut != "" {
		t.Fatalf("exit %d, stderr %q; want 1 and nothing", code, errOut)
	}
	want := file + ":8:3: stages: 计入总分的阶段权重之和为 90，应为 100（或 1） (the weights of the weighted stages add up to 90; they must add up to 100 (or 1))\n" +
		file + ":16:7: stages[0].groups: 二级指标最高分之和为 95，应为 100 (the criteria's maxima add up to 95; they must add up to 100)\n" +
		file + ":18:14: stages[0].groups[0].max: 二级指标最高分之和为 55，与一级指标最高分 60 不一致 (the criteria's maxima add up to 55, not the group's max 60)\n" +
		file + ":34:9: stages[1].groups[0].max: 缺少 max（二级指标最高分之和为 100） (max is missing (the criteria's maxima add up to 100))\n" +
		file + ": 无效，共 4 个问题 (invalid: 4 problem(s))\n"
	if out != want {
		t.Errorf("output =\n%s\nwant\n%s", out, want)
	}
}

func TestCmdRubric_CheckMixedAndUnreadable(t *testing.T) {
	valid := filepath.Join("rubrics", "testdata", "valid", "minimal.yaml")
	invalid := filepath.Join("rubrics", "testdata", "invalid", "empty.yaml")
	missing := filepath.Join(t.TempDir(), "missing.yaml")
	code, out, errOut := runRubric(t, "check", valid, invalid, missing)
	if code != 1 {
		t.Errorf("exit %d; want 1 when any file is invalid", code)
	}
	if !strings.Contains(out, valid+": 有效 (valid)") || !strings.Contains(out, invalid+":1:1: 文件为空 (the file is empty)") {
		t.Errorf("output does not report both files:\n%s", out)
	}
	if !strings.HasPrefix(errOut, missing+": 无法读取文件 (cannot read file): ") {
		t.Errorf("stderr = %q; want a read error for %s", errOut, missing)
	}
}

func TestCmdRubric_UsageErrors(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		inStderr string
	}{
		{nil, 2, "用法 (usage)"},
		{[]string{"check"}, 2, "需要至少一个文件"},
		{[]string{"check", "-x", "f.yaml"}, 2, "flag provided but not defined: -x"},
		{[]string{"lint"}, 2, `未知的 rubric 子命令 "lint"`},
		{[]string{"default", "extra"}, 2, "不接受参数"},
	}
	for _, tt := range tests {
		code, _, errOut := runRubric(t, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.inStderr) {
			t.Errorf("rubric %v: exit %d, stderr %q; want %d and %q", tt.args, code, errOut, tt.code, tt.inStderr)
		}
	}
	for _, help := range [][]string{{"-h"}, {"help"}, {"check", "-h"}} {
		code, out, _ := runRubric(t, help...)
		if code != 0 || !strings.Contains(out, "chainjudge rubric check FILE...") {
			t.Errorf("rubric %v: exit %d, stdout %q; want usage and 0", help, code, out)
		}
	}
}

// TestCmdRubric_Default writes the default out, as the office would to
// start editing, and checks the written file.
func TestCmdRubric_Default(t *testing.T) {
	code, out, errOut := runRubric(t, "default")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	_, want := rubrics.Default()
	if out != string(want) {
		t.Fatalf("rubric default printed something other than the embedded default")
	}
	file := filepath.Join(t.TempDir(), "my-rubric.yaml")
	edited := strings.Replace(out, "top_n: 20", "top_n: 25", 1)
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	code, checked, _ := runRubric(t, "check", file)
	if code != 0 || !strings.Contains(checked, "前 25 名") {
		t.Errorf("check of the edited default: exit %d\n%s", code, checked)
	}
}
