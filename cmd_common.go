package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"chainjudge/app/store"
)

// dbFlags are the database flags every command that opens the store takes.
type dbFlags struct {
	dataDir string
	dsn     string
}

// register adds --data and --db to fs.
func (f *dbFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.dataDir, "data", "./data", "数据目录（SQLite 数据库与附件存放于此）")
	fs.StringVar(&f.dsn, "db", os.Getenv("CHAINJUDGE_DB"),
		"数据库：postgres://… 使用 PostgreSQL；留空使用数据目录下的 SQLite（也可用环境变量 CHAINJUDGE_DB）")
}

// DSN is the database to open: the --db value, or the SQLite file in the
// data directory.
func (f *dbFlags) DSN() string {
	if f.dsn != "" {
		return f.dsn
	}
	return filepath.Join(f.dataDir, "chainjudge.db")
}

// open connects to the store, running pending migrations.
func (f *dbFlags) open(ctx context.Context) (*store.Store, error) {
	st, err := store.Open(ctx, store.Options{DSN: f.DSN()})
	if err != nil {
		return nil, fmt.Errorf("打开数据库失败 (open database): %w", err)
	}
	return st, nil
}

// newFlagSet makes a FlagSet that reports errors to stderr instead of exiting.
func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}
