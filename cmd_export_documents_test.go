package main

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"chainjudge/reports/pdftext"
)

func TestExportDocuments_WritesEveryOfficialPDF(t *testing.T) {
	data, finished, running := demoData(t)
	out := t.TempDir()
	code, stdout, stderr := runCmd(t, "export", "--data", data, "--competition", strconv.FormatInt(finished, 10), "--out", out, "--documents")
	if code != 0 {
		t.Fatalf("export --documents: exit %d\n%s%s", code, stdout, stderr)
	}
	var names []string
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(out, p)
			names = append(names, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	count := func(part string) int {
		n := 0
		for _, name := range names {
			if strings.Contains(name, part) {
				n++
			}
		}
		return n
	}
	if count("结果通知") != 1 || count("公示与通知/") < 2 {
		t.Errorf("notices = %v; want the 公示 and the result notice", names)
	}
	if count("评分汇总表-") == 0 || count("得分计算说明/") == 0 || count("专家评分表/") == 0 {
		t.Errorf("documents = %v; want summaries, calculation sheets and expert sheets", names)
	}
	for _, name := range names {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := pdftext.Read(b)
		if err != nil {
			t.Errorf("%s is not a readable PDF: %v", name, err)
			continue
		}
		if strings.Contains(name, "结果通知") && !strings.Contains(doc.Text(), "通知") {
			t.Errorf("%s text lacks 通知", name)
		}
	}

	t.Run("RunningCompetitionHasSignedSheetsOnly", func(t *testing.T) {
		out := t.TempDir()
		code, stdout, stderr := runCmd(t, "export", "--data", data, "--competition", strconv.FormatInt(running, 10), "--out", out, "--documents")
		if code != 0 {
			t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
		}
		sheets, _ := filepath.Glob(filepath.Join(out, "*", "专家评分表", "*.pdf"))
		notices, _ := filepath.Glob(filepath.Join(out, "公示与通知", "*.pdf"))
		if len(sheets) == 0 || len(notices) != 0 {
			t.Errorf("running round: %d expert sheets, %d notices; want sheets and no notices", len(sheets), len(notices))
		}
	})
}
