package main

import (
	"bytes"
	"strings"
	"testing"
)

func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestUserCommand(t *testing.T) {
	data := t.TempDir()
	code, out, errOut := runCmd(t, "user", "add", "--data", data, "--role", "office", "--username", "admin", "--name", "管理员")
	if code != 0 || !strings.Contains(out, "初始密码：") {
		t.Fatalf("user add = %d\n%s%s", code, out, errOut)
	}
	code, _, errOut = runCmd(t, "user", "add", "--data", data, "--role", "office", "--username", "admin", "--name", "x")
	if code != 1 || !strings.Contains(errOut, "已被使用") {
		t.Errorf("duplicate user add = %d %q; want 1 and a Chinese message", code, errOut)
	}
	code, _, errOut = runCmd(t, "user", "add", "--data", data, "--role", "applicant", "--username", "jy", "--name", "江阴", "--region", "火星市")
	if code != 1 || !strings.Contains(errOut, "地区“火星市”不存在") {
		t.Errorf("unknown region = %d %q", code, errOut)
	}
	code, _, _ = runCmd(t, "user", "add", "--data", data, "--role", "applicant", "--username", "jy", "--name", "江阴市工信局", "--region", "江阴市", "--password", "Jiangyin2026")
	if code != 0 {
		t.Fatalf("applicant add = %d", code)
	}
	code, out, _ = runCmd(t, "user", "list", "--data", data)
	if code != 0 || !strings.Contains(out, "admin") || !strings.Contains(out, "江阴市工信局") {
		t.Errorf("user list = %d\n%s", code, out)
	}
	if code, out, _ = runCmd(t, "user", "disable", "--data", data, "jy"); code != 0 || !strings.Contains(out, "已停用") {
		t.Errorf("disable = %d %q", code, out)
	}
	if code, out, _ = runCmd(t, "user", "reset", "--data", data, "jy"); code != 0 || !strings.Contains(out, "临时密码") {
		t.Errorf("reset = %d %q", code, out)
	}
	if code, _, _ = runCmd(t, "user"); code != 2 {
		t.Errorf("bare user = %d; want 2", code)
	}
	if code, _, _ = runCmd(t, "nonsense"); code != 2 {
		t.Errorf("unknown subcommand = %d; want 2", code)
	}
}
