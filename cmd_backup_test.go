package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"chainjudge/app/store"
)

func TestBackup_RestoresToTheSameContent(t *testing.T) {
	data := t.TempDir()
	for _, u := range []string{"admin", "expert.a"} {
		if code, out, errOut := runCmd(t, "user", "add", "--data", data, "--role", "office", "--username", u, "--name", u); code != 0 {
			t.Fatalf("user add: %s%s", out, errOut)
		}
	}
	out := filepath.Join(t.TempDir(), "backup.db")
	if code, stdout, stderr := runCmd(t, "backup", "--data", data, "--out", out); code != 0 {
		t.Fatalf("backup: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, _, stderr := runCmd(t, "backup", "--data", data, "--out", out); code != 1 || !strings.Contains(stderr, "已存在") {
		t.Errorf("backup over an existing file: exit %d %q; want 1 and a refusal", code, stderr)
	}

	ctx := context.Background()
	orig, err := store.Open(ctx, store.Options{DSN: filepath.Join(data, "chainjudge.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer orig.Close()
	restored, err := store.Open(ctx, store.Options{DSN: out})
	if err != nil {
		t.Fatalf("open backup: %v", err)
	}
	defer restored.Close()
	a, _ := orig.FindUsers(ctx, store.UserFilter{})
	b, _ := restored.FindUsers(ctx, store.UserFilter{})
	if len(a) != 2 || len(b) != len(a) || a[0].Username != b[0].Username || a[1].PasswordHash != b[1].PasswordHash {
		t.Errorf("restored users %v; want the original %v", b, a)
	}
	if n, brk, err := restored.VerifyAudit(ctx); err != nil || brk != nil || n != 2 {
		t.Errorf("restored audit log: %d entries, break %v, err %v; want 2 intact", n, brk, err)
	}
	regions, _ := restored.FindRegions(ctx, store.RegionFilter{})
	if len(regions) < 100 {
		t.Errorf("restored regions = %d; want the seeded reference data", len(regions))
	}
}
