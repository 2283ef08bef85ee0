package main

import (
	"context"
	"fmt"
	"io"
)

// cmdAudit verifies the audit log's hash chain: `chainjudge audit verify`
// exits 0 when every entry matches, 1 and names the first entry that does
// not when any row was altered or deleted.
func cmdAudit(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "verify" {
		fmt.Fprintln(stderr, "用法 (usage): chainjudge audit verify [--data DIR] [--db DSN]")
		return 2
	}
	fs := newFlagSet("audit verify", stderr)
	var db dbFlags
	db.register(fs)
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	ctx := context.Background()
	st, err := db.open(ctx)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer st.Close()
	checked, brk, err := st.VerifyAudit(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "读取审计日志失败 (read audit log): %v\n", err)
		return 1
	}
	if brk != nil {
		if brk.EntryID != 0 {
			fmt.Fprintf(stdout, "审计日志校验失败：第一处不符在第 %d 条记录。%s\n", brk.EntryID, brk.Reason)
		} else {
			fmt.Fprintf(stdout, "审计日志校验失败：%s\n", brk.Reason)
		}
		fmt.Fprintf(stdout, "audit log BROKEN at entry %d (%d entries checked before it)\n", brk.EntryID, checked)
		return 1
	}
	fmt.Fprintf(stdout, "审计日志完整：%d 条记录的哈希链全部吻合。\naudit log OK: %d entries verified\n", checked, checked)
	return 0
}
