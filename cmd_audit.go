package main

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
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
			fmt.Fprintf(stdout, "audit log BROKEN at entry %d (%d entries checked before it)\n", brk.EntryID, checked)
		} else {
			// A break with no entry is at the end of the chain: every row
			// matches, but the chain does not end at its recorded head.
			fmt.Fprintf(stdout, "审计日志校验失败：%s\n", brk.Reason)
			fmt.Fprintf(stdout, "audit log BROKEN at the tail: %s (the %d entries left all match)\n", tailBreak(brk.Reason), checked)
		}
		return 1
	}
	fmt.Fprintf(stdout, "审计日志完整：%d 条记录的哈希链全部吻合。\naudit log OK: %d entries verified\n", checked, checked)
	return 0
}

// headShouldBe reads the entry numbers of the store's missing-tail reason.
var headShouldBe = regexp.MustCompile(`链头应为第 (\d+) 条，实际最后一条为第 (\d+) 条`)

// tailBreak says in English what the Chinese reason of a break at the end
// of the chain says: the last entries were deleted, or the recorded head
// itself is missing.
func tailBreak(reason string) string {
	if m := headShouldBe.FindStringSubmatch(reason); m != nil && m[2] == "0" {
		return fmt.Sprintf("every entry was deleted (the head records entry %s)", m[1])
	} else if m != nil {
		return fmt.Sprintf("the last entries were deleted (the head records entry %s, the last entry left is %s)", m[1], m[2])
	}
	if strings.Contains(reason, "链头记录缺失") {
		return "the chain's recorded head is missing"
	}
	return "the end of the chain does not match its recorded head"
}
