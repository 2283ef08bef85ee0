package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
)

// sqliteWriter runs every transaction of a SQLite store, one after another,
// on one connection of its own. SQLite admits one writer at a time; queueing
// the transactions in Go instead of letting connections poll the file lock
// (the busy handler sleeps up to 100 ms at a time) is what keeps latency
// flat under load.
//
// Two things make it cheaper than one transaction per commit on a pooled
// connection, which the load test (app/loadtest) measured:
//   - group commit: the transactions waiting when the connection comes free
//     run in one SQLite transaction, each inside a savepoint of its own, and
//     commit together (see run). Every caller still returns only after the
//     commit that holds its work, so acknowledged means durable as before.
//   - kept statements: every statement is compiled once per connection
//     (stmt). gorm's own cache (PrepareStmt) compiles a statement first seen
//     inside a transaction again in every later one, because database/sql
//     closes statements prepared on a transaction when it ends.
type sqliteWriter struct {
	db   *sql.DB
	conn *sql.Conn
	gdb  *gorm.DB // gorm on conn, through this type's ConnPool methods

	mu    sync.Mutex
	stmts map[string]*sql.Stmt

	queueMu sync.RWMutex // held to send on queue; Close takes it to close queue
	queue   chan *writeJob
	closed  bool
	stopped chan struct{}
}

// writerStmtCap bounds the statement cache: queries with IN lists or batch
// inserts of varying length are distinct statements. When the cache is
// full it starts again empty.
const writerStmtCap = 512

// maxGroup caps the transactions of one commit, so the first of them does
// not wait long for the last.
const maxGroup = 64

// errStoreClosed answers a transaction begun after Close.
var errStoreClosed = errors.New("store: closed")

// writeJob is one Tx waiting for the writer.
type writeJob struct {
	store    *Store // the Store Tx was called on (its clock, say)
	ctx      context.Context
	fn       func(tx *Store) error
	err      error
	panicked any
	done     chan struct{}
}

func openSQLiteWriter(ctx context.Context, dsn string, cfg *gorm.Config, checkpointer *sql.DB) (*sqliteWriter, error) {
	db, err := sql.Open(sqlite.DriverName, dsn)
	if err != nil {
		return nil, fmt.Errorf("open sqlite writer: %w", err)
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite writer connection: %w", err)
	}
	w := &sqliteWriter{db: db, conn: conn, stmts: map[string]*sql.Stmt{},
		queue: make(chan *writeJob, 1024), stopped: make(chan struct{})}
	if w.gdb, err = gorm.Open(sqlite.New(sqlite.Config{Conn: w}), cfg); err != nil {
		conn.Close()
		db.Close()
		return nil, fmt.Errorf("open sqlite writer: %w", err)
	}
	// The writer does not checkpoint the WAL on commit (which stalls every
	// queued transaction behind a copy and an fsync); checkpoint does it
	// beside the writer.
	if _, err := conn.ExecContext(ctx, "PRAGMA wal_autocheckpoint=0"); err != nil {
		conn.Close()
		db.Close()
		return nil, fmt.Errorf("sqlite writer: %w", err)
	}
	go w.run()
	go w.checkpoint(checkpointer)
	return w, nil
}

// checkpointEvery is how often the WAL is copied back into the database.
const checkpointEvery = time.Second

// checkpoint copies committed pages from the WAL back into the database
// file every checkpointEvery, on a connection of the read pool, without
// waiting for readers or the writer (PASSIVE): the writer goes on while it
// runs, and SQLite starts the WAL from its beginning once it has all been
// copied.
func (w *sqliteWriter) checkpoint(pool *sql.DB) {
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	for {
		select {
		case <-w.stopped:
			return
		case <-t.C:
			// Errors are harmless: the next round tries again, and
			// SQLite checkpoints when the last connection closes.
			pool.Exec("PRAGMA wal_checkpoint(PASSIVE)")
		}
	}
}

// submit runs fn in a transaction on the writer and waits for its commit.
// A panic in fn is raised again here, in the caller's goroutine.
func (w *sqliteWriter) submit(ctx context.Context, s *Store, fn func(tx *Store) error) error {
	job := &writeJob{store: s, ctx: ctx, fn: fn, done: make(chan struct{})}
	w.queueMu.RLock()
	if w.closed {
		w.queueMu.RUnlock()
		return errStoreClosed
	}
	w.queue <- job
	w.queueMu.RUnlock()
	<-job.done
	if job.panicked != nil {
		panic(job.panicked)
	}
	return job.err
}

// run takes the queued transactions in turn: whatever is waiting when the
// connection comes free goes into one commit.
func (w *sqliteWriter) run() {
	defer close(w.stopped)
	for job := range w.queue {
		group := []*writeJob{job}
	more:
		for len(group) < maxGroup {
			select {
			case j, ok := <-w.queue:
				if !ok {
					break more
				}
				group = append(group, j)
			default:
				break more
			}
		}
		for len(group) > 0 {
			group = w.commitGroup(group)
		}
	}
}

// groupCommit is what the transactions of one commit share: the head of
// the audit chain, so that each of them need not read it and write the
// head pointer again (see Store.Audit).
type groupCommit struct {
	head      auditHead
	headDirty bool
}

// auditHead is the last entry of the audit chain.
type auditHead struct {
	known bool
	id    int64
	hash  string
}

// commitGroup runs the jobs, each in a savepoint, up to and including the
// first that fails, and commits what succeeded. A failed job's savepoint is
// rolled back, and the group ends there: SQLite may have abandoned the
// whole transaction on some errors (a full disk, say), and no later job
// must then run outside one. It returns the jobs it did not run.
func (w *sqliteWriter) commitGroup(jobs []*writeJob) (rest []*writeJob) {
	ran := 0
	gc := &groupCommit{}
	err := w.gdb.WithContext(jobs[0].ctx).Transaction(func(gtx *gorm.DB) error {
		for _, job := range jobs {
			ran++
			before := *gc
			if ok := w.runJob(gtx, gc, job); !ok {
				*gc = before
				break
			}
		}
		if gc.headDirty {
			return jobs[0].store.bound(gtx).putSetting(jobs[0].ctx, auditHeadKey, fmt.Sprintf("%d:%s", gc.head.id, gc.head.hash))
		}
		return nil
	})
	if ran == 0 { // the transaction did not begin
		for _, job := range jobs {
			job.err = fmt.Errorf("begin: %w", err)
			close(job.done)
		}
		return nil
	}
	for _, job := range jobs[:ran] {
		if err != nil && job.err == nil && job.panicked == nil {
			job.err = fmt.Errorf("commit: %w", err)
		}
		close(job.done)
	}
	return jobs[ran:]
}

// runJob runs one job inside a savepoint of the group's transaction and
// reports whether it succeeded; a failed job's work is rolled back to the
// savepoint.
func (w *sqliteWriter) runJob(gtx *gorm.DB, gc *groupCommit, job *writeJob) (ok bool) {
	db := gtx.WithContext(job.ctx)
	if err := db.Exec("SAVEPOINT job").Error; err != nil {
		job.err = fmt.Errorf("savepoint: %w", err)
		return false
	}
	defer func() {
		if p := recover(); p != nil {
			job.panicked = p
		}
		if job.err == nil && job.panicked == nil {
			if err := db.Exec("RELEASE job").Error; err != nil {
				job.err = fmt.Errorf("release savepoint: %w", err)
			}
		} else {
			// ROLLBACK TO keeps the savepoint open; RELEASE ends it.
			db.Exec("ROLLBACK TO job")
			db.Exec("RELEASE job")
		}
		ok = job.err == nil && job.panicked == nil
	}()
	tx := job.store.bound(db)
	tx.commit = gc
	job.err = job.fn(tx)
	return
}

// stmt returns the compiled statement for query, compiling it once.
func (w *sqliteWriter) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if st, ok := w.stmts[query]; ok {
		return st, nil
	}
	if len(w.stmts) >= writerStmtCap {
		w.closeStmtsLocked()
	}
	st, err := w.conn.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	w.stmts[query] = st
	return st, nil
}

func (w *sqliteWriter) closeStmtsLocked() {
	for q, st := range w.stmts {
		st.Close()
		delete(w.stmts, q)
	}
}

// Close waits for the queued transactions, then closes the statements, the
// connection and its pool.
func (w *sqliteWriter) Close() error {
	w.queueMu.Lock()
	if !w.closed {
		w.closed = true
		close(w.queue)
	}
	w.queueMu.Unlock()
	<-w.stopped
	w.mu.Lock()
	w.closeStmtsLocked()
	w.mu.Unlock()
	w.conn.Close()
	return w.db.Close()
}

// The gorm.ConnPool methods.

func (w *sqliteWriter) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	return w.stmt(ctx, query)
}

func (w *sqliteWriter) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := w.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (w *sqliteWriter) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := w.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (w *sqliteWriter) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := w.stmt(ctx, query)
	if err != nil {
		// sql.Row cannot be built with an error; a query on the bare
		// connection reports the same failure through Scan.
		return w.conn.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// BeginTx starts a transaction that takes the write lock at once (BEGIN
// IMMEDIATE), so a transaction that reads before it writes never fails on
// upgrading its lock. It makes sqliteWriter a gorm.ConnPoolBeginner.
func (w *sqliteWriter) BeginTx(ctx context.Context, _ *sql.TxOptions) (gorm.ConnPool, error) {
	if _, err := w.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	return &sqliteWriterTx{w}, nil
}

// sqliteWriterTx is a transaction on the writer connection (a
// gorm.TxCommitter).
type sqliteWriterTx struct{ *sqliteWriter }

// Commit ends the transaction. When COMMIT fails (the transaction is still
// open), gorm rolls it back.
func (t *sqliteWriterTx) Commit() error {
	_, err := t.ExecContext(context.Background(), "COMMIT")
	return err
}

// Rollback abandons the transaction.
func (t *sqliteWriterTx) Rollback() error {
	_, err := t.ExecContext(context.Background(), "ROLLBACK")
	return err
}
