package app_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"chainjudge/app"
	"chainjudge/app/apptest"
	"chainjudge/app/demo"
	"chainjudge/app/store"
	"chainjudge/reports/pdftext"
)

// demoEnv is the demo loaded into a test server, with the finished 2025
// round.
type demoEnv struct {
	env      *apptest.Env
	finished *store.Competition
}

func newDemoEnv(t *testing.T, opts ...apptest.Option) *demoEnv {
	t.Helper()
	env := apptest.New(t, opts...)
	ctx := context.Background()
	if _, err := demo.Load(ctx, env.Store); err != nil {
		t.Fatal(err)
	}
	de := &demoEnv{env: env}
	comps, _ := env.Store.FindCompetitions(ctx)
	for i := range comps {
		if comps[i].Name == demo.FinishedCompetitionName {
			de.finished = &comps[i]
		}
	}
	if de.finished == nil {
		t.Fatal("the demo has no finished round")
	}
	return de
}

// documents renders the finished round's official documents by name.
func (de *demoEnv) documents(t *testing.T) map[string][]byte {
	t.Helper()
	files, _, err := app.CompetitionDocuments(context.Background(), de.env.Store, de.finished.ID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		out[f.Name] = f.Data
	}
	return out
}

// applicantOf logs in the demo account of a dossier's core region.
func (de *demoEnv) applicantOf(t *testing.T, d *store.Dossier) *apptest.Client {
	t.Helper()
	ctx := context.Background()
	users, err := de.env.Store.FindUsers(ctx, store.UserFilter{Role: store.RoleApplicant})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		if u.RegionID != nil && *u.RegionID == d.RegionID {
			c := de.env.Client()
			apptest.Check(t, c.Login(u.Username, demo.Password), http.StatusSeeOther, "", nil, nil)
			return c
		}
	}
	t.Fatalf("no demo applicant for region %d", d.RegionID)
	return nil
}

// pdfText reads a PDF back and returns its text without white space, so a
// hash or a sentence broken over lines can be found.
func pdfText(t *testing.T, name string, data []byte) string {
	t.Helper()
	doc, err := pdftext.Read(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return strings.Join(strings.Fields(doc.Text()), "")
}

// The receipts printed for the office's files are the PDFs the applicants
// download, byte for byte.
func TestCompetitionDocuments_ReceiptsAreTheApplicantsOwn(t *testing.T) {
	de := newDemoEnv(t)
	docs := de.documents(t)
	ds, err := de.env.Store.FindDossiers(context.Background(), store.DossierFilter{CompetitionID: de.finished.ID})
	if err != nil {
		t.Fatal(err)
	}
	receipts := 0
	for i := range ds {
		d := &ds[i]
		name := "申报回执/" + d.NumberString() + "-申报回执.pdf"
		printed, ok := docs[name]
		if d.SubmittedAt == nil {
			if ok {
				t.Errorf("%s printed for a dossier never submitted", name)
			}
			continue
		}
		receipts++
		if !ok {
			t.Errorf("no %s among the documents", name)
			continue
		}
		res := de.applicantOf(t, d).Get("/applicant/dossiers/" + itoa(d.ID) + "/receipt.pdf")
		apptest.Check(t, res, http.StatusOK, "", nil, nil)
		if !bytes.Equal([]byte(res.Body), printed) {
			t.Errorf("%s differs from the receipt its applicant downloads", name)
		}
		text := pdfText(t, name, printed)
		for _, want := range []string{d.NumberString(), strings.TrimPrefix(d.ContentHash, "sha256:")} {
			if !strings.Contains(text, want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
	}
	if receipts == 0 {
		t.Fatal("the finished round has no submitted dossier")
	}
}
