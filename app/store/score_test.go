package store_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"sync"
	"testing"

	"chainjudge/app/store"
	"chainjudge/app/store/storetest"

	_ "github.com/mattn/go-sqlite3" // raw access to the test database
)

func expertActor(u *store.User) store.Actor { return store.UserActor(u) }

// TestSaveSheet_HistoryIsNeverOverwritten saves, changes, signs, reopens and
// changes again, and checks every value ever saved is still there with the
// rubric hash.
func TestSaveSheet_HistoryIsNeverOverwritten(t *testing.T) {
	clock := &storetest.Clock{T: t0}
	storetest.Each(t, clock.Now, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := newPanelFixture(t, st)
		e := f.experts[0]
		a := f.assign[0]
		save := func(version int64, points, comment string) *store.ScoreSheet {
			t.Helper()
			sh, _, err := st.SaveSheet(ctx, expertActor(e), store.SheetSave{AssignmentID: a.ID, Version: version, RubricHash: "h1",
				Values: []store.SheetValue{{CriterionID: "A1.4", Points: points, Comment: comment}, {CriterionID: "A6.1", Veto: "no"}}})
			if err != nil {
				t.Fatalf("save %s: %v", points, err)
			}
			return sh
		}
		sh := save(0, "6.5", "地标效应明显")
		if sh.Version != 1 {
			t.Fatalf("first save version %d; want 1", sh.Version)
		}
		sh = save(1, "7", "地标效应明显")
		if _, _, err := st.SaveSheet(ctx, expertActor(e), store.SheetSave{AssignmentID: a.ID, Version: 1, RubricHash: "h1",
			Values: []store.SheetValue{{CriterionID: "A1.4", Points: "8"}}}); !errors.Is(err, store.ErrConflict) {
			t.Errorf("stale version: %v; want ErrConflict", err)
		}
		same := save(2, "7", "地标效应明显")
		if same.Version != 2 {
			t.Errorf("an unchanged save bumped the version to %d", same.Version)
		}
		sh, err := st.SubmitSheet(ctx, expertActor(e), sh.ID, sh.Version)
		if err != nil {
			t.Fatal(err)
		}
		if sh.Signature == "" || sh.Status != store.SheetSubmitted {
			t.Fatalf("submitted sheet = %+v", sh)
		}
		if _, _, err := st.SaveSheet(ctx, expertActor(e), store.SheetSave{AssignmentID: a.ID, Version: sh.Version, RubricHash: "h1",
			Values: []store.SheetValue{{CriterionID: "A1.4", Points: "8"}}}); !errors.Is(err, store.ErrConflict) {
			t.Errorf("saving a signed sheet: %v; want ErrConflict (locked)", err)
		}
		rows, _ := st.SubmittedScores(ctx, f.stage.ID)
		if len(rows) != 2 || rows[0].CriterionID != "A1.4" || rows[0].Value != "7" || rows[0].RubricHash != "h1" || rows[1].Vetoed {
			t.Fatalf("submitted scores = %+v", rows)
		}
		if err := st.ReopenSheet(ctx, store.SystemActor("办公室"), sh.ID, sh.Version, "专家申请更正笔误"); err != nil {
			t.Fatal(err)
		}
		if rows, _ := st.SubmittedScores(ctx, f.stage.ID); len(rows) != 0 {
			t.Errorf("a reopened sheet still counts: %+v", rows)
		}
		save(sh.Version+1, "7.5", "地标效应明显")
		hist, _ := st.SheetHistory(ctx, sh.ID)
		var points []string
		for _, h := range hist {
			if h.CriterionID == "A1.4" {
				points = append(points, h.Points)
				if h.RubricHash != "h1" {
					t.Errorf("entry %d without rubric hash", h.ID)
				}
			}
		}
		if len(points) != 3 || points[0] != "6.5" || points[1] != "7" || points[2] != "7.5" {
			t.Errorf("history of A1.4 = %v; want 6.5, 7, 7.5 all kept", points)
		}
		values, _ := st.SheetValues(ctx, sh.ID)
		if values["A1.4"].Points != "7.5" {
			t.Errorf("current value = %q; want the latest", values["A1.4"].Points)
		}
	})
}

// TestScoreEntries_DatabaseRefusesChanges goes around the store: even raw SQL
// cannot overwrite or delete a saved score.
func TestScoreEntries_DatabaseRefusesChanges(t *testing.T) {
	clock := &storetest.Clock{T: t0}
	check := func(t *testing.T, st *store.Store, db *sql.DB) {
		ctx := context.Background()
		f := newPanelFixture(t, st)
		if _, _, err := st.SaveSheet(ctx, expertActor(f.experts[0]), store.SheetSave{AssignmentID: f.assign[0].ID, RubricHash: "h1",
			Values: []store.SheetValue{{CriterionID: "A1.4", Points: "6"}}}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec("UPDATE score_entries SET points = '8'"); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("UPDATE score_entries: %v; want refused as append-only", err)
		}
		if _, err := db.Exec("DELETE FROM score_entries"); err == nil {
			t.Error("DELETE FROM score_entries succeeded")
		}
		var n int
		_ = db.QueryRow("SELECT COUNT(*) FROM score_entries WHERE points = '6'").Scan(&n)
		if n != 1 {
			t.Errorf("entries with the saved value = %d; want 1", n)
		}
	}
	t.Run("sqlite", func(t *testing.T) {
		st, path := storetest.SQLitePath(t, clock.Now)
		db, err := sql.Open("sqlite3", path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		check(t, st, db)
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := storetest.PostgresDSN(t)
		st, err := store.Open(context.Background(), store.Options{DSN: dsn, Now: clock.Now})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		check(t, st, db)
	})
}

func TestSyncFlags_KeepsReasonsAndSupersedesStaleFlags(t *testing.T) {
	clock := &storetest.Clock{T: t0}
	storetest.Each(t, clock.Now, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := newPanelFixture(t, st)
		for i, a := range f.assign {
			sh, _, err := st.SaveSheet(ctx, expertActor(f.experts[i]), store.SheetSave{AssignmentID: a.ID, RubricHash: "h1",
				Values: []store.SheetValue{{CriterionID: "A1.4", Points: []string{"7", "7", "1"}[i]}}})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.SubmitSheet(ctx, expertActor(f.experts[i]), sh.ID, sh.Version); err != nil {
				t.Fatal(err)
			}
		}
		done, _ := st.DossierSheetsComplete(ctx, f.stage.ID, f.dossier.ID)
		if !done {
			t.Fatal("all three signed; dossier not complete")
		}
		low := store.FlagDraft{ExpertID: f.experts[2].ID, CriterionID: "A1.4", Direction: "low", Score: "1", Explanation: "畸低"}
		if err := st.SyncFlags(ctx, store.SystemActor(""), f.stage.ID, f.dossier.ID, "h1", []store.FlagDraft{low}); err != nil {
			t.Fatal(err)
		}
		flags, _ := st.FindFlags(ctx, store.FlagFilter{StageID: f.stage.ID, Statuses: []store.FlagStatus{store.FlagOpen}})
		if len(flags) != 1 {
			t.Fatalf("open flags = %d; want 1", len(flags))
		}
		if err := st.JustifyFlag(ctx, expertActor(f.experts[1]), flags[0].ID, f.experts[1].ID, flags[0].Version, "x"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("another expert justified the flag: %v", err)
		}
		if err := st.JustifyFlag(ctx, expertActor(f.experts[2]), flags[0].ID, f.experts[2].ID, flags[0].Version, "现场核实协同机制尚未运行"); err != nil {
			t.Fatal(err)
		}
		// The same computation again keeps the justified flag and its reason.
		if err := st.SyncFlags(ctx, store.SystemActor(""), f.stage.ID, f.dossier.ID, "h1", []store.FlagDraft{low}); err != nil {
			t.Fatal(err)
		}
		all, _ := st.FindFlags(ctx, store.FlagFilter{StageID: f.stage.ID})
		if len(all) != 1 || all[0].Status != store.FlagJustified || all[0].Reason != "现场核实协同机制尚未运行" {
			t.Fatalf("flags after recompute = %+v", all)
		}
		rows, _ := st.SubmittedScores(ctx, f.stage.ID)
		var flagged int
		for _, r := range rows {
			flagged += len(r.Flags)
		}
		if flagged != 1 {
			t.Errorf("submitted rows carry %d flags; want 1", flagged)
		}
		// Nothing computed any more: the flag is superseded, not deleted.
		if err := st.SyncFlags(ctx, store.SystemActor(""), f.stage.ID, f.dossier.ID, "h1", nil); err != nil {
			t.Fatal(err)
		}
		all, _ = st.FindFlags(ctx, store.FlagFilter{StageID: f.stage.ID})
		if len(all) != 1 || all[0].Status != store.FlagSuperseded {
			t.Errorf("flags = %+v; want the one superseded", all)
		}
	})
}

// TestSubmitSheet_LastSignerSeesEveryone signs a dossier's sheets at the same
// moment: exactly one transaction finds the panel complete, so the flags are
// computed once and never missed.
func TestSubmitSheet_LastSignerSeesEveryone(t *testing.T) {
	clock := &storetest.Clock{T: t0}
	storetest.Each(t, clock.Now, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := newPanelFixture(t, st)
		var sheets []*store.ScoreSheet
		for i, a := range f.assign {
			sh, _, err := st.SaveSheet(ctx, expertActor(f.experts[i]), store.SheetSave{AssignmentID: a.ID, RubricHash: "h1",
				Values: []store.SheetValue{{CriterionID: "A1.4", Points: "6"}}})
			if err != nil {
				t.Fatal(err)
			}
			sheets = append(sheets, sh)
		}
		var mu sync.Mutex
		complete := 0
		var wg sync.WaitGroup
		for i, sh := range sheets {
			wg.Add(1)
			go func() {
				defer wg.Done()
				err := st.Tx(ctx, func(tx *store.Store) error {
					if _, err := tx.SubmitSheet(ctx, expertActor(f.experts[i]), sh.ID, sh.Version); err != nil {
						return err
					}
					done, err := tx.DossierSheetsComplete(ctx, f.stage.ID, f.dossier.ID)
					if done {
						mu.Lock()
						complete++
						mu.Unlock()
					}
					return err
				})
				if err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		if complete != 1 {
			t.Errorf("%d transactions saw the panel complete; want exactly 1", complete)
		}
	})
}

// TestSheetValues_KeptEqualToTheHistory: a sheet's current values, kept
// beside its version, are always its history replayed — after saves,
// cleared answers, a signature and a revision — and the migration that
// introduced them computes the same values from the history alone.
func TestSheetValues_KeptEqualToTheHistory(t *testing.T) {
	clock := &storetest.Clock{T: t0}
	replayed := func(t *testing.T, st *store.Store, sheetID int64) map[string]store.SheetValue {
		t.Helper()
		hist, err := st.SheetHistory(context.Background(), sheetID)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]store.SheetValue{}
		for _, e := range hist {
			out[e.CriterionID] = e.Value()
		}
		return out
	}
	same := func(a, b map[string]store.SheetValue) bool {
		if len(a) != len(b) {
			return false
		}
		for id, v := range a {
			if b[id] != v {
				return false
			}
		}
		return true
	}
	check := func(t *testing.T, st *store.Store, db *sql.DB, dsn string) {
		ctx := context.Background()
		f := newPanelFixture(t, st)
		e, a := f.experts[0], f.assign[0]
		var sh *store.ScoreSheet
		for i, values := range [][]store.SheetValue{
			{{CriterionID: "A1.4", Points: "6.5", Comment: "地标效应明显"}, {CriterionID: "A6.1", Veto: "no"}},
			{{CriterionID: "A1.4", Points: "7", Comment: "地标效应明显"}, {CriterionID: "", Comment: "总体良好"}},
			{{CriterionID: "A1.4", Points: "", Comment: ""}}, // cleared
			{{CriterionID: "A1.4", Points: "8"}},
		} {
			var version int64
			if sh != nil {
				version = sh.Version
			}
			var err error
			if sh, _, err = st.SaveSheet(ctx, expertActor(e), store.SheetSave{AssignmentID: a.ID, Version: version,
				RubricHash: "h1", Values: values}); err != nil {
				t.Fatalf("save %d: %v", i, err)
			}
			got, err := st.SheetValues(ctx, sh.ID)
			if err != nil {
				t.Fatal(err)
			}
			if want := replayed(t, st, sh.ID); !same(got, want) {
				t.Fatalf("after save %d: current values %v, history replayed %v", i, got, want)
			}
		}
		sh, err := st.SubmitSheet(ctx, expertActor(e), sh.ID, sh.Version)
		if err != nil {
			t.Fatal(err)
		}
		if sh, err = st.ReviseSheetValue(ctx, expertActor(e), sh.ID, sh.Version, "h1",
			store.SheetValue{CriterionID: "A1.4", Points: "7.5", Comment: "复核后调整"}); err != nil {
			t.Fatal(err)
		}
		got, _ := st.SheetValues(ctx, sh.ID)
		want := replayed(t, st, sh.ID)
		if !same(got, want) || got["A1.4"].Points != "7.5" {
			t.Fatalf("after the revision: current values %v, history replayed %v", got, want)
		}

		// The migration computes them from the history of a database that
		// had none.
		if _, err := db.Exec("UPDATE score_sheets SET current_values = ''"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec("DELETE FROM schema_migrations WHERE id = '0011_score_sheet_values'"); err != nil {
			t.Fatal(err)
		}
		again, err := store.Open(ctx, store.Options{DSN: dsn, Now: clock.Now})
		if err != nil {
			t.Fatal(err)
		}
		defer again.Close()
		if got, _ := again.SheetValues(ctx, sh.ID); !same(got, want) {
			t.Fatalf("after the migration: current values %v, history replayed %v", got, want)
		}
	}
	t.Run("sqlite", func(t *testing.T) {
		st, path := storetest.SQLitePath(t, clock.Now)
		db, err := sql.Open("sqlite3", path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		check(t, st, db, path)
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := storetest.PostgresDSN(t)
		st, err := store.Open(context.Background(), store.Options{DSN: dsn, Now: clock.Now})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		check(t, st, db, dsn)
	})
}
