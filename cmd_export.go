package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"chainjudge/app"
	"chainjudge/app/results"
	"chainjudge/app/store"
)

// cmdExport writes a competition's transparency bundle into a directory:
// `chainjudge export --competition ID --out DIR`. The bundle holds the
// rubric snapshot, the raw scores under judge codes, the frozen and published
// results and one `chainjudge score` input per stage and criterion, so that
// anyone can recompute every published stage score (docs/RESULTS.md).
func cmdExport(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("export", stderr)
	var db dbFlags
	db.register(fs)
	compID := fs.Int64("competition", 0, "竞赛编号（office 页面地址中的数字）")
	out := fs.String("out", "", "输出目录（不存在或为空）")
	documents := fs.Bool("documents", false, "改为输出全部正式文件的 PDF（公示、结果通知、申报回执、评分汇总表、得分计算说明、专家评分表），供打印归档；含姓名，不公开")
	bodyFont := bodyFontFlag(fs)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *compID <= 0 || *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "用法 (usage): chainjudge export --competition ID --out DIR [--documents [--body-font FILE]] [--data DIR] [--db DSN]")
		return 2
	}
	docFonts, err := loadBodyFont(*bodyFont)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	cfg := app.Config{Fonts: docFonts}
	if entries, err := os.ReadDir(*out); err == nil && len(entries) > 0 {
		fmt.Fprintf(stderr, "输出目录 %s 不为空，请指定新目录 (output directory is not empty)\n", *out)
		return 2
	}
	ctx := context.Background()
	st, err := db.open(ctx)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer st.Close()
	if *documents {
		return exportDocuments(ctx, st, *compID, cfg, *out, stdout, stderr)
	}
	files, comp, err := app.TransparencyBundle(ctx, st, *compID, time.Now())
	switch {
	case errors.Is(err, store.ErrNotFound):
		fmt.Fprintf(stderr, "竞赛 %d 不存在 (no such competition)\n", *compID)
		return 1
	case errors.Is(err, store.ErrConflict):
		fmt.Fprintf(stderr, "%s (nothing frozen to export)\n", storeSentence(err))
		return 1
	case err != nil:
		fmt.Fprintf(stderr, "导出失败 (export failed): %v\n", err)
		return 1
	}
	if err := writeBundle(*out, files); err != nil {
		fmt.Fprintf(stderr, "写出失败 (write failed): %v\n", err)
		return 1
	}
	if err := st.Audit(ctx, store.AuditRecord{Actor: store.SystemActor("chainjudge export"), Action: "result.export",
		Entity: "competition", EntityID: comp.ID, After: map[string]any{"files": len(files), "out": *out}}); err != nil {
		fmt.Fprintf(stderr, "记录审计日志失败 (audit): %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "已导出“%s”的公开透明包：%d 个文件，写入 %s\n复算方法见其中的 README.txt（exported %d files）\n",
		comp.Name, len(files), *out, len(files))
	return 0
}

// writeBundle writes bundle files under dir, creating directories.
func writeBundle(dir string, files []results.BundleFile) error {
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("create %s: %w", filepath.Dir(p), err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", p, err)
		}
	}
	return nil
}

// storeSentence is the Chinese sentence a store conflict was wrapped with.
func storeSentence(err error) string {
	text := err.Error()
	suffix := ": " + store.ErrConflict.Error()
	if len(text) > len(suffix) && text[len(text)-len(suffix):] == suffix {
		return text[:len(text)-len(suffix)]
	}
	return text
}

// exportDocuments writes every official document of a competition as PDF.
func exportDocuments(ctx context.Context, st *store.Store, compID int64, cfg app.Config, out string, stdout, stderr io.Writer) int {
	files, comp, err := app.CompetitionDocuments(ctx, st, compID, cfg)
	switch {
	case errors.Is(err, store.ErrNotFound):
		fmt.Fprintf(stderr, "竞赛 %d 不存在 (no such competition)\n", compID)
		return 1
	case err != nil:
		fmt.Fprintf(stderr, "生成文件失败 (documents failed): %v\n", err)
		return 1
	}
	if len(files) == 0 {
		fmt.Fprintf(stderr, "“%s”还没有可打印的正式文件（申报提交、结果冻结、签名提交或发布公示后才有）\n", comp.Name)
		return 1
	}
	if err := writeBundle(out, files); err != nil {
		fmt.Fprintf(stderr, "写出失败 (write failed): %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "已输出“%s”的正式文件：%d 个 PDF，写入 %s（wrote %d documents）\n", comp.Name, len(files), out, len(files))
	return 0
}
