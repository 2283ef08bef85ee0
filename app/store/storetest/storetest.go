// Package storetest opens real stores for tests: a fresh SQLite file per test,
// and, when TEST_POSTGRES_DSN is set, a fresh PostgreSQL database per test
// that is dropped afterwards.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"chainjudge/app/store"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver for creating test databases
)

// PostgresEnv is the environment variable holding a DSN of a PostgreSQL
// server where tests may create and drop databases.
const PostgresEnv = "TEST_POSTGRES_DSN"

// Clock is a settable clock for tests.
type Clock struct{ T time.Time }

// Now returns the clock's time.
func (c *Clock) Now() time.Time { return c.T }

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) { c.T = c.T.Add(d) }

// SQLitePath opens a store on a new SQLite file in tb.TempDir() and returns
// it with the file's path.
func SQLitePath(tb testing.TB, now func() time.Time) (*store.Store, string) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "chainjudge.db")
	st, err := store.Open(context.Background(), store.Options{DSN: path, Now: now})
	if err != nil {
		tb.Fatalf("open sqlite store: %v", err)
	}
	tb.Cleanup(func() { st.Close() })
	return st, path
}

// SQLite opens a store on a new SQLite file.
func SQLite(tb testing.TB, now func() time.Time) *store.Store {
	tb.Helper()
	st, _ := SQLitePath(tb, now)
	return st
}

// PostgresDSN creates a fresh database on the server named by
// TEST_POSTGRES_DSN, drops it when the test ends, and returns its DSN. The test
// is skipped when the variable is unset.
func PostgresDSN(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		tb.Skipf("PostgreSQL tests skipped: set %s (e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable)", PostgresEnv)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatalf("connect to %s: %v", PostgresEnv, err)
	}
	defer admin.Close()
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "cj_test_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		tb.Fatalf("create test database: %v", err)
	}
	tb.Cleanup(func() {
		admin, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer admin.Close()
		_, _ = admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("%s must be a postgres:// URL: %v", PostgresEnv, err)
	}
	u.Path = "/" + name
	return u.String()
}

// Postgres opens a store on a fresh PostgreSQL database (see PostgresDSN).
func Postgres(tb testing.TB, now func() time.Time) *store.Store {
	tb.Helper()
	dsn := PostgresDSN(tb)
	st, err := store.Open(context.Background(), store.Options{DSN: dsn, Now: now, MaxOpenConns: 8})
	if err != nil {
		tb.Fatalf("open postgres store: %v", err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

// Each runs fn as a subtest against SQLite and, when configured, PostgreSQL.
func Each(t *testing.T, now func() time.Time, fn func(t *testing.T, st *store.Store)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t, now)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t, now)) })
}
