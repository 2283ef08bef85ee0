package store_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"chainjudge/app/store"
	"chainjudge/app/store/storetest"

	_ "github.com/mattn/go-sqlite3"
)

// auditedChanges makes n audited changes and returns the raw database handle
// a tamperer would use.
func auditedChanges(t *testing.T, n int) (*store.Store, *sql.DB) {
	t.Helper()
	clock := &storetest.Clock{T: t0}
	st, path := storetest.SQLitePath(t, clock.Now)
	ctx := context.Background()
	for i := 0; i < n; i++ {
		if err := st.PutSetting(ctx, store.SystemActor("test"), "notice.prefix", strings.Repeat("苏", i+1)); err != nil {
			t.Fatal(err)
		}
	}
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return st, raw
}

func TestVerifyAudit_IntactChain(t *testing.T) {
	st, _ := auditedChanges(t, 5)
	checked, brk, err := st.VerifyAudit(context.Background())
	if err != nil || brk != nil {
		t.Fatalf("VerifyAudit = %v, %v; want intact", brk, err)
	}
	if checked != 5 {
		t.Errorf("checked = %d; want 5", checked)
	}
}

func TestVerifyAudit_DetectsTampering(t *testing.T) {
	tests := []struct {
		name    string
		tamper  string
		wantID  int64
		wantMsg string
	}{
		{"EditedRow", "UPDATE audit_log SET after = '\"篡改\"' WHERE id = 3", 3, "内容与其哈希不符"},
		{"DeletedMiddleRow", "DELETE FROM audit_log WHERE id = 2", 3, "前序哈希"},
		{"DeletedTail", "DELETE FROM audit_log WHERE id = 5", 0, "末尾的记录被删除"},
		{"EditedReason", "UPDATE audit_log SET reason = '补记' WHERE id = 1", 1, "内容与其哈希不符"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, raw := auditedChanges(t, 5)
			if _, err := raw.Exec(tt.tamper); err != nil {
				t.Fatal(err)
			}
			_, brk, err := st.VerifyAudit(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if brk == nil {
				t.Fatal("VerifyAudit found no break; want one")
			}
			if brk.EntryID != tt.wantID || !strings.Contains(brk.Reason, tt.wantMsg) {
				t.Errorf("break = %d %q; want %d containing %q", brk.EntryID, brk.Reason, tt.wantID, tt.wantMsg)
			}
		})
	}
}
