// Package store is chainjudge's persistence layer: the only package that
// imports gorm. It opens SQLite (the embedded default) or PostgreSQL, runs the
// versioned migrations, and offers named query functions that take a context
// first and return plain structs.
package store

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Errors the app maps to HTTP statuses.
var (
	// ErrNotFound means the requested row does not exist (or is not visible to the caller).
	ErrNotFound = errors.New("记录不存在")
	// ErrConflict means a concurrent change won (optimistic locking) or a state rule refused the change.
	ErrConflict = errors.New("数据已被他人修改，请刷新后重试")
	// ErrDuplicate means a uniqueness rule was violated.
	ErrDuplicate = errors.New("记录已存在")
)

// Dialect names the database engine behind a Store.
type Dialect string

// Supported dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Options configure Open.
type Options struct {
	// DSN is a PostgreSQL URL (postgres://…) or a SQLite file path.
	DSN string
	// Now is the clock used for timestamps; defaults to time.Now.
	Now func() time.Time
	// LogSQL logs every statement (debugging only).
	LogSQL bool
	// MaxOpenConns caps the pool; 0 picks a default per dialect.
	MaxOpenConns int
}

// Store is a handle on the database. A Store obtained inside Tx is bound to
// that transaction; every method works the same on both.
type Store struct {
	db      *gorm.DB
	writer  *sqliteWriter // SQLite only
	dialect Dialect
	now     func() time.Time
	inTx    bool
	// commit is the SQLite commit a transaction's Store is part of (nil
	// elsewhere).
	commit *groupCommit
}

// IsPostgresDSN reports whether dsn names a PostgreSQL database.
func IsPostgresDSN(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") ||
		strings.Contains(dsn, "host=")
}

// Open connects to the database named by opts.DSN and brings its schema up to
// date by running the pending migrations.
func Open(ctx context.Context, opts Options) (*Store, error) {
	if opts.DSN == "" {
		return nil, errors.New("store: empty DSN")
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	level := logger.Warn
	if opts.LogSQL {
		level = logger.Info
	}
	config := func() *gorm.Config {
		return &gorm.Config{
			NowFunc: func() time.Time { return now().UTC() },
			Logger: quietLogger{logger.New(log.New(os.Stderr, "", log.LstdFlags), logger.Config{
				SlowThreshold:             500 * time.Millisecond,
				LogLevel:                  level,
				IgnoreRecordNotFoundError: true,
			})},
			TranslateError:         true,
			SkipDefaultTransaction: true,
		}
	}
	// SQLite compiles every statement anew unless it is kept: the load test
	// showed the compiling costing as much as running them. The PostgreSQL
	// driver (pgx) keeps its own cache per connection.
	sqliteConfig := func() *gorm.Config {
		c := config()
		c.PrepareStmt, c.PrepareStmtMaxSize, c.PrepareStmtTTL = true, 1024, time.Hour
		return c
	}
	var cfg *gorm.Config
	var (
		dialector gorm.Dialector
		dialect   Dialect
	)
	if IsPostgresDSN(opts.DSN) {
		dialector, dialect, cfg = postgres.Open(opts.DSN), Postgres, config()
	} else {
		if dir := filepath.Dir(opts.DSN); dir != "" {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("store: create data directory: %w", err)
			}
		}
		dialector, dialect = sqlite.Open(SQLiteDSN(opts.DSN)), SQLite
		cfg = sqliteConfig()
	}
	db, err := gorm.Open(dialector, cfg)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", dialect, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("store: pool: %w", err)
	}
	maxOpen := opts.MaxOpenConns
	if maxOpen == 0 {
		maxOpen = 16
	}
	sqlDB.SetMaxOpenConns(maxOpen)
	sqlDB.SetMaxIdleConns(maxOpen)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	if err := sqlDB.PingContext(ctx); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("store: connect to %s: %w", dialect, err)
	}
	s := &Store{db: db, dialect: dialect, now: now}
	if dialect == SQLite {
		// Transactions get a connection of their own, so the one writer
		// never queues for a connection behind the readers.
		if s.writer, err = openSQLiteWriter(ctx, SQLiteDSN(opts.DSN), config(), sqlDB); err != nil {
			sqlDB.Close()
			return nil, fmt.Errorf("store: %w", err)
		}
	}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// SQLiteDSN is the driver DSN of the SQLite file at path with the settings
// every connection of the store has: WAL so readers never block the
// writer, foreign keys on, a busy timeout so a writer from another process
// (a CLI command) queues instead of failing, BEGIN IMMEDIATE so a
// transaction that reads before it writes cannot deadlock on lock upgrade,
// and synchronous=FULL so a commit is on disk before it is acknowledged,
// power cuts included (group commit makes that one fsync per group).
func SQLiteDSN(path string) string {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return "file:" + path + sep +
		"_journal_mode=WAL&_foreign_keys=on&_busy_timeout=10000&_txlock=immediate&_synchronous=FULL"
}

// Close releases the connection pools.
func (s *Store) Close() error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	if s.writer != nil {
		s.writer.Close()
	}
	return sqlDB.Close()
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}

// Dialect reports the database engine.
func (s *Store) Dialect() Dialect { return s.dialect }

// Now is the store's clock (UTC).
func (s *Store) Now() time.Time { return s.now().UTC() }

// Tx runs fn inside one database transaction; fn's Store is bound to it. The
// transaction commits when fn returns nil and rolls back otherwise; Tx
// returns after the commit. A Tx inside a Tx is a savepoint of the outer
// one. On SQLite the process's transactions run one after another on the
// writer connection, several to a commit (see sqliteWriter.run).
func (s *Store) Tx(ctx context.Context, fn func(tx *Store) error) (err error) {
	if s.dialect == SQLite && !s.inTx {
		return s.writer.submit(sqliteContext(s.dialect, ctx), s, fn)
	}
	if s.commit != nil {
		// A savepoint rolled back takes its audit entries with it.
		before := *s.commit
		defer func() {
			if err != nil {
				*s.commit = before
			}
		}()
	}
	return s.db.WithContext(sqliteContext(s.dialect, ctx)).Transaction(func(gtx *gorm.DB) error {
		return fn(s.bound(gtx))
	})
}

// bound is s bound to the transaction gtx.
func (s *Store) bound(gtx *gorm.DB) *Store {
	c := *s
	c.db, c.inTx = gtx, true
	return &c
}

// conn returns the gorm handle for a query with ctx attached.
func (s *Store) conn(ctx context.Context) *gorm.DB {
	return s.db.WithContext(sqliteContext(s.dialect, ctx))
}

// sqliteContext drops ctx's cancellation for SQLite: the driver runs every
// statement step of a cancellable context on a goroutine of its own (to be
// able to interrupt it), which the load test showed costing more than the
// statements. SQLite statements here take microseconds and a transaction
// is better finished than interrupted, so nothing is lost.
func sqliteContext(d Dialect, ctx context.Context) context.Context {
	if d == SQLite {
		return context.WithoutCancel(ctx)
	}
	return ctx
}

// translate maps driver errors onto the store's sentinel errors.
func translate(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, gorm.ErrRecordNotFound):
		return ErrNotFound
	case errors.Is(err, gorm.ErrDuplicatedKey):
		return fmt.Errorf("%w: %v", ErrDuplicate, err)
	}
	return err
}

// quietLogger drops gorm's log line for a violated unique constraint: the
// store turns it into ErrDuplicate, an expected answer, not a fault.
type quietLogger struct{ logger.Interface }

func (l quietLogger) LogMode(level logger.LogLevel) logger.Interface {
	return quietLogger{l.Interface.LogMode(level)}
}

func (l quietLogger) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	if err != nil && errors.Is(err, gorm.ErrDuplicatedKey) {
		return
	}
	l.Interface.Trace(ctx, begin, fc, err)
}
