package app_test

import (
	"context"
	"net/http/httptest"
	"testing"

	"chainjudge/app/apptest"
	"chainjudge/app/loadtest/loadkit"
)

// BenchmarkSheetAutosave is one expert's autosave of a whole score sheet
// (every criterion changed), over HTTP through the real server on a SQLite
// file: session, CSRF, the sheet's checks, the transaction with its history
// rows and audit entry, the JSON answer. One save at a time, so it measures
// the work of a save, not contention; app/loadtest measures the load.
// allocs/op and B/op include the client's side of the request.
func BenchmarkSheetAutosave(b *testing.B) {
	env := apptest.New(b)
	ctx := context.Background()
	fix, err := loadkit.Seed(ctx, env.Store, loadkit.SeedOptions{Experts: 7, SheetsPerExpert: 1})
	if err != nil {
		b.Fatal(err)
	}
	web := httptest.NewServer(env.Server)
	defer web.Close()
	ledger := loadkit.NewLedger()
	r := loadkit.NewRunners(web.URL, fix, ledger, loadkit.NewTransport(1), 1)[0]
	if err := r.Login(ctx); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := r.Save(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if saves, _ := ledger.Counts(); saves < b.N {
		b.Fatalf("%d saves acknowledged, %d made", saves, b.N)
	}
}
