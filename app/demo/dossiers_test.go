package demo_test

import (
	"context"
	"testing"
	"time"

	"chainjudge/app/demo"
	"chainjudge/app/dossier"
	"chainjudge/app/files"
	"chainjudge/app/store"
	"chainjudge/app/store/storetest"
)

func TestLoad_DossiersInEveryStatus(t *testing.T) {
	clock := &storetest.Clock{T: time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)}
	st := storetest.SQLite(t, clock.Now)
	ctx := context.Background()
	if _, err := demo.Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	// The 2026 round (the finished 2025 round's dossiers all passed).
	var compID int64
	comps, _ := st.FindCompetitions(ctx)
	for _, c := range comps {
		if c.Name == demo.DemoCompetitionName {
			compID = c.ID
		}
	}
	ds, err := st.FindDossiers(ctx, store.DossierFilter{CompetitionID: compID})
	if err != nil {
		t.Fatal(err)
	}
	byStatus := map[store.DossierStatus][]store.Dossier{}
	for _, d := range ds {
		byStatus[d.Status] = append(byStatus[d.Status], d)
	}
	for _, s := range store.DossierStatuses {
		if len(byStatus[s]) == 0 {
			t.Errorf("no demo dossier is %s", s.Label())
		}
	}
	stage, _ := st.FilingStage(ctx, ds[0].CompetitionID)
	entered, _ := st.StageEntries(ctx, stage.ID)
	if len(entered) != len(byStatus[store.DossierPassed]) {
		t.Errorf("stage entries = %v; want the %d passed dossiers", entered, len(byStatus[store.DossierPassed]))
	}
	for _, d := range byStatus[store.DossierReturned] {
		reviews, _ := st.FindFormalReviews(ctx, d.ID)
		if len(reviews) == 0 || reviews[0].Reason == "" || d.CorrectionDue == nil || !d.CorrectionDue.After(clock.T) {
			t.Errorf("returned dossier %d: reviews %+v, due %v", d.ID, reviews, d.CorrectionDue)
		}
	}
	for _, d := range ds {
		full, _ := st.FindDossierByID(ctx, d.ID)
		c, err := dossier.Parse(full.Content)
		if err != nil {
			t.Fatal(err)
		}
		if d.Status != store.DossierDraft && (len(c.Sections) == 0 || len(c.Enterprises) < 3 || d.ContentHash == "") {
			t.Errorf("dossier %s: %d sections, %d enterprises, hash %q", d.Title, len(c.Sections), len(c.Enterprises), d.ContentHash)
		}
		for _, e := range c.Enterprises {
			if err := dossier.CheckCreditCode(e.CreditCode); err != nil {
				t.Errorf("%s: %s %v", e.Name, e.CreditCode, err)
			}
		}
		atts, _ := st.FindAttachments(ctx, d.ID)
		for _, a := range atts {
			data, err := st.Blobs().Get(ctx, a.SHA256)
			if err != nil {
				t.Fatal(err)
			}
			if kind, err := files.Sniff(data); err != nil || string(kind) != a.Kind {
				t.Errorf("%s: sniffed %s, %v; recorded %s", a.FileName, kind, err, a.Kind)
			}
		}
	}
	parts, _ := st.FindParticipations(ctx, ds[0].CompetitionID, store.DossierWithdrawn)
	in := make([]dossier.Participation, len(parts))
	for i, p := range parts {
		in[i] = dossier.Participation{DossierID: p.DossierID, ChainID: p.ChainID, RegionID: p.RegionID, Core: p.Role == store.AreaCore}
	}
	kinds := map[dossier.ConflictKind]bool{}
	for _, c := range dossier.Conflicts(in) {
		kinds[c.Kind] = true
	}
	if !kinds[dossier.SameChain] || !kinds[dossier.LeadsAndCollaborates] {
		t.Errorf("conflict kinds = %v; want both for the conflicts view", kinds)
	}
	// Loading again changes nothing.
	if _, err := demo.Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	again, _ := st.FindDossiers(ctx, store.DossierFilter{CompetitionID: compID})
	if len(again) != len(ds) {
		t.Errorf("second load: %d dossiers; want %d", len(again), len(ds))
	}
}
