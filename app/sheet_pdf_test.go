package app_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"chainjudge/app/apptest"
	"chainjudge/app/store"
	"chainjudge/reports/pdftext"
)

func TestExpertSheetPDF(t *testing.T) {
	for _, blind := range []bool{false, true} {
		name := map[bool]string{false: "Named", true: "Blind"}[blind]
		t.Run(name, func(t *testing.T) {
			re := newReviewEnv(t, 3, blind)
			re.draw(t, drawForm("pdf"))
			d := re.dossiers["徐州市"]
			panel := re.assigned(t, d)
			a, b, c := panel[0], panel[1], panel[2]
			path := re.sheetPath(d)

			ca := re.env.Login(a.Username)
			apptest.Check(t, ca.Get(path+"/sheet.pdf"), http.StatusConflict, "", []string{"签名提交后才能打印"}, nil)
			re.sign(t, d, a, "7", "5", "地标效应明显")
			re.sign(t, d, b, "7.5", "5", "")
			re.sign(t, d, c, "1", "5", "")
			flags, _ := re.env.Store.FindFlags(context.Background(), store.FlagFilter{StageID: re.stage.ID, ExpertID: c.ID})
			if len(flags) != 1 {
				t.Fatalf("flags of the low scorer = %+v; want one", flags)
			}
			cc := re.env.Login(c.Username)
			cc.PostForm(path+"/flags/"+itoa(flags[0].ID)+"/justify",
				url.Values{"reason": {"核心区尚无地标性龙头企业"}, "flag_version": {"1"}})

			res := cc.Get(path + "/sheet.pdf")
			apptest.Check(t, res, http.StatusOK, "", nil, nil)
			if ct := res.Header.Get("Content-Type"); ct != "application/pdf" {
				t.Errorf("Content-Type = %q; want application/pdf", ct)
			}
			if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, "attachment") || !strings.Contains(cd, "filename") {
				t.Errorf("Content-Disposition = %q", cd)
			}
			doc, err := pdftext.Read([]byte(res.Body))
			if err != nil {
				t.Fatalf("read back the PDF: %v", err)
			}
			text := doc.Text()
			sheet := re.sheetOf(t, d, c)
			for _, want := range []string{"专家评分表", c.DisplayName, "地标特征", "核心区尚无地标性龙头企业",
				strings.TrimPrefix(sheet.RubricHash, "sha256:")[:12]} {
				if !strings.Contains(strings.ReplaceAll(text, "\n", ""), want) {
					t.Errorf("PDF text lacks %q:\n%s", want, text)
				}
			}
			if blind && strings.Contains(text, "徐州") {
				t.Error("the blind sheet names the applicant region")
			}

			// Another expert of the panel cannot print c's sheet through their own path.
			other := re.env.Login(a.Username).Get(path + "/sheet.pdf")
			if otherDoc, err := pdftext.Read([]byte(other.Body)); err != nil || strings.Contains(otherDoc.Text(), "核心区尚无地标性龙头企业") {
				t.Errorf("expert a's printout shows c's reason (err %v)", err)
			}
			office := re.office.Get("/office/panels/sheets/" + itoa(sheet.ID) + "/sheet.pdf")
			apptest.Check(t, office, http.StatusOK, "", nil, nil)
			officeDoc, err := pdftext.Read([]byte(office.Body))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(officeDoc.Text(), "徐州") {
				t.Error("the office's printout hides the applicant")
			}
			apptest.Check(t, re.env.Login(a.Username).Get("/office/panels/sheets/"+itoa(sheet.ID)+"/sheet.pdf"),
				http.StatusForbidden, "", nil, nil)
		})
	}
}
