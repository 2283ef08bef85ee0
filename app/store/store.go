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
	dialect Dialect
	now     func() time.Time
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
	cfg := &gorm.Config{
		NowFunc: func() time.Time { return now().UTC() },
		Logger: quietLogger{logger.New(log.New(os.Stderr, "", log.LstdFlags), logger.Config{
			SlowThreshold:             500 * time.Millisecond,
			LogLevel:                  level,
			IgnoreRecordNotFoundError: true,
		})},
		TranslateError:         true,
		SkipDefaultTransaction: true,
	}
	var (
		dialector gorm.Dialector
		dialect   Dialect
	)
	if IsPostgresDSN(opts.DSN) {
		dialector, dialect = postgres.Open(opts.DSN), Postgres
	} else {
		if dir := filepath.Dir(opts.DSN); dir != "" {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("store: create data directory: %w", err)
			}
		}
		dialector, dialect = sqlite.Open(sqliteDSN(opts.DSN)), SQLite
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
	if err := s.migrate(ctx); err != nil {
		sqlDB.Close()
		return nil, err
	}
	return s, nil
}

// sqliteDSN adds the connection settings every SQLite connection needs:
// WAL so readers never block the writer, foreign keys on, a busy timeout so
// concurrent writers queue instead of failing, and BEGIN IMMEDIATE so a
// transaction that reads before it writes cannot deadlock on lock upgrade.
func sqliteDSN(path string) string {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return "file:" + path + sep +
		"_journal_mode=WAL&_foreign_keys=on&_busy_timeout=10000&_txlock=immediate&_synchronous=FULL"
}

// Close releases the connection pool.
func (s *Store) Close() error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
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
// transaction commits when fn returns nil and rolls back otherwise.
func (s *Store) Tx(ctx context.Context, fn func(tx *Store) error) error {
	return s.db.WithContext(ctx).Transaction(func(gtx *gorm.DB) error {
		return fn(&Store{db: gtx, dialect: s.dialect, now: s.now})
	})
}

// conn returns the gorm handle for a query with ctx attached.
func (s *Store) conn(ctx context.Context) *gorm.DB {
	return s.db.WithContext(ctx)
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
