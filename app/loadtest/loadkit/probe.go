package loadkit

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"chainjudge/app/store"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx" for the PostgreSQL probe
	_ "github.com/mattn/go-sqlite3"    // database/sql driver "sqlite3" for the SQLite probe
)

// ProbeResult is the raw database's rate for a single-row write transaction.
type ProbeResult struct {
	Commits   int64
	Elapsed   time.Duration
	PerSecond float64
	Settings  string // the engine settings that decide durability
}

// Probe measures how many single-row write transactions (BEGIN; INSERT one
// score-entry-sized row; COMMIT) the database behind dsn commits per second
// with conc connections writing at once, for d. A SQLite DSN is a file path:
// the probe writes its own file next to it with the store's settings; on
// PostgreSQL it writes a table of its own in the same database and drops it.
func Probe(ctx context.Context, dsn string, postgres bool, conc int, d time.Duration) (*ProbeResult, error) {
	var (
		db  *sql.DB
		err error
	)
	if postgres {
		db, err = sql.Open("pgx", dsn)
	} else {
		// The store's own connection settings, so the figure is the
		// ceiling the service writes under.
		db, err = sql.Open("sqlite3", store.SQLiteDSN(filepath.Join(filepath.Dir(dsn), "probe.db")))
	}
	if err != nil {
		return nil, fmt.Errorf("probe: open: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(conc)
	db.SetMaxIdleConns(conc)
	idType := "INTEGER PRIMARY KEY AUTOINCREMENT"
	if postgres {
		idType = "BIGSERIAL PRIMARY KEY"
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS loadtest_probe (id `+idType+`,
		sheet_id BIGINT NOT NULL, criterion_id TEXT NOT NULL, points TEXT NOT NULL, comment TEXT NOT NULL,
		created_at TIMESTAMP NOT NULL)`); err != nil {
		return nil, fmt.Errorf("probe: create table: %w", err)
	}
	if postgres {
		defer db.ExecContext(context.WithoutCancel(ctx), "DROP TABLE IF EXISTS loadtest_probe")
	}
	res := &ProbeResult{}
	if res.Settings, err = probeSettings(ctx, db, postgres); err != nil {
		return nil, err
	}
	ins := "INSERT INTO loadtest_probe (sheet_id, criterion_id, points, comment, created_at) VALUES (?, ?, ?, ?, ?)"
	if postgres {
		ins = "INSERT INTO loadtest_probe (sheet_id, criterion_id, points, comment, created_at) VALUES ($1, $2, $3, $4, $5)"
	}
	var commits atomic.Int64
	var firstErr error
	var once sync.Once
	end := time.Now().Add(d)
	start := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < conc; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; time.Now().Before(end) && ctx.Err() == nil; i++ {
				err := func() error {
					tx, err := db.BeginTx(ctx, nil)
					if err != nil {
						return err
					}
					if _, err := tx.ExecContext(ctx, ins, w, "A1.4", "6.5", "第一次保存：评分依据充分。", time.Now().UTC()); err != nil {
						tx.Rollback()
						return err
					}
					return tx.Commit()
				}()
				if err != nil {
					once.Do(func() { firstErr = err })
					return
				}
				commits.Add(1)
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return nil, fmt.Errorf("probe: write: %w", firstErr)
	}
	res.Elapsed = time.Since(start)
	res.Commits = commits.Load()
	res.PerSecond = float64(res.Commits) / res.Elapsed.Seconds()
	return res, nil
}

// probeSettings reads back the settings that decide what a commit costs.
func probeSettings(ctx context.Context, db *sql.DB, postgres bool) (string, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	if postgres {
		var sync, fsync string
		if err := conn.QueryRowContext(ctx, "SHOW synchronous_commit").Scan(&sync); err != nil {
			return "", fmt.Errorf("probe: settings: %w", err)
		}
		if err := conn.QueryRowContext(ctx, "SHOW fsync").Scan(&fsync); err != nil {
			return "", fmt.Errorf("probe: settings: %w", err)
		}
		return "synchronous_commit=" + sync + ", fsync=" + fsync, nil
	}
	var mode string
	var sync int
	if err := conn.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return "", fmt.Errorf("probe: settings: %w", err)
	}
	if err := conn.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&sync); err != nil {
		return "", fmt.Errorf("probe: settings: %w", err)
	}
	names := map[int]string{0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}
	return "journal_mode=" + mode + ", synchronous=" + names[sync], nil
}
