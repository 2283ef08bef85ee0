package main

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"
)

func TestAuditVerify(t *testing.T) {
	data := t.TempDir()
	for _, u := range []string{"admin", "second", "third"} {
		if code, out, errOut := runCmd(t, "user", "add", "--data", data, "--role", "office", "--username", u, "--name", u); code != 0 {
			t.Fatalf("user add: %s%s", out, errOut)
		}
	}
	code, out, _ := runCmd(t, "audit", "verify", "--data", data)
	if code != 0 || !strings.Contains(out, "audit log OK: 3 entries") {
		t.Fatalf("intact log: exit %d\n%s", code, out)
	}

	raw, err := sql.Open("sqlite3", filepath.Join(data, "chainjudge.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`UPDATE audit_log SET after = replace(after, 'second', 'mallory') WHERE id = 2`); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCmd(t, "audit", "verify", "--data", data)
	if code != 1 || !strings.Contains(out, "第 2 条记录") {
		t.Errorf("edited row: exit %d\n%s; want 1 naming entry 2", code, out)
	}

	if _, err := raw.Exec(`UPDATE audit_log SET after = replace(after, 'mallory', 'second') WHERE id = 2`); err != nil {
		t.Fatal(err)
	}
	if code, out, _ = runCmd(t, "audit", "verify", "--data", data); code != 0 {
		t.Fatalf("restored row: exit %d\n%s", code, out)
	}
	if _, err := raw.Exec(`DELETE FROM audit_log WHERE id = 2`); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCmd(t, "audit", "verify", "--data", data)
	if code != 1 || !strings.Contains(out, "第 3 条记录") {
		t.Errorf("deleted row: exit %d\n%s; want 1 naming entry 3", code, out)
	}
	if code, _, _ = runCmd(t, "audit"); code != 2 {
		t.Errorf("bare audit: exit %d; want 2", code)
	}
}

// Deleting the last entries leaves every remaining row intact: the break is
// at the tail, and both lines of the report say so (the English one used to
// read "BROKEN at entry 0").
func TestAuditVerify_MissingTail(t *testing.T) {
	data := t.TempDir()
	for _, u := range []string{"admin", "second", "third"} {
		if code, out, errOut := runCmd(t, "user", "add", "--data", data, "--role", "office", "--username", u, "--name", u); code != 0 {
			t.Fatalf("user add: %s%s", out, errOut)
		}
	}
	raw, err := sql.Open("sqlite3", filepath.Join(data, "chainjudge.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`DELETE FROM audit_log WHERE id = 3`); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCmd(t, "audit", "verify", "--data", data)
	for _, want := range []string{"审计日志末尾的记录被删除：链头应为第 3 条，实际最后一条为第 2 条",
		"audit log BROKEN at the tail: the last entries were deleted (the head records entry 3, the last entry left is 2) (the 2 entries left all match)"} {
		if code != 1 || !strings.Contains(out, want) {
			t.Errorf("deleted last row: exit %d\n%s; want 1 and %q", code, out, want)
		}
	}
	if strings.Contains(out, "entry 0") {
		t.Errorf("the report names an entry 0:\n%s", out)
	}

	if _, err := raw.Exec(`DELETE FROM settings WHERE key = 'audit.head'`); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCmd(t, "audit", "verify", "--data", data)
	for _, want := range []string{"审计日志的链头记录缺失", "audit log BROKEN at the tail: the chain's recorded head is missing"} {
		if code != 1 || !strings.Contains(out, want) {
			t.Errorf("deleted head: exit %d\n%s; want 1 and %q", code, out, want)
		}
	}
}
