package main

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"chainjudge/app/store/storetest"
)

// TestCrash_AcknowledgedSavesSurviveSIGKILL kills the real server binary
// under concurrent autosaves and signatures, restarts it, and checks that
// every save and signature it acknowledged is in the database and nothing
// is half-written. CHAINJUDGE_CRASH_KILLS sets the number of kills (3 by
// default; CI runs 20); with TEST_POSTGRES_DSN set it runs on PostgreSQL
// too.
func TestCrash_AcknowledgedSavesSurviveSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the server binary; skipped with -short")
	}
	kills := 3
	if v := os.Getenv("CHAINJUDGE_CRASH_KILLS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("CHAINJUDGE_CRASH_KILLS=%q: want a positive number", v)
		}
		kills = n
	}
	o := options{kills: kills, experts: 12, sheets: 3, minRun: 150 * time.Millisecond, maxRun: 900 * time.Millisecond,
		seed: uint64(time.Now().UnixNano()), signOdds: 30}
	engines := map[string]string{"sqlite": ""}
	if os.Getenv(storetest.PostgresEnv) != "" {
		engines["postgres"] = os.Getenv(storetest.PostgresEnv)
	}
	for name, db := range engines {
		t.Run(name, func(t *testing.T) {
			o := o
			o.db = db
			var out strings.Builder
			ok, err := run(context.Background(), o, &out)
			t.Log("\n" + out.String())
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				t.Fatal("the database does not hold what the server acknowledged (see the log above)")
			}
		})
	}
}
