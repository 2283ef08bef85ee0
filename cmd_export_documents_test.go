package main

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"chainjudge/app/apptest"
	"chainjudge/app/store"
	"chainjudge/reports/pdftext"
)

// submittedDossiers lists the dossiers of a competition that were submitted
// (and so have a receipt), reading the export's database.
func submittedDossiers(t *testing.T, data string, compID int64) []store.Dossier {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{DSN: filepath.Join(data, "chainjudge.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	all, err := st.FindDossiers(ctx, store.DossierFilter{CompetitionID: compID})
	if err != nil {
		t.Fatal(err)
	}
	var out []store.Dossier
	for _, d := range all {
		if d.SubmittedAt != nil && d.Number != nil {
			out = append(out, d)
		}
	}
	return out
}

// squeezed is text without any white space, so that a hash or a phrase
// broken over lines can be found.
func squeezed(s string) string { return strings.Join(strings.Fields(s), "") }

func TestExportDocuments_WritesEveryOfficialPDF(t *testing.T) {
	apptest.SkipUnderRace(t)
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
	// Every submitted dossier's 申报回执, and nothing else, is under 申报回执/,
	// naming the dossier and the content hash it was submitted with.
	submitted := submittedDossiers(t, data, finished)
	if len(submitted) == 0 {
		t.Fatal("the finished demo round has no submitted dossier")
	}
	if got := count("申报回执/"); got != len(submitted) {
		t.Errorf("%d receipts; want one per submitted dossier (%d)", got, len(submitted))
	}
	for _, d := range submitted {
		name := "申报回执/" + *d.Number + "-申报回执.pdf"
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("receipt of %s: %v", *d.Number, err)
			continue
		}
		doc, err := pdftext.Read(b)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		text := squeezed(doc.Text())
		for _, want := range []string{"申报回执", *d.Number, strings.TrimPrefix(d.ContentHash, "sha256:")} {
			if !strings.Contains(text, want) {
				t.Errorf("%s lacks %q:\n%s", name, want, doc.Text())
			}
		}
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
		// Drafts never submitted have no receipt.
		receipts, _ := filepath.Glob(filepath.Join(out, "申报回执", "*.pdf"))
		if want := len(submittedDossiers(t, data, running)); len(receipts) != want {
			t.Errorf("running round: %d receipts; want %d (the submitted dossiers)", len(receipts), want)
		}
	})
}
