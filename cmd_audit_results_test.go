package main

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestAuditVerify_DetectsTamperedResultDecisions checks that the result
// decisions (freezing, advancement, objections, publication) are in the hash
// chain: changing a published 发文字号 or deleting an objection's handling in
// the database is reported at that entry by `chainjudge audit verify`.
func TestAuditVerify_DetectsTamperedResultDecisions(t *testing.T) {
	data, _, _ := demoData(t)
	if code, out, _ := runCmd(t, "audit", "verify", "--data", data); code != 0 {
		t.Fatalf("demo log broken before tampering:\n%s", out)
	}
	raw, err := sql.Open("sqlite3", filepath.Join(data, "chainjudge.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	idOf := func(action string) int64 {
		var id int64
		if err := raw.QueryRow(`SELECT id FROM audit_log WHERE action = ? ORDER BY id LIMIT 1`, action).Scan(&id); err != nil {
			t.Fatalf("no %s entry: %v", action, err)
		}
		return id
	}
	for _, action := range []string{"result.freeze", "dossier.advance", "indicator.verify", "veto.decide", "winner.mark",
		"notice.publicity", "objection.submit"} {
		idOf(action)
	}

	publish := idOf("result.publish")
	if _, err := raw.Exec(`UPDATE audit_log SET after = replace(after, '21号', '12号') WHERE id = ?`, publish); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCmd(t, "audit", "verify", "--data", data)
	if code != 1 || !strings.Contains(out, fmt.Sprintf("第 %d 条记录", publish)) {
		t.Errorf("edited publication: exit %d\n%s; want 1 naming entry %d", code, out, publish)
	}
	if _, err := raw.Exec(`UPDATE audit_log SET after = replace(after, '12号', '21号') WHERE id = ?`, publish); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := runCmd(t, "audit", "verify", "--data", data); code != 0 {
		t.Fatalf("restored entry: exit %d\n%s", code, out)
	}

	handled := idOf("objection.handle")
	if _, err := raw.Exec(`DELETE FROM audit_log WHERE id = ?`, handled); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCmd(t, "audit", "verify", "--data", data)
	if code != 1 || !strings.Contains(out, fmt.Sprintf("第 %d 条记录", handled+1)) {
		t.Errorf("deleted objection handling: exit %d\n%s; want 1 naming entry %d", code, out, handled+1)
	}
}
