package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"chainjudge/app/store"
)

// cmdBackup makes a consistent online backup: `chainjudge backup --out FILE`.
func cmdBackup(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("backup", stderr)
	var db dbFlags
	db.register(fs)
	out := fs.String("out", "", "备份文件路径（不能已存在）")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" {
		fmt.Fprintln(stderr, "用法 (usage): chainjudge backup --out FILE [--data DIR] [--db DSN]")
		return 2
	}
	ctx := context.Background()
	st, err := db.open(ctx)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer st.Close()
	if err := st.Backup(ctx, *out); err != nil {
		if errors.Is(err, store.ErrBackupUnsupported) {
			fmt.Fprintln(stderr, err)
			return 1
		}
		fmt.Fprintf(stderr, "备份失败 (backup failed): %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "已备份到 %s（backup written）\n", *out)
	return 0
}
