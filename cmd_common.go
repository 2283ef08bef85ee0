package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"chainjudge/app/store"
	"chainjudge/reports/fonts"
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

// args are the flags that name this database to another command (for a
// hint the operator copies): nothing for the default.
func (f *dbFlags) args() string {
	switch {
	case f.dsn != "" && f.dsn == os.Getenv("CHAINJUDGE_DB"):
		return "" // the other command reads the same variable
	case f.dsn != "":
		return " --db '" + f.dsn + "'"
	case f.dataDir != "./data":
		return " --data '" + f.dataDir + "'"
	}
	return ""
}

// envInt is the integer in the environment variable name, or def when it
// is unset.
func envInt(name string, def int) (int, error) {
	v := os.Getenv(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("环境变量 %s=%q 不是整数 (%s is not a number)", name, v, name)
	}
	return n, nil
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

// bodyFontFlag adds --body-font (env CHAINJUDGE_BODY_FONT) to fs.
func bodyFontFlag(fs *flag.FlagSet) *string {
	return fs.String("body-font", os.Getenv("CHAINJUDGE_BODY_FONT"),
		"PDF 文件正文字体：单位已获授权的 TrueType 字体文件（.ttf，如仿宋）；留空使用内置字体（也可用环境变量 CHAINJUDGE_BODY_FONT）")
}

// bodyFontSample is text every document sets in the body font; a body font
// without it cannot print anything.
const bodyFontSample = "0123456789.:，。、：；（）〔〕—江苏省产业链竞赛申报评审专家评分得分名次年月日第号"

// loadBodyFont loads the --body-font file once, at start-up, into the
// embedded font set as its body font; nil without one. The file must be a
// TrueType font with glyf outlines that allows embedding and has the
// characters every document needs; anything else is refused here with a
// Chinese message instead of failing at the first document.
func loadBodyFont(path string) (*fonts.Set, error) {
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("无法读取正文字体文件 %s (read body font): %w", path, err)
	}
	body, err := fonts.Parse(filepath.Base(path), data)
	if err != nil {
		return nil, fmt.Errorf("正文字体文件 %s 不能用于 PDF：须为允许嵌入的 TrueType 字体（glyf 轮廓的 .ttf）；"+
			"OpenType/CFF（.otf）和字体集（.ttc）须先转换为 .ttf (body font: %w)", path, err)
	}
	if err := body.Check("body-font", bodyFontSample); err != nil {
		var mg *fonts.MissingGlyphError
		if errors.As(err, &mg) {
			return nil, fmt.Errorf("正文字体文件 %s 缺少字符“%c”（U+%04X），不能用作中文公文正文字体 (body font lacks U+%04X)",
				path, mg.Char, mg.Char, mg.Char)
		}
		return nil, err
	}
	set, err := fonts.Default()
	if err != nil {
		return nil, err
	}
	set = set.WithBody(body)
	return &set, nil
}
